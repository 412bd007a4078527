// Quick polls and word clouds inside a Q&A event:
//
//   created (closed, not on show) ──open──► on show, taking answers ──close──► on show, closed
//        ▲                                        │  ▲                               │
//        └────────────────hide (off the show, closed)───────────────────open────────┘
//
// Only one poll is on show at a time: that is the event's `pollId`, so showing one takes the other
// off by construction. A poll takes answers only while it is open, on show and the event is not
// closed (the store checks all three in the same step as the answer). Whether the audience sees
// the results is the poll's `resultsVisible`; moderators always do.
//
// A word cloud has no review queue: a word the text guard flags is refused outright, so that
// nothing flagged ever reaches the wall. Words are normalised before they are counted, so that
// "灭火器 " and "灭火器", "AED" and "aed" are one word.
import { QA_POLLS } from '../limits';
import type { TextGuard } from '../text-safety';
import type { QaEvent } from './event';
import { cleanQaText, normaliseQaText, textLength } from './text';

export const QA_POLL_KINDS = ['single', 'multiple', 'words'] as const;
export type QaPollKind = (typeof QA_POLL_KINDS)[number];

export interface QaPoll {
	id: string;
	kind: QaPollKind;
	question: string;
	/** A choice poll's options; empty for a word cloud. */
	options: string[];
	/** Options one answer may pick (1 for single choice), or words per participant (word cloud). */
	maxChoices: number;
	/** Taking answers (while on show and the event is open). */
	open: boolean;
	resultsVisible: boolean;
	createdAt: number;
	updatedAt: number;
	/** Bumped on every change: the store writes a change only over the version it was made from. */
	version: number;
}

/** One participant's answer, normalised: option indexes ascending, or words sorted and distinct. */
export interface QaPollAnswer {
	choices: number[];
	words: string[];
}

/**
 * What the store counts for a poll: per option index ("0", "1", …) or per normalised word, how
 * many participants' answers hold it; the participants who answered; the sequence of the results
 * (it grows with every change, so of two tallies the one with the higher sequence is the newer).
 */
export interface QaPollTally {
	seq: number;
	respondents: number;
	counts: Record<string, number>;
}

/** A poll's results as clients see them. */
export type QaPollResults =
	| { kind: 'choice'; counts: number[]; respondents: number }
	| { kind: 'words'; words: { text: string; count: number }[]; respondents: number };

export type PollDraftError =
	'QA_TEXT_EMPTY' | 'QA_TEXT_LENGTH' | 'QA_POLL_OPTIONS' | 'QA_POLL_MAX_CHOICES';

export interface PollInput {
	kind: QaPollKind;
	question: string;
	options: string[];
	maxChoices?: number;
}

/** Checks and normalises a new poll; it starts closed, off the show, with results hidden. */
export function draftPoll(
	input: PollInput,
	meta: { id: string; now: number }
): { ok: true; poll: QaPoll } | { ok: false; code: PollDraftError } {
	const question = cleanQaText(input.question, QA_POLLS.question);
	if (!question.ok) return question;
	const options: string[] = [];
	let maxChoices: number;
	if (input.kind === 'words') {
		if (input.options.some((o) => normaliseQaText(o) !== '')) {
			return { ok: false, code: 'QA_POLL_OPTIONS' };
		}
		maxChoices = input.maxChoices ?? 1;
		if (maxChoices < QA_POLLS.words.min || maxChoices > QA_POLLS.words.max) {
			return { ok: false, code: 'QA_POLL_MAX_CHOICES' };
		}
	} else {
		for (const raw of input.options) {
			const o = cleanQaText(raw, QA_POLLS.option);
			if (!o.ok) return { ok: false, code: 'QA_POLL_OPTIONS' };
			options.push(o.text);
		}
		const { min, max } = QA_POLLS.options;
		if (options.length < min || options.length > max || new Set(options).size !== options.length) {
			return { ok: false, code: 'QA_POLL_OPTIONS' };
		}
		maxChoices = input.kind === 'single' ? 1 : (input.maxChoices ?? options.length);
		if (input.kind === 'single' && input.maxChoices !== undefined && input.maxChoices !== 1) {
			return { ok: false, code: 'QA_POLL_MAX_CHOICES' };
		}
		if (maxChoices < 1 || maxChoices > options.length) {
			return { ok: false, code: 'QA_POLL_MAX_CHOICES' };
		}
	}
	return {
		ok: true,
		poll: {
			id: meta.id,
			kind: input.kind,
			question: question.text,
			options,
			maxChoices,
			open: false,
			resultsVisible: false,
			createdAt: meta.now,
			updatedAt: meta.now,
			version: 1
		}
	};
}

// Punctuation at either end of a word goes ("AED!", "《灭火器》", "“逃生”"); inside it stays
// ("C++" keeps its pluses: they are symbols, not punctuation; "1.5米" keeps its point).
const EDGE_PUNCTUATION = /^[\p{P}\s]+|[\p{P}\s]+$/gu;
const LATIN_UPPER = /\p{Script=Latin}/gu;

/**
 * A word as it is counted and shown: compatibility forms folded (NFKC: full-width ＡＥＤ is AED),
 * invisible characters gone, whitespace collapsed and trimmed, Latin letters lower-cased,
 * punctuation at either end stripped. Empty when nothing is left.
 */
export function normaliseWord(raw: string): string {
	const text = normaliseQaText(raw.normalize('NFKC')).replace(/\s+/gu, ' ');
	return text
		.replace(LATIN_UPPER, (c) => c.toLowerCase())
		.replace(EDGE_PUNCTUATION, '')
		.normalize('NFC');
}

export type AnswerError = 'QA_POLL_BAD_ANSWER' | 'QA_WORD_LENGTH' | 'QA_WORD_BLOCKED';

/** Checks and normalises a participant's answer to `poll`; `guard` refuses words unfit to show. */
export function checkAnswer(
	poll: QaPoll,
	input: { choices?: number[]; words?: string[] },
	guard: TextGuard
): { ok: true; answer: QaPollAnswer } | { ok: false; code: AnswerError } {
	if (poll.kind === 'words') {
		if (input.choices !== undefined && input.choices.length > 0) {
			return { ok: false, code: 'QA_POLL_BAD_ANSWER' };
		}
		const raw = input.words ?? [];
		if (raw.length < 1 || raw.length > poll.maxChoices) {
			return { ok: false, code: 'QA_POLL_BAD_ANSWER' };
		}
		const words = new Set<string>();
		for (const w of raw) {
			const word = normaliseWord(w);
			const n = textLength(word);
			if (n < QA_POLLS.wordLength.min || n > QA_POLLS.wordLength.max) {
				return { ok: false, code: 'QA_WORD_LENGTH' };
			}
			if (!guard.check(word).ok) return { ok: false, code: 'QA_WORD_BLOCKED' };
			words.add(word);
		}
		return { ok: true, answer: { choices: [], words: [...words].sort() } };
	}
	if (input.words !== undefined && input.words.length > 0) {
		return { ok: false, code: 'QA_POLL_BAD_ANSWER' };
	}
	const choices = input.choices ?? [];
	const distinct = new Set(choices);
	const inRange = choices.every((i) => Number.isInteger(i) && i >= 0 && i < poll.options.length);
	if (
		!inRange ||
		distinct.size !== choices.length ||
		choices.length < 1 ||
		choices.length > poll.maxChoices
	) {
		return { ok: false, code: 'QA_POLL_BAD_ANSWER' };
	}
	return { ok: true, answer: { choices: [...choices].sort((a, b) => a - b), words: [] } };
}

/** The keys an answer adds one to in its poll's tally (see QaPollTally). */
export const answerKeys = (a: QaPollAnswer): string[] =>
	a.words.length > 0 ? [...a.words] : a.choices.map(String);

/** The results a tally gives: a count per option, or the most frequent words first. */
export function pollResults(poll: QaPoll, tally: QaPollTally): QaPollResults {
	if (poll.kind !== 'words') {
		return {
			kind: 'choice',
			counts: poll.options.map((_, i) => tally.counts[String(i)] ?? 0),
			respondents: tally.respondents
		};
	}
	const words = Object.entries(tally.counts)
		.filter(([, count]) => count > 0)
		.map(([text, count]) => ({ text, count }))
		.sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
		.slice(0, QA_POLLS.wordsShown);
	return { kind: 'words', words, respondents: tally.respondents };
}

/** Whether the poll takes an answer now, and if not, why. */
export function answerRefusal(event: QaEvent, poll: QaPoll): 'QA_CLOSED' | 'QA_POLL_CLOSED' | null {
	if (event.closed) return 'QA_CLOSED';
	if (!poll.open || event.pollId !== poll.id) return 'QA_POLL_CLOSED';
	return null;
}

export type PollCommand =
	{ type: 'open' } | { type: 'close' } | { type: 'results'; visible: boolean } | { type: 'hide' };

/** A moderator's command on a poll: the poll as it becomes (see showAfter for the show). */
export function commandPoll(poll: QaPoll, c: PollCommand, now: number): QaPoll {
	const next = { ...poll, updatedAt: now, version: poll.version + 1 };
	switch (c.type) {
		case 'open':
			return { ...next, open: true };
		case 'close':
			return { ...next, open: false };
		case 'results':
			return { ...next, resultsVisible: c.visible };
		case 'hide':
			return { ...next, open: false };
	}
}

/**
 * The event after a command on poll `pollId`, or null when its show does not change: `open` puts
 * the poll on show (the one shown before leaves it), `hide` takes it off.
 */
export function showAfter(e: QaEvent, pollId: string, c: PollCommand): QaEvent | null {
	const shown = e.pollId ?? null;
	let next = shown;
	if (c.type === 'open') next = pollId;
	if (c.type === 'hide' && shown === pollId) next = null;
	return next === shown ? null : { ...e, pollId: next, version: e.version + 1 };
}

/** A poll on show is taken off before it is deleted. */
export const mayDelete = (event: QaEvent, pollId: string): boolean =>
	(event.pollId ?? null) !== pollId;
