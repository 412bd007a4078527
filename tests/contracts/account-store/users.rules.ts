// The account store's rules for users: the first admin (once, also when raced), creating and
// reading users, their password and current organisation.
import { expect, it } from 'vitest';
import type { AccountStore } from '../../../src/lib/server/records/accounts/port';
import { accountFixtures, newUser } from './fixtures';

export function registerUserRules(store: () => AccountStore): void {
	const { org } = accountFixtures(store);

	// The first-admin test must see an empty database, so it runs first.
	it('1. the first admin is created only while no user exists, once, also when raced', async () => {
		expect(await store().countUsers()).toBe(0);
		const a = newUser('admin');
		const b = newUser('admin');
		const results = await Promise.all([store().createFirstAdmin(a), store().createFirstAdmin(b)]);
		expect(results.filter((r) => r === 'ok')).toHaveLength(1);
		expect(results.filter((r) => r === 'SETUP_DONE')).toHaveLength(1);
		expect(await store().countUsers()).toBe(1);
		const winner = results[0] === 'ok' ? a : b;
		expect(await store().getUser(winner.id)).toMatchObject({
			isAdmin: true,
			email: winner.email
		});
		// Never again, whoever asks.
		expect(await store().createFirstAdmin(newUser('late'))).toBe('SETUP_DONE');
		expect(await store().countUsers()).toBe(1);
	});

	it('2. users: create, read by id and email, unique email, password and current org', async () => {
		const u = newUser();
		expect(await store().createUser(u)).toBe('ok');
		const got = await store().getUser(u.id);
		expect(got).toEqual({ ...u, isAdmin: false, currentOrgId: null });
		expect(await store().getUserByEmail(u.email)).toEqual(got);
		expect(await store().getUserByEmail(`x${u.email}`)).toBeNull();
		expect(await store().getUser('nobody')).toBeNull();

		const twin = { ...newUser(), email: u.email };
		expect(await store().createUser(twin)).toBe('EMAIL_TAKEN');
		expect(await store().getUser(twin.id)).toBeNull();

		await store().setPasswordHash(u.id, 'scrypt$new');
		expect((await store().getUser(u.id))!.passwordHash).toBe('scrypt$new');
		const o = await org(u);
		expect((await store().getUser(u.id))!.currentOrgId).toBe(o.id);
		await store().setCurrentOrg(u.id, null);
		expect((await store().getUser(u.id))!.currentOrgId).toBeNull();
	});
}
