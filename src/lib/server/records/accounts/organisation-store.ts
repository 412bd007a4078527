// Organisations and their members on Kysely. A membership change that must leave an owner runs in
// a transaction that first writes the organisation's row, which serialises such changes in both
// databases: of two owners demoting each other at once, the second sees the first's change.
import type { Kysely } from 'kysely';
import type { OrgRole } from '../../../domain/org-roles';
import { compareText, touchedAny } from '../query-helpers';
import type { Database } from '../schema';
import type {
	MemberChange,
	MemberRecord,
	MembershipRecord,
	OrganisationRecord,
	OrganisationStore
} from './port';
import { join, memberRole, toOrg, toRole } from './rows';

const ROLE_ORDER: Record<OrgRole, number> = { owner: 0, admin: 1, host: 2 };

/** Runs `change` holding the organisation's row; 'NOT_MEMBER' if there is no such organisation. */
async function lockedOrg(
	db: Kysely<Database>,
	orgId: string,
	now: number,
	change: (trx: Kysely<Database>) => Promise<MemberChange>
): Promise<MemberChange> {
	return db.transaction().execute(async (trx) => {
		const touched = await trx
			.updateTable('organisations')
			.set({ updated_at: now })
			.where('id', '=', orgId)
			.executeTakeFirst();
		if (!touchedAny(touched)) return 'NOT_MEMBER';
		return change(trx);
	});
}

/** Whether taking the owner role from a member with role `current` would leave no owner. */
async function wouldLeaveNoOwner(
	trx: Kysely<Database>,
	orgId: string,
	current: OrgRole
): Promise<boolean> {
	if (current !== 'owner') return false;
	const r = await trx
		.selectFrom('org_members')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('org_id', '=', orgId)
		.where('role', '=', 'owner')
		.executeTakeFirstOrThrow();
	return Number(r.n) <= 1;
}

export class KyselyOrganisationStore implements OrganisationStore {
	constructor(private readonly db: Kysely<Database>) {}

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
			await join(trx, org.id, ownerId, 'owner', org.createdAt);
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
		return rows.map((r) => ({
			org: toOrg(r),
			role: toRole(r.role),
			joinedAt: Number(r.joined_at)
		}));
	}

	getRole(orgId: string, userId: string): Promise<OrgRole | null> {
		return memberRole(this.db, orgId, userId);
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
				role: toRole(r.role),
				joinedAt: Number(r.joined_at)
			}))
			.sort(
				(a, b) =>
					ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
					compareText(a.displayName, b.displayName) ||
					compareText(a.userId, b.userId)
			);
	}

	setRole(orgId: string, userId: string, next: OrgRole, now: number): Promise<MemberChange> {
		return lockedOrg(this.db, orgId, now, async (trx) => {
			const current = await memberRole(trx, orgId, userId);
			if (!current) return 'NOT_MEMBER';
			if (next !== 'owner' && (await wouldLeaveNoOwner(trx, orgId, current))) {
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

	removeMember(orgId: string, userId: string, now: number): Promise<MemberChange> {
		return lockedOrg(this.db, orgId, now, async (trx) => {
			const current = await memberRole(trx, orgId, userId);
			if (!current) return 'NOT_MEMBER';
			if (await wouldLeaveNoOwner(trx, orgId, current)) return 'LAST_OWNER';
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
}
