// The account store's rules for invitation links: pending, used once (also when raced), expiry
// and revocation within the organisation.
import { expect, it } from 'vitest';
import type { AccountStore } from '../../../src/lib/server/records/accounts/port';
import { accountFixtures, DAY, T0, uid } from './fixtures';

export function registerInvitationRules(store: () => AccountStore): void {
	const { user, org } = accountFixtures(store);

	it('7. invitations: pending list, single use, expiry, revocation within the organisation', async () => {
		const owner = await user('owner');
		const o = await org(owner);
		const base = { orgId: o.id, createdBy: owner.id, createdAt: T0, expiresAt: T0 + 7 * DAY };
		const hostInv = { ...base, id: uid('inv'), role: 'host' as const };
		const adminInv = { ...base, id: uid('inv'), role: 'admin' as const, createdAt: T0 + 1 };
		const expired = { ...base, id: uid('inv'), role: 'host' as const, expiresAt: T0 + 5 };
		for (const inv of [hostInv, adminInv, expired]) await store().createInvitation(inv);

		expect(await store().getInvitation(hostInv.id)).toEqual({
			...hostInv,
			usedAt: null,
			usedBy: null
		});
		expect((await store().listPendingInvitations(o.id, T0 + 10)).map((i) => i.id)).toEqual([
			adminInv.id,
			hostInv.id
		]);

		const a = await user();
		const b = await user();
		expect(await store().acceptInvitation(hostInv.id, a.id, T0 + 20)).toEqual({
			status: 'ok',
			orgId: o.id,
			role: 'host'
		});
		expect(await store().getRole(o.id, a.id)).toBe('host');
		expect((await store().getUser(a.id))!.currentOrgId).toBe(o.id);
		expect(await store().getInvitation(hostInv.id)).toMatchObject({
			usedAt: T0 + 20,
			usedBy: a.id
		});
		// Used once: nobody else gets in with it, not even the same user again.
		expect(await store().acceptInvitation(hostInv.id, b.id, T0 + 21)).toEqual({
			status: 'INVALID'
		});
		expect(await store().getRole(o.id, b.id)).toBeNull();
		expect(await store().acceptInvitation(expired.id, b.id, T0 + 21)).toEqual({
			status: 'INVALID'
		});
		expect(await store().acceptInvitation('unknown', b.id, T0 + 21)).toEqual({
			status: 'INVALID'
		});
		// A member does not use up an invitation.
		expect(await store().acceptInvitation(adminInv.id, a.id, T0 + 22)).toEqual({
			status: 'ALREADY_MEMBER',
			orgId: o.id
		});
		expect((await store().getInvitation(adminInv.id))!.usedAt).toBeNull();
		expect(await store().getRole(o.id, a.id)).toBe('host');
		expect((await store().listPendingInvitations(o.id, T0 + 22)).map((i) => i.id)).toEqual([
			adminInv.id
		]);

		// Revocation is scoped to the organisation and spares used invitations.
		const otherOrg = await org(b, '别的组织');
		expect(await store().revokeInvitation(otherOrg.id, adminInv.id)).toBe(false);
		expect(await store().getInvitation(adminInv.id)).not.toBeNull();
		expect(await store().revokeInvitation(o.id, hostInv.id)).toBe(false);
		expect(await store().revokeInvitation(o.id, adminInv.id)).toBe(true);
		expect(await store().getInvitation(adminInv.id)).toBeNull();
		expect(await store().acceptInvitation(adminInv.id, b.id, T0 + 23)).toEqual({
			status: 'INVALID'
		});
	});

	it('8. an invitation accepted by two users at once admits one', async () => {
		const owner = await user('owner');
		const o = await org(owner);
		for (let round = 0; round < 5; round++) {
			const inv = {
				id: uid('inv'),
				orgId: o.id,
				role: 'host' as const,
				createdBy: owner.id,
				createdAt: T0,
				expiresAt: T0 + DAY
			};
			await store().createInvitation(inv);
			const a = await user();
			const b = await user();
			const results = await Promise.all([
				store().acceptInvitation(inv.id, a.id, T0 + 1),
				store().acceptInvitation(inv.id, b.id, T0 + 1)
			]);
			expect(results.map((r) => r.status).sort()).toEqual(['INVALID', 'ok']);
			const roles = [await store().getRole(o.id, a.id), await store().getRole(o.id, b.id)];
			expect(roles.filter((r) => r !== null)).toEqual(['host']);
		}
	});
}
