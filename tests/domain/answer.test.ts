// Answers: shape checks, fill-in normalisation, the answer key (true/false: 0 = true) and
// all-or-nothing multiple choice.
import { describe, expect, it } from 'vitest';
import {
	checkAnswerShape,
	correctChoices,
	isCorrect,
	normaliseText,
	type AnswerInput
} from '$lib/domain/answer';
import { optionCount, questionSchema, type Question } from '$lib/domain/question';

const q = (raw: unknown): Question => questionSchema.parse(raw);

const single = q({
	type: 'single',
	stem: '灭火器压力表指针在哪个区域表示正常？',
	options: ['红', '绿', '黄', '白'],
	answer: 'B'
});
const multiple = q({
	type: 'multiple',
	stem: 'Which are exits?',
	options: ['A door', 'A wall', 'A window', 'A stair'],
	answer: ['D', 'A']
});
const trueQ = q({ type: 'truefalse', stem: '电器着火可以用水扑灭吗？不可以 — 对吗', answer: true });
const falseQ = q({ type: 'truefalse', stem: '电梯可以用于火灾逃生', answer: false });
const fillin = q({ type: 'fillin', stem: '火警电话是？', answer: ['119', '幺幺九'] });
const gas = q({ type: 'fillin', stem: 'CO₂ 的中文名', answer: ['二氧化碳', 'Carbon Dioxide'] });
const poll = q({ type: 'poll', stem: '你家有灭火器吗？', options: ['有', '没有', '不知道'] });

describe('normaliseText', () => {
	it.each([
		['ＡＢＣ', 'abc'], // full-width letters
		['１１９', '119'], // full-width digits
		['Carbon Dioxide', 'carbondioxide'], // case and inner spaces
		['  hello \t world \n', 'helloworld'],
		['\u3000北京\u3000', '北京'], // ideographic spaces
		['北 京', '北京'],
		['北京。', '北京'], // trailing ideographic full stop
		['北京．', '北京'], // full-width full stop (NFKC → '.')
		['Beijing.', 'beijing'],
		['是！！', '是'], // repeated trailing punctuation
		['对？', '对'],
		['“安全”', '“安全'], // only trailing punctuation goes
		['a.b', 'a.b'], // inner punctuation stays
		['H₂O', 'h2o'], // NFKC subscripts
		['ｃｏ２ 。', 'co2'],
		['。', ''],
		['', '']
	])('%j → %j', (input, want) => {
		expect(normaliseText(input)).toBe(want);
	});
});

describe('correctChoices', () => {
	it('maps letters to option indexes', () => {
		expect(correctChoices(single)).toEqual([1]);
		expect(correctChoices(multiple)).toEqual([0, 3]); // sorted
	});

	it('maps true/false with 0 = true and 1 = false', () => {
		expect(correctChoices(trueQ)).toEqual([0]);
		expect(correctChoices(falseQ)).toEqual([1]);
	});

	it('is empty for polls and fill-in', () => {
		expect(correctChoices(poll)).toEqual([]);
		expect(correctChoices(fillin)).toEqual([]);
	});

	it('optionCount gives 2 for true/false and 0 for fill-in', () => {
		expect([single, multiple, trueQ, fillin, poll].map(optionCount)).toEqual([4, 4, 2, 0, 3]);
	});
});

describe('isCorrect', () => {
	it('single choice: only the keyed option', () => {
		expect(isCorrect(single, { choices: [1] })).toBe(true);
		expect(isCorrect(single, { choices: [0] })).toBe(false);
		expect(isCorrect(single, { choices: [2] })).toBe(false);
	});

	it('multiple choice is all-or-nothing, in any order', () => {
		expect(isCorrect(multiple, { choices: [0, 3] })).toBe(true);
		expect(isCorrect(multiple, { choices: [3, 0] })).toBe(true);
		expect(isCorrect(multiple, { choices: [0] })).toBe(false);
		expect(isCorrect(multiple, { choices: [3] })).toBe(false);
		expect(isCorrect(multiple, { choices: [0, 2, 3] })).toBe(false);
		expect(isCorrect(multiple, { choices: [0, 1, 2, 3] })).toBe(false);
	});

	it('true/false: choice 0 means true', () => {
		expect(isCorrect(trueQ, { choices: [0] })).toBe(true);
		expect(isCorrect(trueQ, { choices: [1] })).toBe(false);
		expect(isCorrect(falseQ, { choices: [1] })).toBe(true);
		expect(isCorrect(falseQ, { choices: [0] })).toBe(false);
	});

	it('fill-in accepts any listed spelling, ignoring case, width, spaces and trailing 。', () => {
		for (const text of ['119', '１１９', ' 1 1 9 ', '119。', '幺幺九', '幺 幺 九！']) {
			expect(isCorrect(fillin, { text }), text).toBe(true);
		}
		for (const text of [
			'二氧化碳',
			'二氧化碳。',
			'carbon dioxide',
			'ＣＡＲＢＯＮ　ＤＩＯＸＩＤＥ',
			'CarbonDioxide.'
		]) {
			expect(isCorrect(gas, { text }), text).toBe(true);
		}
		for (const text of ['110', '11', '1190', '一氧化碳', 'carbon', 'dioxide carbon']) {
			expect(isCorrect(gas, { text }) || isCorrect(fillin, { text }), text).toBe(false);
		}
	});

	it('a poll has no right answer', () => {
		expect(isCorrect(poll, { choices: [0] })).toBeNull();
		expect(isCorrect(poll, { choices: [2] })).toBeNull();
	});

	it('the wrong kind of answer is never correct', () => {
		expect(isCorrect(single, { text: 'B' })).toBe(false);
		expect(isCorrect(trueQ, { text: 'true' })).toBe(false);
		expect(isCorrect(fillin, { choices: [0] })).toBe(false);
	});
});

describe('checkAnswerShape', () => {
	const cases: [string, Question, AnswerInput, string | null][] = [
		['single ok', single, { choices: [3] }, null],
		['single with text', single, { text: 'B' }, 'WRONG_KIND'],
		['single empty', single, { choices: [] }, 'EMPTY'],
		['single two choices', single, { choices: [0, 1] }, 'TOO_MANY'],
		['single repeated', single, { choices: [1, 1] }, 'BAD_CHOICE'],
		['single out of range', single, { choices: [4] }, 'BAD_CHOICE'],
		['single negative', single, { choices: [-1] }, 'BAD_CHOICE'],
		['single fractional', single, { choices: [1.5] }, 'BAD_CHOICE'],
		['single NaN', single, { choices: [Number.NaN] }, 'BAD_CHOICE'],
		['multiple one', multiple, { choices: [2] }, null],
		['multiple all', multiple, { choices: [0, 1, 2, 3] }, null],
		['multiple repeated', multiple, { choices: [0, 3, 0] }, 'BAD_CHOICE'],
		['multiple out of range', multiple, { choices: [0, 4] }, 'BAD_CHOICE'],
		['multiple empty', multiple, { choices: [] }, 'EMPTY'],
		['true/false 0', trueQ, { choices: [0] }, null],
		['true/false 1', trueQ, { choices: [1] }, null],
		['true/false 2', trueQ, { choices: [2] }, 'BAD_CHOICE'],
		['true/false both', trueQ, { choices: [0, 1] }, 'TOO_MANY'],
		['true/false text', trueQ, { text: '对' }, 'WRONG_KIND'],
		['fill-in ok', fillin, { text: '119' }, null],
		['fill-in choices', fillin, { choices: [0] }, 'WRONG_KIND'],
		['fill-in blank', fillin, { text: '  \u3000 ' }, 'EMPTY'],
		['fill-in only punctuation', fillin, { text: '。' }, 'EMPTY'],
		['fill-in empty', fillin, { text: '' }, 'EMPTY'],
		['poll ok', poll, { choices: [2] }, null],
		['poll out of range', poll, { choices: [3] }, 'BAD_CHOICE'],
		['poll two choices', poll, { choices: [0, 1] }, 'TOO_MANY'],
		['poll text', poll, { text: '有' }, 'WRONG_KIND']
	];
	it.each(cases)('%s', (_name, question, answer, want) => {
		expect(checkAnswerShape(question, answer)).toBe(want);
	});
});
