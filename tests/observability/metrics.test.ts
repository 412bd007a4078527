// The metrics helpers on their own registry: socket gauge, room counter on scrape, answers counter,
// ack and store-call histograms, and instrumentStore timing every async method of a store.
import { describe, expect, it } from 'vitest';
import { instrumentStore, metrics, observeAck } from '$lib/server/metrics';
import { register as globalRegistry } from 'prom-client';

async function value(name: string, labels: Record<string, string> = {}): Promise<number> {
	const metric = metrics.registry.getSingleMetric(name);
	if (!metric) throw new Error(`no metric ${name}`);
	const { values } = await metric.get();
	const found = values.find((v) =>
		Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l)
	);
	return found?.value ?? 0;
}

describe('metrics registry', () => {
	it('is its own registry, with the default Node metrics and event-loop lag', async () => {
		const text = await metrics.registry.metrics();
		expect(text).toContain('nodejs_eventloop_lag_seconds');
		expect(text).toContain('process_cpu_user_seconds_total');
		expect(globalRegistry.getSingleMetric('anda_sockets_connected')).toBeUndefined();
	});

	it('counts connected sockets up and down', async () => {
		const before = await value('anda_sockets_connected');
		metrics.socketConnected();
		metrics.socketConnected();
		metrics.socketDisconnected();
		expect(await value('anda_sockets_connected')).toBe(before + 1);
		metrics.socketDisconnected();
	});

	it('asks the registered room counter on each scrape, and keeps the last value if it fails', async () => {
		let rooms = 3;
		metrics.setRoomCounter(() => rooms);
		expect(await value('anda_live_rooms')).toBe(3);
		rooms = 5;
		expect(await value('anda_live_rooms')).toBe(5);
		metrics.setRoomCounter(async () => {
			throw new Error('store down');
		});
		expect(await value('anda_live_rooms')).toBe(5);
		metrics.setRoomCounter(async () => 7);
		expect(await metrics.registry.metrics()).toMatch(/^anda_live_rooms 7$/m);
	});

	it('counts answers', async () => {
		const before = await value('anda_answers_received_total');
		metrics.answersReceived();
		metrics.answersReceived(4);
		expect(await value('anda_answers_received_total')).toBe(before + 5);
	});

	it('records ack latency in seconds by event and outcome', async () => {
		observeAck('player:answer', true, 12);
		observeAck('player:answer', false, 2000);
		const count = (ok: string) =>
			value('anda_socket_ack_duration_seconds', { event: 'player:answer', ok, le: '+Inf' });
		expect(await count('true')).toBeGreaterThanOrEqual(1);
		expect(await count('false')).toBeGreaterThanOrEqual(1);
		// 2 s lands above the 1 s bucket and within 2.5 s.
		const le = (b: string) =>
			value('anda_socket_ack_duration_seconds', { event: 'player:answer', ok: 'false', le: b });
		expect(await le('1')).toBe(0);
		expect(await le('2.5')).toBe(1);
	});
});

class FakeStore {
	#rooms = new Map<string, number>();
	readonly kind = 'fake';
	async put(pin: string, n: number): Promise<void> {
		this.#rooms.set(pin, n);
	}
	async get(pin: string): Promise<number | null> {
		return this.#rooms.get(pin) ?? null;
	}
	async fail(): Promise<never> {
		throw new Error('boom');
	}
	size(): number {
		return this.#rooms.size;
	}
}

describe('instrumentStore', () => {
	it('times each async call by store and method, keeping results, errors and private state', async () => {
		const calls: [string, string, number][] = [];
		const store = instrumentStore(new FakeStore(), 'memory', {
			observeStoreCall: (s, op, ms) => calls.push([s, op, ms])
		});
		await store.put('123456', 1);
		expect(await store.get('123456')).toBe(1);
		await expect(store.fail()).rejects.toThrow('boom');
		expect(store.size()).toBe(1); // synchronous: passes through untimed
		expect(store.kind).toBe('fake');
		expect(calls.map(([s, op]) => `${s}.${op}`)).toEqual([
			'memory.put',
			'memory.get',
			'memory.fail'
		]);
		expect(calls.every(([, , ms]) => ms >= 0)).toBe(true);
		expect(store.get).toBe(store.get); // one wrapper per method
	});

	it('reports into anda_live_store_duration_seconds by default', async () => {
		const store = instrumentStore(new FakeStore(), 'redis');
		await store.put('1', 1);
		expect(
			await value('anda_live_store_duration_seconds', { store: 'redis', op: 'put', le: '+Inf' })
		).toBe(1);
	});
});
