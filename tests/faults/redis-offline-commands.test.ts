// What a live store's commands do while Redis cannot be reached (redis-base.ts, `client`): a
// connected store sends its commands without node-redis's per-command timer, and a store whose
// connection is down keeps it, so that a command waiting for Redis fails after the client's
// command timeout instead of waiting for the reconnect forever. Redis is reached through a proxy
// that the test takes down (tests/support/faults/tcp-proxy.ts).
import { TimeoutError } from 'redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RedisLiveStore } from '../../src/lib/server/live/redis';
import { TcpProxy } from '../support/faults/tcp-proxy';
import { liveModes, requireMode } from '../support/server';
import { lobbyState, quick, quiz } from '../contracts/live-store.contract';

const redis = (await liveModes('redis-offline-commands')).find((m) => m.name === 'redis')!;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe.skipIf(redis.skip)('a live store while Redis is out of reach', () => {
	let proxy: TcpProxy;
	let store: RedisLiveStore;
	const pin = `9${String(Date.now()).slice(-5)}x`;

	beforeAll(async () => {
		requireMode(redis);
		const target = new URL(redis.redisUrl!);
		proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 6379) });
		store = await RedisLiveStore.connect(proxy.redisUrl, { prefix: `offline-${pin}` });
		expect(await store.createRoom({ state: lobbyState(pin), quiz, ...quick('h') })).toBe(true);
	});

	afterAll(async () => {
		await proxy?.up().catch(() => {});
		await store?.deleteRoom(pin).catch(() => {});
		await store?.close();
		await proxy?.close();
	});

	it('sends without a timer while connected, fails a command once cut off, and recovers', async () => {
		const timers = vi.spyOn(AbortSignal, 'timeout');
		try {
			for (let i = 0; i < 20; i++) expect((await store.getState(pin))?.pin).toBe(pin);
			expect(await store.playerCount(pin)).toBe(0);
			expect(timers).not.toHaveBeenCalled();

			await proxy.down();
			// The client notices the dropped connection and starts reconnecting (refused).
			await sleep(300);
			const started = Date.now();
			await expect(store.getState(pin)).rejects.toBeInstanceOf(TimeoutError);
			expect(timers).toHaveBeenCalled();
			// Failed by the 5 s timer, not by anything quicker (there is nothing else to fail it).
			expect(Date.now() - started).toBeGreaterThanOrEqual(4000);

			await proxy.up();
			let back = false;
			for (let i = 0; i < 100 && !back; i++) {
				back = await store.ping().then(
					() => true,
					() => false
				);
				if (!back) await sleep(100);
			}
			expect(back).toBe(true);
			timers.mockClear();
			expect((await store.getState(pin))?.pin).toBe(pin);
			expect(timers).not.toHaveBeenCalled();
		} finally {
			timers.mockRestore();
		}
	}, 30_000);
});
