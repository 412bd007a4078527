// The generic session clock against a fake session kind: leases, take-over, stale re-reads and
// store faults, with fake timers and no phases of its own.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionClock, type ClockTarget } from '../../src/lib/server/kernel/session-clock';

class FakeSessions implements ClockTarget {
	/** The fake timers' clock, so that a timer sees the time it fires at. */
	get now() {
		return Date.now();
	}
	leases = new Map<string, { owner: string; until: number }>();
	due = new Map<string, number | 'ended'>();
	fired: string[] = [];
	failNext: 'stale' | 'fault' | null = null;
	reports: string[] = [];

	/** Sessions whose lease lapsed (never-leased ones need no clock yet). */
	async lapsedIds(limit: number) {
		return [...this.leases.entries()]
			.filter(([id, l]) => l.until <= this.now && this.due.get(id) !== 'ended')
			.map(([id]) => id)
			.slice(0, limit);
	}
	async renewLeases(owner: string, ids: string[], ttlMs: number) {
		const held = ids.filter((id) => this.leases.get(id)?.owner === owner);
		for (const id of held) this.leases.set(id, { owner, until: this.now + ttlMs });
		return held;
	}
	async acquireLease(id: string, owner: string, ttlMs: number) {
		const l = this.leases.get(id);
		if (l && l.owner !== owner && l.until > this.now) return false;
		this.leases.set(id, { owner, until: this.now + ttlMs });
		return true;
	}
	async releaseLease(id: string, owner: string) {
		if (this.leases.get(id)?.owner === owner) this.leases.set(id, { owner: '', until: 0 });
	}
	async nextJob(id: string) {
		const at = this.due.get(id);
		if (at === undefined) return null;
		if (at === 'ended') return 'ended' as const;
		return {
			at,
			fire: async () => {
				const f = this.failNext;
				this.failNext = null;
				if (f) throw new Error(f);
				this.fired.push(`${id}@${this.now}`);
				this.due.delete(id);
			}
		};
	}
	classify(e: unknown) {
		return (e as Error).message === 'stale' ? ('stale' as const) : ('fault' as const);
	}
	report(_e: unknown, where: string) {
		this.reports.push(where);
	}
}

describe('SessionClock', () => {
	let s: FakeSessions;
	const clocks: SessionClock[] = [];
	const clock = (owner: string) => {
		const c = new SessionClock(owner, s, () => s.now, {
			leaseMs: 1000,
			sweepMs: 200,
			retryMs: 300
		});
		clocks.push(c);
		return c;
	};
	const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

	beforeEach(() => {
		vi.useFakeTimers();
		vi.setSystemTime(0);
		s = new FakeSessions();
	});
	afterEach(async () => {
		for (const c of clocks.splice(0)) await c.stop();
		vi.useRealTimers();
	});

	it('a stop waits for the sweep in progress, so that its store calls end before the stores close', async () => {
		let release: () => void = () => {};
		const slow = new Promise<void>((r) => (release = r));
		const calls: string[] = [];
		s.lapsedIds = async () => {
			calls.push('lapsed');
			await slow;
			calls.push('lapsed done');
			return [];
		};
		const a = clock('A');
		void a.sweep();
		let stopped = false;
		const stopping = a.stop().then(() => (stopped = true));
		await advance(100);
		expect(stopped).toBe(false);
		release();
		await stopping;
		expect(calls).toEqual(['lapsed', 'lapsed done']);
	});

	it('a stop waits no longer than a bound for a sweep whose store does not answer', async () => {
		s.lapsedIds = () => new Promise(() => {});
		const a = clock('A');
		void a.sweep();
		let stopped = false;
		void a.stop().then(() => (stopped = true));
		await advance(2500);
		expect(stopped).toBe(true);
		clocks.splice(clocks.indexOf(a), 1); // stopped already: the sweep never ends
	});

	it('fires a session’s timer when due, on the one process holding its lease', async () => {
		s.due.set('r1', 500);
		const a = clock('A');
		const b = clock('B');
		await a.changed('r1');
		await b.changed('r1');
		expect([a.holds('r1'), b.holds('r1')]).toEqual([true, false]);
		await advance(499);
		expect(s.fired).toEqual([]);
		await advance(10);
		expect(s.fired).toEqual(['r1@505']); // due at 500, fired 5 ms late on purpose
	});

	it('another process takes over within a lease and a sweep after the holder dies', async () => {
		const a = clock('A');
		const b = clock('B');
		s.due.set('r1', 5000);
		await a.changed('r1');
		b.start();
		await a.stop({ release: false }); // a crash: the lease is left to lapse
		await advance(1000 + 200);
		expect(b.holds('r1')).toBe(true);
		await advance(5000);
		expect(s.fired).toEqual(['r1@5005']);
	});

	it('re-reads a stale timer at once and retries after a store fault', async () => {
		const a = clock('A');
		s.due.set('r1', 100);
		s.failNext = 'stale';
		await a.changed('r1');
		await advance(110);
		// The stale firing (at 105) was re-read and fired again straight away.
		expect(s.fired).toHaveLength(1);
		expect(Number(s.fired[0]!.split('@')[1])).toBeLessThanOrEqual(107);
		s.due.set('r2', 1000);
		s.failNext = 'fault';
		await a.changed('r2');
		await advance(1010 - 110);
		expect(s.fired).toHaveLength(1);
		expect(s.reports).toEqual(['timer (attempt 1)']);
		await advance(300);
		// Failed at 1005, tried again 300 ms later.
		const retried = Number(s.fired.at(-1)!.replace('r2@', ''));
		expect(retried).toBeGreaterThanOrEqual(1305);
		expect(retried).toBeLessThanOrEqual(1307);
	});

	it('retries a session in back-off at once when told a store is back', async () => {
		const a = clock('A');
		s.due.set('r1', 0);
		s.failNext = 'fault';
		await a.changed('r1');
		await advance(10);
		expect(s.reports).toEqual(['timer (attempt 1)']);
		expect(s.fired).toEqual([]);
		a.retryNow(); // the next try was due at 305
		await advance(1);
		expect(s.fired).toEqual(['r1@10']);
		a.retryNow(); // nothing is waiting any more
		await advance(1000);
		expect(s.fired).toHaveLength(1);
	});

	it('releases an ended session’s lease', async () => {
		const a = clock('A');
		s.due.set('r1', 'ended');
		await a.changed('r1');
		expect(a.holds('r1')).toBe(false);
		expect(s.leases.get('r1')).toEqual({ owner: '', until: 0 });
	});
});
