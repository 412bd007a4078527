// An attempt's life: start, answers (and changes) until the deadline, submit, expiry with the
// answers saved by then, tab switches past the limit, the device's view without any key, and the
// result with its review once ended.
import { describe, expect, it } from 'vitest';
import {
	answer,
	expire,
	questionDeadline,
	recordVisibility,
	showQuestion,
	startAttempt,
	submit,
	type Attempt,
	type AttemptStep
} from '$lib/domain/contest/attempt';
import { scoreAttempt } from '$lib/domain/contest/attempt-score';
import { attemptView } from '$lib/domain/contest/attempt-view';
import type { DrawnQuestion } from '$lib/domain/contest/draw';
import type { Question } from '$lib/domain/question';

const T0 = 1_780_000_000_000;
const SECOND = 1000;

const QUESTIONS = new Map<string, Question>([
	[
		'fire-call',
		{
			type: 'single',
			stem: '发生火灾应拨打的电话是？',
			options: ['110', '119', '120', '122'],
			answer: 'B',
			explanation: '火警电话 119，报警时讲清地址和着火物。',
			source: '《消防法》第四十四条'
		}
	],
	[
		'put-out',
		{
			type: 'multiple',
			stem: '灭火的基本方法有哪些？',
			options: ['冷却法', '窒息法', '隔离法', '助燃法'],
			answer: ['A', 'B', 'C'],
			explanation: '冷却、窒息、隔离和化学抑制。'
		}
	],
	[
		'ebike',
		{
			type: 'truefalse',
			stem: '电动自行车可以在楼道内充电。',
			answer: false,
			explanation: '楼道充电极易引发火灾。'
		}
	],
	[
		'number',
		{
			type: 'fillin',
			stem: '全国消防日是 11 月几日？',
			answer: ['九', '9日'],
			explanation: '11 月 9 日，谐音 119。'
		}
	]
]);

// Fixed, non-identity orders: the fire call's 119 (stored 1) is shown last; the methods reversed.
const DRAWN: DrawnQuestion[] = [
	{ id: 'fire-call', type: 'single', order: [2, 0, 3, 1] },
	{ id: 'put-out', type: 'multiple', order: [3, 2, 1, 0] },
	{ id: 'ebike', type: 'truefalse', order: [0, 1] },
	{ id: 'number', type: 'fillin', order: [] }
];

const SETTINGS = { totalTimeS: 150, visibilityLimit: 2, minMsPerQuestion: 1000, passMark: 60 };

function ok(step: AttemptStep): Attempt {
	if (!step.ok) throw new Error(`refused: ${step.code}`);
	return step.attempt;
}

function started(settings: Partial<typeof SETTINGS> = {}): Attempt {
	return startAttempt(DRAWN, T0, { ...SETTINGS, ...settings });
}

/** Every question answered right, in the positions the device shows, one second apart. */
function allRight(a: Attempt, from = T0): Attempt {
	a = ok(answer(a, 0, { choices: [3] }, from + 1 * SECOND));
	a = ok(answer(a, 1, { choices: [3, 2, 1] }, from + 2 * SECOND));
	a = ok(answer(a, 2, { choices: [1] }, from + 3 * SECOND));
	return ok(answer(a, 3, { text: ' 9日 ' }, from + 4 * SECOND));
}

describe('startAttempt', () => {
	it('opens with no answers and a deadline the total time after the start', () => {
		const a = started();
		expect(a).toStrictEqual({
			questions: DRAWN,
			answers: [null, null, null, null],
			shownAt: [null, null, null, null],
			startedAt: T0,
			deadline: T0 + 150 * SECOND,
			status: 'open',
			endedAt: null,
			endReason: null,
			visibilityChanges: 0,
			rules: { visibilityLimit: 2, minMsPerQuestion: 1000, passMark: 60, perQuestionMs: null }
		});
	});

	it('keeps no limit and no pass mark when the contest sets none', () => {
		const a = startAttempt(DRAWN, T0, { totalTimeS: 60, minMsPerQuestion: 0 });
		expect(a.rules).toStrictEqual({
			visibilityLimit: null,
			minMsPerQuestion: 0,
			passMark: null,
			perQuestionMs: null
		});
	});
});

describe('answer', () => {
	it('saves the answer in the stored options and lets it be changed while time remains', () => {
		let a = ok(answer(started(), 0, { choices: [0] }, T0 + SECOND)); // shows stored 2: "120"
		expect(a.answers[0]).toStrictEqual({ choices: [2], at: T0 + SECOND });
		a = ok(answer(a, 0, { choices: [3] }, T0 + 5 * SECOND)); // changed to "119"
		expect(a.answers[0]).toStrictEqual({ choices: [1], at: T0 + 5 * SECOND });
		a = ok(answer(a, 3, { text: '  九 ' }, T0 + 6 * SECOND));
		expect(a.answers[3]).toStrictEqual({ text: '九', at: T0 + 6 * SECOND });
		expect(attemptView(a, QUESTIONS, T0 + 6 * SECOND).answers).toStrictEqual([
			{ choices: [3] },
			null,
			null,
			{ text: '九' }
		]);
	});

	it('accepts an answer a millisecond before the deadline and closes the attempt at it', () => {
		const a = started();
		const before = ok(answer(a, 0, { choices: [3] }, a.deadline - 1));
		const at = answer(before, 1, { choices: [0] }, a.deadline);
		expect(at.ok).toBe(false);
		if (at.ok) return;
		expect(at.code).toBe('CLOSED');
		expect(at.attempt).toMatchObject({
			status: 'expired',
			endReason: 'expired',
			endedAt: a.deadline,
			answers: [{ choices: [1], at: a.deadline - 1 }, null, null, null]
		});
	});

	it('refuses answers after the submit, leaving the attempt as it was', () => {
		const done = ok(
			submit(ok(answer(started(), 0, { choices: [3] }, T0 + SECOND)), T0 + 2 * SECOND)
		);
		const r = answer(done, 0, { choices: [0] }, T0 + 3 * SECOND);
		expect(r).toStrictEqual({ ok: false, code: 'CLOSED', attempt: done });
	});

	it('refuses a question the attempt does not have and answers of the wrong shape', () => {
		const a = started();
		const code = (index: number, input: Parameters<typeof answer>[2]) => {
			const r = answer(a, index, input, T0 + SECOND);
			return r.ok ? null : r.code;
		};
		expect(code(4, { choices: [0] })).toBe('BAD_INDEX');
		expect(code(-1, { choices: [0] })).toBe('BAD_INDEX');
		expect(code(1.5, { choices: [0] })).toBe('BAD_INDEX');
		expect(code(0, { choices: [0, 1] })).toBe('TOO_MANY');
		expect(code(0, { choices: [4] })).toBe('BAD_CHOICE');
		expect(code(1, { choices: [1, 1] })).toBe('BAD_CHOICE');
		expect(code(2, { choices: [2] })).toBe('BAD_CHOICE');
		expect(code(0, { text: '119' })).toBe('WRONG_KIND');
		expect(code(3, { choices: [0] })).toBe('WRONG_KIND');
		expect(code(1, { choices: [] })).toBe('EMPTY');
		expect(code(3, { text: '   ' })).toBe('EMPTY');
	});
});

describe('submit and expire', () => {
	it('submits an open attempt at the moment given, once', () => {
		const a = allRight(started());
		const done = ok(submit(a, T0 + 10 * SECOND));
		expect(done).toMatchObject({
			status: 'submitted',
			endReason: 'submitted',
			endedAt: T0 + 10 * SECOND
		});
		expect(done.answers).toStrictEqual(a.answers);
		expect(submit(done, T0 + 11 * SECOND)).toStrictEqual({
			ok: false,
			code: 'CLOSED',
			attempt: done
		});
	});

	it('closes a submit that comes at or after the deadline as expired at the deadline', () => {
		const a = allRight(started());
		for (const late of [a.deadline, a.deadline + 60 * SECOND]) {
			expect(ok(submit(a, late))).toMatchObject({
				status: 'expired',
				endedAt: a.deadline,
				answers: a.answers
			});
		}
	});

	it('expires an attempt past its deadline with the answers saved by then, not before', () => {
		const a = ok(answer(started(), 2, { choices: [1] }, T0 + SECOND));
		expect(expire(a, a.deadline - 1)).toStrictEqual({ ok: false, code: 'NOT_DUE', attempt: a });
		const gone = ok(expire(a, a.deadline + 3_600 * SECOND));
		expect(gone).toMatchObject({ status: 'expired', endReason: 'expired', endedAt: a.deadline });
		expect(gone.answers).toStrictEqual([null, null, { choices: [1], at: T0 + SECOND }, null]);
		expect(expire(gone, a.deadline + 1)).toStrictEqual({
			ok: false,
			code: 'CLOSED',
			attempt: gone
		});
		const done = ok(submit(a, T0 + 2 * SECOND));
		expect(expire(done, a.deadline)).toStrictEqual({ ok: false, code: 'CLOSED', attempt: done });
	});
});

describe('recordVisibility', () => {
	it('tolerates the limit of switches and submits at the next one, keeping the answers', () => {
		let a = ok(answer(started(), 0, { choices: [3] }, T0 + SECOND));
		a = ok(recordVisibility(a, T0 + 2 * SECOND));
		a = ok(recordVisibility(a, T0 + 3 * SECOND));
		expect(a).toMatchObject({ status: 'open', visibilityChanges: 2 });
		a = ok(recordVisibility(a, T0 + 4 * SECOND));
		expect(a).toMatchObject({
			status: 'submitted',
			endReason: 'visibility',
			endedAt: T0 + 4 * SECOND,
			visibilityChanges: 3,
			answers: [{ choices: [1], at: T0 + SECOND }, null, null, null]
		});
		expect(recordVisibility(a, T0 + 5 * SECOND)).toMatchObject({ ok: false, code: 'CLOSED' });
	});

	it('only counts switches without a limit, and closes an attempt found past its deadline', () => {
		let a = startAttempt(DRAWN, T0, { totalTimeS: 60, minMsPerQuestion: 0 });
		for (let i = 1; i <= 30; i++) a = ok(recordVisibility(a, T0 + i * SECOND));
		expect(a).toMatchObject({ status: 'open', visibilityChanges: 30 });
		const late = recordVisibility(a, a.deadline);
		expect(late).toMatchObject({
			ok: false,
			code: 'CLOSED',
			attempt: { status: 'expired', visibilityChanges: 30 }
		});
	});
});

describe('per-question limits', () => {
	const timed = () => startAttempt(DRAWN, T0, { ...SETTINGS, perQuestionS: 20 });

	it("starts a question's clock when it is first shown, once", () => {
		let a = ok(showQuestion(timed(), 1, T0 + 5 * SECOND));
		a = ok(showQuestion(a, 1, T0 + 9 * SECOND));
		expect(a.shownAt).toStrictEqual([null, T0 + 5 * SECOND, null, null]);
		expect(questionDeadline(a, 1)).toBe(T0 + 25 * SECOND);
		expect(attemptView(a, QUESTIONS, T0 + 6 * SECOND).questionDeadlines).toStrictEqual([
			null,
			T0 + 25 * SECOND,
			null,
			null
		]);
	});

	it("locks a question's answer once its own time is up, while the others stay open", () => {
		let a = ok(showQuestion(timed(), 0, T0));
		a = ok(answer(a, 0, { choices: [1] }, T0 + 19 * SECOND));
		const late = answer(a, 0, { choices: [2] }, T0 + 20 * SECOND);
		expect(late).toMatchObject({ ok: false, code: 'QUESTION_TIME_UP' });
		expect(late.attempt.answers[0]).toMatchObject({ at: T0 + 19 * SECOND });
		// Question 2 was never shown: its first answer starts its clock, well after question 0's.
		expect(answer(a, 2, { choices: [0] }, T0 + 60 * SECOND)).toMatchObject({ ok: true });
	});

	it('never lets a question run past the total deadline', () => {
		const a = ok(showQuestion(timed(), 3, T0 + 140 * SECOND));
		expect(questionDeadline(a, 3)).toBe(T0 + 150 * SECOND);
	});

	it('records nothing without a per-question limit, and refuses a question not in the attempt', () => {
		const plain = started();
		expect(ok(showQuestion(plain, 0, T0 + SECOND))).toBe(plain);
		expect(showQuestion(plain, 9, T0 + SECOND)).toMatchObject({ ok: false, code: 'BAD_INDEX' });
		const closed = ok(submit(plain, T0 + 2 * SECOND));
		expect(showQuestion(closed, 0, T0 + 3 * SECOND)).toMatchObject({ ok: false, code: 'CLOSED' });
	});
});

describe('attemptView', () => {
	it('shows the text and the options in the attempt order, with the server clock', () => {
		const view = attemptView(started(), QUESTIONS, T0 + 30 * SECOND);
		expect(view).toStrictEqual({
			status: 'open',
			startedAt: T0,
			deadline: T0 + 150 * SECOND,
			remainingMs: 120 * SECOND,
			questions: [
				{
					index: 0,
					total: 4,
					type: 'single',
					stem: '发生火灾应拨打的电话是？',
					options: ['120', '110', '122', '119']
				},
				{
					index: 1,
					total: 4,
					type: 'multiple',
					stem: '灭火的基本方法有哪些？',
					options: ['助燃法', '隔离法', '窒息法', '冷却法']
				},
				{
					index: 2,
					total: 4,
					type: 'truefalse',
					stem: '电动自行车可以在楼道内充电。',
					options: []
				},
				{ index: 3, total: 4, type: 'fillin', stem: '全国消防日是 11 月几日？', options: [] }
			],
			answers: [null, null, null, null],
			visibilityChanges: 0,
			visibilityLimit: 2,
			perQuestionMs: null,
			questionDeadlines: [null, null, null, null]
		});
	});

	it('never carries the answer key, the explanation, the source or anything derived from them', () => {
		// The participant's own answers are in it (right ones too), so the fill-in one is wrong
		// here: its accepted spellings must not appear.
		const a = ok(answer(allRight(started()), 3, { text: '十' }, T0 + 5 * SECOND));
		const json = JSON.stringify(attemptView(a, QUESTIONS, T0 + 5 * SECOND));
		for (const secret of [
			'火警电话 119',
			'冷却、窒息',
			'楼道充电极易',
			'谐音',
			'《消防法》',
			'9日"',
			'"九"'
		]) {
			expect(json).not.toContain(secret);
		}
		for (const key of [
			'answer"',
			'explanation',
			'source',
			'correct',
			'accepted',
			'right',
			'score'
		]) {
			expect(json).not.toContain(`"${key}`);
		}
	});

	it('shows a closed attempt with no time left', () => {
		const a = started();
		expect(attemptView(a, QUESTIONS, a.deadline)).toMatchObject({
			status: 'expired',
			remainingMs: 0
		});
	});
});

describe('scoreAttempt', () => {
	it('scores an all-right attempt 100, with the review in the positions shown', () => {
		const done = ok(submit(allRight(started()), T0 + 20 * SECOND));
		expect(scoreAttempt(done, QUESTIONS)).toStrictEqual({
			score: 100,
			correct: 4,
			total: 4,
			timeUsedMs: 20 * SECOND,
			passed: true,
			perQuestion: [
				{
					index: 0,
					id: 'fire-call',
					right: true,
					answer: { choices: [3] },
					correct: [3],
					accepted: [],
					explanation: '火警电话 119，报警时讲清地址和着火物。'
				},
				{
					index: 1,
					id: 'put-out',
					right: true,
					answer: { choices: [1, 2, 3] },
					correct: [1, 2, 3],
					accepted: [],
					explanation: '冷却、窒息、隔离和化学抑制。'
				},
				{
					index: 2,
					id: 'ebike',
					right: true,
					answer: { choices: [1] },
					correct: [1],
					accepted: [],
					explanation: '楼道充电极易引发火灾。'
				},
				{
					index: 3,
					id: 'number',
					right: true,
					answer: { text: '9日' },
					correct: [],
					accepted: ['九', '9日'],
					explanation: '11 月 9 日，谐音 119。'
				}
			],
			flags: { tooFast: false }
		});
	});

	it('counts multiple choice right only when exactly right, and scales right answers to 100', () => {
		let a = started();
		a = ok(answer(a, 0, { choices: [3] }, T0 + 2 * SECOND)); // right
		a = ok(answer(a, 1, { choices: [3, 2] }, T0 + 4 * SECOND)); // two of three: wrong
		a = ok(answer(a, 2, { choices: [0] }, T0 + 6 * SECOND)); // wrong
		const r = scoreAttempt(ok(submit(a, T0 + 10 * SECOND)), QUESTIONS);
		expect(r).toMatchObject({ score: 25, correct: 1, total: 4, passed: false });
		expect(r.perQuestion?.map((q) => q.right)).toStrictEqual([true, false, false, false]);
		expect(r.perQuestion?.[3]).toMatchObject({ answer: null, right: false });
		const three = new Map([...QUESTIONS].slice(0, 3));
		const short = startAttempt(DRAWN.slice(0, 3), T0, SETTINGS);
		const one = ok(
			submit(ok(answer(short, 0, { choices: [3] }, T0 + 2 * SECOND)), T0 + 9 * SECOND)
		);
		expect(scoreAttempt(one, three)).toMatchObject({ score: 33, correct: 1, total: 3 });
	});

	it('gives no review, no time and no pass while the attempt is open', () => {
		const r = scoreAttempt(allRight(started()), QUESTIONS);
		expect(r).toMatchObject({
			timeUsedMs: null,
			passed: null,
			perQuestion: null,
			flags: { tooFast: false }
		});
	});

	it('scores an expired attempt on the answers saved by then, over the whole time', () => {
		const a = ok(answer(started(), 0, { choices: [3] }, T0 + SECOND));
		const gone = ok(expire(a, a.deadline + 10 * SECOND));
		expect(scoreAttempt(gone, QUESTIONS)).toMatchObject({
			score: 25,
			correct: 1,
			timeUsedMs: 150 * SECOND
		});
	});

	it('says nothing of passing without a pass mark', () => {
		const a = startAttempt(DRAWN, T0, { totalTimeS: 150, minMsPerQuestion: 0 });
		expect(scoreAttempt(ok(submit(a, T0 + SECOND)), QUESTIONS).passed).toBeNull();
	});

	it('flags an attempt faster than the plausible time per answered question', () => {
		// Four answers in under four seconds against one second each: flagged, still scored.
		const fast = ok(submit(allRight(started(), T0 - 900), T0 + 3_999));
		expect(scoreAttempt(fast, QUESTIONS)).toMatchObject({ score: 100, flags: { tooFast: true } });
		const plausible = ok(submit(allRight(started()), T0 + 4 * SECOND));
		expect(scoreAttempt(plausible, QUESTIONS).flags.tooFast).toBe(false);
		// Without the check, or without answers, nothing is flagged.
		const unchecked = ok(submit(allRight(started({ minMsPerQuestion: 0 }), T0 - 900), T0 + 3_999));
		expect(scoreAttempt(unchecked, QUESTIONS).flags.tooFast).toBe(false);
		expect(scoreAttempt(ok(submit(started(), T0 + 10)), QUESTIONS).flags.tooFast).toBe(false);
	});

	it('refuses to score against questions that are missing', () => {
		const done = ok(submit(started(), T0 + SECOND));
		expect(() => scoreAttempt(done, new Map())).toThrow(/fire-call/);
	});
});
