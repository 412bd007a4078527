// Users on Kysely. The first admin is created by a single conditional insert in a transaction, so
// that of two racing setups exactly one gets through in both databases.
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { NewUser, UserRecord, UserStore } from './port';
import { setCurrentOrg, toUser } from './rows';

const FIRST_ADMIN_KEY = 'first_admin';

/** Thrown inside a transaction to roll it back; never escapes the store. */
class Rollback extends Error {}

function userRow(user: NewUser, isAdmin: boolean) {
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

async function countUsers(db: Kysely<Database>): Promise<number> {
	const row = await db
		.selectFrom('users')
		.select((eb) => eb.fn.countAll().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

async function userWhere(
	db: Kysely<Database>,
	column: 'id' | 'email',
	value: string
): Promise<UserRecord | null> {
	const r = await db.selectFrom('users').selectAll().where(column, '=', value).executeTakeFirst();
	return r ? toUser(r) : null;
}

export class KyselyUserStore implements UserStore {
	constructor(private readonly db: Kysely<Database>) {}

	countUsers(): Promise<number> {
		return countUsers(this.db);
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
				if ((await countUsers(trx)) > 0) throw new Rollback();
				await trx.insertInto('users').values(userRow(user, true)).execute();
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
			.values(userRow(user, false))
			.onConflict((oc) => oc.column('email').doNothing())
			.returning('id')
			.executeTakeFirst();
		return row ? 'ok' : 'EMAIL_TAKEN';
	}

	getUser(id: string): Promise<UserRecord | null> {
		return userWhere(this.db, 'id', id);
	}

	getUserByEmail(email: string): Promise<UserRecord | null> {
		return userWhere(this.db, 'email', email);
	}

	async setPasswordHash(userId: string, hash: string): Promise<void> {
		await this.db
			.updateTable('users')
			.set({ password_hash: hash })
			.where('id', '=', userId)
			.execute();
	}

	setCurrentOrg(userId: string, orgId: string | null): Promise<void> {
		return setCurrentOrg(this.db, userId, orgId);
	}
}
