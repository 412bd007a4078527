// Games saved in batches (a room of a million players is written a page at a time): while a save is
// under way the game row carries that attempt's token, and readers leave the game out until the last
// batch is written and the token cleared. Games saved before were written whole: null, finished.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('games').addColumn('saving', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('games').dropColumn('saving').execute();
}
