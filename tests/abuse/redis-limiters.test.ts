// Limits kept in Redis carry the deployment's key prefix like the live keys: two deployments (or
// test suites) on one Redis count their windows apart, and one deployment's processes share them.
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeAll, redisLimiters } from '../../src/lib/server/limiters';
import { liveModes, requireMode } from '../support/server';

const redis = (await liveModes('redis-limiters.test.ts')).find((m) => m.name === 'redis')!;
const run = randomBytes(4).toString('hex');

describe.skipIf(redis.skip)('limits in Redis', () => {
	let client: ReturnType<typeof createClient>;
	beforeAll(async () => {
		requireMode(redis);
		client = createClient({ url: redis.redisUrl });
		await client.connect();
	});
	afterAll(async () => {
		for (const key of await client.keys(`lim-${run}-*`)) await client.del(key);
		await client.quit();
	});

	it('count apart under two prefixes and together under one', async () => {
		const rule = { points: 1, durationS: 60 };
		const a = redisLimiters(client, `lim-${run}-a`)('signup-ip', rule);
		const aAgain = redisLimiters(client, `lim-${run}-a`)('signup-ip', rule);
		const b = redisLimiters(client, `lim-${run}-b`)('signup-ip', rule);
		expect(await consumeAll([[a, '10.0.0.1']])).toEqual({ ok: true });
		expect((await consumeAll([[aAgain, '10.0.0.1']])).ok).toBe(false);
		expect(await consumeAll([[b, '10.0.0.1']])).toEqual({ ok: true });
	});
});
