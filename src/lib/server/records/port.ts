// The record store port: durable records (finished games, quizzes). SQLite embedded, PostgreSQL in
// production, one Kysely query layer for both; the contract suite in tests/ runs against both.
import type { AnswerInput } from '../../domain/answer';
import type { Question, Quiz, QuizSettings } from '../../domain/question';

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
}

export interface FinishedGame {
	/** Unique per game: the PIN plus the room's creation time. */
	id: string;
	pin: string;
	quizId: string;
	title: string;
	settings: QuizSettings;
	createdAt: number;
	endedAt: number;
	questions: GameQuestionRecord[];
	players: GamePlayerRecord[];
	answers: GameAnswerRecord[];
}

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
}

export interface RecordStore {
	readonly kind: 'sqlite' | 'postgres';
	/** Saves a finished game with all its players and answers in one transaction; saving the same id again is a no-op. */
	saveGame(game: FinishedGame): Promise<void>;
	getGame(id: string): Promise<FinishedGame | null>;
	/** The latest game played under a PIN. */
	latestGameByPin(pin: string): Promise<FinishedGame | null>;
	listGames(limit: number): Promise<GameSummary[]>;

	/** Creates or replaces a quiz by id. */
	saveQuiz(quiz: Quiz, now: number): Promise<void>;
	getQuiz(id: string): Promise<Quiz | null>;
	listQuizzes(): Promise<QuizSummary[]>;
	/** Deletes a quiz; false if there was none. Finished games played from it are kept. */
	deleteQuiz(id: string): Promise<boolean>;
	close(): Promise<void>;
}
