// Organisations and the role rules, pure: owner > admin > host. Only owners and admins manage
// members, invitations and departments; nobody grants or manages above their own role; an
// organisation always keeps at least one owner (enforced atomically by the store). Content: every
// member creates and edits the organisation's quizzes and imports banks; deleting a bank, or
// replacing all its questions, takes an admin or owner.

export const ORG_ROLES = ['owner', 'admin', 'host'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const ORG_KINDS = ['enterprise', 'school', 'community'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ROLE_LABELS: Record<OrgRole, string> = {
	owner: '所有者',
	admin: '管理员',
	host: '主持人'
};

export const KIND_LABELS: Record<OrgKind, string> = {
	enterprise: '企业',
	school: '学校',
	community: '社区'
};

const RANK: Record<OrgRole, number> = { owner: 3, admin: 2, host: 1 };

export function isOrgRole(v: unknown): v is OrgRole {
	return typeof v === 'string' && (ORG_ROLES as readonly string[]).includes(v);
}

export function isOrgKind(v: unknown): v is OrgKind {
	return typeof v === 'string' && (ORG_KINDS as readonly string[]).includes(v);
}

/** Whether `a` is at least as high as `b`. */
export function atLeast(a: OrgRole, b: OrgRole): boolean {
	return RANK[a] >= RANK[b];
}

/** Owners and admins manage members, invitations and departments. */
export function canManage(actor: OrgRole): boolean {
	return atLeast(actor, 'admin');
}

/** Roles an actor may hand out, by invitation or role change: never above their own. */
export function grantableRoles(actor: OrgRole): OrgRole[] {
	return canManage(actor) ? ORG_ROLES.filter((r) => atLeast(actor, r)) : [];
}

export function canInvite(actor: OrgRole, role: OrgRole): boolean {
	return canManage(actor) && atLeast(actor, role);
}

/**
 * Whether `actor` may change `target`'s role to `next`: a manager, acting on someone not above
 * them, granting nothing above their own role. (Demoting the last owner is refused by the store.)
 */
export function canChangeRole(actor: OrgRole, target: OrgRole, next: OrgRole): boolean {
	return canManage(actor) && atLeast(actor, target) && atLeast(actor, next);
}

/** Whether `actor` may remove a member with role `target` (leaving oneself is separate). */
export function canRemove(actor: OrgRole, target: OrgRole): boolean {
	return canManage(actor) && atLeast(actor, target);
}

/** Every member (hosts included) creates, edits, copies and deletes quizzes and imports banks. */
export function canEditContent(actor: OrgRole): boolean {
	return atLeast(actor, 'host');
}

/** Deleting a bank, or replacing all its questions by an import, takes an admin or owner. */
export function canRemoveBanks(actor: OrgRole): boolean {
	return atLeast(actor, 'admin');
}
