// Kysely table types for the record store. Booleans are 0/1 integers and times are epoch ms in
// bigint columns in both dialects, so one query layer serves SQLite and PostgreSQL alike.
import type { Generated } from 'kysely';

export interface QuizzesTable {
	id: string;
	title: string;
	description: string | null;
	/** The whole Quiz as JSON. */
	data: string;
	question_count: number;
	updated_at: number;
	/** The owning organisation; null for the shared (shipped) library. Migration 0004. */
	org_id: string | null;
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
	/** The organisation whose room it was; null for a quick room. Migration 0004. */
	org_id: string | null;
	/** GamePlan (teams, team scoring, rounds, draw) as JSON; null for a plain game. Migration 0009. */
	plan: string | null;
	/**
	 * The token of the batched save under way; null once every batch is written (and for games
	 * saved before migration 0010). Readers see only games where it is null.
	 */
	saving: Generated<string | null>;
}

export interface GameQuestionsTable {
	game_id: string;
	idx: number;
	/** The Question as JSON. */
	question: string;
	limit_ms: number | null;
	/** QuestionExtra as JSON; null when the question had none. Migration 0009. */
	extra: string | null;
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
	/** Migration 0009. */
	team_id: string | null;
	/** 1 for an audience member (no team, not on the stage). Migration 0009. */
	audience: Generated<number>;
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

export interface BanksTable {
	id: string;
	title: string;
	description: string | null;
	language: string;
	/** 'shipped' | 'imported' | 'custom' */
	origin: string;
	updated_at: number;
	/** The owning organisation; null for the shared (shipped) library. Migration 0004. */
	org_id: string | null;
}

export interface BankQuestionsTable {
	bank_id: string;
	/** Position in the bank, from 0. */
	idx: number;
	type: string;
	category: string | null;
	/** 1, 2, 3 or null. */
	difficulty: number | null;
	stem: string;
	/** The whole Question as JSON. */
	data: string;
}

// ——— accounts (migration 0003) ———

export interface InstanceSettingsTable {
	key: string;
	value: string;
}

export interface UsersTable {
	id: string;
	/** Trimmed and lower-cased. */
	email: string;
	display_name: string;
	/** scrypt, encoded with its parameters (see auth/password.ts). */
	password_hash: string;
	is_admin: number;
	current_org_id: string | null;
	created_at: number;
}

export interface SessionsTable {
	/** SHA-256 (hex) of the session token. */
	id: string;
	user_id: string;
	created_at: number;
	expires_at: number;
	last_seen_at: number;
	user_agent: string | null;
	ip: string | null;
}

export interface OrganisationsTable {
	id: string;
	name: string;
	kind: string;
	created_at: number;
	updated_at: number;
}

export interface OrgMembersTable {
	org_id: string;
	user_id: string;
	role: string;
	joined_at: number;
}

export interface OrgInvitationsTable {
	/** SHA-256 (hex) of the invitation link's token. */
	id: string;
	org_id: string;
	role: string;
	created_by: string;
	created_at: number;
	expires_at: number;
	used_at: number | null;
	used_by: string | null;
}

export interface DepartmentsTable {
	id: string;
	org_id: string;
	name: string;
	created_at: number;
}

// ——— Q&A events (migration 0006) ———

export interface QaEventsTable {
	code: string;
	org_id: string;
	title: string;
	created_by: string;
	created_at: number;
	starts_at: number | null;
	ends_at: number | null;
	/** Null while the event is open. */
	closed_at: number | null;
	question_count: number;
	answered_count: number;
	vote_count: number;
	asker_count: number;
	poll_count: number;
	/** The QaModeratorView at the last archive, as JSON; null until first closed. */
	snapshot: string | null;
}

/** An organisation's own sensitive words. Migration 0007. */
export interface OrgWordsTable {
	org_id: string;
	/** The words as a JSON array of strings. */
	words: string;
	updated_at: number;
}

// ——— self-paced contests (migration 0008) ———

export interface ContestsTable {
	id: string;
	slug: string;
	org_id: string;
	created_by: string;
	/** ContestSettings as JSON. */
	settings: string;
	/** 'draft' | 'published' */
	status: string;
	created_at: number;
	updated_at: number;
	published_at: number | null;
	closed_early_at: number | null;
	version: number;
}

export interface ContestQuestionsTable {
	contest_id: string;
	id: string;
	/** The Question as JSON. */
	question: string;
}

export interface ContestUnitsTable {
	contest_id: string;
	name: string;
	headcount: number | null;
}

export interface OrgRosterTable {
	org_id: string;
	employee_no: string;
	name: string;
	unit: string;
}

export interface ContestParticipantsTable {
	id: string;
	contest_id: string;
	name: string | null;
	phone: string | null;
	region: string | null;
	unit: string | null;
	employee_no: string | null;
	/** Custom fields by label, as JSON. */
	custom: string;
	created_at: number;
	ip: string;
	user_agent: string;
	invited_by: string | null;
	points: number;
	time_ms: number;
	/** Finished attempts. */
	attempts: number;
	started_total: number;
}

export interface ContestInvitesTable {
	invitee_id: string;
	contest_id: string;
	inviter_id: string;
	/** The Asia/Shanghai day of the invitee's entry. */
	day: string;
}

export interface ContestAttemptsTable {
	id: string;
	contest_id: string;
	participant_id: string;
	day: string;
	/** 'open' | 'submitted' | 'expired' */
	status: string;
	started_at: number;
	deadline: number;
	ended_at: number | null;
	/** The whole Attempt as JSON. */
	attempt: string;
	score: number | null;
	correct: number | null;
	time_ms: number | null;
	too_fast: number;
	end_reason: string | null;
	ip: string;
	user_agent: string;
	version: number;
}

export interface ContestAnswersTable {
	attempt_id: string;
	idx: number;
	contest_id: string;
	question_id: string;
	/** The saved answer as JSON; null: unanswered. */
	answer: string | null;
	/** 1 or 0. */
	is_right: number;
	at: number | null;
}

export interface Database {
	quizzes: QuizzesTable;
	games: GamesTable;
	game_questions: GameQuestionsTable;
	game_players: GamePlayersTable;
	game_answers: GameAnswersTable;
	banks: BanksTable;
	bank_questions: BankQuestionsTable;
	instance_settings: InstanceSettingsTable;
	users: UsersTable;
	sessions: SessionsTable;
	organisations: OrganisationsTable;
	org_members: OrgMembersTable;
	org_invitations: OrgInvitationsTable;
	departments: DepartmentsTable;
	qa_events: QaEventsTable;
	org_words: OrgWordsTable;
	contests: ContestsTable;
	contest_questions: ContestQuestionsTable;
	contest_units: ContestUnitsTable;
	org_roster: OrgRosterTable;
	contest_participants: ContestParticipantsTable;
	contest_invites: ContestInvitesTable;
	contest_attempts: ContestAttemptsTable;
	contest_answers: ContestAnswersTable;
}
