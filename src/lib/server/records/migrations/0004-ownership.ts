// Ownership: quizzes, banks and finished games belong to an organisation. A null org_id is the
// shared scope: the shipped library (quizzes and banks synced from question-banks/, readable by
// everyone, writable by no organisation) and the games of quick rooms (no organisation; reachable
// only by their results link). Content saved before this migration has no owner and so joins the
// shared library, read-only. No foreign key: the id is an opaque owner, checked by the routes
// against the signed-in user's memberships.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	for (const table of ['quizzes', 'banks', 'games']) {
		await db.schema.alterTable(table).addColumn('org_id', 'text').execute();
	}
	// An organisation's quiz and bank lists; the shared rows are found by the same index (NULL).
	await db.schema.createIndex('quizzes_org_id').on('quizzes').column('org_id').execute();
	await db.schema.createIndex('banks_org_id').on('banks').column('org_id').execute();
	// "最近的场次": an organisation's games, newest first.
	await db.schema
		.createIndex('games_org_created_at')
		.on('games')
		.columns(['org_id', 'created_at'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropIndex('games_org_created_at').execute();
	await db.schema.dropIndex('banks_org_id').execute();
	await db.schema.dropIndex('quizzes_org_id').execute();
	for (const table of ['games', 'banks', 'quizzes']) {
		await db.schema.alterTable(table).dropColumn('org_id').execute();
	}
}
