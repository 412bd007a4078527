// Kysely table types for the record store. Booleans are 0/1 integers and times are epoch ms in
// bigint columns in both dialects, so one query layer serves SQLite and PostgreSQL alike.

export interface QuizzesTable {
	id: string;
	title: string;
	description: string | null;
	/** The whole Quiz as JSON. */
	data: string;
	question_count: number;
	updated_at: number;
}

export interface GamesTable {
	id: string;
	pin: string;
	quiz_id: string;
	title: string;
	/** QuizSettings as JSON. */
	settings: string;
	created_at: number;
	ended_at: number;
	player_count: number;
}

export interface GameQuestionsTable {
	game_id: string;
	idx: number;
	/** The Question as JSON. */
	question: string;
	limit_ms: number | null;
}

export interface GamePlayersTable {
	game_id: string;
	player_id: string;
	nickname: string;
	score: number;
	correct_count: number;
	total_time_ms: number;
	rank: number | null;
	kicked: number;
	joined_at: number;
}

export interface GameAnswersTable {
	game_id: string;
	question_index: number;
	player_id: string;
	/** The AnswerInput as JSON. */
	answer: string;
	elapsed_ms: number;
	received_at: number;
	/** 1, 0, or null for polls. */
	correct: number | null;
	points: number;
}

export interface Database {
	quizzes: QuizzesTable;
	games: GamesTable;
	game_questions: GameQuestionsTable;
	game_players: GamePlayersTable;
	game_answers: GameAnswersTable;
}
