// Role rules: owner > admin > host; only owners and admins manage; nobody grants, changes or removes
// above their own role.
import { describe, expect, it } from 'vitest';
import {
	canChangeRole,
	canEditContent,
	canInvite,
	canManage,
	canRemove,
	canRemoveBanks,
	grantableRoles,
	ORG_ROLES,
	type OrgRole
} from '../../src/lib/domain/org-roles';

describe('organisation roles', () => {
	it('lets owners and admins manage, not hosts', () => {
		expect(canManage('owner')).toBe(true);
		expect(canManage('admin')).toBe(true);
		expect(canManage('host')).toBe(false);
	});

	it('never grants above the actor’s own role', () => {
		expect(grantableRoles('owner')).toEqual(['owner', 'admin', 'host']);
		expect(grantableRoles('admin')).toEqual(['admin', 'host']);
		expect(grantableRoles('host')).toEqual([]);
		expect(canInvite('admin', 'owner')).toBe(false);
		expect(canInvite('admin', 'admin')).toBe(true);
		expect(canInvite('host', 'host')).toBe(false);
		expect(canInvite('owner', 'owner')).toBe(true);
	});

	it('refuses every escalation: to a higher role, or over someone higher', () => {
		const all: [OrgRole, OrgRole, OrgRole][] = [];
		for (const a of ORG_ROLES)
			for (const t of ORG_ROLES) for (const n of ORG_ROLES) all.push([a, t, n]);
		const rank = { owner: 3, admin: 2, host: 1 };
		for (const [actor, target, next] of all) {
			const allowed = canChangeRole(actor, target, next);
			const expected = actor !== 'host' && rank[target] <= rank[actor] && rank[next] <= rank[actor];
			expect(allowed, `${actor} sets ${target} → ${next}`).toBe(expected);
		}
		// The cases that matter most, spelled out.
		expect(canChangeRole('admin', 'admin', 'owner')).toBe(false); // an admin making themself owner
		expect(canChangeRole('admin', 'owner', 'host')).toBe(false); // an admin demoting an owner
		expect(canChangeRole('host', 'host', 'admin')).toBe(false);
		expect(canChangeRole('owner', 'admin', 'owner')).toBe(true);
	});

	it('lets managers remove only members not above them', () => {
		expect(canRemove('owner', 'owner')).toBe(true);
		expect(canRemove('admin', 'owner')).toBe(false);
		expect(canRemove('admin', 'admin')).toBe(true);
		expect(canRemove('admin', 'host')).toBe(true);
		expect(canRemove('host', 'host')).toBe(false);
	});

	it('lets every member edit content, and only owners and admins remove banks', () => {
		for (const role of ORG_ROLES) expect(canEditContent(role)).toBe(true);
		expect(canRemoveBanks('owner')).toBe(true);
		expect(canRemoveBanks('admin')).toBe(true);
		expect(canRemoveBanks('host')).toBe(false);
	});
});
