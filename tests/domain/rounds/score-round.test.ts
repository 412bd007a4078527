// Scoring a closed contest-day question: plain rounds like every quiz question but only for those who
// may answer; 抢答 to the one judged right, less early-buzz penalties; 风险题 ± the team's stake. And a
// whole contest replayed from its record equals scoring it question by question.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Question, QuizSettings } from '$lib/domain/question';
import { roundSchema, type Round } from '$lib/domain/rounds/plan';
import {
	replayContest,
	scoreRoundQuestion,
	type SeatedStanding
} from '$lib/domain/rounds/score-round';
import type { PlayerStanding, StoredAnswer } from '$lib/domain/round-scoring';

const ACCURACY: QuizSettings = { scoring: 'accuracy', timeLimit: 20, points: 100 };
const LIMIT = 20_000;
// Option 1 (乙) is right.
const SINGLE: Question = {
	type: 'single',
	stem: '哪一个？',
	options: ['甲', '乙', '丙'],
	answer: 'B'
};
const ORAL: Question = { type: 'fillin', stem: '说出名称', answer: ['长江'], points: 50 };

const round = (r: z.input<typeof roundSchema>): Round => roundSchema.parse(r);

function seat(
	id: string,
	teamId: string | null,
	score = 0,
	extra: Partial<SeatedStanding> = {}
): SeatedStanding {
	return {
		id,
		teamId,
		audience: teamId === null,
		score,
		streak: 0,
		correctCount: 0,
		totalTimeMs: 0,
		...extra
	};
}
const choose = (playerId: string, choice: number, elapsedMs = 1000): StoredAnswer => ({
	playerId,
	answer: { choices: [choice] },
	elapsedMs
});
const scoresOf = (standings: PlayerStanding[]) =>
	Object.fromEntries(standings.map((s) => [s.id, s.score]));

describe('plain rounds', () => {
	it('score only those who may answer; the others are left out of the standings', () => {
		const players = [seat('r1', 't1', 10), seat('b1', 't2', 20), seat('w1', null, 30)];
		const turn = round({ type: 'turn', count: 1 });
		const out = scoreRoundQuestion(
			SINGLE,
			ACCURACY,
			LIMIT,
			// Blue and the audience answer anyway (a stale client); only red's turn counts.
			[choose('r1', 1), choose('b1', 1), choose('w1', 1)],
			players,
			turn,
			{ eligible: ['t1'] },
			true
		);
		expect(scoresOf(out.standings)).toStrictEqual({ r1: 110 });
		expect(out.results.map((r) => r.playerId)).toStrictEqual(['r1']);
		expect(out.distribution).toStrictEqual({ counts: [0, 1, 0], answered: 1, correct: 1 });
	});

	it('score an everyone round for everyone, with the quiz’s own scoring rule', () => {
		const speed: QuizSettings = { ...ACCURACY, scoring: 'speed' };
		const out = scoreRoundQuestion(
			SINGLE,
			speed,
			LIMIT,
			[choose('a', 1, 0), choose('b', 0, 0)],
			[seat('a', null, 0, { streak: 1 }), seat('b', null, 0, { streak: 3 }), seat('c', null)],
			round({ type: 'all', count: 1 }),
			{},
			false
		);
		// Right at once on a second streak: full points plus 100.
		expect(scoresOf(out.standings)).toStrictEqual({ a: 200, b: 0, c: 0 });
		expect(out.standings.map((s) => s.streak)).toStrictEqual([2, 0, 0]);
	});

	it('score a question outside any round as a plain quiz question', () => {
		const out = scoreRoundQuestion(
			SINGLE,
			ACCURACY,
			LIMIT,
			[choose('a', 1)],
			[seat('a', null), seat('b', null)],
			null,
			{},
			false
		);
		expect(scoresOf(out.standings)).toStrictEqual({ a: 100, b: 0 });
	});
});

describe('抢答', () => {
	const buzz = round({ type: 'buzz', count: 1, buzz: { earlyPenalty: 30, passOnWrong: true } });
	const players = () => [
		seat('a', 't1', 100, { streak: 2 }),
		seat('b', 't2', 100, { streak: 2 }),
		seat('c', 't3', 100, { streak: 2 })
	];

	it('gives the question’s points to the player judged right, 0 and a lost streak to the wrong', () => {
		const out = scoreRoundQuestion(
			SINGLE,
			ACCURACY,
			LIMIT,
			[choose('a', 0), choose('b', 1)],
			players(),
			buzz,
			{
				judged: [
					{ playerId: 'a', right: false },
					{ playerId: 'b', right: true }
				]
			},
			true
		);
		expect(scoresOf(out.standings)).toStrictEqual({ a: 100, b: 200, c: 100 });
		expect(out.standings.map((s) => [s.id, s.streak, s.correctCount])).toStrictEqual([
			['a', 0, 0],
			['b', 3, 1],
			// Never buzzed: the streak is untouched.
			['c', 2, 0]
		]);
		expect(out.results.map((r) => [r.playerId, r.answered, r.correct, r.points])).toStrictEqual([
			['a', true, false, 0],
			['b', true, true, 100],
			['c', false, null, 0]
		]);
	});

	it('takes the penalty once from each early buzzer, the winner included', () => {
		const out = scoreRoundQuestion(
			SINGLE,
			ACCURACY,
			LIMIT,
			[choose('a', 1)],
			players(),
			buzz,
			{ early: ['a', 'c'], judged: [{ playerId: 'a', right: true }] },
			true
		);
		expect(scoresOf(out.standings)).toStrictEqual({ a: 170, b: 100, c: 70 });
		expect(out.results.find((r) => r.playerId === 'c')!.points).toBe(-30);
	});

	it('takes no penalty when the round has none, even with early buzzes on record', () => {
		const lenient = round({ type: 'buzz', count: 1 });
		const out = scoreRoundQuestion(
			SINGLE,
			ACCURACY,
			LIMIT,
			[],
			players(),
			lenient,
			{ early: ['a', 'c'], judged: [] },
			true
		);
		expect(scoresOf(out.standings)).toStrictEqual({ a: 100, b: 100, c: 100 });
	});

	it('counts an oral judgement without a device answer in the distribution', () => {
		const out = scoreRoundQuestion(
			ORAL,
			ACCURACY,
			LIMIT,
			[],
			players(),
			buzz,
			{
				judged: [
					{ playerId: 'c', right: false },
					{ playerId: 'a', right: true }
				]
			},
			true
		);
		expect(out.distribution).toStrictEqual({ counts: [0, 0], answered: 2, correct: 1 });
		// The question's own points, not the quiz's.
		expect(scoresOf(out.standings)).toStrictEqual({ a: 150, b: 100, c: 100 });
	});

	it('counts a device answer once, whether or not it was also judged', () => {
		const out = scoreRoundQuestion(
			SINGLE,
			ACCURACY,
			LIMIT,
			[choose('a', 2)],
			players(),
			buzz,
			{ judged: [{ playerId: 'a', right: false }] },
			true
		);
		expect(out.distribution).toStrictEqual({ counts: [0, 0, 1], answered: 1, correct: 0 });
	});
});

describe('风险题', () => {
	const wager = round({ type: 'wager', count: 1, stakes: [20, 10, 50] });

	it('gains the team’s stake for a right answer, loses it for a wrong one or none', () => {
		const players = [
			seat('r1', 't1', 100),
			seat('r2', 't1', 100),
			seat('b1', 't2', 100),
			seat('g1', 't3', 100)
		];
		const out = scoreRoundQuestion(
			SINGLE,
			ACCURACY,
			LIMIT,
			[choose('r1', 1), choose('r2', 0), choose('b1', 1)],
			players,
			wager,
			{ stakes: { t1: 50, t2: 20, t3: 50 } },
			true
		);
		// r2 was wrong at 红队's 50; 绿队 never answered and loses its 50.
		expect(scoresOf(out.standings)).toStrictEqual({ r1: 150, r2: 50, b1: 120, g1: 50 });
		expect(out.distribution).toStrictEqual({ counts: [1, 2, 0], answered: 3, correct: 2 });
		expect(out.results.find((r) => r.playerId === 'g1')).toMatchObject({
			answered: false,
			correct: false,
			points: -50
		});
	});

	it('stakes the smallest value for a team that chose none', () => {
		const out = scoreRoundQuestion(
			SINGLE,
			ACCURACY,
			LIMIT,
			[choose('r1', 1), choose('b1', 0)],
			[seat('r1', 't1'), seat('b1', 't2')],
			wager,
			{ stakes: {} },
			true
		);
		expect(scoresOf(out.standings)).toStrictEqual({ r1: 10, b1: -10 });
	});

	it('stakes per player without teams, and leaves the audience out with teams', () => {
		const solo = scoreRoundQuestion(
			SINGLE,
			ACCURACY,
			LIMIT,
			[choose('p1', 1), choose('p2', 1)],
			[seat('p1', null), seat('p2', null)],
			wager,
			{ stakes: { p1: 50 } },
			false
		);
		expect(scoresOf(solo.standings)).toStrictEqual({ p1: 50, p2: 10 });
		const withTeams = scoreRoundQuestion(
			SINGLE,
			ACCURACY,
			LIMIT,
			[choose('r1', 1), choose('w1', 1)],
			[seat('r1', 't1'), seat('w1', null)],
			wager,
			{ stakes: { t1: 20 } },
			true
		);
		expect(scoresOf(withTeams.standings)).toStrictEqual({ r1: 20 });
	});
});

describe('replayContest', () => {
	it('equals scoring each closed question in order by hand', () => {
		const rounds = [
			round({ type: 'all', count: 1 }),
			round({ type: 'buzz', count: 1, buzz: { earlyPenalty: 10 } }),
			round({ type: 'wager', count: 1 }),
			round({ type: 'turn', count: 1 })
		];
		const questions: Question[] = [SINGLE, ORAL, SINGLE, SINGLE];
		const seats = [
			{ id: 'r1', teamId: 't1', audience: false },
			{ id: 'b1', teamId: 't2', audience: false },
			{ id: 'w1', teamId: null, audience: true }
		];
		const closed = [
			// Out of order on purpose: the replay sorts by index.
			{
				index: 2,
				limitMs: LIMIT,
				answers: [choose('r1', 0), choose('b1', 1)],
				extra: { stakes: { t1: 30, t2: 20 } }
			},
			{
				index: 0,
				limitMs: LIMIT,
				answers: [choose('r1', 1), choose('b1', 0), choose('w1', 1)],
				extra: {}
			},
			{
				index: 1,
				limitMs: LIMIT,
				answers: [],
				extra: { early: ['r1'], judged: [{ playerId: 'b1', right: true }] }
			},
			{ index: 3, limitMs: LIMIT, answers: [choose('r1', 1)], extra: { eligible: ['t1'] } }
		];
		const replayed = replayContest(questions, ACCURACY, rounds, closed, seats, true);

		let players = seats.map((s) => seat(s.id, s.teamId));
		for (const c of [...closed].sort((x, y) => x.index - y.index)) {
			const out = scoreRoundQuestion(
				questions[c.index]!,
				ACCURACY,
				c.limitMs,
				c.answers,
				players,
				rounds[c.index]!,
				c.extra,
				true
			);
			players = players.map((p) => {
				const s = out.standings.find((x) => x.id === p.id);
				return s ? { ...p, ...s } : p;
			});
		}
		const byHand = players.map(({ id, score, streak, correctCount, totalTimeMs }) => ({
			id,
			score,
			streak,
			correctCount,
			totalTimeMs
		}));
		expect(replayed).toStrictEqual(byHand);
		// And the totals themselves: r1 100 − 10 − 30 + 100, b1 0 + 50 + 20, w1 100 from the first alone.
		expect(scoresOf(replayed)).toStrictEqual({ r1: 160, b1: 70, w1: 100 });
	});
});
