// The Q&A store port: an event's live state (the event, its questions, votes and bans), with one
// memory and one Redis adapter. Each method is one atomic store operation; the contract suite in
// tests/contracts/qa-store.contract.ts runs against both. Votes are exact by construction: a vote
// is "add this participant to the question's voters" and the count moves only when the set did.
import type { QaEvent } from '../../domain/qa/event';
import type { QaPoll, QaPollAnswer, QaPollTally } from '../../domain/qa/poll';
import type { QaQuestion } from '../../domain/qa/question';

/** Why a vote was not counted; `ok` says it was (or, with `changed` false, already was). */
export type QaVoteStatus =
	'ok' | 'QA_NOT_FOUND' | 'QA_CLOSED' | 'QA_QUESTION_NOT_FOUND' | 'QA_CANNOT_VOTE' | 'QA_BANNED';

export interface QaVoteOutcome {
	status: QaVoteStatus;
	/** False for a repeated vote or taking back a vote never cast. */
	changed: boolean;
	/** The question's count after the operation (0 when refused). */
	votes: number;
	/**
	 * Whether the event shows counts to the audience, read in the same step: a vote then needs
	 * no other read of the event (votes are the hot path of a big event).
	 */
	showCounts: boolean;
}

export interface QaBanOutcome {
	/** False when the participant was banned already. */
	changed: boolean;
	/** Questions whose count fell, with their new counts (the participant's votes are taken back). */
	votes: Record<string, number>;
	/** Polls whose results changed (the participant's answers are taken back too). */
	polls: string[];
}

/** Why an answer was not taken; `ok` says it was (or, with `changed` false, already was). */
export type QaRespondStatus =
	'ok' | 'QA_NOT_FOUND' | 'QA_POLL_NOT_FOUND' | 'QA_CLOSED' | 'QA_POLL_CLOSED' | 'QA_BANNED';

export interface QaRespondOutcome {
	status: QaRespondStatus;
	/** False when the participant had given this very answer already. */
	changed: boolean;
	/** The poll's results sequence and respondents after the operation (0 when refused). The
	 * counts are read apart (pollTally): a word cloud may hold thousands of words, which every
	 * answer should not carry back. */
	seq: number;
	respondents: number;
}

export type QaDeletePollStatus = 'ok' | 'QA_POLL_NOT_FOUND' | 'QA_POLL_ON_SHOW';

export interface QaVoteTally {
	seq: number;
	votes: Record<string, number>;
}

/** An event lives this long after its last change, then its live state is freed. */
export const QA_EVENT_TTL_MS = 30 * 24 * 3600_000;

export interface QaStore {
	readonly kind: 'memory' | 'redis';
	/** False when the code is taken. */
	createEvent(event: QaEvent): Promise<boolean>;
	getEvent(code: string): Promise<QaEvent | null>;
	/** Replaces the event if its stored version is `expected`. */
	casEvent(code: string, expected: number, next: QaEvent): Promise<boolean>;
	/** False when the event is gone or already holds `max` questions. */
	addQuestion(code: string, question: QaQuestion, max: number): Promise<boolean>;
	getQuestion(code: string, id: string): Promise<QaQuestion | null>;
	listQuestions(code: string): Promise<QaQuestion[]>;
	/** Replaces the question if its stored version is `expected`. */
	casQuestion(code: string, expected: number, next: QaQuestion): Promise<boolean>;
	/**
	 * One vote of `participantId` on a question the audience can see (published or answered, by an
	 * asker who is not banned), by a voter who is not banned, in an event that is not closed; a
	 * repeat changes nothing.
	 */
	vote(code: string, questionId: string, participantId: string): Promise<QaVoteOutcome>;
	/** Takes the vote back; taking back a vote never cast changes nothing. Banned or closed: refused. */
	unvote(code: string, questionId: string, participantId: string): Promise<QaVoteOutcome>;
	/** Every question's count (questions without votes are left out). */
	voteCounts(code: string): Promise<Record<string, number>>;
	/**
	 * The counts with the event's vote sequence, read together: the sequence grows with every
	 * vote, unvote and ban that changed a count, so of two tallies (from two processes, arriving
	 * in either order) the one with the higher sequence is the newer.
	 */
	voteTally(code: string): Promise<QaVoteTally>;
	/** The questions this participant has voted on. */
	votedBy(code: string, participantId: string): Promise<string[]>;
	/** False when the event is gone or already holds `max` polls. */
	addPoll(code: string, poll: QaPoll, max: number): Promise<boolean>;
	getPoll(code: string, id: string): Promise<QaPoll | null>;
	listPolls(code: string): Promise<QaPoll[]>;
	/** Replaces the poll if its stored version is `expected`. */
	casPoll(code: string, expected: number, next: QaPoll): Promise<boolean>;
	/** Deletes the poll with its answers, unless it is the event's poll on show. */
	deletePoll(code: string, id: string): Promise<QaDeletePollStatus>;
	/**
	 * The participant's answer to a poll that is open, on show, in an event that is not closed, by
	 * a participant who is not banned: replaces their previous answer (its counts move to the new
	 * one), all in one step; the same answer again changes nothing.
	 */
	respond(
		code: string,
		pollId: string,
		participantId: string,
		answer: QaPollAnswer
	): Promise<QaRespondOutcome>;
	/** A poll's counts, respondents and sequence, read together (zero for an unknown poll). */
	pollTally(code: string, pollId: string): Promise<QaPollTally>;
	/** This participant's answers, by poll id. */
	responsesOf(code: string, participantId: string): Promise<Record<string, QaPollAnswer>>;
	/**
	 * Bans the participant and, in the same step, takes back every vote they cast and every
	 * answer they gave to a poll.
	 */
	ban(code: string, participantId: string): Promise<QaBanOutcome>;
	banned(code: string): Promise<string[]>;
	/** Frees the event's live state (once archived in the record store, or in tests). */
	deleteEvent(code: string): Promise<void>;
	/**
	 * The secret participant tokens are signed with, the same for every process that shares the
	 * store (created by whichever asks first; each call keeps it alive for an event's lifetime,
	 * so callers ask on every use instead of keeping it).
	 */
	identitySecret(): Promise<string>;
	ping(): Promise<void>;
	close(): Promise<void>;
}
