// The account store on Kysely: one query layer for SQLite and PostgreSQL. Rules that must hold under
// concurrency (one first admin, one use per invitation, an owner always left) are single
// conditional statements or transactions that first write the organisation's row, which serialises
// them in both databases.
import type { Kysely, Selectable } from 'kysely';
import { isOrgKind, isOrgRole, type OrgRole } from '../../../domain/org-roles';
import type { Database, SessionsTable, UsersTable } from '../schema';
import type {
	AcceptOutcome,
	AccountStore,
	DepartmentRecord,
	InvitationRecord,
	MemberChange,
	MemberRecord,
	MembershipRecord,
	NewUser,
	OrganisationRecord,
	SessionRecord,
	UserRecord
} from './port';

const FIRST_ADMIN_KEY = 'first_admin';
const ROLE_ORDER: Record<OrgRole, number> = { owner: 0, admin: 1, host: 2 };

/** Thrown inside a transaction to roll it back; never escapes the store. */
class Rollback extends Error {}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function role(v: string): OrgRole {
	// A role the code does not know (a newer version wrote it) is read as the least privileged one.
	return isOrgRole(v) ? v : 'host';
}

function toUser(r: Selectable<UsersTable>): UserRecord {
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

function toSession(r: Selectable<SessionsTable>): SessionRecord {
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

function toOrg(r: {
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

function toInvitation(r: Selectable<Database['org_invitations']>): InvitationRecord {
	return {
		id: r.id,
		orgId: r.org_id,
		role: role(r.role),
		createdBy: r.created_by,
		createdAt: Number(r.created_at),
		expiresAt: Number(r.expires_at),
		usedAt: r.used_at === null ? null : Number(r.used_at),
		usedBy: r.used_by
	};
}

/** A unique-constraint violation, in either database. */
function isUniqueViolation(e: unknown): boolean {
	const code = (e as { code?: unknown })?.code;
	return (
		code === '23505' ||
		code === 'SQLITE_CONSTRAINT_UNIQUE' ||
		code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
	);
}

export class KyselyAccountStore implements AccountStore {
	constructor(private readonly db: Kysely<Database>) {}

	// ——— users ———

	async countUsers(): Promise<number> {
		const row = await this.db
			.selectFrom('users')
			.select((eb) => eb.fn.countAll().as('n'))
			.executeTakeFirstOrThrow();
		return Number(row.n);
	}

	private userRow(user: NewUser, isAdmin: boolean) {
		return {
			id: user.id,
			email: user.email,
			display_name: user.displayName,
			password_hash: user.passwordHash,
			is_admin: isAdmin ? 1 : 0,
			current_org_id: null,
			created_at: user.createdAt
		};
	}

	async createFirstAdmin(user: NewUser): Promise<'ok' | 'SETUP_DONE'> {
		try {
			return await this.db.transaction().execute(async (trx) => {
				// The marker's primary key lets exactly one setup through, also when two race: the
				// loser waits on the key (PostgreSQL) or the write lock (SQLite) and inserts nothing.
				const claimed = await trx
					.insertInto('instance_settings')
					.values({ key: FIRST_ADMIN_KEY, value: user.id })
					.onConflict((oc) => oc.column('key').doNothing())
					.returning('key')
					.executeTakeFirst();
				if (!claimed) return 'SETUP_DONE' as const;
				const row = await trx
					.selectFrom('users')
					.select((eb) => eb.fn.countAll().as('n'))
					.executeTakeFirstOrThrow();
				if (Number(row.n) > 0) throw new Rollback();
				await trx.insertInto('users').values(this.userRow(user, true)).execute();
				return 'ok' as const;
			});
		} catch (e) {
			if (e instanceof Rollback) return 'SETUP_DONE';
			throw e;
		}
	}

	async createUser(user: NewUser): Promise<'ok' | 'EMAIL_TAKEN'> {
		const row = await this.db
			.insertInto('users')
			.values(this.userRow(user, false))
			.onConflict((oc) => oc.column('email').doNothing())
			.returning('id')
			.executeTakeFirst();
		return row ? 'ok' : 'EMAIL_TAKEN';
	}

	async getUser(id: string): Promise<UserRecord | null> {
		const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
		return r ? toUser(r) : null;
	}

	async getUserByEmail(email: string): Promise<UserRecord | null> {
		const r = await this.db
			.selectFrom('users')
			.selectAll()
			.where('email', '=', email)
			.executeTakeFirst();
		return r ? toUser(r) : null;
	}

	async setPasswordHash(userId: string, hash: string): Promise<void> {
		await this.db
			.updateTable('users')
			.set({ password_hash: hash })
			.where('id', '=', userId)
			.execute();
	}

	async setCurrentOrg(userId: string, orgId: string | null): Promise<void> {
		await this.db
			.updateTable('users')
			.set({ current_org_id: orgId })
			.where('id', '=', userId)
			.execute();
	}

	// ——— sessions ———

	async createSession(s: SessionRecord): Promise<void> {
		await this.db
			.insertInto('sessions')
			.values({
				id: s.id,
				user_id: s.userId,
				created_at: s.createdAt,
				expires_at: s.expiresAt,
				last_seen_at: s.lastSeenAt,
				user_agent: s.userAgent,
				ip: s.ip
			})
			.execute();
	}

	async getSession(id: string): Promise<SessionRecord | null> {
		const r = await this.db
			.selectFrom('sessions')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirst();
		return r ? toSession(r) : null;
	}

	async getSessionWithUser(
		id: string
	): Promise<{ session: SessionRecord; user: UserRecord } | null> {
		const r = await this.db
			.selectFrom('sessions')
			.innerJoin('users', 'users.id', 'sessions.user_id')
			.select([
				'sessions.id as s_id',
				'sessions.user_id as s_user_id',
				'sessions.created_at as s_created_at',
				'sessions.expires_at as s_expires_at',
				'sessions.last_seen_at as s_last_seen_at',
				'sessions.user_agent as s_user_agent',
				'sessions.ip as s_ip',
				'users.id',
				'users.email',
				'users.display_name',
				'users.password_hash',
				'users.is_admin',
				'users.current_org_id',
				'users.created_at'
			])
			.where('sessions.id', '=', id)
			.executeTakeFirst();
		if (!r) return null;
		return {
			session: toSession({
				id: r.s_id,
				user_id: r.s_user_id,
				created_at: r.s_created_at,
				expires_at: r.s_expires_at,
				last_seen_at: r.s_last_seen_at,
				user_agent: r.s_user_agent,
				ip: r.s_ip
			}),
			user: toUser(r)
		};
	}

	async touchSession(id: string, expiresAt: number, lastSeenAt: number): Promise<void> {
		await this.db
			.updateTable('sessions')
			.set({ expires_at: expiresAt, last_seen_at: lastSeenAt })
			.where('id', '=', id)
			.execute();
	}

	async deleteSession(id: string): Promise<boolean> {
		const r = await this.db.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
		return Number(r.numDeletedRows) > 0;
	}

	async deleteUserSession(userId: string, sessionId: string): Promise<boolean> {
		const r = await this.db
			.deleteFrom('sessions')
			.where('id', '=', sessionId)
			.where('user_id', '=', userId)
			.executeTakeFirst();
		return Number(r.numDeletedRows) > 0;
	}

	async deleteUserSessions(userId: string, exceptId?: string): Promise<string[]> {
		let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
		if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
		const rows = await q.returning('id').execute();
		return rows.map((r) => r.id);
	}

	async listUserSessions(userId: string, now: number): Promise<SessionRecord[]> {
		const rows = await this.db
			.selectFrom('sessions')
			.selectAll()
			.where('user_id', '=', userId)
			.where('expires_at', '>', now)
			.orderBy('last_seen_at', 'desc')
			.orderBy('id')
			.execute();
		return rows.map(toSession);
	}

	async deleteExpiredSessions(now: number): Promise<number> {
		const r = await this.db
			.deleteFrom('sessions')
			.where('expires_at', '<=', now)
			.executeTakeFirst();
		return Number(r.numDeletedRows);
	}

	// ——— organisations and members ———

	async createOrganisation(org: OrganisationRecord, ownerId: string): Promise<void> {
		await this.db.transaction().execute(async (trx) => {
			await trx
				.insertInto('organisations')
				.values({
					id: org.id,
					name: org.name,
					kind: org.kind,
					created_at: org.createdAt,
					updated_at: org.createdAt
				})
				.execute();
			await trx
				.insertInto('org_members')
				.values({ org_id: org.id, user_id: ownerId, role: 'owner', joined_at: org.createdAt })
				.execute();
			await trx
				.updateTable('users')
				.set({ current_org_id: org.id })
				.where('id', '=', ownerId)
				.execute();
		});
	}

	async getOrganisation(id: string): Promise<OrganisationRecord | null> {
		const r = await this.db
			.selectFrom('organisations')
			.select(['id', 'name', 'kind', 'created_at'])
			.where('id', '=', id)
			.executeTakeFirst();
		return r ? toOrg(r) : null;
	}

	async listMemberships(userId: string): Promise<MembershipRecord[]> {
		const rows = await this.db
			.selectFrom('org_members')
			.innerJoin('organisations', 'organisations.id', 'org_members.org_id')
			.select([
				'organisations.id',
				'organisations.name',
				'organisations.kind',
				'organisations.created_at',
				'org_members.role',
				'org_members.joined_at'
			])
			.where('org_members.user_id', '=', userId)
			.orderBy('org_members.joined_at')
			.orderBy('organisations.id')
			.execute();
		return rows.map((r) => ({ org: toOrg(r), role: role(r.role), joinedAt: Number(r.joined_at) }));
	}

	async getRole(orgId: string, userId: string): Promise<OrgRole | null> {
		const r = await this.db
			.selectFrom('org_members')
			.select('role')
			.where('org_id', '=', orgId)
			.where('user_id', '=', userId)
			.executeTakeFirst();
		return r ? role(r.role) : null;
	}

	async listMembers(orgId: string): Promise<MemberRecord[]> {
		const rows = await this.db
			.selectFrom('org_members')
			.innerJoin('users', 'users.id', 'org_members.user_id')
			.select([
				'users.id',
				'users.email',
				'users.display_name',
				'org_members.role',
				'org_members.joined_at'
			])
			.where('org_members.org_id', '=', orgId)
			.execute();
		return rows
			.map((r) => ({
				userId: r.id,
				email: r.email,
				displayName: r.display_name,
				role: role(r.role),
				joinedAt: Number(r.joined_at)
			}))
			.sort(
				(a, b) =>
					ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
					compareText(a.displayName, b.displayName) ||
					compareText(a.userId, b.userId)
			);
	}

	/** Runs `fn` holding the organisation's row, so that membership changes serialise. */
	private async lockedOrg<T>(
		orgId: string,
		now: number,
		fn: (trx: Kysely<Database>) => Promise<T>
	): Promise<T | 'NOT_MEMBER'> {
		return this.db.transaction().execute(async (trx) => {
			const touched = await trx
				.updateTable('organisations')
				.set({ updated_at: now })
				.where('id', '=', orgId)
				.executeTakeFirst();
			if (Number(touched.numUpdatedRows) === 0) return 'NOT_MEMBER' as const;
			return fn(trx);
		});
	}

	private async ownerCount(trx: Kysely<Database>, orgId: string): Promise<number> {
		const r = await trx
			.selectFrom('org_members')
			.select((eb) => eb.fn.countAll().as('n'))
			.where('org_id', '=', orgId)
			.where('role', '=', 'owner')
			.executeTakeFirstOrThrow();
		return Number(r.n);
	}

	async setRole(orgId: string, userId: string, next: OrgRole, now: number): Promise<MemberChange> {
		return this.lockedOrg(orgId, now, async (trx) => {
			const cur = await trx
				.selectFrom('org_members')
				.select('role')
				.where('org_id', '=', orgId)
				.where('user_id', '=', userId)
				.executeTakeFirst();
			if (!cur) return 'NOT_MEMBER';
			if (cur.role === 'owner' && next !== 'owner' && (await this.ownerCount(trx, orgId)) <= 1) {
				return 'LAST_OWNER';
			}
			await trx
				.updateTable('org_members')
				.set({ role: next })
				.where('org_id', '=', orgId)
				.where('user_id', '=', userId)
				.execute();
			return 'ok';
		});
	}

	async removeMember(orgId: string, userId: string, now: number): Promise<MemberChange> {
		return this.lockedOrg(orgId, now, async (trx) => {
			const cur = await trx
				.selectFrom('org_members')
				.select('role')
				.where('org_id', '=', orgId)
				.where('user_id', '=', userId)
				.executeTakeFirst();
			if (!cur) return 'NOT_MEMBER';
			if (cur.role === 'owner' && (await this.ownerCount(trx, orgId)) <= 1) return 'LAST_OWNER';
			await trx
				.deleteFrom('org_members')
				.where('org_id', '=', orgId)
				.where('user_id', '=', userId)
				.execute();
			await trx
				.updateTable('users')
				.set({ current_org_id: null })
				.where('id', '=', userId)
				.where('current_org_id', '=', orgId)
				.execute();
			return 'ok';
		});
	}

	// ——— invitations ———

	async createInvitation(inv: Omit<InvitationRecord, 'usedAt' | 'usedBy'>): Promise<void> {
		await this.db
			.insertInto('org_invitations')
			.values({
				id: inv.id,
				org_id: inv.orgId,
				role: inv.role,
				created_by: inv.createdBy,
				created_at: inv.createdAt,
				expires_at: inv.expiresAt,
				used_at: null,
				used_by: null
			})
			.execute();
	}

	async getInvitation(id: string): Promise<InvitationRecord | null> {
		const r = await this.db
			.selectFrom('org_invitations')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirst();
		return r ? toInvitation(r) : null;
	}

	async listPendingInvitations(orgId: string, now: number): Promise<InvitationRecord[]> {
		const rows = await this.db
			.selectFrom('org_invitations')
			.selectAll()
			.where('org_id', '=', orgId)
			.where('used_at', 'is', null)
			.where('expires_at', '>', now)
			.orderBy('created_at', 'desc')
			.orderBy('id')
			.execute();
		return rows.map(toInvitation);
	}

	async revokeInvitation(orgId: string, id: string): Promise<boolean> {
		const r = await this.db
			.deleteFrom('org_invitations')
			.where('id', '=', id)
			.where('org_id', '=', orgId)
			.where('used_at', 'is', null)
			.executeTakeFirst();
		return Number(r.numDeletedRows) > 0;
	}

	async acceptInvitation(id: string, userId: string, now: number): Promise<AcceptOutcome> {
		return this.db.transaction().execute(async (trx): Promise<AcceptOutcome> => {
			const inv = await trx
				.selectFrom('org_invitations')
				.selectAll()
				.where('id', '=', id)
				.executeTakeFirst();
			if (!inv || inv.used_at !== null || Number(inv.expires_at) <= now) {
				return { status: 'INVALID' };
			}
			const member = await trx
				.selectFrom('org_members')
				.select('role')
				.where('org_id', '=', inv.org_id)
				.where('user_id', '=', userId)
				.executeTakeFirst();
			if (member) return { status: 'ALREADY_MEMBER', orgId: inv.org_id };
			// The conditional update is the single use: of two racing accepts, one updates the row.
			const used = await trx
				.updateTable('org_invitations')
				.set({ used_at: now, used_by: userId })
				.where('id', '=', id)
				.where('used_at', 'is', null)
				.where('expires_at', '>', now)
				.executeTakeFirst();
			if (Number(used.numUpdatedRows) === 0) return { status: 'INVALID' };
			const invRole = role(inv.role);
			await trx
				.insertInto('org_members')
				.values({ org_id: inv.org_id, user_id: userId, role: invRole, joined_at: now })
				.execute();
			await trx
				.updateTable('users')
				.set({ current_org_id: inv.org_id })
				.where('id', '=', userId)
				.execute();
			return { status: 'ok', orgId: inv.org_id, role: invRole };
		});
	}

	// ——— departments ———

	async listDepartments(orgId: string): Promise<DepartmentRecord[]> {
		const rows = await this.db
			.selectFrom('departments')
			.selectAll()
			.where('org_id', '=', orgId)
			.execute();
		return rows
			.map((r) => ({ id: r.id, orgId: r.org_id, name: r.name, createdAt: Number(r.created_at) }))
			.sort((a, b) => a.createdAt - b.createdAt || compareText(a.id, b.id));
	}

	async createDepartment(dep: DepartmentRecord): Promise<'ok' | 'NAME_TAKEN'> {
		const row = await this.db
			.insertInto('departments')
			.values({ id: dep.id, org_id: dep.orgId, name: dep.name, created_at: dep.createdAt })
			.onConflict((oc) => oc.columns(['org_id', 'name']).doNothing())
			.returning('id')
			.executeTakeFirst();
		return row ? 'ok' : 'NAME_TAKEN';
	}

	async renameDepartment(
		orgId: string,
		id: string,
		name: string
	): Promise<'ok' | 'NOT_FOUND' | 'NAME_TAKEN'> {
		try {
			const r = await this.db
				.updateTable('departments')
				.set({ name })
				.where('id', '=', id)
				.where('org_id', '=', orgId)
				.executeTakeFirst();
			return Number(r.numUpdatedRows) > 0 ? 'ok' : 'NOT_FOUND';
		} catch (e) {
			if (isUniqueViolation(e)) return 'NAME_TAKEN';
			throw e;
		}
	}

	async deleteDepartment(orgId: string, id: string): Promise<boolean> {
		const r = await this.db
			.deleteFrom('departments')
			.where('id', '=', id)
			.where('org_id', '=', orgId)
			.executeTakeFirst();
		return Number(r.numDeletedRows) > 0;
	}
}
