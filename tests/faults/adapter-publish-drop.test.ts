// The classic Redis adapter publishes every broadcast without handling the reply
// (realtime/adapter-publisher.ts): a PUBLISH in flight when the connection drops must be logged,
// not left as an unhandled rejection. Redis is reached through a proxy that the test cuts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, type RedisClient } from '../../src/lib/server/live/redis-client';
import { quietPublisher } from '../../src/lib/server/realtime/adapter-publisher';
import { TcpProxy } from '../support/faults/tcp-proxy';
import { liveModes, requireMode } from '../support/server';

const redis = (await liveModes('adapter-publish-drop')).find((m) => m.name === 'redis')!;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe.skipIf(redis.skip)('the adapter publisher when Redis drops', () => {
	let proxy: TcpProxy;
	const clients: RedisClient[] = [];

	beforeAll(async () => {
		requireMode(redis);
		const target = new URL(redis.redisUrl!);
		proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 6379) });
	});
	afterAll(async () => {
		for (const c of clients) c.destroy();
		await proxy?.close();
	});

	/** Publishes as the adapter does (the promise dropped), then cuts the connection under it. */
	async function dropInFlight(pub: RedisClient): Promise<unknown[]> {
		pub.on('error', () => {});
		await pub.connect();
		clients.push(pub);
		const unhandled: unknown[] = [];
		const onUnhandled = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', onUnhandled);
		try {
			for (let i = 0; i < 50; i++) void pub.publish('anda-test-adapter-drop', `frame ${i}`);
			proxy.cut();
			await sleep(300);
		} finally {
			process.off('unhandledRejection', onUnhandled);
			proxy.restore();
		}
		return unhandled;
	}

	it('a bare client leaves the cut publishes unhandled (what the adapter does to it)', async () => {
		const unhandled = await dropInFlight(createRedis({ url: proxy.redisUrl, cluster: false }));
		expect(unhandled.length).toBeGreaterThan(0);
	});

	it(
		'the quiet publisher handles them, and publishes again once Redis is back',
		{ timeout: 30_000 },
		async () => {
			const pub = quietPublisher(createRedis({ url: proxy.redisUrl, cluster: false }));
			expect(await dropInFlight(pub)).toEqual([]);
			// Reconnected through the proxy: a publish goes through and tells how many heard it.
			for (let i = 0; i < 100 && !pub.isReady; i++) await sleep(100);
			expect(pub.isReady).toBe(true);
			expect(await pub.publish('anda-test-adapter-drop', 'after')).toBe(0);
		}
	);
});
