// The quiz editor's 赛制 and 队伍 forms: what the host types becomes rounds and teams that the quiz
// schema accepts, or Chinese errors at the field the host must fix.
import { describe, expect, it } from 'vitest';
import type { Quiz } from '$lib/domain/question';
import {
	contestInput,
	parseContest,
	roundSpans,
	roundsAfter,
	stakeList
} from '../../src/routes/host/quizzes/contest-forms';

const question = (n: number): Quiz['questions'][number] => ({
	type: 'single',
	stem: `题 ${n}`,
	options: ['a', 'b'],
	answer: 'A'
});

const quiz = (count: number, patch: Partial<Quiz> = {}): Quiz => ({
	id: 'q-contest',
	title: '安全知识竞赛',
	settings: { scoring: 'speed', timeLimit: 20, points: 1000 },
	questions: Array.from({ length: count }, (_, i) => question(i + 1)),
	...patch
});

function form(fields: Record<string, string>): FormData {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.set(k, v);
	return f;
}

describe('contest format form', () => {
	it('reads rounds with their own settings and listed teams into a valid quiz', () => {
		const parsed = parseContest(
			form({
				'rounds.0.type': 'all',
				'rounds.0.count': '2',
				'rounds.0.players': 'everyone',
				'rounds.1.type': 'buzz',
				'rounds.1.title': '抢答风暴',
				'rounds.1.count': '2',
				'rounds.1.players': 'teams',
				'rounds.1.armSec': '5',
				'rounds.1.openSec': '10',
				'rounds.1.answerSec': '30',
				'rounds.1.earlyPenalty': '5',
				'rounds.1.oral': 'on',
				'rounds.2.type': 'wager',
				'rounds.2.count': '1',
				'rounds.2.stakes': '10，20、30',
				'teams.mode': 'list',
				'teams.scoring': 'sum',
				'teams.0.name': '安全部',
				'teams.0.headcount': '12',
				'teams.1.name': '生产部',
				'teams.1.headcount': '',
				'teams.2.name': '',
				'teams.2.headcount': ''
			}),
			quiz(5)
		);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.value.rounds).toEqual([
			{ type: 'all', count: 2, players: 'everyone' },
			{
				type: 'buzz',
				title: '抢答风暴',
				count: 2,
				players: 'teams',
				buzz: {
					armSec: 5,
					openSec: 10,
					answerSec: 30,
					earlyPenalty: 5,
					passOnWrong: false,
					oral: true
				}
			},
			{ type: 'wager', count: 1, players: 'everyone', stakes: [10, 20, 30] }
		]);
		expect(parsed.value.teams).toEqual({
			scoring: 'sum',
			list: [{ name: '安全部', headcount: 12 }, { name: '生产部' }],
			fromDepartments: false,
			fromRoster: false
		});
		expect(parsed.value.questions).toHaveLength(5);
	});

	it('says when the rounds do not add up to the questions, with both numbers', () => {
		const parsed = parseContest(form({ 'rounds.0.type': 'all', 'rounds.0.count': '3' }), quiz(5));
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.errors.rounds).toBe('各轮题数之和（3）须等于题目总数（5）');
	});

	it('puts each round problem at that round’s field', () => {
		const parsed = parseContest(
			form({
				'rounds.0.type': 'tiebreak',
				'rounds.0.count': '1',
				'rounds.1.type': 'turn',
				'rounds.1.count': 'x',
				'rounds.2.type': 'wager',
				'rounds.2.count': '1',
				'rounds.2.stakes': '10,10',
				'rounds.3.type': 'buzz',
				'rounds.3.count': '1',
				'rounds.3.openSec': '1'
			}),
			quiz(3)
		);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors['rounds.1.count']).toBe('题数需为正整数');
		expect(parsed.errors['rounds.2.stakes']).toBe('分值不能重复');
		expect(parsed.errors['rounds.3.openSec']).toBe('抢答时限需为 3 到 120 之间的整数（秒）');
		const early = parseContest(
			form({
				'rounds.0.type': 'tiebreak',
				'rounds.0.count': '1',
				'rounds.1.type': 'all',
				'rounds.1.count': '1'
			}),
			quiz(2)
		);
		expect(early.ok).toBe(false);
		if (!early.ok) expect(early.errors['rounds.0.type']).toBe('加赛须是最后一轮');
	});

	it('refuses a turn round without teams, and accepts it with the departments as teams', () => {
		const rounds = { 'rounds.0.type': 'turn', 'rounds.0.count': '2' };
		const alone = parseContest(form(rounds), quiz(2));
		expect(alone.ok).toBe(false);
		if (!alone.ok) {
			expect(alone.errors['rounds.0.type']).toBe(
				'轮流必答、仅限队伍或仅限观众的轮次需要先设置队伍'
			);
		}
		const departments = parseContest(
			form({ ...rounds, 'teams.mode': 'departments', 'teams.scoring': 'mean' }),
			quiz(2)
		);
		expect(departments.ok).toBe(true);
		if (departments.ok) {
			expect(departments.value.teams).toEqual({
				scoring: 'mean',
				list: [],
				fromDepartments: true,
				fromRoster: false
			});
		}
		// Placed by the roster: the box ticked.
		const roster = parseContest(
			form({ ...rounds, 'teams.mode': 'departments', 'teams.fromRoster': 'on' }),
			quiz(2)
		);
		expect(roster.ok && roster.value.teams?.fromRoster).toBe(true);
	});

	it('puts team problems at the team row', () => {
		const parsed = parseContest(
			form({
				'teams.mode': 'list',
				'teams.0.name': '安全部',
				'teams.1.name': '',
				'teams.1.headcount': '8',
				'teams.2.name': '质检部',
				'teams.2.headcount': '0',
				'teams.3.name': '一二三四五六七八九十一二三四五六七八九十一'
			}),
			quiz(1)
		);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors['teams.1.name']).toBe('请填写队名');
		expect(parsed.errors['teams.2.headcount']).toBe('人数需为正整数，可以留空');
		expect(parsed.errors['teams.3.name']).toBe('队名最多 20 字');
		const twice = parseContest(
			form({ 'teams.mode': 'list', 'teams.0.name': '甲', 'teams.1.name': '甲' }),
			quiz(1)
		);
		expect(twice.ok).toBe(false);
		if (!twice.ok) expect(twice.errors.teams).toBe('队名不能重复');
	});

	it('clears the format: no rounds and no teams leave a plain quiz', () => {
		const before = quiz(2, {
			rounds: [{ type: 'all', count: 2, players: 'everyone' }],
			teams: { scoring: 'sum', list: [{ name: '甲' }], fromDepartments: false, fromRoster: false }
		});
		const parsed = parseContest(form({ 'teams.mode': 'none' }), before);
		expect(parsed.ok).toBe(true);
		if (parsed.ok) {
			expect(parsed.value.rounds).toBeUndefined();
			expect(parsed.value.teams).toBeUndefined();
		}
		expect(contestInput(form({}))).toEqual({});
	});

	it('reads stake lists in any separator and shows which questions each round covers', () => {
		expect(stakeList('10, 20，30、 40')).toEqual([10, 20, 30, 40]);
		expect(stakeList('10 二十')[1]).toBeNaN();
		expect(roundSpans([3, 2, 1])).toEqual([
			{ from: 1, to: 3 },
			{ from: 4, to: 5 },
			{ from: 6, to: 6 }
		]);
		expect(roundSpans([2, Number.NaN, 1])).toEqual([{ from: 1, to: 2 }, null, { from: 3, to: 3 }]);
	});
});

describe('rounds after a question is added or removed', () => {
	const rounds = [
		{ type: 'all', count: 2, players: 'everyone' },
		{ type: 'buzz', count: 1, players: 'everyone' },
		{ type: 'tiebreak', count: 1, players: 'everyone' }
	] as const;

	it('adds the new question to the last round and takes a removed one from its own', () => {
		expect(roundsAfter([...rounds], { added: true })?.map((r) => r.count)).toEqual([2, 1, 2]);
		expect(roundsAfter([...rounds], { removed: 1 })?.map((r) => r.count)).toEqual([1, 1, 1]);
		expect(roundsAfter([...rounds], { removed: 2 })?.map((r) => r.type)).toEqual([
			'all',
			'tiebreak'
		]);
		expect(
			roundsAfter([{ type: 'all', count: 1, players: 'everyone' }], { removed: 0 })
		).toBeUndefined();
		expect(roundsAfter(undefined, { added: true })).toBeUndefined();
	});
});
