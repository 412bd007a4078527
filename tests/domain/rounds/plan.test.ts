// Rounds as a quiz declares them (知识竞赛): validated with the quiz (counts add up, 加赛 last, team
// rounds need teams, stakes distinct), and where a question sits in them for the screen's titles.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { quizSchema } from '$lib/domain/question';
import {
	regularCount,
	roundAt,
	roundOrdinal,
	roundSchema,
	roundTitle,
	stakesOf,
	type Round
} from '$lib/domain/rounds/plan';

const question = (n: number) => ({ type: 'truefalse', stem: `第${n}题`, answer: true });

function quiz(questionCount: number, rounds: unknown[], teams?: unknown) {
	return quizSchema.safeParse({
		id: 'contest',
		title: '知识竞赛',
		questions: Array.from({ length: questionCount }, (_, i) => question(i + 1)),
		rounds,
		...(teams ? { teams } : {})
	});
}

/** The messages of a refused quiz, with where they point. */
function issues(r: ReturnType<typeof quiz>) {
	if (r.success) return [];
	return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const TEAMS = { list: [{ name: '红队' }, { name: '蓝队' }] };
const round = (r: z.input<typeof roundSchema>): Round => roundSchema.parse(r);

describe('checkRounds through quizSchema', () => {
	it('takes rounds whose counts add up to the question count', () => {
		const r = quiz(
			5,
			[
				{ type: 'all', count: 2 },
				{ type: 'buzz', count: 2 },
				{ type: 'tiebreak', count: 1 }
			],
			TEAMS
		);
		expect(issues(r)).toStrictEqual([]);
	});

	it('refuses counts that fall short of or exceed the questions, saying both numbers', () => {
		expect(issues(quiz(5, [{ type: 'all', count: 3 }]))).toStrictEqual([
			'rounds: 各轮题数之和（3）须等于题目总数（5）'
		]);
		expect(
			issues(
				quiz(2, [
					{ type: 'all', count: 2 },
					{ type: 'buzz', count: 1 }
				])
			)
		).toStrictEqual(['rounds: 各轮题数之和（3）须等于题目总数（2）']);
	});

	it('allows 加赛 only as the last round', () => {
		const r = quiz(
			3,
			[
				{ type: 'tiebreak', count: 1 },
				{ type: 'all', count: 2 }
			],
			TEAMS
		);
		expect(issues(r)).toStrictEqual(['rounds.0.type: 加赛须是最后一轮']);
	});

	it('refuses 轮流必答, team-only and audience-only rounds without teams, and takes them with teams', () => {
		const rounds = [
			{ type: 'turn', count: 1 },
			{ type: 'all', count: 1, players: 'teams' },
			{ type: 'all', count: 1, players: 'audience' }
		];
		expect(issues(quiz(3, rounds))).toStrictEqual([
			'rounds.0.type: 轮流必答、仅限队伍或仅限观众的轮次需要先设置队伍',
			'rounds.1.type: 轮流必答、仅限队伍或仅限观众的轮次需要先设置队伍',
			'rounds.2.type: 轮流必答、仅限队伍或仅限观众的轮次需要先设置队伍'
		]);
		expect(issues(quiz(3, rounds, TEAMS))).toStrictEqual([]);
		// Departments taken when the room opens count as teams too.
		expect(issues(quiz(3, rounds, { fromDepartments: true }))).toStrictEqual([]);
		// An empty team list is no teams.
		expect(issues(quiz(3, rounds, { list: [] }))).toHaveLength(3);
	});

	it('refuses stakes that repeat', () => {
		const r = quiz(1, [{ type: 'wager', count: 1, stakes: [10, 20, 10] }], TEAMS);
		expect(issues(r)).toStrictEqual(['rounds.0.stakes: 分值不能重复']);
		expect(issues(quiz(1, [{ type: 'wager', count: 1, stakes: [30, 10] }], TEAMS))).toStrictEqual(
			[]
		);
	});

	it('orders stakes smallest first, defaulting to 10, 20, 30', () => {
		expect(stakesOf(round({ type: 'wager', count: 1, stakes: [30, 5, 20] }))).toStrictEqual([
			5, 20, 30
		]);
		expect(stakesOf(round({ type: 'wager', count: 1 }))).toStrictEqual([10, 20, 30]);
	});
});

describe('where a question sits', () => {
	const rounds = [
		round({ type: 'all', count: 2 }),
		round({ type: 'buzz', count: 3 }),
		round({ type: 'tiebreak', count: 2 })
	];

	it('roundAt gives the round, its number, its first index and the position within it', () => {
		expect(roundAt(rounds, 0)).toStrictEqual({
			round: rounds[0],
			number: 0,
			start: 0,
			position: 0
		});
		expect(roundAt(rounds, 1)).toMatchObject({ number: 0, start: 0, position: 1 });
		expect(roundAt(rounds, 2)).toMatchObject({ number: 1, start: 2, position: 0 });
		expect(roundAt(rounds, 4)).toMatchObject({ number: 1, start: 2, position: 2 });
		expect(roundAt(rounds, 6)).toMatchObject({ number: 2, start: 5, position: 1 });
	});

	it('roundAt is null past the rounds, before the first question, and without rounds', () => {
		expect(roundAt(rounds, 7)).toBeNull();
		expect(roundAt(rounds, -1)).toBeNull();
		expect(roundAt(undefined, 0)).toBeNull();
		expect(roundAt([], 0)).toBeNull();
	});

	it('regularCount stops before the 加赛 reserve, or counts every question without one', () => {
		expect(regularCount(rounds, 7)).toBe(5);
		expect(regularCount(rounds.slice(0, 2), 5)).toBe(5);
		expect(regularCount(undefined, 4)).toBe(4);
	});

	it('titles a round by its ordinal and its label, or its own title', () => {
		expect(roundTitle(roundAt(rounds, 2)!)).toBe('第二轮 抢答题');
		expect(roundTitle(roundAt(rounds, 0)!)).toBe('第一轮 必答题');
		expect(roundTitle(roundAt(rounds, 5)!)).toBe('第三轮 加赛');
		const titled = [round({ type: 'wager', count: 1, title: '决胜风险' })];
		expect(roundTitle(roundAt(titled, 0)!)).toBe('第一轮 决胜风险');
	});

	it('writes ordinals in Chinese numerals past ten', () => {
		expect(roundOrdinal(9)).toBe('第十轮');
		expect(roundOrdinal(10)).toBe('第十一轮');
		expect(roundOrdinal(11)).toBe('第十二轮');
		const twelve = Array.from({ length: 12 }, () => round({ type: 'all', count: 1 }));
		expect(roundTitle(roundAt(twelve, 10)!)).toBe('第十一轮 必答题');
	});
});
