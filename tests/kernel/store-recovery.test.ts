// The watch that notices a failed store answering again, with fake timers and stand-in stores.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StoreRecovery } from '../../src/lib/server/kernel/store-recovery';

function store(name: string) {
	const s = {
		name,
		up: true,
		pings: 0,
		ping: () => {
			s.pings++;
			return s.up ? Promise.resolve() : Promise.reject(new Error('ECONNREFUSED'));
		}
	};
	return s;
}

describe('StoreRecovery', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('calls back once when the store that was down answers again, then stops watching', async () => {
		const pg = store('PostgreSQL');
		const redis = store('Redis');
		const back: string[][] = [];
		const r = new StoreRecovery([pg, redis], (names) => back.push(names), { intervalMs: 250 });
		pg.up = false;
		r.suspect();
		r.suspect(); // a second fault meanwhile: still one watch
		await vi.advanceTimersByTimeAsync(1000);
		expect(back).toEqual([]);
		expect(pg.pings).toBe(5); // at 0, 250, 500, 750, 1000 ms
		pg.up = true;
		await vi.advanceTimersByTimeAsync(250);
		expect(back).toEqual([['PostgreSQL']]);
		const pings = pg.pings;
		await vi.advanceTimersByTimeAsync(5000);
		expect(pg.pings).toBe(pings);
		expect(back).toHaveLength(1);
	});

	it('does not call back when every store answers (the fault was elsewhere)', async () => {
		const pg = store('PostgreSQL');
		const back: string[][] = [];
		const r = new StoreRecovery([pg], (names) => back.push(names));
		r.suspect();
		await vi.advanceTimersByTimeAsync(2000);
		expect([back, pg.pings]).toEqual([[], 1]);
		r.suspect(); // the next fault watches again
		await vi.advanceTimersByTimeAsync(10);
		expect(pg.pings).toBe(2);
	});

	it('counts a ping that hangs as no answer', async () => {
		const hanging = { name: 'Redis', ping: () => new Promise(() => {}) };
		const back: string[][] = [];
		const r = new StoreRecovery([hanging], (names) => back.push(names), { timeoutMs: 100 });
		r.suspect();
		await vi.advanceTimersByTimeAsync(1000);
		expect(back).toEqual([]);
		hanging.ping = () => Promise.resolve();
		await vi.advanceTimersByTimeAsync(400);
		expect(back).toEqual([['Redis']]);
		r.close();
	});
});
