// The sign-in and sign-up limits, in memory (embedded) and in a real Redis (node-redis client with
// useRedisPackage), behave the same: per IP and per account, refusals say when to retry, a
// successful sign-in forgets the account's failures.
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	AuthRateLimiter,
	limitMessage,
	type AuthLimits
} from '../../src/lib/server/auth/rate-limit';
import { redisAvailable, REQUIRE_SERVICES } from '../support/services';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisUp = await redisAvailable(REDIS_URL);
if (!redisUp && !REQUIRE_SERVICES) {
	process.stderr.write(
		`[skip] Redis not reachable at ${REDIS_URL}: Redis rate-limit suite skipped\n`
	);
}

const LIMITS: AuthLimits = {
	signInIp: { points: 6, durationS: 60 },
	signInAccount: { points: 3, durationS: 60 },
	signUpIp: { points: 2, durationS: 60 },
	signUpAccount: { points: 5, durationS: 60 }
};

type Client = ReturnType<typeof createClient>;

describe.each([
	{ name: 'memory', skip: false },
	{ name: 'redis', skip: !redisUp && !REQUIRE_SERVICES }
])('auth rate limits ($name)', ({ name, skip }) => {
	describe.skipIf(skip)('rules', () => {
		let limiter: AuthRateLimiter;
		let client: Client | null = null;
		// Keys unique to this run: Redis is shared with other runs.
		const tag = randomBytes(4).toString('hex');
		const ip = (n: number) => `ip-${tag}-${n}`;
		const account = (n: number) => `acct-${tag}-${n}@example.com`;

		beforeAll(async () => {
			if (name === 'redis') {
				if (!redisUp) throw new Error(`Redis not reachable at ${REDIS_URL}`);
				client = createClient({ url: REDIS_URL });
				await client.connect();
				limiter = AuthRateLimiter.redis(client, LIMITS);
			} else {
				limiter = AuthRateLimiter.memory(LIMITS);
			}
		});
		afterAll(async () => {
			await client?.quit();
		});

		it('refuses an account after its failures, with a retry time, until a success clears them', async () => {
			for (let i = 0; i < 3; i++)
				expect(await limiter.signIn(ip(1), account(1))).toEqual({ ok: true });
			const refused = await limiter.signIn(ip(2), account(1));
			expect(refused.ok).toBe(false);
			if (!refused.ok) {
				expect(refused.retryAfterS).toBeGreaterThan(0);
				expect(refused.retryAfterS).toBeLessThanOrEqual(60);
				expect(limitMessage(refused.retryAfterS)).toBe('尝试次数过多，请 1 分钟后再试');
			}
			// Another account from the same IP is still fine (the IP has 6).
			expect((await limiter.signIn(ip(1), account(2))).ok).toBe(true);

			for (let i = 0; i < 2; i++) await limiter.signIn(ip(3), account(3));
			await limiter.signInSucceeded(account(3));
			for (let i = 0; i < 3; i++) expect((await limiter.signIn(ip(3), account(3))).ok).toBe(true);
		});

		it('refuses an IP across accounts', async () => {
			for (let i = 0; i < 6; i++)
				expect((await limiter.signIn(ip(4), account(10 + i))).ok).toBe(true);
			expect((await limiter.signIn(ip(4), account(99))).ok).toBe(false);
			expect((await limiter.signIn(ip(5), account(99))).ok).toBe(true);
		});

		it('limits sign-ups per IP', async () => {
			expect((await limiter.signUp(ip(6), account(20))).ok).toBe(true);
			expect((await limiter.signUp(ip(6), account(21))).ok).toBe(true);
			expect((await limiter.signUp(ip(6), account(22))).ok).toBe(false);
		});
	});
});
