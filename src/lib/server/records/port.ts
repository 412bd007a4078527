// The record store port: durable records (finished games, quizzes). SQLite embedded, PostgreSQL in
// production, one Kysely query layer for both; the contract suite in tests/ runs against both.
//
// Ownership (migration 0004): every quiz, bank and game belongs to an organisation, or to nobody
// (org id null: the shared scope). Reads and writes name the scope they act in, and the scope is
// part of every query's WHERE, so a caller acting for one organisation cannot reach another's rows:
// - quizzes and banks: a scope reads its own rows and the shared library; it writes (replaces,
//   deletes) only its own rows. Only the shared scope writes shared rows (the shipped-library sync).
// - games: a scope reads exactly its own games. A quick room's game is in the shared scope, and
//   read there by its results link; an organisation's lists never include quick games.
// A scope left out is the shared scope: the least a caller can see, and what system tasks (the
// shipped-library sync) and signed-out visitors use. Request handlers always pass one.
import type { AnswerInput } from '../../domain/answer';
import type { Question, Quiz, QuizSettings } from '../../domain/question';
import type { DrawRecord } from '../../domain/rounds/draw';
import type { Round, TeamScoring } from '../../domain/rounds/plan';
import type { QuestionExtra } from '../../domain/rounds/score-round';
import type { Team } from '../../domain/rounds/teams';

export interface GamePlayerRecord {
	id: string;
	nickname: string;
	score: number;
	correctCount: number;
	totalTimeMs: number;
	/** Final rank, null for kicked players. */
	rank: number | null;
	kicked: boolean;
	joinedAt: number;
	/** The player's team; null without teams, and for the audience. */
	teamId: string | null;
	/** Watched and answered as audience (观众), outside the teams' contest. */
	audience: boolean;
}

export interface GameAnswerRecord {
	questionIndex: number;
	playerId: string;
	answer: AnswerInput;
	/** Server-stamped time from question opening to receipt, pauses excluded. */
	elapsedMs: number;
	receivedAt: number;
	correct: boolean | null;
	points: number;
}

export interface GameQuestionRecord {
	index: number;
	question: Question;
	/** The limit the question ran with (add-time included); null if it was skipped. */
	limitMs: number | null;
	/** What a contest-day round recorded at this question; null for a plain question. */
	extra: QuestionExtra | null;
}

/** A contest-day question's own facts, beyond its answers: the domain's, kept as they are. */
export type { QuestionExtra } from '../../domain/rounds/score-round';

/** Whose records a call acts on: an organisation, or null for the shared scope. */
export interface OrgScope {
	orgId: string | null;
}

/** The shared scope: the shipped library and quick-room games. */
export const SHARED: OrgScope = Object.freeze({ orgId: null });

export interface FinishedGame {
	/** Unique per game: the PIN plus the room's creation time. */
	id: string;
	pin: string;
	/** The organisation whose room it was; null for a quick room (and a room outside any). */
	orgId: string | null;
	quizId: string;
	title: string;
	settings: QuizSettings;
	createdAt: number;
	endedAt: number;
	questions: GameQuestionRecord[];
	players: GamePlayerRecord[];
	answers: GameAnswerRecord[];
	/** The teams the room played in; [] without teams. */
	teams: Team[];
	/** How team scores were made; null without teams. */
	teamScoring: TeamScoring | null;
	/** The quiz's rounds as played; null for a quiz without rounds. */
	rounds: Round[] | null;
	/** The electronic draw of the turn order; null when there was none. */
	draw: DrawRecord | null;
}

/** A finished game without its players and answers: what a batched save writes first. */
export type GameHead = Omit<FinishedGame, 'players' | 'answers'>;

/** Rows per batch of a batched save, and per INSERT: a page the live store reads at once. */
export const GAME_BATCH_ROWS = 1000;

export interface GameSummary {
	id: string;
	pin: string;
	title: string;
	createdAt: number;
	endedAt: number;
	playerCount: number;
}

export interface QuizSummary {
	id: string;
	title: string;
	description: string | null;
	questionCount: number;
	updatedAt: number;
	/** The owning organisation; absent for a quiz of the shared library. */
	orgId?: string;
}

/** A quiz and who owns it (null: the shared library, which no organisation may change). */
export interface OwnedQuiz {
	quiz: Quiz;
	orgId: string | null;
}

export interface RecordStore {
	readonly kind: 'sqlite' | 'postgres';
	/**
	 * Saves a finished game, in the scope of its `orgId`, with all its players and answers in one
	 * transaction; saving the same id again is a no-op. Readers (getGame, latestGameByPin,
	 * listGames) see only finished games: saved whole here, or batched and finished.
	 */
	saveGame(game: FinishedGame): Promise<void>;
	/**
	 * Starts a batched save: the game row and its questions, not yet visible to any reader. A game
	 * left unfinished by an earlier attempt is cleared and started afresh. Returns this attempt's
	 * token, or null if the game is already saved (nothing to do, as saveGame's no-op).
	 */
	beginGame(head: GameHead): Promise<string | null>;
	/**
	 * Adds a batch of players (of at most GAME_BATCH_ROWS, for bounded memory) to a game begun and
	 * not finished. A row already written (a repeat from a scan) is kept as it was.
	 */
	addGamePlayers(gameId: string, rows: GamePlayerRecord[]): Promise<void>;
	/** Adds a batch of answers, as addGamePlayers; one row per question and player. */
	addGameAnswers(gameId: string, rows: GameAnswerRecord[]): Promise<void>;
	/**
	 * Makes the game visible, its player count taken from the rows written. False if `attempt` is
	 * no longer the game's save under way (another attempt took it over, or it is already finished).
	 */
	finishGame(gameId: string, attempt: string): Promise<boolean>;
	/** A game of exactly this scope (another organisation's, or a quick game seen from an organisation, is null). */
	getGame(id: string, scope?: OrgScope): Promise<FinishedGame | null>;
	/** The latest game played under a PIN, in exactly this scope. */
	latestGameByPin(pin: string, scope?: OrgScope): Promise<FinishedGame | null>;
	/** Games of exactly this scope, newest first. */
	listGames(limit: number, scope?: OrgScope): Promise<GameSummary[]>;

	/**
	 * Creates a quiz owned by `orgId` (null: shared), or replaces it if that same owner has it.
	 * False, and nothing written, when the id belongs to another owner (or to the shared library
	 * and `orgId` is an organisation's).
	 */
	saveQuiz(quiz: Quiz, now: number, orgId?: string | null): Promise<boolean>;
	/** A quiz the scope can read: its own or a shared one. */
	getQuiz(id: string, scope?: OrgScope): Promise<Quiz | null>;
	/** Like getQuiz, with the quiz's owner (to tell the scope's own quizzes from shared ones). */
	getOwnedQuiz(id: string, scope?: OrgScope): Promise<OwnedQuiz | null>;
	/** The scope's own quizzes and the shared ones, most recently changed first. */
	listQuizzes(scope?: OrgScope): Promise<QuizSummary[]>;
	/**
	 * Deletes one of the scope's own quizzes; false if it has none by that id (shared quizzes are
	 * deleted only in the shared scope). Finished games played from it are kept.
	 */
	deleteQuiz(id: string, scope?: OrgScope): Promise<boolean>;
	close(): Promise<void>;
}
