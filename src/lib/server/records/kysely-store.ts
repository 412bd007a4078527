// The record store on Kysely: finished games and quizzes, one query layer for SQLite and
// PostgreSQL (the portable-SQL rules and shared pieces are in query-helpers.ts).
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AnswerInput } from '../../domain/answer';
import type { Question, Quiz, QuizSettings } from '../../domain/question';
import type {
	FinishedGame,
	GameAnswerRecord,
	GameHead,
	GamePlayerRecord,
	GameQuestionRecord,
	GameSummary,
	OrgScope,
	OwnedQuiz,
	QuestionExtra,
	QuizSummary,
	RecordStore
} from './port';
import { SHARED } from './port';
import {
	compareText,
	deleteOwnedRow,
	insertInChunks,
	ownedBy,
	readableBy,
	touchedAny,
	saveOwnedRow,
	type RecordStoreKind
} from './query-helpers';
import type {
	Database,
	GameAnswersTable,
	GamePlayersTable,
	GameQuestionsTable,
	GamesTable
} from './schema';

/** Rank ascending with kicked (null-rank) players last, then nickname, then id for stability. */
function comparePlayers(a: GamePlayerRecord, b: GamePlayerRecord): number {
	if (a.rank !== b.rank) {
		if (a.rank === null) return 1;
		if (b.rank === null) return -1;
		return a.rank - b.rank;
	}
	return compareText(a.nickname, b.nickname) || compareText(a.id, b.id);
}

// Each child row of a game, as written and as read back. Number() because bigint columns arrive
// as strings from a pg pool without an int8 parser.

function questionRow(gameId: string, q: GameQuestionRecord): Insertable<GameQuestionsTable> {
	return {
		game_id: gameId,
		idx: q.index,
		question: JSON.stringify(q.question),
		limit_ms: q.limitMs,
		extra: q.extra === null ? null : JSON.stringify(q.extra)
	};
}

function toQuestion(r: Selectable<GameQuestionsTable>): GameQuestionRecord {
	return {
		index: r.idx,
		question: JSON.parse(r.question) as Question,
		limitMs: r.limit_ms,
		extra: r.extra === null ? null : (JSON.parse(r.extra) as QuestionExtra)
	};
}

/** The game-wide contest-day facts, kept together in games.plan. */
type GamePlan = Pick<FinishedGame, 'teams' | 'teamScoring' | 'rounds' | 'draw'>;

function planColumn(game: GamePlan): string | null {
	const plan: GamePlan = {
		teams: game.teams,
		teamScoring: game.teamScoring,
		rounds: game.rounds,
		draw: game.draw
	};
	// A plain game keeps the column null, as games saved before the column existed.
	const plain = plan.teams.length === 0 && !plan.teamScoring && !plan.rounds && !plan.draw;
	return plain ? null : JSON.stringify(plan);
}

/** The plan as saved; a game saved without one reads back with no teams, rounds or draw. */
function toPlan(column: string | null): GamePlan {
	const saved = column === null ? {} : (JSON.parse(column) as Partial<GamePlan>);
	return { teams: [], teamScoring: null, rounds: null, draw: null, ...saved };
}

/** The game row of a save under way (`saving`: its attempt), its player count set at the finish. */
function gameRow(head: GameHead, saving: string): Insertable<GamesTable> {
	return {
		id: head.id,
		pin: head.pin,
		org_id: head.orgId,
		quiz_id: head.quizId,
		title: head.title,
		settings: JSON.stringify(head.settings),
		created_at: head.createdAt,
		ended_at: head.endedAt,
		player_count: 0,
		plan: planColumn(head),
		saving
	};
}

function playerRow(gameId: string, p: GamePlayerRecord): Insertable<GamePlayersTable> {
	return {
		game_id: gameId,
		player_id: p.id,
		nickname: p.nickname,
		score: p.score,
		correct_count: p.correctCount,
		total_time_ms: p.totalTimeMs,
		rank: p.rank,
		kicked: bool(p.kicked),
		joined_at: p.joinedAt,
		team_id: p.teamId,
		audience: bool(p.audience)
	};
}

function toPlayer(r: Selectable<GamePlayersTable>): GamePlayerRecord {
	return {
		id: r.player_id,
		nickname: r.nickname,
		score: r.score,
		correctCount: r.correct_count,
		totalTimeMs: Number(r.total_time_ms),
		rank: r.rank,
		kicked: r.kicked === 1,
		joinedAt: Number(r.joined_at),
		teamId: r.team_id,
		audience: r.audience === 1
	};
}

function answerRow(gameId: string, a: GameAnswerRecord): Insertable<GameAnswersTable> {
	return {
		game_id: gameId,
		question_index: a.questionIndex,
		player_id: a.playerId,
		answer: JSON.stringify(a.answer),
		elapsed_ms: a.elapsedMs,
		received_at: a.receivedAt,
		correct: a.correct === null ? null : bool(a.correct),
		points: a.points
	};
}

function toAnswer(r: Selectable<GameAnswersTable>): GameAnswerRecord {
	return {
		questionIndex: r.question_index,
		playerId: r.player_id,
		answer: JSON.parse(r.answer) as AnswerInput,
		elapsedMs: r.elapsed_ms,
		receivedAt: Number(r.received_at),
		correct: r.correct === null ? null : r.correct === 1,
		points: r.points
	};
}

function bool(b: boolean): number {
	return b ? 1 : 0;
}

export class KyselyRecordStore implements RecordStore {
	readonly kind: RecordStoreKind;
	private readonly db: Kysely<Database>;

	constructor(db: Kysely<Database>, kind: RecordStoreKind) {
		this.db = db;
		this.kind = kind;
	}

	async saveGame(game: FinishedGame): Promise<void> {
		// One transaction: a concurrent save of the same id waits on the game row's lock (PostgreSQL)
		// or the write lock (SQLite), then finds it finished and writes nothing.
		await this.db.transaction().execute(async (trx) => {
			const attempt = await this.begin(trx, game);
			if (attempt === null) return;
			await this.addRows(
				trx,
				'game_players',
				game.players.map((p) => playerRow(game.id, p))
			);
			await this.addRows(
				trx,
				'game_answers',
				game.answers.map((a) => answerRow(game.id, a))
			);
			await this.finish(trx, game.id, attempt);
		});
	}

	async beginGame(head: GameHead): Promise<string | null> {
		return this.db.transaction().execute((trx) => this.begin(trx, head));
	}

	async addGamePlayers(gameId: string, rows: GamePlayerRecord[]): Promise<void> {
		await this.addRows(
			this.db,
			'game_players',
			rows.map((p) => playerRow(gameId, p))
		);
	}

	async addGameAnswers(gameId: string, rows: GameAnswerRecord[]): Promise<void> {
		await this.addRows(
			this.db,
			'game_answers',
			rows.map((a) => answerRow(gameId, a))
		);
	}

	async finishGame(gameId: string, attempt: string): Promise<boolean> {
		return this.finish(this.db, gameId, attempt);
	}

	/** Claims the game row for a new attempt (see beginGame); run in a transaction. */
	private async begin(trx: Kysely<Database>, head: GameHead): Promise<string | null> {
		const attempt = randomUUID();
		const row = gameRow(head, attempt);
		const claimed = await trx
			.insertInto('games')
			.values(row)
			.onConflict((oc) => oc.column('id').doNothing())
			.returning('id')
			.executeTakeFirst();
		if (!claimed) {
			const prior = await trx
				.selectFrom('games')
				.select('saving')
				.where('id', '=', head.id)
				.executeTakeFirst();
			if (!prior || prior.saving === null) return null;
			// An earlier attempt stopped half-way (its process died, the database went away): its
			// rows may be any part of the game, so they go, and this attempt writes it all again.
			for (const table of ['game_answers', 'game_players', 'game_questions'] as const) {
				await trx.deleteFrom(table).where('game_id', '=', head.id).execute();
			}
			const { id: _id, ...headColumns } = row;
			await trx.updateTable('games').set(headColumns).where('id', '=', head.id).execute();
		}
		const questions = head.questions.map((q) => questionRow(head.id, q));
		await insertInChunks(trx, this.kind, 'game_questions', questions);
		return attempt;
	}

	// A row already there is kept: a scan of the live store may return a record twice, and two
	// attempts that overlap write the same rows.
	private async addRows<T extends 'game_players' | 'game_answers'>(
		db: Kysely<Database>,
		table: T,
		rows: Insertable<Database[T]>[]
	): Promise<void> {
		await insertInChunks(db, this.kind, table, rows, { skipExisting: true });
	}

	private async finish(db: Kysely<Database>, gameId: string, attempt: string): Promise<boolean> {
		const result = await db
			.updateTable('games')
			.set((eb) => ({
				saving: null,
				player_count: eb
					.selectFrom('game_players')
					.select((p) => p.fn.countAll<number>().as('n'))
					.where('game_id', '=', gameId)
			}))
			.where('id', '=', gameId)
			.where('saving', '=', attempt)
			.executeTakeFirst();
		return touchedAny(result);
	}

	async getGame(id: string, scope: OrgScope = SHARED): Promise<FinishedGame | null> {
		const game = await this.db
			.selectFrom('games')
			.selectAll()
			.where('id', '=', id)
			.where(ownedBy('games', scope))
			.where('saving', 'is', null)
			.executeTakeFirst();
		if (!game) return null;
		// A finished game never changes (its rows were all written before `saving` was cleared), so
		// separate reads are consistent.
		const [questions, players, answers] = await Promise.all([
			this.db
				.selectFrom('game_questions')
				.selectAll()
				.where('game_id', '=', id)
				.orderBy('idx')
				.execute(),
			this.db.selectFrom('game_players').selectAll().where('game_id', '=', id).execute(),
			this.db
				.selectFrom('game_answers')
				.selectAll()
				.where('game_id', '=', id)
				.orderBy('question_index')
				.orderBy('received_at')
				.orderBy('player_id')
				.execute()
		]);
		return {
			id: game.id,
			pin: game.pin,
			orgId: game.org_id,
			quizId: game.quiz_id,
			title: game.title,
			settings: JSON.parse(game.settings) as QuizSettings,
			createdAt: Number(game.created_at),
			endedAt: Number(game.ended_at),
			questions: questions.map(toQuestion),
			// Sorted here rather than in SQL: nickname order must not depend on the collation.
			players: players.map(toPlayer).sort(comparePlayers),
			answers: answers.map(toAnswer),
			...toPlan(game.plan)
		};
	}

	async latestGameByPin(pin: string, scope: OrgScope = SHARED): Promise<FinishedGame | null> {
		const row = await this.db
			.selectFrom('games')
			.select('id')
			.where('pin', '=', pin)
			.where(ownedBy('games', scope))
			.where('saving', 'is', null)
			.orderBy('created_at', 'desc')
			.orderBy('id', 'desc')
			.limit(1)
			.executeTakeFirst();
		return row ? this.getGame(row.id, scope) : null;
	}

	async listGames(limit: number, scope: OrgScope = SHARED): Promise<GameSummary[]> {
		const rows = await this.db
			.selectFrom('games')
			.select(['id', 'pin', 'title', 'created_at', 'ended_at', 'player_count'])
			.where(ownedBy('games', scope))
			.where('saving', 'is', null)
			.orderBy('created_at', 'desc')
			.orderBy('id', 'desc')
			.limit(Math.max(0, Math.floor(limit)))
			.execute();
		return rows.map((r) => ({
			id: r.id,
			pin: r.pin,
			title: r.title,
			createdAt: Number(r.created_at),
			endedAt: Number(r.ended_at),
			playerCount: r.player_count
		}));
	}

	async saveQuiz(quiz: Quiz, now: number, orgId: string | null = null): Promise<boolean> {
		return saveOwnedRow(this.db, 'quizzes', {
			id: quiz.id,
			title: quiz.title,
			description: quiz.description ?? null,
			data: JSON.stringify(quiz),
			question_count: quiz.questions.length,
			updated_at: now,
			org_id: orgId
		});
	}

	async getQuiz(id: string, scope: OrgScope = SHARED): Promise<Quiz | null> {
		return (await this.getOwnedQuiz(id, scope))?.quiz ?? null;
	}

	async getOwnedQuiz(id: string, scope: OrgScope = SHARED): Promise<OwnedQuiz | null> {
		const row = await this.db
			.selectFrom('quizzes')
			.select(['data', 'org_id'])
			.where('id', '=', id)
			.where(readableBy('quizzes', scope))
			.executeTakeFirst();
		return row ? { quiz: JSON.parse(row.data) as Quiz, orgId: row.org_id } : null;
	}

	async listQuizzes(scope: OrgScope = SHARED): Promise<QuizSummary[]> {
		const rows = await this.db
			.selectFrom('quizzes')
			.select(['id', 'title', 'description', 'question_count', 'updated_at', 'org_id'])
			.where(readableBy('quizzes', scope))
			.orderBy('updated_at', 'desc')
			.orderBy('id')
			.execute();
		return rows.map((r) => ({
			id: r.id,
			title: r.title,
			description: r.description,
			questionCount: r.question_count,
			updatedAt: Number(r.updated_at),
			...(r.org_id !== null ? { orgId: r.org_id } : {})
		}));
	}

	async deleteQuiz(id: string, scope: OrgScope = SHARED): Promise<boolean> {
		return deleteOwnedRow(this.db, 'quizzes', id, scope);
	}

	async close(): Promise<void> {
		await this.db.destroy();
	}
}
