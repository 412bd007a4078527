// The limits module is the one source: the schemas, the form messages and the template follow it.
import { describe, expect, it } from 'vitest';
import {
	inRange,
	OPTION_COUNT,
	POINTS,
	rangeDash,
	rangeWords,
	TEXT_MAX,
	TIME_LIMIT
} from '$lib/domain/limits';
import { questionSchema, quizSettingsSchema } from '$lib/domain/question';
import { parseQuestion, validateQuiz } from '../../src/routes/host/quizzes/quiz-forms';

const single = (patch: Record<string, unknown> = {}) => ({
	type: 'single',
	stem: '题',
	options: ['a', 'b'],
	answer: 'A',
	...patch
});

describe('content limits', () => {
	it('says ranges in words and with a dash, and tests membership', () => {
		expect(rangeWords(TIME_LIMIT)).toBe('5 到 300');
		expect(rangeDash(POINTS)).toBe('0–10000');
		expect(inRange(TIME_LIMIT.min, TIME_LIMIT)).toBe(true);
		expect(inRange(TIME_LIMIT.max + 1, TIME_LIMIT)).toBe(false);
		expect(inRange(5.5, TIME_LIMIT)).toBe(false);
	});

	it('are the bounds the question schema enforces', () => {
		const ok = (patch: Record<string, unknown>) => questionSchema.safeParse(single(patch)).success;
		expect(ok({ timeLimit: TIME_LIMIT.min })).toBe(true);
		expect(ok({ timeLimit: TIME_LIMIT.max })).toBe(true);
		expect(ok({ timeLimit: TIME_LIMIT.min - 1 })).toBe(false);
		expect(ok({ timeLimit: TIME_LIMIT.max + 1 })).toBe(false);
		expect(ok({ points: POINTS.max + 1 })).toBe(false);
		expect(ok({ stem: 'x'.repeat(TEXT_MAX.stem) })).toBe(true);
		expect(ok({ stem: 'x'.repeat(TEXT_MAX.stem + 1) })).toBe(false);
		const options = (n: number) => Array.from({ length: n }, (_, i) => `o${i}`);
		expect(ok({ options: options(OPTION_COUNT.max) })).toBe(true);
		expect(ok({ options: options(OPTION_COUNT.max + 1) })).toBe(false);
		expect(quizSettingsSchema.parse({})).toEqual({
			scoring: 'speed',
			timeLimit: TIME_LIMIT.default,
			points: POINTS.default
		});
	});

	it('are the numbers the form messages name', () => {
		const form = new FormData();
		for (const [k, v] of Object.entries({
			type: 'single',
			stem: '题',
			answer: '0',
			timeLimit: '301'
		}))
			form.set(k, v);
		form.append('options', 'a');
		form.append('options', 'b');
		const parsed = parseQuestion(form);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.errors.timeLimit).toContain(rangeWords(TIME_LIMIT));
		const quiz = validateQuiz({
			id: 'q',
			title: 'x'.repeat(TEXT_MAX.title + 1),
			questions: [single()]
		});
		expect(quiz.ok).toBe(false);
		if (!quiz.ok) expect(quiz.errors.title).toBe(`标题最多 ${TEXT_MAX.title} 字`);
	});
});
