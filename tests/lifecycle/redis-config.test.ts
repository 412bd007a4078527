// Saying "this Redis is a cluster": ANDA_REDIS_CLUSTER=1 with REDIS_URL naming one or more nodes,
// comma-separated. Start-up waits until any one of them answers; log lines mask each password.
import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../src/lib/server/app-context';
import { storesToAwait } from '../../src/lib/server/lifecycle/start-up';
import { redisNodeUrls } from '../../src/lib/server/live/redis-client';
import { redactUrl } from '../../src/lib/server/redact-url';
import { freePort } from '../support/faults/ports';
import { redisAvailable, REQUIRE_SERVICES } from '../support/services';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisUp = await redisAvailable(REDIS_URL);
if (!redisUp && !REQUIRE_SERVICES) {
	process.stderr.write('[skip] Redis not reachable: cluster start-up probe test skipped\n');
}

describe('Redis Cluster configuration', () => {
	it('reads ANDA_REDIS_CLUSTER and a list of node URLs', () => {
		const env = { ANDA_REDIS_CLUSTER: '1', REDIS_URL: 'redis://a:7101, redis://b:7102,' };
		const config = configFromEnv(env);
		expect(config.redisCluster).toBe(true);
		expect(redisNodeUrls(config.redisUrl!)).toEqual(['redis://a:7101', 'redis://b:7102']);
		expect(configFromEnv({ REDIS_URL: 'redis://a:6379' }).redisCluster).toBe(false);
	});

	it('masks the password of every node in a log line', () => {
		const line = redactUrl('redis://:s3cret@a:7101,redis://u:other@b:7102');
		expect(line).not.toContain('s3cret');
		expect(line).not.toContain('other');
		expect(line).toBe('redis://:***@a:7101,redis://u:***@b:7102');
	});

	it.skipIf(!redisUp && !REQUIRE_SERVICES)(
		'waits for a cluster until any one of its nodes answers',
		async () => {
			const dead = `redis://127.0.0.1:${await freePort()}`;
			const [down] = storesToAwait({ redisUrl: `${dead},${dead}`, redisCluster: true });
			await expect(down!.probe()).rejects.toThrow();
			const [up] = storesToAwait({ redisUrl: `${dead},${REDIS_URL}`, redisCluster: true });
			await expect(up!.probe()).resolves.toBeUndefined();
		}
	);
});
