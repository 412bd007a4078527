// The account store's rules for organisations and their members: the creator owns it, roles
// change in place, the last owner stays (also when raced), and one organisation never reaches
// into another.
import { expect, it } from 'vitest';
import type { AccountStore } from '../../../src/lib/server/records/accounts/port';
import { accountFixtures, T0 } from './fixtures';

export function registerOrganisationRules(store: () => AccountStore): void {
	const { org, team } = accountFixtures(store);

	it('4. organisations: the creator owns it, memberships and members read back', async () => {
		const { owner, admin, host, org: o } = await team();
		expect(await store().getOrganisation(o.id)).toEqual(o);
		expect(await store().getOrganisation('nope')).toBeNull();
		expect(await store().getRole(o.id, owner.id)).toBe('owner');
		expect(await store().getRole(o.id, admin.id)).toBe('admin');
		expect(await store().getRole(o.id, host.id)).toBe('host');
		const members = await store().listMembers(o.id);
		expect(members.map((m) => [m.userId, m.role])).toEqual([
			[owner.id, 'owner'],
			[admin.id, 'admin'],
			[host.id, 'host']
		]);
		expect(members[0]).toMatchObject({ email: owner.email, displayName: owner.displayName });

		const second = await org(host, '第二个组织', T0 + 100);
		const mine = await store().listMemberships(host.id);
		expect(mine.map((m) => [m.org.id, m.role])).toEqual([
			[o.id, 'host'],
			[second.id, 'owner']
		]);
		expect((await store().getUser(host.id))!.currentOrgId).toBe(second.id);
	});

	it('5. roles: changed in place; the last owner is never demoted or removed', async () => {
		const { owner, admin, host, org: o } = await team();
		expect(await store().setRole(o.id, host.id, 'admin', T0)).toBe('ok');
		expect(await store().getRole(o.id, host.id)).toBe('admin');
		expect(await store().setRole(o.id, owner.id, 'admin', T0)).toBe('LAST_OWNER');
		expect(await store().removeMember(o.id, owner.id, T0)).toBe('LAST_OWNER');
		expect(await store().getRole(o.id, owner.id)).toBe('owner');
		expect(await store().setRole(o.id, 'nobody', 'host', T0)).toBe('NOT_MEMBER');
		expect(await store().removeMember(o.id, 'nobody', T0)).toBe('NOT_MEMBER');
		expect(await store().setRole('no-org', owner.id, 'host', T0)).toBe('NOT_MEMBER');

		// With a second owner, the first may step down.
		expect(await store().setRole(o.id, admin.id, 'owner', T0)).toBe('ok');
		expect(await store().setRole(o.id, owner.id, 'host', T0)).toBe('ok');
		expect(await store().removeMember(o.id, admin.id, T0)).toBe('LAST_OWNER');

		// Removing a member clears their current organisation if it was this one.
		expect((await store().getUser(host.id))!.currentOrgId).toBe(o.id);
		expect(await store().removeMember(o.id, host.id, T0)).toBe('ok');
		expect(await store().getRole(o.id, host.id)).toBeNull();
		expect((await store().getUser(host.id))!.currentOrgId).toBeNull();
		expect(await store().removeMember(o.id, host.id, T0)).toBe('NOT_MEMBER');
	});

	it('6. two owners demoting each other at once leave one owner', async () => {
		for (let round = 0; round < 5; round++) {
			const { owner, admin, org: o } = await team();
			expect(await store().setRole(o.id, admin.id, 'owner', T0)).toBe('ok');
			const results = await Promise.all([
				store().setRole(o.id, owner.id, 'host', T0),
				store().setRole(o.id, admin.id, 'host', T0)
			]);
			expect(results.sort()).toEqual(['LAST_OWNER', 'ok']);
			const owners = (await store().listMembers(o.id)).filter((m) => m.role === 'owner');
			expect(owners).toHaveLength(1);
			// Removal races the same way.
			const other = owners[0]!.userId === owner.id ? admin : owner;
			expect(await store().setRole(o.id, other.id, 'owner', T0)).toBe('ok');
			const removed = await Promise.all([
				store().removeMember(o.id, owner.id, T0),
				store().removeMember(o.id, admin.id, T0)
			]);
			expect(removed.sort()).toEqual(['LAST_OWNER', 'ok']);
			expect((await store().listMembers(o.id)).filter((m) => m.role === 'owner')).toHaveLength(1);
		}
	});

	it('10. one organisation never sees or changes another: members, roles, removals', async () => {
		const a = await team();
		const b = await team();
		const bMembers = await store().listMembers(b.org.id);
		expect(bMembers.map((m) => m.userId).sort()).toEqual(
			[b.owner.id, b.admin.id, b.host.id].sort()
		);
		expect(await store().getRole(a.org.id, b.host.id)).toBeNull();
		expect(await store().setRole(a.org.id, b.host.id, 'owner', T0)).toBe('NOT_MEMBER');
		expect(await store().removeMember(a.org.id, b.host.id, T0)).toBe('NOT_MEMBER');
		expect(await store().getRole(b.org.id, b.host.id)).toBe('host');
	});
}
