// What the account aggregates share: reading their rows into records, and the few statements on
// memberships and a user's current organisation that more than one aggregate makes. Number()
// because bigint columns arrive as strings from a pg pool without an int8 parser.
import type { Kysely, Selectable } from 'kysely';
import { isOrgKind, isOrgRole, type OrgRole } from '../../../domain/org-roles';
import type { Database, SessionsTable, UsersTable } from '../schema';
import type {
	DepartmentRecord,
	InvitationRecord,
	OrganisationRecord,
	SessionRecord,
	UserRecord
} from './port';

export function toRole(v: string): OrgRole {
	// A role the code does not know (a newer version wrote it) is read as the least privileged one.
	return isOrgRole(v) ? v : 'host';
}

export function toUser(r: Selectable<UsersTable>): UserRecord {
	return {
		id: r.id,
		email: r.email,
		displayName: r.display_name,
		passwordHash: r.password_hash,
		isAdmin: r.is_admin === 1,
		currentOrgId: r.current_org_id,
		createdAt: Number(r.created_at)
	};
}

export function toSession(r: Selectable<SessionsTable>): SessionRecord {
	return {
		id: r.id,
		userId: r.user_id,
		createdAt: Number(r.created_at),
		expiresAt: Number(r.expires_at),
		lastSeenAt: Number(r.last_seen_at),
		userAgent: r.user_agent,
		ip: r.ip
	};
}

export function toOrg(r: {
	id: string;
	name: string;
	kind: string;
	created_at: number;
}): OrganisationRecord {
	return {
		id: r.id,
		name: r.name,
		kind: isOrgKind(r.kind) ? r.kind : 'enterprise',
		createdAt: Number(r.created_at)
	};
}

export function toInvitation(r: Selectable<Database['org_invitations']>): InvitationRecord {
	return {
		id: r.id,
		orgId: r.org_id,
		role: toRole(r.role),
		createdBy: r.created_by,
		createdAt: Number(r.created_at),
		expiresAt: Number(r.expires_at),
		usedAt: r.used_at === null ? null : Number(r.used_at),
		usedBy: r.used_by
	};
}

export function toDepartment(r: Selectable<Database['departments']>): DepartmentRecord {
	return { id: r.id, orgId: r.org_id, name: r.name, createdAt: Number(r.created_at) };
}

/** The user's role in the organisation, or null for a non-member. */
export async function memberRole(
	db: Kysely<Database>,
	orgId: string,
	userId: string
): Promise<OrgRole | null> {
	const r = await db
		.selectFrom('org_members')
		.select('role')
		.where('org_id', '=', orgId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return r ? toRole(r.role) : null;
}

/** Adds a member and makes the organisation their current one. */
export async function join(
	db: Kysely<Database>,
	orgId: string,
	userId: string,
	role: OrgRole,
	joinedAt: number
): Promise<void> {
	await db
		.insertInto('org_members')
		.values({ org_id: orgId, user_id: userId, role, joined_at: joinedAt })
		.execute();
	await setCurrentOrg(db, userId, orgId);
}

export async function setCurrentOrg(
	db: Kysely<Database>,
	userId: string,
	orgId: string | null
): Promise<void> {
	await db.updateTable('users').set({ current_org_id: orgId }).where('id', '=', userId).execute();
}
