// The first schema: quizzes and finished games with their questions, players and answers.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('quizzes')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text')
		.addColumn('data', 'text', (c) => c.notNull())
		.addColumn('question_count', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('games')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('pin', 'text', (c) => c.notNull())
		.addColumn('quiz_id', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('settings', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('ended_at', 'bigint', (c) => c.notNull())
		.addColumn('player_count', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('games_pin_created_at')
		.on('games')
		.columns(['pin', 'created_at'])
		.execute();
	// listGames reads newest first.
	await db.schema.createIndex('games_created_at').on('games').column('created_at').execute();

	await db.schema
		.createTable('game_questions')
		.addColumn('game_id', 'text', (c) => c.notNull().references('games.id').onDelete('cascade'))
		.addColumn('idx', 'integer', (c) => c.notNull())
		.addColumn('question', 'text', (c) => c.notNull())
		.addColumn('limit_ms', 'integer')
		.addPrimaryKeyConstraint('game_questions_pk', ['game_id', 'idx'])
		.execute();

	await db.schema
		.createTable('game_players')
		.addColumn('game_id', 'text', (c) => c.notNull().references('games.id').onDelete('cascade'))
		.addColumn('player_id', 'text', (c) => c.notNull())
		.addColumn('nickname', 'text', (c) => c.notNull())
		.addColumn('score', 'integer', (c) => c.notNull())
		.addColumn('correct_count', 'integer', (c) => c.notNull())
		.addColumn('total_time_ms', 'bigint', (c) => c.notNull())
		.addColumn('rank', 'integer')
		.addColumn('kicked', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('joined_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('game_players_pk', ['game_id', 'player_id'])
		.execute();

	await db.schema
		.createTable('game_answers')
		.addColumn('game_id', 'text', (c) => c.notNull().references('games.id').onDelete('cascade'))
		.addColumn('question_index', 'integer', (c) => c.notNull())
		.addColumn('player_id', 'text', (c) => c.notNull())
		.addColumn('answer', 'text', (c) => c.notNull())
		.addColumn('elapsed_ms', 'integer', (c) => c.notNull())
		.addColumn('received_at', 'bigint', (c) => c.notNull())
		.addColumn('correct', 'integer')
		.addColumn('points', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('game_answers_pk', ['game_id', 'question_index', 'player_id'])
		.execute();
}
