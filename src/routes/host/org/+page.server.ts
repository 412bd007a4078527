// The organisation page: create one, switch between one's organisations, members and roles,
// invitation links, departments. Every action works on the user's current organisation as the
// server knows it (never an id from the form), and OrgService checks the user's role in it.
import { fail } from '@sveltejs/kit';
import {
	canChangeRole,
	canManage,
	canRemove,
	grantableRoles,
	isOrgKind,
	isOrgRole,
	KIND_LABELS,
	ORG_ROLES,
	ROLE_LABELS
} from '$lib/domain/org-roles';
import { appContext } from '$lib/server/app-context';
import { accessNotice, attempt, fields, requireUser } from '$lib/server/auth/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const ctx = await appContext();
	const [current, memberships] = await Promise.all([
		ctx.orgs.current(user.id, user.currentOrgId),
		ctx.orgs.memberships(user.id)
	]);
	const others = memberships
		.filter((m) => m.org.id !== current?.org.id)
		.map((m) => ({ id: m.org.id, name: m.org.name }));
	// Sent here to create content without an organisation: the page says why.
	const notice = accessNotice(url.searchParams.get('why'));
	if (!current) return { org: null, others, userId: user.id, notice };

	const { org, role } = current;
	const manager = canManage(role);
	const [members, departments, invitations] = await Promise.all([
		ctx.orgs.members(user.id, org.id),
		ctx.orgs.departments(user.id, org.id),
		manager ? ctx.orgs.pendingInvitations(user.id, org.id) : Promise.resolve([])
	]);
	return {
		notice,
		userId: user.id,
		others,
		org: { id: org.id, name: org.name, kind: KIND_LABELS[org.kind] },
		role,
		roleLabel: ROLE_LABELS[role],
		manager,
		grantable: grantableRoles(role),
		members: members.map((m) => ({
			userId: m.userId,
			displayName: m.displayName,
			email: m.email,
			role: m.role,
			self: m.userId === user.id,
			// The roles this user may give the member (their current one included).
			roles: ORG_ROLES.filter((r) => r === m.role || canChangeRole(role, m.role, r)),
			removable: m.userId !== user.id && canRemove(role, m.role)
		})),
		departments,
		invitations: invitations.map((i) => ({
			id: i.id,
			role: i.role,
			createdAt: i.createdAt,
			expiresAt: i.expiresAt
		}))
	};
};

/** The signed-in user and their current organisation, or a failure if they have none. */
async function current(event: RequestEvent) {
	const user = requireUser(event.locals, event.url);
	const ctx = await appContext();
	const cur = await ctx.orgs.current(user.id, user.currentOrgId);
	return { ctx, user, org: cur?.org ?? null };
}

const noOrg = () => fail(400, { message: '你还没有加入任何组织', code: 'NOT_FOUND' });

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event.locals, event.url);
		const ctx = await appContext();
		const f = fields(await event.request.formData(), 'name', 'kind');
		if (!isOrgKind(f.kind)) return fail(400, { message: '请选择组织类型', code: 'INVALID_INPUT' });
		const kind = f.kind;
		return attempt(async () => {
			const org = await ctx.orgs.create(user.id, f.name, kind);
			return { done: `已建立组织「${org.name}」` };
		});
	},

	switch: async (event) => {
		const user = requireUser(event.locals, event.url);
		const ctx = await appContext();
		const { orgId } = fields(await event.request.formData(), 'orgId');
		return attempt(async () => {
			await ctx.orgs.switchTo(user.id, orgId);
			return { done: '已切换组织' };
		});
	},

	invite: async (event) => {
		const { ctx, user, org } = await current(event);
		if (!org) return noOrg();
		const { role } = fields(await event.request.formData(), 'role');
		if (!isOrgRole(role)) return fail(400, { message: '请选择角色', code: 'INVALID_INPUT' });
		return attempt(async () => {
			const { token, invitation } = await ctx.orgs.invite(user.id, org.id, role);
			return {
				inviteUrl: `${event.url.origin}/invite/${token}`,
				inviteRole: ROLE_LABELS[invitation.role],
				expiresAt: invitation.expiresAt
			};
		});
	},

	revoke: async (event) => {
		const { ctx, user, org } = await current(event);
		if (!org) return noOrg();
		const { id } = fields(await event.request.formData(), 'id');
		return attempt(async () => {
			await ctx.orgs.revokeInvitation(user.id, org.id, id);
			return { done: '邀请已撤销' };
		});
	},

	role: async (event) => {
		const { ctx, user, org } = await current(event);
		if (!org) return noOrg();
		const f = fields(await event.request.formData(), 'userId', 'role');
		if (!isOrgRole(f.role)) return fail(400, { message: '请选择角色', code: 'INVALID_INPUT' });
		const role = f.role;
		return attempt(async () => {
			await ctx.orgs.changeRole(user.id, org.id, f.userId, role);
			return { done: `角色已改为${ROLE_LABELS[role]}` };
		});
	},

	remove: async (event) => {
		const { ctx, user, org } = await current(event);
		if (!org) return noOrg();
		const { userId } = fields(await event.request.formData(), 'userId');
		return attempt(async () => {
			await ctx.orgs.remove(user.id, org.id, userId);
			return { done: '已移出组织' };
		});
	},

	leave: async (event) => {
		const { ctx, user, org } = await current(event);
		if (!org) return noOrg();
		return attempt(async () => {
			await ctx.orgs.leave(user.id, org.id);
			return { done: `已退出「${org.name}」` };
		});
	},

	deptCreate: async (event) => {
		const { ctx, user, org } = await current(event);
		if (!org) return noOrg();
		const { name } = fields(await event.request.formData(), 'name');
		return attempt(async () => {
			const dep = await ctx.orgs.createDepartment(user.id, org.id, name);
			return { done: `已添加部门「${dep.name}」` };
		});
	},

	deptRename: async (event) => {
		const { ctx, user, org } = await current(event);
		if (!org) return noOrg();
		const f = fields(await event.request.formData(), 'id', 'name');
		return attempt(async () => {
			await ctx.orgs.renameDepartment(user.id, org.id, f.id, f.name);
			return { done: '部门已改名' };
		});
	},

	deptDelete: async (event) => {
		const { ctx, user, org } = await current(event);
		if (!org) return noOrg();
		const { id } = fields(await event.request.formData(), 'id');
		return attempt(async () => {
			await ctx.orgs.deleteDepartment(user.id, org.id, id);
			return { done: '部门已删除' };
		});
	}
};
