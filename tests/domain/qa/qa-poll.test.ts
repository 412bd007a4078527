import { describe, expect, it } from 'vitest';
import { QA_POLLS } from '../../../src/lib/domain/limits';
import type { QaEvent } from '../../../src/lib/domain/qa/event';
import {
	answerRefusal,
	checkAnswer,
	commandPoll,
	draftPoll,
	mayDelete,
	normaliseWord,
	pollResults,
	showAfter,
	type PollInput,
	type QaPoll
} from '../../../src/lib/domain/qa/poll';
import { createTextGuard, defaultTextGuard } from '../../../src/lib/domain/text-safety';
import { qaEvent } from '../../support/qa-fixtures';

const meta = { id: 'p1', now: 1000 };

function drafted(input: PollInput): QaPoll {
	const out = draftPoll(input, meta);
	if (!out.ok) throw new Error(out.code);
	return out.poll;
}

const single = () =>
	drafted({ kind: 'single', question: '哪种灭火器？', options: ['干粉', '水基'] });
const multiple = (maxChoices?: number) =>
	drafted({ kind: 'multiple', question: '哪些要备？', options: ['A', 'B', 'C', 'D'], maxChoices });
const words = (maxChoices?: number) =>
	drafted({ kind: 'words', question: '一个词说安全', options: [], maxChoices });

const event = (over: Partial<QaEvent> = {}): QaEvent =>
	qaEvent('ABCDEF', { orgId: 'o', createdBy: 'u', title: 't', createdAt: 0, ...over });

describe('creating a poll', () => {
	it('a choice poll keeps its cleaned question and options; it starts closed, results hidden', () => {
		const p = drafted({
			kind: 'single',
			question: '  家里\u200b备哪种   灭火器？ ',
			options: [' 干粉 ', '水基']
		});
		expect(p).toEqual({
			id: 'p1',
			kind: 'single',
			question: '家里备哪种 灭火器？',
			options: ['干粉', '水基'],
			maxChoices: 1,
			open: false,
			resultsVisible: false,
			createdAt: 1000,
			updatedAt: 1000,
			version: 1
		});
	});

	it('single choice is one pick; multiple defaults to every option and takes 1..options', () => {
		expect(single().maxChoices).toBe(1);
		expect(multiple().maxChoices).toBe(4);
		expect(multiple(2).maxChoices).toBe(2);
		const bad = (input: Partial<PollInput>) =>
			draftPoll({ kind: 'multiple', question: '问', options: ['A', 'B'], ...input }, meta);
		expect(bad({ maxChoices: 3 })).toEqual({ ok: false, code: 'QA_POLL_MAX_CHOICES' });
		expect(bad({ kind: 'single', maxChoices: 2 })).toEqual({
			ok: false,
			code: 'QA_POLL_MAX_CHOICES'
		});
	});

	it('choice polls need 2–10 distinct, non-empty options', () => {
		const options = (o: string[]) =>
			draftPoll({ kind: 'single', question: '问', options: o }, meta);
		const refused = { ok: false, code: 'QA_POLL_OPTIONS' };
		expect(options(['A'])).toEqual(refused);
		expect(options(['A', ' A '])).toEqual(refused);
		expect(options(['A', '\u200b'])).toEqual(refused);
		expect(options(['A', 'x'.repeat(QA_POLLS.option + 1)])).toEqual(refused);
		const eleven = Array.from({ length: 11 }, (_, i) => `选项${i}`);
		expect(options(eleven)).toEqual(refused);
		expect(options(eleven.slice(0, 10)).ok).toBe(true);
	});

	it('a word cloud has no options and 1–3 words per participant (default 1)', () => {
		expect(words()).toMatchObject({ options: [], maxChoices: 1 });
		expect(words(3).maxChoices).toBe(3);
		expect(draftPoll({ kind: 'words', question: '问', options: [], maxChoices: 4 }, meta)).toEqual({
			ok: false,
			code: 'QA_POLL_MAX_CHOICES'
		});
		expect(draftPoll({ kind: 'words', question: '问', options: ['A'] }, meta)).toEqual({
			ok: false,
			code: 'QA_POLL_OPTIONS'
		});
	});

	it('the question is required and limited', () => {
		const q = (question: string) => draftPoll({ kind: 'words', question, options: [] }, meta);
		expect(q(' \u200b ')).toEqual({ ok: false, code: 'QA_TEXT_EMPTY' });
		expect(q('问'.repeat(QA_POLLS.question + 1))).toEqual({ ok: false, code: 'QA_TEXT_LENGTH' });
		expect(q('问'.repeat(QA_POLLS.question)).ok).toBe(true);
	});
});

describe('normalising a word', () => {
	it('folds width, case, whitespace, invisible characters and punctuation at the ends', () => {
		expect(normaliseWord('灭火器 ')).toBe('灭火器');
		expect(normaliseWord('AED')).toBe('aed');
		expect(normaliseWord('ＡＥＤ')).toBe('aed');
		expect(normaliseWord('  应急\t\n  预案 ')).toBe('应急 预案');
		expect(normaliseWord('“逃生！”')).toBe('逃生');
		expect(normaliseWord('《安全法》。')).toBe('安全法');
		expect(normaliseWord('灭\u200b火器')).toBe('灭火器');
		expect(normaliseWord('!!!')).toBe('');
	});

	it('keeps what is inside a word, and non-Latin letters as they are', () => {
		expect(normaliseWord('1.5米')).toBe('1.5米');
		expect(normaliseWord('C++')).toBe('c++');
		expect(normaliseWord('ΑΒΓ')).toBe('ΑΒΓ');
	});
});

describe('checking an answer', () => {
	const guard = defaultTextGuard;

	it('single choice: exactly one index in range', () => {
		const p = single();
		expect(checkAnswer(p, { choices: [1] }, guard)).toEqual({
			ok: true,
			answer: { choices: [1], words: [] }
		});
		for (const choices of [[], [0, 1], [2], [-1]]) {
			expect(checkAnswer(p, { choices }, guard)).toEqual({
				ok: false,
				code: 'QA_POLL_BAD_ANSWER'
			});
		}
		expect(checkAnswer(p, { choices: [0], words: ['x'] }, guard).ok).toBe(false);
	});

	it('multiple choice: 1..maxChoices distinct indexes, kept in order', () => {
		const p = multiple(3);
		expect(checkAnswer(p, { choices: [3, 0] }, guard)).toEqual({
			ok: true,
			answer: { choices: [0, 3], words: [] }
		});
		for (const choices of [[], [0, 0], [0, 1, 2, 3], [4]]) {
			expect(checkAnswer(p, { choices }, guard).ok).toBe(false);
		}
	});

	it('words: 1..maxChoices, normalised, merged within one answer, 1–20 characters', () => {
		const p = words(3);
		expect(checkAnswer(p, { words: ['AED', ' aed ', '灭火器'] }, guard)).toEqual({
			ok: true,
			answer: { choices: [], words: ['aed', '灭火器'] }
		});
		expect(checkAnswer(p, { words: [] }, guard)).toEqual({ ok: false, code: 'QA_POLL_BAD_ANSWER' });
		expect(checkAnswer(words(1), { words: ['a', 'b'] }, guard).ok).toBe(false);
		expect(checkAnswer(p, { words: ['。。'] }, guard)).toEqual({
			ok: false,
			code: 'QA_WORD_LENGTH'
		});
		expect(checkAnswer(p, { words: ['字'.repeat(21)] }, guard)).toEqual({
			ok: false,
			code: 'QA_WORD_LENGTH'
		});
		expect(checkAnswer(p, { words: ['字'.repeat(20)] }, guard).ok).toBe(true);
		expect(checkAnswer(p, { words: ['a'], choices: [0] }, guard).ok).toBe(false);
	});

	it('a word the guard flags is refused, disguised or not, built-in or the organisation’s', () => {
		const p = words(2);
		for (const w of ['傻逼', 'ＳＨＩＴ', 's.h.i.t', '法 轮 功']) {
			expect(checkAnswer(p, { words: ['安全', w] }, guard)).toEqual({
				ok: false,
				code: 'QA_WORD_BLOCKED'
			});
		}
		const org = createTextGuard({ extraWords: ['某某公司'] });
		expect(checkAnswer(p, { words: ['某某公司'] }, org)).toEqual({
			ok: false,
			code: 'QA_WORD_BLOCKED'
		});
		expect(checkAnswer(p, { words: ['Scunthorpe'] }, guard).ok).toBe(true);
	});
});

describe('results', () => {
	it('a choice poll counts per option, zero where nobody picked it', () => {
		expect(pollResults(multiple(), { seq: 3, respondents: 2, counts: { '0': 2, '3': 1 } })).toEqual(
			{
				kind: 'choice',
				counts: [2, 0, 0, 1],
				respondents: 2
			}
		);
	});

	it('a word cloud lists the most frequent words first, ties by text, at most 100', () => {
		const counts: Record<string, number> = { 逃生: 3, aed: 5, 灭火器: 3 };
		for (let i = 0; i < 150; i++) counts[`w${String(i).padStart(3, '0')}`] = 1;
		const r = pollResults(words(), { seq: 9, respondents: 160, counts });
		if (r.kind !== 'words') throw new Error('words expected');
		expect(r.words.length).toBe(QA_POLLS.wordsShown);
		expect(r.words.slice(0, 4)).toEqual([
			{ text: 'aed', count: 5 },
			{ text: '灭火器', count: 3 },
			{ text: '逃生', count: 3 },
			{ text: 'w000', count: 1 }
		]);
		expect(r.respondents).toBe(160);
	});
});

describe('the poll’s state', () => {
	it('answers only while open, on show and the event not closed', () => {
		const p = { ...single(), open: true };
		expect(answerRefusal(event({ pollId: 'p1' }), p)).toBeNull();
		expect(answerRefusal(event({ pollId: 'p1', closed: true }), p)).toBe('QA_CLOSED');
		expect(answerRefusal(event({ pollId: 'p1' }), { ...p, open: false })).toBe('QA_POLL_CLOSED');
		expect(answerRefusal(event({ pollId: 'other' }), p)).toBe('QA_POLL_CLOSED');
		expect(answerRefusal(event(), p)).toBe('QA_POLL_CLOSED');
	});

	it('open puts the poll on show in place of the one shown; hide takes it off and closes it', () => {
		const p = single();
		const opened = commandPoll(p, { type: 'open' }, 2000);
		expect(opened).toMatchObject({ open: true, version: 2, updatedAt: 2000 });
		expect(showAfter(event({ pollId: 'p0' }), 'p1', { type: 'open' })).toMatchObject({
			pollId: 'p1',
			version: 2
		});
		expect(showAfter(event({ pollId: 'p1' }), 'p1', { type: 'open' })).toBeNull();
		expect(commandPoll(opened, { type: 'close' }, 3000).open).toBe(false);
		expect(showAfter(event({ pollId: 'p1' }), 'p1', { type: 'close' })).toBeNull();
		expect(commandPoll(opened, { type: 'results', visible: true }, 3000)).toMatchObject({
			open: true,
			resultsVisible: true
		});
		expect(commandPoll(opened, { type: 'hide' }, 3000).open).toBe(false);
		expect(showAfter(event({ pollId: 'p1' }), 'p1', { type: 'hide' })).toMatchObject({
			pollId: null
		});
		// Hiding a poll that is not on show leaves the one on show alone.
		expect(showAfter(event({ pollId: 'p0' }), 'p1', { type: 'hide' })).toBeNull();
	});

	it('a poll on show cannot be deleted', () => {
		expect(mayDelete(event({ pollId: 'p1' }), 'p1')).toBe(false);
		expect(mayDelete(event({ pollId: 'p0' }), 'p1')).toBe(true);
		expect(mayDelete(event(), 'p1')).toBe(true);
	});
});
