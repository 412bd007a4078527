// Organisations: creating one, members and roles, invitation links, departments and the
// organisation's own sensitive words (on top of the built-in lists, for its events). Every method
// takes the acting user and checks their membership and role in that very organisation first, and
// every store call is scoped to it, so nobody reads or changes another organisation's records.
import {
	canChangeRole,
	canInvite,
	canManage,
	canRemove,
	type OrgKind,
	type OrgRole
} from '../../domain/org-roles';
import { parseWordList } from '../../domain/org-words';
import type { OrgWordStore } from '../records/org-words/port';
import type {
	AccountStore,
	DepartmentRecord,
	InvitationRecord,
	MemberChange,
	MemberRecord,
	MembershipRecord,
	OrganisationRecord
} from '../records/accounts/port';
import { AuthError } from '../auth/errors';
import { parseInput, visibleName } from '../auth/input';
import { generateToken, plausibleToken, tokenId } from '../auth/session';
import { newId } from '../rooms/secrets';

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

export const orgNameSchema = visibleName(
	[2, '组织名称至少 2 个字符'],
	[60, '组织名称最多 60 个字符']
);

export const departmentNameSchema = visibleName(
	[1, '请填写部门名称'],
	[40, '部门名称最多 40 个字符']
);

export interface OrgContext {
	org: OrganisationRecord;
	role: OrgRole;
}

export interface OrgDeps {
	accounts: AccountStore;
	words: OrgWordStore;
	now: () => number;
	/** Told when an organisation's words were saved here (caches of its word filter drop them). */
	wordsChanged?(orgId: string): void;
	/** Told when a member left, was removed or changed role (their open panels follow). */
	membershipChanged?(orgId: string, userId: string): void;
}

const FORBIDDEN = '没有权限执行这个操作';
const NOT_A_MEMBER = '你不是这个组织的成员';
const NO_SUCH_MEMBER = '找不到这位成员';

/** Turns a membership change the store refused into the error the page shows. */
function refused(out: MemberChange): void {
	if (out === 'NOT_MEMBER') throw new AuthError('NOT_FOUND', NO_SUCH_MEMBER);
	if (out === 'LAST_OWNER') {
		throw new AuthError('CONFLICT', '组织至少要有一位所有者，请先指定另一位所有者');
	}
}

export class OrgService {
	constructor(private readonly deps: OrgDeps) {}

	private get accounts() {
		return this.deps.accounts;
	}

	/** The actor's role in the organisation; refuses non-members. */
	async roleOf(actorId: string, orgId: string): Promise<OrgRole> {
		const role = await this.accounts.getRole(orgId, actorId);
		if (!role) throw new AuthError('FORBIDDEN', NOT_A_MEMBER);
		return role;
	}

	private async requireManager(actorId: string, orgId: string): Promise<OrgRole> {
		const role = await this.roleOf(actorId, orgId);
		if (!canManage(role)) throw new AuthError('FORBIDDEN', FORBIDDEN);
		return role;
	}

	async isMember(orgId: string, userId: string): Promise<boolean> {
		return (await this.accounts.getRole(orgId, userId)) !== null;
	}

	memberships(userId: string): Promise<MembershipRecord[]> {
		return this.accounts.listMemberships(userId);
	}

	/**
	 * The organisation the user currently works in: the one they chose if they are still a member,
	 * else their oldest membership (and that becomes the current one), else null.
	 */
	async current(userId: string, currentOrgId: string | null): Promise<OrgContext | null> {
		const all = await this.accounts.listMemberships(userId);
		const chosen = all.find((m) => m.org.id === currentOrgId) ?? all[0];
		if (!chosen) {
			if (currentOrgId !== null) await this.accounts.setCurrentOrg(userId, null);
			return null;
		}
		if (chosen.org.id !== currentOrgId) await this.accounts.setCurrentOrg(userId, chosen.org.id);
		return { org: chosen.org, role: chosen.role };
	}

	async create(userId: string, name: string, kind: OrgKind): Promise<OrganisationRecord> {
		const org: OrganisationRecord = {
			id: newId(),
			name: parseInput(orgNameSchema, name),
			kind,
			createdAt: this.deps.now()
		};
		await this.accounts.createOrganisation(org, userId);
		return org;
	}

	async switchTo(userId: string, orgId: string): Promise<void> {
		await this.roleOf(userId, orgId);
		await this.accounts.setCurrentOrg(userId, orgId);
	}

	// ——— members ———

	async members(actorId: string, orgId: string): Promise<MemberRecord[]> {
		await this.roleOf(actorId, orgId);
		return this.accounts.listMembers(orgId);
	}

	/** Checks that a manager may act on another member, by `allowed(actor's role, theirs)`. */
	private async requireOverMember(
		actorId: string,
		orgId: string,
		targetId: string,
		allowed: (actor: OrgRole, target: OrgRole) => boolean
	): Promise<void> {
		const actor = await this.requireManager(actorId, orgId);
		const target = await this.accounts.getRole(orgId, targetId);
		if (!target) throw new AuthError('NOT_FOUND', NO_SUCH_MEMBER);
		if (!allowed(actor, target)) throw new AuthError('FORBIDDEN', FORBIDDEN);
	}

	async changeRole(actorId: string, orgId: string, targetId: string, next: OrgRole): Promise<void> {
		await this.requireOverMember(actorId, orgId, targetId, (a, t) => canChangeRole(a, t, next));
		refused(await this.accounts.setRole(orgId, targetId, next, this.deps.now()));
		this.deps.membershipChanged?.(orgId, targetId);
	}

	async remove(actorId: string, orgId: string, targetId: string): Promise<void> {
		if (targetId === actorId) return this.leave(actorId, orgId);
		await this.requireOverMember(actorId, orgId, targetId, canRemove);
		await this.applyRemoval(orgId, targetId);
	}

	/** Leaves an organisation; the last owner cannot. */
	async leave(userId: string, orgId: string): Promise<void> {
		await this.roleOf(userId, orgId);
		await this.applyRemoval(orgId, userId);
	}

	private async applyRemoval(orgId: string, userId: string) {
		refused(await this.accounts.removeMember(orgId, userId, this.deps.now()));
		this.deps.membershipChanged?.(orgId, userId);
	}

	// ——— invitations ———

	/** Creates a single-use invitation link's token (shown once; only its hash is stored). */
	async invite(
		actorId: string,
		orgId: string,
		role: OrgRole
	): Promise<{ token: string; invitation: InvitationRecord }> {
		const actor = await this.requireManager(actorId, orgId);
		if (!canInvite(actor, role)) throw new AuthError('FORBIDDEN', '不能邀请比自己权限更高的角色');
		const token = generateToken();
		const now = this.deps.now();
		const invitation: InvitationRecord = {
			id: tokenId(token),
			orgId,
			role,
			createdBy: actorId,
			createdAt: now,
			expiresAt: now + INVITATION_TTL_MS,
			usedAt: null,
			usedBy: null
		};
		await this.accounts.createInvitation(invitation);
		return { token, invitation };
	}

	async pendingInvitations(actorId: string, orgId: string): Promise<InvitationRecord[]> {
		await this.requireManager(actorId, orgId);
		return this.accounts.listPendingInvitations(orgId, this.deps.now());
	}

	async revokeInvitation(actorId: string, orgId: string, invitationId: string): Promise<void> {
		await this.requireManager(actorId, orgId);
		if (!(await this.accounts.revokeInvitation(orgId, invitationId))) {
			throw new AuthError('NOT_FOUND', '找不到这条邀请');
		}
	}

	/** A usable invitation and its organisation, or null (unknown, used or expired). */
	async invitation(
		token: string
	): Promise<{ invitation: InvitationRecord; org: OrganisationRecord } | null> {
		if (!plausibleToken(token)) return null;
		const invitation = await this.accounts.getInvitation(tokenId(token));
		if (!invitation || invitation.usedAt !== null || invitation.expiresAt <= this.deps.now()) {
			return null;
		}
		const org = await this.accounts.getOrganisation(invitation.orgId);
		return org ? { invitation, org } : null;
	}

	/** Joins the organisation an invitation is for, using the invitation up. */
	async accept(userId: string, token: string): Promise<OrgContext> {
		if (!plausibleToken(token)) throw new AuthError('NOT_FOUND', '邀请链接无效或已过期');
		const out = await this.accounts.acceptInvitation(tokenId(token), userId, this.deps.now());
		if (out.status === 'INVALID')
			throw new AuthError('NOT_FOUND', '邀请链接无效、已被使用或已过期');
		const org = await this.accounts.getOrganisation(out.orgId);
		if (!org) throw new AuthError('NOT_FOUND', '组织不存在');
		if (out.status === 'ALREADY_MEMBER') {
			await this.accounts.setCurrentOrg(userId, org.id);
			const role = await this.roleOf(userId, org.id);
			return { org, role };
		}
		return { org, role: out.role };
	}

	// ——— departments ———

	async departments(actorId: string, orgId: string): Promise<DepartmentRecord[]> {
		await this.roleOf(actorId, orgId);
		return this.accounts.listDepartments(orgId);
	}

	async createDepartment(actorId: string, orgId: string, name: string): Promise<DepartmentRecord> {
		await this.requireManager(actorId, orgId);
		const dep: DepartmentRecord = {
			id: newId(),
			orgId,
			name: parseInput(departmentNameSchema, name),
			createdAt: this.deps.now()
		};
		if ((await this.accounts.createDepartment(dep)) === 'NAME_TAKEN') {
			throw new AuthError('CONFLICT', '已有同名部门');
		}
		return dep;
	}

	async renameDepartment(actorId: string, orgId: string, id: string, name: string): Promise<void> {
		await this.requireManager(actorId, orgId);
		const out = await this.accounts.renameDepartment(
			orgId,
			id,
			parseInput(departmentNameSchema, name)
		);
		if (out === 'NOT_FOUND') throw new AuthError('NOT_FOUND', '找不到这个部门');
		if (out === 'NAME_TAKEN') throw new AuthError('CONFLICT', '已有同名部门');
	}

	async deleteDepartment(actorId: string, orgId: string, id: string): Promise<void> {
		await this.requireManager(actorId, orgId);
		if (!(await this.accounts.deleteDepartment(orgId, id))) {
			throw new AuthError('NOT_FOUND', '找不到这个部门');
		}
	}

	// ——— sensitive words ———

	/** The organisation's own words, for its owners and admins. */
	async words(actorId: string, orgId: string): Promise<string[]> {
		await this.requireManager(actorId, orgId);
		return this.deps.words.orgWords(orgId);
	}

	/** Replaces the organisation's words by the lines of `text`; returns the words kept. */
	async setWords(actorId: string, orgId: string, text: string): Promise<string[]> {
		await this.requireManager(actorId, orgId);
		const parsed = parseWordList(text);
		if (!parsed.ok) throw new AuthError('INVALID_INPUT', parsed.message);
		await this.deps.words.setOrgWords(orgId, parsed.words, this.deps.now());
		this.deps.wordsChanged?.(orgId);
		return parsed.words;
	}
}
