// A contest-day game as the record store keeps it, for the results exports: three teams scored by
// their members' mean (one with nobody playing, one without headcount), an audience member and a
// kicked player, and four rounds — 必答, a 抢答 question with buzzes over two openings, a 风险题 with
// stakes, and a poll.
import { isCorrect, type AnswerInput } from '../../src/lib/domain/answer';
import { quizSchema } from '../../src/lib/domain/question';
import { roundSchema } from '../../src/lib/domain/rounds/plan';
import type {
	FinishedGame,
	GameAnswerRecord,
	GamePlayerRecord
} from '../../src/lib/server/records/port';

export const GAME_T0 = Date.UTC(2026, 5, 16, 6, 0, 0);

export const resultsQuiz = quizSchema.parse({
	id: 'contest-day',
	title: '安全生产月知识竞赛',
	settings: { scoring: 'speed', timeLimit: 20, points: 100 },
	questions: [
		{ type: 'single', stem: '火警电话是多少？', options: ['110', '119', '120'], answer: 'B' },
		{
			type: 'single',
			stem: '发现有人触电，首先应当？',
			options: ['切断电源', '用手拉开', '泼水', '打电话', '等待'],
			answer: 'A'
		},
		{ type: 'truefalse', stem: '电梯可以用于火灾逃生。', answer: false },
		{ type: 'poll', stem: '你最想学哪类知识？', options: ['消防', '用电', '急救'] }
	]
});

function answer(qi: number, playerId: string, a: AnswerInput, elapsedMs: number): GameAnswerRecord {
	const correct = isCorrect(resultsQuiz.questions[qi]!, a);
	return {
		questionIndex: qi,
		playerId,
		answer: a,
		elapsedMs,
		receivedAt: GAME_T0 + qi * 60_000 + elapsedMs,
		correct,
		points: correct ? 100 : 0
	};
}

function player(
	id: string,
	nickname: string,
	rank: number | null,
	score: number,
	teamId: string | null,
	more: Partial<GamePlayerRecord> = {}
): GamePlayerRecord {
	return {
		id,
		nickname,
		score,
		correctCount: Math.round(score / 100),
		totalTimeMs: 12_340,
		rank,
		kicked: rank === null,
		joinedAt: GAME_T0 - 60_000,
		teamId,
		audience: false,
		...more
	};
}

export function resultsGame(id = `616616-${GAME_T0}`, orgId: string | null = null): FinishedGame {
	const q = resultsQuiz.questions;
	return {
		id,
		pin: '616616',
		orgId,
		quizId: resultsQuiz.id,
		title: resultsQuiz.title,
		settings: resultsQuiz.settings,
		createdAt: GAME_T0,
		endedAt: GAME_T0 + 30 * 60_000,
		questions: [
			{ index: 0, question: q[0]!, limitMs: 20_000, extra: { round: 'all' } },
			{
				index: 1,
				question: q[1]!,
				limitMs: 20_000,
				extra: {
					round: 'buzz',
					buzzes: [
						{ playerId: 'p-zhang', at: GAME_T0 + 63_000, marginMs: 0, opening: 0 },
						{ playerId: 'p-li', at: GAME_T0 + 63_012, marginMs: 12, opening: 0 },
						{ playerId: 'p-wang', at: GAME_T0 + 63_040, marginMs: 40, opening: 0 },
						{ playerId: 'p-li', at: GAME_T0 + 70_000, marginMs: 0, opening: 1 }
					],
					early: ['p-crowd'],
					judged: [
						{ playerId: 'p-zhang', right: false },
						{ playerId: 'p-li', right: true }
					]
				}
			},
			{
				index: 2,
				question: q[2]!,
				limitMs: 20_000,
				extra: { round: 'wager', stakes: { t2: 10, t1: 30 } }
			},
			{ index: 3, question: q[3]!, limitMs: 20_000, extra: null }
		],
		players: [
			player('p-li', '李四', 1, 300, 't1'),
			player('p-zhang', 'Zhang', 2, 250, 't2'),
			player('p-wang', '王五', 3, 100, 't1'),
			player('p-crowd', '观众甲', 4, 50, null, { audience: true }),
			player('p-gone', '捣乱者', null, 900, 't2')
		],
		answers: [
			answer(0, 'p-li', { choices: [1] }, 2_000),
			answer(0, 'p-wang', { choices: [0] }, 3_000),
			answer(0, 'p-zhang', { choices: [1] }, 4_000),
			answer(0, 'p-crowd', { choices: [2] }, 5_000),
			answer(1, 'p-zhang', { choices: [1] }, 3_100),
			answer(1, 'p-li', { choices: [0] }, 10_000),
			answer(2, 'p-li', { choices: [1] }, 4_000),
			answer(2, 'p-zhang', { choices: [0] }, 5_000),
			answer(3, 'p-li', { choices: [0] }, 2_000),
			answer(3, 'p-wang', { choices: [1] }, 2_500),
			answer(3, 'p-crowd', { choices: [1] }, 3_000)
		],
		teams: [
			{ id: 't1', name: '红队', headcount: 4 },
			{ id: 't2', name: '蓝队' },
			{ id: 't3', name: '绿队', headcount: 10 }
		],
		teamScoring: 'mean',
		rounds: [
			roundSchema.parse({ type: 'all', count: 1 }),
			roundSchema.parse({ type: 'buzz', count: 1, players: 'teams' }),
			roundSchema.parse({ type: 'wager', title: '险中求胜', count: 1, players: 'teams' }),
			roundSchema.parse({ type: 'all', count: 1, players: 'audience' })
		],
		draw: { seed: '0a1b2c3d', order: ['t2', 't1', 't3'], at: GAME_T0 - 120_000 }
	};
}

/** The same game as a plain quick game: no teams, rounds or extras. */
export function plainResultsGame(id = `616617-${GAME_T0}`): FinishedGame {
	const game = resultsGame(id);
	return {
		...game,
		pin: '616617',
		players: game.players.map((p) => ({ ...p, teamId: null, audience: false })),
		questions: game.questions.map((q) => ({ ...q, extra: null })),
		teams: [],
		teamScoring: null,
		rounds: null,
		draw: null
	};
}
