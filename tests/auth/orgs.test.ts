// Organisation rules through OrgService: roles and escalation, the last owner, single-use and
// expiring invitations, departments, and isolation between organisations.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src/lib/domain/org-roles';
import { AuthError } from '../../src/lib/server/auth/errors';
import { INVITATION_TTL_MS } from '../../src/lib/server/orgs/org-service';
import { authHarness, CLIENT, person, type AuthHarness } from './support';

async function refused(p: Promise<unknown>, code?: AuthError['code']): Promise<AuthError> {
	try {
		await p;
	} catch (e) {
		if (!(e instanceof AuthError)) throw e;
		if (code) expect(e.code, e.message).toBe(code);
		return e;
	}
	throw new Error(`expected an AuthError${code ? ` ${code}` : ''}`);
}

describe('organisations', () => {
	let h: AuthHarness;
	let n = 0;
	beforeEach(async () => {
		h = await authHarness();
		await h.auth.setup(person('管理员'), CLIENT);
	});
	afterEach(async () => {
		await h.close();
	});

	async function newUser() {
		n++;
		const s = await h.auth.signUp(person(), { ...CLIENT, ip: `10.1.${n}.1` });
		return s.user.id;
	}

	/** An organisation with an owner, an admin and a host, joined through invitations. */
	async function team(name = '应急管理局') {
		const owner = await newUser();
		const org = await h.orgs.create(owner, name, 'enterprise');
		const member = async (role: OrgRole) => {
			const id = await newUser();
			const { token } = await h.orgs.invite(owner, org.id, role);
			expect((await h.orgs.accept(id, token)).role).toBe(role);
			return id;
		};
		return { org, owner, admin: await member('admin'), host: await member('host') };
	}

	it('the creator owns the organisation and it becomes their current one', async () => {
		const owner = await newUser();
		const org = await h.orgs.create(owner, '  某某中学  ', 'school');
		expect(org.name).toBe('某某中学');
		expect(await h.orgs.current(owner, null)).toMatchObject({ org: { id: org.id }, role: 'owner' });
		await refused(h.orgs.create(owner, 'x', 'school'), 'INVALID_INPUT');
	});

	it('refuses every escalation of role', async () => {
		const { org, owner, admin, host } = await team();
		// Hosts manage nothing.
		await refused(h.orgs.invite(host, org.id, 'host'), 'FORBIDDEN');
		await refused(h.orgs.changeRole(host, org.id, host, 'admin'), 'FORBIDDEN');
		await refused(h.orgs.remove(host, org.id, admin), 'FORBIDDEN');
		await refused(h.orgs.createDepartment(host, org.id, '安全部'), 'FORBIDDEN');
		await refused(h.orgs.pendingInvitations(host, org.id), 'FORBIDDEN');
		// Admins cannot reach owner: not by invitation, not for themselves or others.
		await refused(h.orgs.invite(admin, org.id, 'owner'), 'FORBIDDEN');
		await refused(h.orgs.changeRole(admin, org.id, admin, 'owner'), 'FORBIDDEN');
		await refused(h.orgs.changeRole(admin, org.id, host, 'owner'), 'FORBIDDEN');
		// … nor act on an owner.
		await refused(h.orgs.changeRole(admin, org.id, owner, 'host'), 'FORBIDDEN');
		await refused(h.orgs.remove(admin, org.id, owner), 'FORBIDDEN');
		expect(await h.accounts.getRole(org.id, owner)).toBe('owner');
		expect(await h.accounts.getRole(org.id, admin)).toBe('admin');
		expect(await h.accounts.getRole(org.id, host)).toBe('host');
		// What admins may do.
		await h.orgs.changeRole(admin, org.id, host, 'admin');
		expect(await h.accounts.getRole(org.id, host)).toBe('admin');
		const { invitation } = await h.orgs.invite(admin, org.id, 'admin');
		expect(invitation.role).toBe('admin');
	});

	it('keeps at least one owner', async () => {
		const { org, owner, admin } = await team();
		await refused(h.orgs.changeRole(owner, org.id, owner, 'admin'), 'CONFLICT');
		await refused(h.orgs.leave(owner, org.id), 'CONFLICT');
		await refused(h.orgs.remove(owner, org.id, owner), 'CONFLICT');
		await h.orgs.changeRole(owner, org.id, admin, 'owner');
		await h.orgs.changeRole(owner, org.id, owner, 'host'); // now allowed: another owner exists
		expect(await h.accounts.getRole(org.id, owner)).toBe('host');
		await refused(h.orgs.leave(admin, org.id), 'CONFLICT');
	});

	it('invitations are single use and expire after 7 days', async () => {
		const { org, owner } = await team();
		const { token } = await h.orgs.invite(owner, org.id, 'host');
		expect(await h.orgs.invitation(token)).toMatchObject({ org: { id: org.id } });
		const first = await newUser();
		await h.orgs.accept(first, token);
		const second = await newUser();
		await refused(h.orgs.accept(second, token), 'NOT_FOUND');
		expect(await h.accounts.getRole(org.id, second)).toBeNull();
		expect(await h.orgs.invitation(token)).toBeNull();

		const late = await h.orgs.invite(owner, org.id, 'host');
		h.clock.now += INVITATION_TTL_MS;
		expect(await h.orgs.invitation(late.token)).toBeNull();
		await refused(h.orgs.accept(second, late.token), 'NOT_FOUND');
		await refused(h.orgs.accept(second, 'not-a-token'), 'NOT_FOUND');
		expect(await h.accounts.getRole(org.id, second)).toBeNull();
	});

	it('a revoked invitation cannot be used', async () => {
		const { org, owner, admin } = await team();
		const { token, invitation } = await h.orgs.invite(owner, org.id, 'host');
		expect((await h.orgs.pendingInvitations(admin, org.id)).map((i) => i.id)).toContain(
			invitation.id
		);
		await h.orgs.revokeInvitation(admin, org.id, invitation.id);
		await refused(h.orgs.accept(await newUser(), token), 'NOT_FOUND');
		await refused(h.orgs.revokeInvitation(admin, org.id, invitation.id), 'NOT_FOUND');
	});

	it('departments: managers create, rename and delete; everyone in the organisation reads', async () => {
		const { org, admin, host } = await team();
		const d = await h.orgs.createDepartment(admin, org.id, ' 安全环保部 ');
		expect(d.name).toBe('安全环保部');
		await refused(h.orgs.createDepartment(admin, org.id, '安全环保部'), 'CONFLICT');
		await refused(h.orgs.createDepartment(admin, org.id, ''), 'INVALID_INPUT');
		expect((await h.orgs.departments(host, org.id)).map((x) => x.name)).toEqual(['安全环保部']);
		await h.orgs.renameDepartment(admin, org.id, d.id, '安全部');
		await refused(h.orgs.renameDepartment(host, org.id, d.id, '别名'), 'FORBIDDEN');
		await refused(h.orgs.deleteDepartment(host, org.id, d.id), 'FORBIDDEN');
		await h.orgs.deleteDepartment(admin, org.id, d.id);
		expect(await h.orgs.departments(host, org.id)).toEqual([]);
	});

	it('a member of one organisation can neither read nor change another’s', async () => {
		const a = await team('甲公司');
		const b = await team('乙公司');
		const bDept = await h.orgs.createDepartment(b.owner, b.org.id, '生产部');
		const bInvite = await h.orgs.invite(b.owner, b.org.id, 'host');

		// Reading B as A's owner: refused outright.
		await refused(h.orgs.members(a.owner, b.org.id), 'FORBIDDEN');
		await refused(h.orgs.departments(a.owner, b.org.id), 'FORBIDDEN');
		await refused(h.orgs.pendingInvitations(a.owner, b.org.id), 'FORBIDDEN');
		await refused(h.orgs.switchTo(a.owner, b.org.id), 'FORBIDDEN');
		// Changing B with B's ids, as A's owner: refused, directly or through A's own organisation.
		await refused(h.orgs.changeRole(a.owner, b.org.id, b.host, 'owner'), 'FORBIDDEN');
		await refused(h.orgs.remove(a.owner, b.org.id, b.host), 'FORBIDDEN');
		await refused(h.orgs.invite(a.owner, b.org.id, 'owner'), 'FORBIDDEN');
		await refused(h.orgs.changeRole(a.owner, a.org.id, b.host, 'admin'), 'NOT_FOUND');
		await refused(h.orgs.remove(a.owner, a.org.id, b.owner), 'NOT_FOUND');
		await refused(h.orgs.revokeInvitation(a.owner, a.org.id, bInvite.invitation.id), 'NOT_FOUND');
		await refused(h.orgs.renameDepartment(a.owner, a.org.id, bDept.id, '被改了'), 'NOT_FOUND');
		await refused(h.orgs.deleteDepartment(a.owner, a.org.id, bDept.id), 'NOT_FOUND');
		await refused(h.orgs.createDepartment(a.owner, b.org.id, '混进来'), 'FORBIDDEN');

		// B is untouched.
		expect((await h.orgs.members(b.owner, b.org.id)).map((m) => [m.userId, m.role])).toEqual([
			[b.owner, 'owner'],
			[b.admin, 'admin'],
			[b.host, 'host']
		]);
		expect((await h.orgs.departments(b.owner, b.org.id)).map((d) => d.name)).toEqual(['生产部']);
		expect(await h.orgs.invitation(bInvite.token)).not.toBeNull();
		// And A's members list shows none of B's people.
		const aIds = (await h.orgs.members(a.owner, a.org.id)).map((m) => m.userId);
		expect(aIds).not.toContain(b.owner);
		expect(aIds).toHaveLength(3);
	});

	it('the current organisation falls back when the member is removed', async () => {
		const { org, owner, host } = await team();
		const other = await h.orgs.create(host, '第二家', 'community');
		await h.orgs.switchTo(host, org.id);
		expect((await h.orgs.current(host, org.id))!.org.id).toBe(org.id);
		await h.orgs.remove(owner, org.id, host);
		const user = await h.accounts.getUser(host);
		expect((await h.orgs.current(host, user!.currentOrgId))!.org.id).toBe(other.id);
	});
});
