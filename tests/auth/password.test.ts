// Password hashing: scrypt with its parameters in the stored string, constant-time comparison, a
// dummy verification that costs what a real one does.
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_PARAMS,
	hashPassword,
	needsRehash,
	passwordProblem,
	verifyDummy,
	verifyPassword
} from '../../src/lib/server/auth/password';

describe('password hashing', () => {
	it('stores scrypt with its parameters and a random 16-byte salt', async () => {
		const a = await hashPassword('correct horse 安全');
		const b = await hashPassword('correct horse 安全');
		const [kind, n, r, p, salt, key] = a.split('$');
		expect([kind, n, r, p]).toEqual(['scrypt', '32768', '8', '1']);
		expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
		expect(Buffer.from(key!, 'base64')).toHaveLength(64);
		expect(a).not.toBe(b); // salted
		expect(DEFAULT_PARAMS).toEqual({ N: 2 ** 15, r: 8, p: 1 });
	});

	it('verifies the right password only', async () => {
		const h = await hashPassword('correct horse 安全');
		expect(await verifyPassword('correct horse 安全', h)).toBe(true);
		expect(await verifyPassword('correct horse 安全 ', h)).toBe(false);
		expect(await verifyPassword('Correct horse 安全', h)).toBe(false);
		expect(await verifyPassword('', h)).toBe(false);
	});

	it('reads hashes made with other parameters, and says they need upgrading', async () => {
		const cheap = await hashPassword('pw-12345678', { N: 2 ** 10, r: 8, p: 1 });
		expect(cheap.split('$').slice(1, 4)).toEqual(['1024', '8', '1']);
		expect(await verifyPassword('pw-12345678', cheap)).toBe(true);
		expect(needsRehash(cheap)).toBe(true);
		expect(needsRehash(await hashPassword('pw-12345678'))).toBe(false);
	});

	it('never matches a malformed or hostile stored hash', async () => {
		for (const bad of [
			'',
			'plain',
			'scrypt$32768$8$1$c2FsdA==',
			'bcrypt$32768$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5',
			'scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5', // N too large
			'scrypt$1000$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5', // N not a power of two
			'scrypt$-1$8$1$c2FsdA==$a2V5',
			'scrypt$32768$8$1$$a2V5a2V5a2V5a2V5a2V5a2V5'
		]) {
			expect(await verifyPassword('anything', bad), bad).toBe(false);
			expect(needsRehash(bad)).toBe(true);
		}
	});

	it('spends about the same time on an unknown account as on a wrong password', async () => {
		const h = await hashPassword('the-real-password');
		await verifyDummy('warm-up'); // the dummy hash is made once, on first use
		const time = async (f: () => Promise<unknown>) => {
			const t = performance.now();
			for (let i = 0; i < 4; i++) await f();
			return performance.now() - t;
		};
		const wrong = await time(() => verifyPassword('wrong-password', h));
		const unknown = await time(() => verifyDummy('wrong-password'));
		expect(await verifyDummy('the-real-password')).toBe(false);
		// Same parameters, same work: within a factor of two either way.
		expect(unknown).toBeGreaterThan(wrong / 2);
		expect(unknown).toBeLessThan(wrong * 2);
	});

	it('asks for 8 to 128 characters', () => {
		expect(passwordProblem('1234567')).toMatch(/至少 8/);
		expect(passwordProblem('12345678')).toBeNull();
		expect(passwordProblem('x'.repeat(129))).toMatch(/最多 128/);
	});
});
