// One formatter writes every answer key the pages show.
import { describe, expect, it } from 'vitest';
import {
	answerKeyOf,
	formatAnswerKey,
	keyedQuestion,
	type AnswerKeyWords
} from '$lib/domain/answer-key';
import type { Question } from '$lib/domain/question';
import { hostAnswerKey } from '$lib/client/host-answer-key';
import { revealedKey } from '$lib/client/answer-line';
import { MESSAGES } from '$lib/i18n/messages';

const zh: AnswerKeyWords = { trueFalse: ['正确', '错误'], listSep: '、', poll: '（投票）' };

const single: Question = { type: 'single', stem: 's', options: ['110', '119', '120'], answer: 'B' };
const multiple: Question = {
	type: 'multiple',
	stem: 'm',
	options: ['可燃物', '助燃物', '引火源', '水蒸气'],
	answer: ['C', 'A', 'B']
};
const tf: Question = { type: 'truefalse', stem: 't', answer: false };
const fill: Question = { type: 'fillin', stem: 'f', answer: ['119', '幺幺九'] };
const poll: Question = { type: 'poll', stem: 'p', options: ['有', '没有'] };

const format = (q: Question, words = zh) =>
	formatAnswerKey(keyedQuestion(q), answerKeyOf(q), words);

describe('formatAnswerKey', () => {
	it('writes choices by their text, in option order, joined by the page’s separator', () => {
		expect(format(single)).toBe('119');
		expect(format(multiple)).toBe('可燃物、助燃物、引火源');
		expect(format(multiple, { ...zh, listSep: ', ' })).toBe('可燃物, 助燃物, 引火源');
	});

	it('prefixes letters when asked, but never on true/false', () => {
		expect(format(single, { ...zh, letters: true })).toBe('B. 119');
		expect(format(tf, { ...zh, letters: true })).toBe('错误');
		expect(format({ ...tf, answer: true }, { ...zh, trueFalse: ['True', 'False'] })).toBe('True');
	});

	it('lists fill-in spellings, and says so when a draft has none', () => {
		expect(format(fill)).toBe('119 / 幺幺九');
		expect(format({ ...fill, answer: [] })).toBe('');
		expect(format({ ...fill, answer: [] }, { ...zh, noAccepted: '（未填写）' })).toBe('（未填写）');
	});

	it('shows the poll words for a poll', () => {
		expect(format(poll)).toBe('（投票）');
	});

	it('formats a public question with the revealed key the same way as a full question', () => {
		const publicSingle = { type: 'single' as const, options: ['110', '119', '120'] };
		expect(revealedKey(MESSAGES.zh, publicSingle, { correct: [1], accepted: [] })).toBe('119');
		expect(revealedKey(MESSAGES.en, { type: 'truefalse', options: [] }, answerKeyOf(tf))).toBe(
			'False'
		);
		expect(revealedKey(MESSAGES.zh, { type: 'poll', options: [] }, answerKeyOf(poll))).toBe(
			MESSAGES.zh.pollNoAnswer
		);
	});

	it('writes the host pages’ key with letters and Chinese words', () => {
		expect(hostAnswerKey(multiple)).toBe('A. 可燃物、B. 助燃物、C. 引火源');
		expect(hostAnswerKey(tf)).toBe('错误');
		expect(hostAnswerKey(poll)).toBe('投票（无标准答案）');
	});
});
