// The organisation page: create one, switch between one's organisations, members and roles,
// invitation links, departments, the organisation's own sensitive words (owners and admins). Every action works on the user's current organisation as the
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
import { publicOrigin } from '$lib/server/http/public-origin';
import type { SessionUser } from '$lib/server/auth/service';
import type { OrganisationRecord } from '$lib/server/records/accounts/port';
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
	const [members, departments, invitations, words] = await Promise.all([
		ctx.orgs.members(user.id, org.id),
		ctx.orgs.departments(user.id, org.id),
		manager ? ctx.orgs.pendingInvitations(user.id, org.id) : Promise.resolve([]),
		manager ? ctx.orgs.words(user.id, org.id) : Promise.resolve([])
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
		words,
		invitations: invitations.map((i) => ({
			id: i.id,
			role: i.role,
			createdAt: i.createdAt,
			expiresAt: i.expiresAt
		}))
	};
};

type Context = Awaited<ReturnType<typeof appContext>>;

/** What an action of this page works with: the signed-in user and the form's named fields. */
interface Acting<K extends string> {
	event: RequestEvent;
	ctx: Context;
	user: SessionUser;
	f: Record<K, string>;
}

/** An action of the signed-in user; an AuthError from `work` becomes a failure with its message. */
function asUser<K extends string, T>(names: K[], work: (a: Acting<K>) => Promise<T>) {
	return async (event: RequestEvent) => {
		const user = requireUser(event.locals, event.url);
		const ctx = await appContext();
		const f = fields(await event.request.formData(), ...names);
		return attempt(() => work({ event, ctx, user, f }));
	};
}

/**
 * An action on the user's current organisation as the server knows it (never an id from the
 * form); a failure if they have none.
 */
function onCurrentOrg<K extends string, T>(
	names: K[],
	work: (a: Acting<K> & { org: OrganisationRecord }) => Promise<T>
) {
	return asUser(names, async (a) => {
		const current = await a.ctx.orgs.current(a.user.id, a.user.currentOrgId);
		if (!current) return fail(400, { message: '你还没有加入任何组织', code: 'NOT_FOUND' });
		return work({ ...a, org: current.org });
	});
}

const chooseRole = () => fail(400, { message: '请选择角色', code: 'INVALID_INPUT' });

export const actions: Actions = {
	create: asUser(['name', 'kind'], async ({ ctx, user, f }) => {
		if (!isOrgKind(f.kind)) return fail(400, { message: '请选择组织类型', code: 'INVALID_INPUT' });
		const org = await ctx.orgs.create(user.id, f.name, f.kind);
		return { done: `已建立组织「${org.name}」` };
	}),

	switch: asUser(['orgId'], async ({ ctx, user, f }) => {
		await ctx.orgs.switchTo(user.id, f.orgId);
		return { done: '已切换组织' };
	}),

	invite: onCurrentOrg(['role'], async ({ event, ctx, user, org, f }) => {
		if (!isOrgRole(f.role)) return chooseRole();
		const { token, invitation } = await ctx.orgs.invite(user.id, org.id, f.role);
		return {
			// ORIGIN when set: the link must not carry whatever Host the request came with.
			inviteUrl: `${publicOrigin(event.url).origin}/invite/${token}`,
			inviteRole: ROLE_LABELS[invitation.role],
			expiresAt: invitation.expiresAt
		};
	}),

	revoke: onCurrentOrg(['id'], async ({ ctx, user, org, f }) => {
		await ctx.orgs.revokeInvitation(user.id, org.id, f.id);
		return { done: '邀请已撤销' };
	}),

	role: onCurrentOrg(['userId', 'role'], async ({ ctx, user, org, f }) => {
		if (!isOrgRole(f.role)) return chooseRole();
		await ctx.orgs.changeRole(user.id, org.id, f.userId, f.role);
		return { done: `角色已改为${ROLE_LABELS[f.role]}` };
	}),

	remove: onCurrentOrg(['userId'], async ({ ctx, user, org, f }) => {
		await ctx.orgs.remove(user.id, org.id, f.userId);
		return { done: '已移出组织' };
	}),

	leave: onCurrentOrg([], async ({ ctx, user, org }) => {
		await ctx.orgs.leave(user.id, org.id);
		return { done: `已退出「${org.name}」` };
	}),

	deptCreate: onCurrentOrg(['name'], async ({ ctx, user, org, f }) => {
		const dep = await ctx.orgs.createDepartment(user.id, org.id, f.name);
		return { done: `已添加部门「${dep.name}」` };
	}),

	deptRename: onCurrentOrg(['id', 'name'], async ({ ctx, user, org, f }) => {
		await ctx.orgs.renameDepartment(user.id, org.id, f.id, f.name);
		return { done: '部门已改名' };
	}),

	words: onCurrentOrg(['words'], async ({ ctx, user, org, f }) => {
		const words = await ctx.orgs.setWords(user.id, org.id, f.words);
		return {
			done: words.length === 0 ? '已清空本组织的敏感词' : `已保存 ${words.length} 个敏感词`
		};
	}),

	deptDelete: onCurrentOrg(['id'], async ({ ctx, user, org, f }) => {
		await ctx.orgs.deleteDepartment(user.id, org.id, f.id);
		return { done: '部门已删除' };
	})
};
