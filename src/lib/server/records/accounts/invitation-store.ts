// Invitation links on Kysely, keyed by the hash of the link's token. Accepting one is a single
// conditional update inside a transaction, so that of two racing accepts exactly one joins.
import type { Kysely } from 'kysely';
import { touchedAny } from '../query-helpers';
import type { Database } from '../schema';
import type { AcceptOutcome, InvitationRecord, InvitationStore } from './port';
import { join, memberRole, toInvitation, toRole } from './rows';

export class KyselyInvitationStore implements InvitationStore {
	constructor(private readonly db: Kysely<Database>) {}

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
		return touchedAny(r);
	}

	acceptInvitation(id: string, userId: string, now: number): Promise<AcceptOutcome> {
		return this.db.transaction().execute(async (trx): Promise<AcceptOutcome> => {
			const inv = await trx
				.selectFrom('org_invitations')
				.selectAll()
				.where('id', '=', id)
				.executeTakeFirst();
			if (!inv || inv.used_at !== null || Number(inv.expires_at) <= now) {
				return { status: 'INVALID' };
			}
			if (await memberRole(trx, inv.org_id, userId)) {
				return { status: 'ALREADY_MEMBER', orgId: inv.org_id };
			}
			// The conditional update is the single use: of two racing accepts, one updates the row.
			const used = await trx
				.updateTable('org_invitations')
				.set({ used_at: now, used_by: userId })
				.where('id', '=', id)
				.where('used_at', 'is', null)
				.where('expires_at', '>', now)
				.executeTakeFirst();
			if (!touchedAny(used)) return { status: 'INVALID' };
			const role = toRole(inv.role);
			await join(trx, inv.org_id, userId, role, now);
			return { status: 'ok', orgId: inv.org_id, role };
		});
	}
}
