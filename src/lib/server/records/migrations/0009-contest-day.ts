// Contest-day games (知识竞赛 rounds, teams and an audience): each player's team and whether they
// watched as audience, each question's round facts (buzzes, stakes, who could answer) as JSON, and
// the game's plan (teams, team scoring, rounds, draw) as JSON. Games saved before read back with
// no team, not audience, no extras and no plan.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('game_players').addColumn('team_id', 'text').execute();
	await db.schema
		.alterTable('game_players')
		.addColumn('audience', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema.alterTable('game_questions').addColumn('extra', 'text').execute();
	await db.schema.alterTable('games').addColumn('plan', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('games').dropColumn('plan').execute();
	await db.schema.alterTable('game_questions').dropColumn('extra').execute();
	await db.schema.alterTable('game_players').dropColumn('audience').execute();
	await db.schema.alterTable('game_players').dropColumn('team_id').execute();
}
