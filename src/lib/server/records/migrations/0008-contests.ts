// Self-paced contests (records/contests/port.ts): the contests, their units, the organisations'
// rosters, participants, invites, attempts and the answer rows written when an attempt ends. A
// national contest has about a million participants and tens of millions of answer rows, so those
// rows are kept narrow (no JSON per row, the contest id only for the per-question figures) and
// every list the port pages through has an index that serves its keyset order. No foreign keys,
// as with the other organisation-owned records (0004): the store keeps the links.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('contests')
		.addColumn('id', 'text', (c) => c.primaryKey())
		// The public address (/contest/[slug]), unique over every organisation.
		.addColumn('slug', 'text', (c) => c.notNull().unique())
		.addColumn('org_id', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.notNull())
		// ContestSettings as JSON.
		.addColumn('settings', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.addColumn('published_at', 'bigint')
		.addColumn('closed_early_at', 'bigint')
		.addColumn('version', 'integer', (c) => c.notNull())
		.execute();
	// The organisation's contest list, newest first.
	await db.schema
		.createIndex('contests_org_created_at')
		.on('contests')
		.columns(['org_id', 'created_at'])
		.execute();

	// The question set frozen when the contest is published: attempts are drawn and scored from it.
	await db.schema
		.createTable('contest_questions')
		.addColumn('contest_id', 'text', (c) => c.notNull())
		.addColumn('id', 'text', (c) => c.notNull())
		// The Question as JSON.
		.addColumn('question', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('contest_questions_pk', ['contest_id', 'id'])
		.execute();

	await db.schema
		.createTable('contest_units')
		.addColumn('contest_id', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		// Null: unknown, no participation rate is shown.
		.addColumn('headcount', 'integer')
		.addPrimaryKeyConstraint('contest_units_pk', ['contest_id', 'name'])
		.execute();

	await db.schema
		.createTable('org_roster')
		.addColumn('org_id', 'text', (c) => c.notNull())
		.addColumn('employee_no', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('unit', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('org_roster_pk', ['org_id', 'employee_no'])
		.execute();
	// A roster contest's headcounts per unit.
	await db.schema
		.createIndex('org_roster_org_unit')
		.on('org_roster')
		.columns(['org_id', 'unit'])
		.execute();

	await db.schema
		.createTable('contest_participants')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('contest_id', 'text', (c) => c.notNull())
		.addColumn('name', 'text')
		.addColumn('phone', 'text')
		.addColumn('region', 'text')
		.addColumn('unit', 'text')
		.addColumn('employee_no', 'text')
		// Custom fields by label, as JSON.
		.addColumn('custom', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('ip', 'text', (c) => c.notNull())
		.addColumn('user_agent', 'text', (c) => c.notNull())
		.addColumn('invited_by', 'text')
		// The standing from the finished attempts, moved in the transaction that finishes one.
		.addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('time_ms', 'bigint', (c) => c.notNull().defaultTo(0))
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		// Attempts started, finished or not: what the total cap counts.
		.addColumn('started_total', 'integer', (c) => c.notNull().defaultTo(0))
		// One person per phone (or employee number) in a contest. Both are nullable, and NULLs
		// never clash in either database, so a contest without phones takes everyone.
		.addUniqueConstraint('contest_participants_phone', ['contest_id', 'phone'])
		.addUniqueConstraint('contest_participants_employee', ['contest_id', 'employee_no'])
		.execute();
	// The unique constraints above lead with contest_id, and the primary key is the id: a keyset
	// page of one contest's participants reads this index in order.
	await db.schema
		.createIndex('contest_participants_contest_id')
		.on('contest_participants')
		.columns(['contest_id', 'id'])
		.execute();

	await db.schema
		.createTable('contest_invites')
		// A participant is invited once, when they enter: the invitee is the key.
		.addColumn('invitee_id', 'text', (c) => c.primaryKey())
		.addColumn('contest_id', 'text', (c) => c.notNull())
		.addColumn('inviter_id', 'text', (c) => c.notNull())
		.addColumn('day', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('contest_invites_inviter_day')
		.on('contest_invites')
		.columns(['contest_id', 'inviter_id', 'day'])
		.execute();

	await db.schema
		.createTable('contest_attempts')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('contest_id', 'text', (c) => c.notNull())
		.addColumn('participant_id', 'text', (c) => c.notNull())
		// The Asia/Shanghai day it started on: what the daily cap counts.
		.addColumn('day', 'text', (c) => c.notNull())
		// 'open' | 'submitted' | 'expired', kept beside the JSON so that queries can use it.
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('started_at', 'bigint', (c) => c.notNull())
		.addColumn('deadline', 'bigint', (c) => c.notNull())
		.addColumn('ended_at', 'bigint')
		// The whole Attempt as JSON: an open attempt's answers live here, one UPDATE each.
		.addColumn('attempt', 'text', (c) => c.notNull())
		.addColumn('score', 'integer')
		.addColumn('correct', 'integer')
		.addColumn('time_ms', 'bigint')
		.addColumn('too_fast', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('end_reason', 'text')
		.addColumn('ip', 'text', (c) => c.notNull())
		.addColumn('user_agent', 'text', (c) => c.notNull())
		.addColumn('version', 'integer', (c) => c.notNull())
		.execute();
	// The caps' counts and a participant's own list.
	await db.schema
		.createIndex('contest_attempts_participant_day')
		.on('contest_attempts')
		.columns(['participant_id', 'day'])
		.execute();
	// The sweep of open attempts past their deadline.
	await db.schema
		.createIndex('contest_attempts_status_deadline')
		.on('contest_attempts')
		.columns(['status', 'deadline'])
		.execute();
	// Keyset pages of one contest's attempts.
	await db.schema
		.createIndex('contest_attempts_contest_id')
		.on('contest_attempts')
		.columns(['contest_id', 'id'])
		.execute();

	await db.schema
		.createTable('contest_answers')
		.addColumn('attempt_id', 'text', (c) => c.notNull())
		.addColumn('idx', 'integer', (c) => c.notNull())
		.addColumn('contest_id', 'text', (c) => c.notNull())
		.addColumn('question_id', 'text', (c) => c.notNull())
		// The saved answer as JSON; null: unanswered.
		.addColumn('answer', 'text')
		// 1 or 0 ("right" itself is a reserved word in SQL).
		.addColumn('is_right', 'integer', (c) => c.notNull())
		.addColumn('at', 'bigint')
		.addPrimaryKeyConstraint('contest_answers_pk', ['attempt_id', 'idx'])
		.execute();
	// The per-question figures of a contest.
	await db.schema
		.createIndex('contest_answers_contest_question')
		.on('contest_answers')
		.columns(['contest_id', 'question_id'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of [
		'contest_answers',
		'contest_attempts',
		'contest_invites',
		'contest_participants',
		'org_roster',
		'contest_units',
		'contest_questions',
		'contests'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
