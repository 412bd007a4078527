// Sessions on Kysely: one row per signed-in device, keyed by the hash of its token.
import type { Kysely } from 'kysely';
import { touchedAny } from '../query-helpers';
import type { Database } from '../schema';
import type { SessionRecord, SessionStore, UserRecord } from './port';
import { toSession, toUser } from './rows';

export class KyselySessionStore implements SessionStore {
	constructor(private readonly db: Kysely<Database>) {}

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
		return touchedAny(await this.db.deleteFrom('sessions').where('id', '=', id).executeTakeFirst());
	}

	async deleteUserSession(userId: string, sessionId: string): Promise<boolean> {
		const r = await this.db
			.deleteFrom('sessions')
			.where('id', '=', sessionId)
			.where('user_id', '=', userId)
			.executeTakeFirst();
		return touchedAny(r);
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
}
