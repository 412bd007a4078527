// Accounts and sessions: first admin, sign-up, sign-in without revealing accounts, rate limits,
// sliding expiry, sign-out and ending sessions.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError } from '../../src/lib/server/auth/errors';
import { tokenId } from '../../src/lib/server/auth/session';
import { authHarness, CLIENT, person, type AuthHarness } from './support';

const DAY = 24 * 3600_000;

async function refused(p: Promise<unknown>): Promise<AuthError> {
	try {
		await p;
	} catch (e) {
		if (e instanceof AuthError) return e;
		throw e;
	}
	throw new Error('expected an AuthError');
}

describe('auth service', () => {
	let h: AuthHarness;
	beforeEach(async () => {
		h = await authHarness();
	});
	afterEach(async () => {
		await h.close();
	});

	it('creates the first account as instance admin, once; sign-up waits for it', async () => {
		expect(await h.auth.needsSetup()).toBe(true);
		const early = await refused(h.auth.signUp(person(), CLIENT));
		expect(early.code).toBe('SETUP_REQUIRED');
		expect(await h.accounts.countUsers()).toBe(0);

		const admin = await h.auth.setup(person('管理员'), CLIENT);
		expect(admin.user.isAdmin).toBe(true);
		expect(await h.auth.needsSetup()).toBe(false);
		const again = await refused(h.auth.setup(person(), CLIENT));
		expect(again.code).toBe('SETUP_DONE');

		const host = await h.auth.signUp(person(), CLIENT);
		expect(host.user.isAdmin).toBe(false);
		expect(await h.accounts.countUsers()).toBe(2);
	});

	it('validates new accounts and refuses a taken email (case-insensitive)', async () => {
		await h.auth.setup(person(), CLIENT);
		const p = person();
		await h.auth.signUp(p, CLIENT);
		const taken = await refused(
			h.auth.signUp({ ...person(), email: p.email.toUpperCase() }, CLIENT)
		);
		expect(taken.code).toBe('EMAIL_TAKEN');
		for (const [bad, field] of [
			[{ ...person(), email: 'not-an-email' }, '邮箱'],
			[{ ...person(), password: 'short' }, '密码'],
			[{ ...person(), displayName: '   ' }, '姓名'],
			[{ ...person(), displayName: 'a\u202eb' }, '不可见']
		] as const) {
			const e = await refused(h.auth.signUp(bad, CLIENT));
			expect(e.code).toBe('INVALID_INPUT');
			expect(e.message).toContain(field);
		}
	});

	it('signs in with the right password; unknown account and wrong password look the same', async () => {
		const p = person();
		await h.auth.setup(p, CLIENT);
		const ok = await h.auth.signIn(` ${p.email.toUpperCase()} `, p.password, CLIENT);
		expect(ok.user.email).toBe(p.email);
		expect(ok.token).toMatch(/^[a-z2-7]{32}$/);
		expect(ok.session.id).toBe(tokenId(ok.token));
		// The token itself is not stored anywhere.
		expect(await h.accounts.getSession(ok.token)).toBeNull();

		const wrong = await refused(h.auth.signIn(p.email, 'wrong-password', CLIENT));
		const unknown = await refused(h.auth.signIn('nobody@example.com', 'wrong-password', CLIENT));
		const garbage = await refused(h.auth.signIn('not an email', 'x', CLIENT));
		for (const e of [wrong, unknown, garbage]) {
			expect(e.code).toBe('INVALID_CREDENTIALS');
			expect(e.message).toBe('邮箱或密码不正确');
			expect(e.status).toBe(400);
		}
	});

	it('limits password guessing per account: 429 in Chinese after 5 failures, even with the right one', async () => {
		const p = person();
		await h.auth.setup(p, CLIENT);
		for (let i = 0; i < 5; i++) {
			const ip = { ...CLIENT, ip: `198.51.100.${i}` }; // spread over IPs: the account limit holds
			expect((await refused(h.auth.signIn(p.email, `guess-${i}`, ip))).code).toBe(
				'INVALID_CREDENTIALS'
			);
		}
		const blocked = await refused(h.auth.signIn(p.email, p.password, CLIENT));
		expect(blocked.code).toBe('RATE_LIMITED');
		expect(blocked.status).toBe(429);
		expect(blocked.message).toMatch(/^尝试次数过多，请 \d+ 分钟后再试$/);
		// An unknown account is limited the same way (the limit says nothing about existence).
		for (let i = 0; i < 5; i++) await refused(h.auth.signIn('ghost@example.com', 'x', CLIENT));
		expect((await refused(h.auth.signIn('ghost@example.com', 'x', CLIENT))).code).toBe(
			'RATE_LIMITED'
		);
	});

	it('limits attempts per IP across accounts, and forgets an account’s failures on success', async () => {
		const limited = await authHarness({
			signInIp: { points: 4, durationS: 60 },
			signInAccount: { points: 2, durationS: 60 },
			signUpIp: { points: 3, durationS: 60 },
			signUpAccount: { points: 5, durationS: 60 }
		});
		try {
			const p = person();
			await limited.auth.setup(p, { ip: '10.0.0.9', userAgent: null });
			await refused(limited.auth.signIn(p.email, 'bad', CLIENT));
			await limited.auth.signIn(p.email, p.password, CLIENT); // resets the account's count
			await refused(limited.auth.signIn(p.email, 'bad', CLIENT));
			await limited.auth.signIn(p.email, p.password, CLIENT);
			// The IP has used its 4 attempts: everything from it is refused now, any account.
			expect((await refused(limited.auth.signIn('other@example.com', 'x', CLIENT))).code).toBe(
				'RATE_LIMITED'
			);
			// Sign-ups from one IP are limited too.
			await limited.auth.signUp(person(), CLIENT);
			await limited.auth.signUp(person(), CLIENT);
			await limited.auth.signUp(person(), CLIENT);
			expect((await refused(limited.auth.signUp(person(), CLIENT))).code).toBe('RATE_LIMITED');
		} finally {
			await limited.close();
		}
	});

	it('slides sessions: 30 days, renewed when under 15 remain, gone once expired', async () => {
		const s = await h.auth.setup(person(), CLIENT);
		const t0 = h.clock.now;
		expect(s.session.expiresAt).toBe(t0 + 30 * DAY);

		h.clock.now = t0 + 10 * DAY; // 20 days left: no renewal
		expect((await h.auth.validateSessionToken(s.token))!.session.expiresAt).toBe(t0 + 30 * DAY);
		h.clock.now = t0 + 16 * DAY; // 14 days left: renewed to 30 from now
		expect((await h.auth.validateSessionToken(s.token))!.session.expiresAt).toBe(t0 + 46 * DAY);
		expect((await h.accounts.getSession(s.session.id))!.expiresAt).toBe(t0 + 46 * DAY);
		// A socket's check does not renew.
		h.clock.now = t0 + 40 * DAY;
		await h.auth.validateSessionToken(s.token, { renew: false });
		expect((await h.accounts.getSession(s.session.id))!.expiresAt).toBe(t0 + 46 * DAY);

		h.clock.now = t0 + 46 * DAY;
		expect(await h.auth.validateSessionToken(s.token)).toBeNull();
		expect(await h.accounts.getSession(s.session.id)).toBeNull();
		expect(await h.auth.sessionActive(s.session.id)).toBe(false);
	});

	it('a signed-out session cannot be used again, and its sockets are reported', async () => {
		const p = person();
		await h.auth.setup(p, CLIENT);
		const s = await h.auth.signIn(p.email, p.password, CLIENT);
		expect(await h.auth.validateSessionToken(s.token)).not.toBeNull();
		await h.auth.signOut(s.session.id);
		expect(h.ended).toEqual([s.session.id]);
		expect(await h.auth.validateSessionToken(s.token)).toBeNull();
		expect(await h.auth.sessionActive(s.session.id)).toBe(false);
		for (const bad of ['', 'x', s.session.id, s.token.toUpperCase()]) {
			expect(await h.auth.validateSessionToken(bad)).toBeNull();
		}
	});

	it('ends one session, or all others; a user cannot end another user’s session', async () => {
		const p = person();
		const q = person();
		await h.auth.setup(p, CLIENT);
		await h.auth.signUp(q, CLIENT);
		const laptop = await h.auth.signIn(p.email, p.password, CLIENT);
		const phone = await h.auth.signIn(p.email, p.password, { ip: '192.0.2.1', userAgent: 'phone' });
		const tablet = await h.auth.signIn(p.email, p.password, CLIENT);
		const theirs = await h.auth.signIn(q.email, q.password, CLIENT);

		expect(await h.auth.endSession(laptop.user.id, theirs.session.id)).toBe(false);
		expect(await h.auth.validateSessionToken(theirs.token)).not.toBeNull();
		expect(await h.auth.endSession(laptop.user.id, phone.session.id)).toBe(true);
		expect(await h.auth.validateSessionToken(phone.token)).toBeNull();

		const n = await h.auth.endOtherSessions(laptop.user.id, laptop.session.id);
		expect(n).toBe(2); // the tablet and the setup session
		expect(h.ended).toContain(tablet.session.id);
		expect(await h.auth.validateSessionToken(laptop.token)).not.toBeNull();
		expect(await h.auth.validateSessionToken(tablet.token)).toBeNull();
		expect(await h.auth.validateSessionToken(theirs.token)).not.toBeNull();
	});

	it('changes the password after checking the current one, and signs out everywhere else', async () => {
		const p = person();
		await h.auth.setup(p, CLIENT);
		const here = await h.auth.signIn(p.email, p.password, CLIENT);
		const there = await h.auth.signIn(p.email, p.password, CLIENT);
		const wrong = await refused(
			h.auth.changePassword(here.user.id, here.session.id, 'not-it', 'new-password-1', CLIENT)
		);
		expect(wrong.code).toBe('INVALID_CREDENTIALS');
		const short = await refused(
			h.auth.changePassword(here.user.id, here.session.id, p.password, 'short', CLIENT)
		);
		expect(short.code).toBe('INVALID_INPUT');

		await h.auth.changePassword(
			here.user.id,
			here.session.id,
			p.password,
			'new-password-1',
			CLIENT
		);
		expect(await h.auth.validateSessionToken(here.token)).not.toBeNull();
		expect(await h.auth.validateSessionToken(there.token)).toBeNull();
		expect((await refused(h.auth.signIn(p.email, p.password, CLIENT))).code).toBe(
			'INVALID_CREDENTIALS'
		);
		expect((await h.auth.signIn(p.email, 'new-password-1', CLIENT)).user.email).toBe(p.email);
	});
});
