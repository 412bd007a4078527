// The account store's rules for sessions: created, read with their user, touched, listed and
// ended one, all but one, or by expiry.
import { expect, it } from 'vitest';
import type { AccountStore } from '../../../src/lib/server/records/accounts/port';
import { accountFixtures, DAY, session, T0 } from './fixtures';

export function registerSessionRules(store: () => AccountStore): void {
	const { user } = accountFixtures(store);

	it('3. sessions: create, read with the user, touch, list, end one, end others, sweep', async () => {
		const u = await user();
		const other = await user();
		const s1 = session(u.id, { lastSeenAt: T0 + 1 });
		const s2 = session(u.id, { lastSeenAt: T0 + 2 });
		const old = session(u.id, { expiresAt: T0 + 10 });
		const theirs = session(other.id);
		for (const s of [s1, s2, old, theirs]) await store().createSession(s);

		const found = await store().getSessionWithUser(s1.id);
		expect(found?.session).toEqual(s1);
		expect(found?.user).toMatchObject({ id: u.id, email: u.email });
		expect(await store().getSession(s2.id)).toEqual(s2);
		expect(await store().getSessionWithUser('nope')).toBeNull();

		await store().touchSession(s1.id, T0 + 40 * DAY, T0 + 5);
		expect(await store().getSession(s1.id)).toEqual({
			...s1,
			expiresAt: T0 + 40 * DAY,
			lastSeenAt: T0 + 5
		});
		// Unexpired only, most recently seen first.
		expect((await store().listUserSessions(u.id, T0 + 100)).map((s) => s.id)).toEqual([
			s1.id,
			s2.id
		]);

		// One's own session only.
		expect(await store().deleteUserSession(u.id, theirs.id)).toBe(false);
		expect(await store().getSession(theirs.id)).not.toBeNull();
		expect(await store().deleteUserSession(u.id, s2.id)).toBe(true);
		expect(await store().deleteUserSession(u.id, s2.id)).toBe(false);

		const s3 = session(u.id);
		await store().createSession(s3);
		const ended = await store().deleteUserSessions(u.id, s1.id);
		expect(ended.sort()).toEqual([old.id, s3.id].sort());
		expect(await store().getSession(s1.id)).not.toBeNull();
		expect(await store().getSession(theirs.id)).not.toBeNull();

		const stale = session(other.id, { expiresAt: T0 + 50 });
		await store().createSession(stale);
		expect(await store().deleteExpiredSessions(T0 + 50)).toBeGreaterThanOrEqual(1);
		expect(await store().getSession(stale.id)).toBeNull();
		expect(await store().getSession(theirs.id)).not.toBeNull();
		expect(await store().deleteSession(theirs.id)).toBe(true);
		expect(await store().deleteSession(theirs.id)).toBe(false);
	});
}
