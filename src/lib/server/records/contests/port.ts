// The self-paced contest's record store port (测测你的安全力): contests, their units, the
// organisations' rosters, participants, attempts and answer rows. Records are the truth: the hot
// boards in the live store (live/contest-board-port.ts) are rebuilt from them, and every total must
// equal a recomputation from the stored attempts.
//
// Scale: a national contest has about a million participants and tens of millions of answer rows.
// An open attempt keeps its answers inside its own row (one UPDATE per answer, no growing table);
// the answer rows are written once, in one batch, when the attempt ends. Lists are paged by id
// (keyset), never by offset, so an export of millions of rows costs the same per page.
//
// Atomicity: `startAttempt` is the one operation that decides the caps (caps.ts) and inserts the
// attempt in the same transaction, with the participant's row locked, so concurrent starts of one
// participant start at most the allowed number. `casAttempt` and `finishAttempt` are conditional
// on the attempt's version, so two requests racing on one attempt cannot both win.
import type { Attempt } from '../../../domain/contest/attempt';
import type { CapDecision, CapRules } from '../../../domain/contest/caps';
import type { ContestWindow } from '../../../domain/contest/calendar';
import type { ContestSettings } from '../../../domain/contest/settings';
import type { ContestPoints, CountMode } from '../../../domain/contest/standings';
import type { Question } from '../../../domain/question';
import type { ContestUnit, RosterRow } from '../../../domain/contest/units';

export type { ContestUnit, RosterRow };

/** The organisation a call acts for (organiser pages); participant calls name the contest only. */
export interface ContestScope {
	orgId: string;
}

export type ContestStatus = 'draft' | 'published';

export interface ContestRecord {
	id: string;
	/** The public address: /contest/[slug]. Unique over all organisations. */
	slug: string;
	orgId: string;
	createdBy: string;
	settings: ContestSettings;
	status: ContestStatus;
	createdAt: number;
	updatedAt: number;
	publishedAt: number | null;
	/** When the organiser closed the window early (settings.window.endsAt was moved to then). */
	closedEarlyAt: number | null;
	/** Grows with every change; updates are conditional on it. */
	version: number;
}

export type NewContestRecord = Pick<
	ContestRecord,
	'id' | 'slug' | 'orgId' | 'createdBy' | 'settings' | 'createdAt'
>;

/** A question of a contest's frozen set: "bankId:questionId-or-position" and its content. */
export interface ContestQuestion {
	id: string;
	question: Question;
}

/** What a participant gave on the entry form (absent fields are null). */
export interface ContestEntry {
	name: string | null;
	/** Normalised 11-digit mainland mobile. */
	phone: string | null;
	/** A GB/T 2260 code of the finest level chosen (county, or a city without counties). */
	region: string | null;
	unit: string | null;
	employeeNo: string | null;
	/** Custom fields by label. */
	custom: Record<string, string>;
}

export interface ParticipantRecord extends ContestEntry {
	id: string;
	contestId: string;
	createdAt: number;
	ip: string;
	userAgent: string;
	/** The participant who invited this one (the invite bonus), if any. */
	invitedBy: string | null;
	/** Standing from the finished attempts (standings.ts: best or sum). */
	points: ContestPoints;
	/** Attempts started, finished or not (the total cap counts these). */
	startedTotal: number;
}

export interface NewParticipant extends ContestEntry {
	id: string;
	contestId: string;
	createdAt: number;
	ip: string;
	userAgent: string;
	invitedBy: string | null;
	/** The Asia/Shanghai day of createdAt: the inviter's bonus is for that day. */
	day: string;
}

export type CreateParticipantOutcome =
	| { ok: true; participant: ParticipantRecord }
	/** The contest already has a participant with this phone (or employee number in roster mode). */
	| { ok: false; reason: 'PHONE_TAKEN' | 'EMPLOYEE_TAKEN'; existing: ParticipantRecord };

export interface AttemptRecord {
	id: string;
	contestId: string;
	participantId: string;
	/** The Asia/Shanghai day it started on ("YYYY-MM-DD"): the daily cap counts these. */
	day: string;
	attempt: Attempt;
	/** Set when it ended (submitted or expired). */
	score: number | null;
	correct: number | null;
	/** Ended faster than a plausible reading time (attempt-score.ts), for the organiser to look at. */
	tooFast: boolean;
	ip: string;
	userAgent: string;
	version: number;
}

export interface StartAttemptInput {
	contestId: string;
	participantId: string;
	/** The attempt to insert if the caps allow (drawn before the call; dropped when refused). */
	id: string;
	attempt: Attempt;
	day: string;
	window: ContestWindow;
	rules: CapRules;
	now: number;
	ip: string;
	userAgent: string;
}

export type StartAttemptOutcome =
	| { ok: true; record: AttemptRecord; decision: Extract<CapDecision, { ok: true }> }
	/** The participant has an open attempt not yet due: it is returned, nothing is inserted. */
	| { ok: true; resumed: true; record: AttemptRecord }
	| { ok: false; decision: Extract<CapDecision, { ok: false }> }
	| { ok: false; decision: null; reason: 'NO_PARTICIPANT' };

/** One answer row, written when the attempt ends. */
export interface AnswerRow {
	index: number;
	questionId: string;
	/** The saved answer (stored option indexes, or text) as JSON; null: unanswered. */
	answer: string | null;
	right: boolean;
	/** When it was last changed; null: unanswered. */
	at: number | null;
}

export interface FinishAttemptInput {
	id: string;
	/** The version read; the finish is refused when it moved. */
	version: number;
	/** The attempt, closed (submitted or expired). */
	attempt: Attempt;
	score: number;
	correct: number;
	timeMs: number;
	tooFast: boolean;
	answers: AnswerRow[];
	mode: CountMode;
}

export type FinishAttemptOutcome =
	| {
			ok: true;
			/** The participant's standing before and after this attempt (applyAttempt's arguments). */
			before: ContestPoints;
			after: ContestPoints;
			participant: ParticipantRecord;
	  }
	| { ok: false; reason: 'STALE' | 'NOT_FOUND' };

export interface ContestCounts {
	participants: number;
	attemptsStarted: number;
	attemptsFinished: number;
	/** Finished attempts flagged too fast, or ended by the visibility limit. */
	flagged: number;
}

/** Activity in one hour (Asia/Shanghai hours, keyed by the hour's start instant). */
export interface HourBucket {
	hourStart: number;
	newParticipants: number;
	attemptsStarted: number;
	attemptsFinished: number;
}

export interface QuestionStat {
	questionId: string;
	/** Answer rows of ended attempts for this question (unanswered ones included). */
	asked: number;
	answered: number;
	right: number;
}

/** A finished attempt as the standings recomputation reads it. */
export interface FinishedAttemptRow {
	participantId: string;
	score: number;
	timeMs: number;
}

export interface ContestRecordStore {
	// --- contests (organiser) ---
	/** False (nothing written) when the id or the slug is taken. */
	createContest(contest: NewContestRecord): Promise<boolean>;
	getContest(id: string, scope: ContestScope): Promise<ContestRecord | null>;
	/** Unscoped: the participant's pages find a contest by its public slug. */
	getContestBySlug(slug: string): Promise<ContestRecord | null>;
	/** Unscoped: the sweeper finds the contest of an attempt it closes. */
	getContestById(id: string): Promise<ContestRecord | null>;
	/** The organisation's contests, newest first. */
	listContests(scope: ContestScope, limit: number): Promise<ContestRecord[]>;
	/**
	 * Replaces settings, status and closedEarlyAt if the stored version is `expected`; the version
	 * then grows by one and updatedAt is `now`. Null when the version moved or there is no such
	 * contest in the scope; else the stored record.
	 */
	updateContest(
		id: string,
		scope: ContestScope,
		expected: number,
		next: Pick<ContestRecord, 'settings' | 'status' | 'publishedAt' | 'closedEarlyAt'>,
		now: number
	): Promise<ContestRecord | null>;
	/** Deletes a contest that has no participants yet; false otherwise. */
	deleteDraft(id: string, scope: ContestScope): Promise<boolean>;

	// --- the questions, frozen at publication ---
	/**
	 * Replaces the contest's question set (drawn from its banks when it is published, or its draw
	 * settings change): attempts are drawn and scored from it, so a bank edited later cannot change
	 * an attempt under way, a result or an export.
	 */
	setQuestions(contestId: string, questions: ContestQuestion[]): Promise<void>;
	contestQuestions(contestId: string): Promise<ContestQuestion[]>;

	// --- units and rosters ---
	/** Replaces the contest's units whole (names unique). */
	setUnits(contestId: string, units: ContestUnit[]): Promise<void>;
	/** By name. */
	listUnits(contestId: string): Promise<ContestUnit[]>;
	/** Replaces the organisation's roster whole (employee numbers unique). */
	setRoster(orgId: string, rows: RosterRow[]): Promise<void>;
	findRosterRow(orgId: string, employeeNo: string): Promise<RosterRow | null>;
	/** Roster rows per unit (a roster contest's headcounts), by unit name. */
	rosterUnits(orgId: string): Promise<ContestUnit[]>;
	rosterSize(orgId: string): Promise<number>;

	// --- participants ---
	/**
	 * Inserts the participant. Refused when the contest has one with the same phone (or, when an
	 * employee number is given, the same employee number); the existing one comes back so the
	 * caller can tell a returning person from a clash. When `invitedBy` names a participant of the
	 * same contest, one invite is counted for them on `day`, in the same transaction.
	 */
	createParticipant(p: NewParticipant): Promise<CreateParticipantOutcome>;
	getParticipant(contestId: string, id: string): Promise<ParticipantRecord | null>;
	/** Several participants at once (a board page's names), in no particular order. */
	participantsByIds(contestId: string, ids: readonly string[]): Promise<ParticipantRecord[]>;
	/** Keyset page by id (ascending): ids greater than `afterId`. */
	participantsPage(contestId: string, afterId: string, limit: number): Promise<ParticipantRecord[]>;
	/** Invites counted for the participant on `day`. */
	invitesOn(contestId: string, participantId: string, day: string): Promise<number>;

	// --- attempts ---
	/** See StartAttemptOutcome; one transaction with the participant's row locked. */
	startAttempt(input: StartAttemptInput): Promise<StartAttemptOutcome>;
	getAttempt(contestId: string, id: string): Promise<AttemptRecord | null>;
	/** The participant's attempts, newest first. */
	attemptsOf(contestId: string, participantId: string, limit: number): Promise<AttemptRecord[]>;
	/** Attempts started by the participant on `day` (what the daily cap counts). */
	startedOn(contestId: string, participantId: string, day: string): Promise<number>;
	/**
	 * Replaces an open attempt (an answer, a visibility change, a question shown) if its version
	 * is `expected`; the stored record with its new version, or null when the version moved, it is
	 * gone or it is no longer open in the store.
	 */
	casAttempt(id: string, expected: number, next: Attempt): Promise<AttemptRecord | null>;
	/**
	 * Ends an open attempt: stores it closed with its score, writes its answer rows in one batch,
	 * and moves the participant's standing by it (addAttempt in `mode`), all in one transaction.
	 */
	finishAttempt(input: FinishAttemptInput): Promise<FinishAttemptOutcome>;
	/** Open attempts whose deadline is at or before `now`, over every contest, oldest first. */
	dueAttempts(now: number, limit: number): Promise<AttemptRecord[]>;
	/** Keyset page by id of the contest's attempts (any status). */
	attemptsPage(contestId: string, afterId: string, limit: number): Promise<AttemptRecord[]>;
	/** Answer rows of one attempt, by index (empty while it is open). */
	answersOf(attemptId: string): Promise<AnswerRow[]>;
	/** Flagged finished attempts (too fast, or ended by the visibility limit), newest first. */
	flaggedAttempts(contestId: string, limit: number): Promise<AttemptRecord[]>;

	// --- figures ---
	counts(contestId: string): Promise<ContestCounts>;
	/** Activity per hour in [from, to), only hours with activity, ascending. */
	hourly(contestId: string, from: number, to: number): Promise<HourBucket[]>;
	/** Per question over the ended attempts, most asked first. */
	questionStats(contestId: string): Promise<QuestionStat[]>;
	/** Keyset page of finished attempts (by attempt id) for recomputing the standings. */
	finishedAttemptsPage(
		contestId: string,
		afterAttemptId: string,
		limit: number
	): Promise<(FinishedAttemptRow & { attemptId: string })[]>;
}
