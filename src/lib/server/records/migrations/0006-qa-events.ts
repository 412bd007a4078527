// Q&A events as records: the organisation's catalogue of its events (one row each, written when
// the event is created) and, once it is closed, its archive: the moderator view as it stood, kept
// whole as JSON, with the counts the event list shows. The live state of an event is freed after a
// while (QA_EVENT_TTL_MS); this row is what remains, listed and exportable.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('qa_events')
		.addColumn('code', 'text', (c) => c.primaryKey())
		// Always an organisation's: there are no quick Q&A events.
		.addColumn('org_id', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('starts_at', 'bigint')
		.addColumn('ends_at', 'bigint')
		// Null while the event is open (and again after a reopen).
		.addColumn('closed_at', 'bigint')
		.addColumn('question_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('answered_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('vote_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('asker_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('poll_count', 'integer', (c) => c.notNull().defaultTo(0))
		// The QaModeratorView at the last archive, as JSON; null until the event is first closed.
		.addColumn('snapshot', 'text')
		.execute();
	// The organisation's event list, newest first.
	await db.schema
		.createIndex('qa_events_org_created_at')
		.on('qa_events')
		.columns(['org_id', 'created_at'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('qa_events').execute();
}
