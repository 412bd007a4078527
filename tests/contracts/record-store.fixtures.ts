// The games and quizzes the record store rules save and read back: every kind of question and
// answer, players and answers out of order, and a game of 20,000 answers.
import { isCorrect, type AnswerInput } from '../../src/lib/domain/answer';
import { quizSchema, type Quiz } from '../../src/lib/domain/question';
import type {
	FinishedGame,
	GameAnswerRecord,
	GamePlayerRecord
} from '../../src/lib/server/records/port';

export const T0 = 1_760_000_000_000;

export const quiz: Quiz = quizSchema.parse({
	id: 'fire-safety',
	title: '消防安全知识',
	description: 'Campaign quiz, 2025',
	settings: { scoring: 'speed', timeLimit: 20, points: 1000 },
	questions: [
		{
			type: 'single',
			stem: '火警电话是多少？',
			options: ['110', '119', '120'],
			answer: 'B',
			explanation: '119 是火警电话。',
			tags: ['电话']
		},
		{
			type: 'multiple',
			stem: 'Which extinguish an oil fire?',
			options: ['Foam', 'Water', 'Dry powder', 'Wet cloth'],
			answer: ['A', 'C'],
			difficulty: 2
		},
		{ type: 'truefalse', stem: '电梯可以用于火灾逃生。', answer: false, timeLimit: 10 },
		{ type: 'fillin', stem: '火警电话：___', answer: ['119', '幺幺九'], points: 500 },
		{ type: 'poll', stem: 'How safe do you feel?', options: ['Very', 'Somewhat', 'Not'] }
	]
});

function question(i: number) {
	const q = quiz.questions[i];
	if (!q) throw new Error(`no question ${i}`);
	return q;
}

export function answer(qi: number, playerId: string, a: AnswerInput, at: number): GameAnswerRecord {
	const correct = isCorrect(question(qi), a);
	return {
		questionIndex: qi,
		playerId,
		answer: a,
		elapsedMs: at,
		receivedAt: T0 + qi * 60_000 + at,
		correct,
		points: correct ? 1000 - Math.floor(at / 40) : 0
	};
}

function player(id: string, nickname: string, rank: number | null, score = 0): GamePlayerRecord {
	return {
		id,
		nickname,
		score,
		correctCount: Math.floor(score / 500),
		totalTimeMs: 12_345,
		rank,
		kicked: rank === null,
		joinedAt: T0 - 30_000,
		teamId: null,
		audience: false
	};
}

/** A small game with every kind of question and answer, players and answers out of order. */
export function sampleGame(id = `4821-${T0}`, pin = '4821', createdAt = T0): FinishedGame {
	return {
		id,
		pin,
		orgId: null,
		quizId: quiz.id,
		title: quiz.title,
		settings: quiz.settings,
		createdAt,
		endedAt: createdAt + 600_000,
		questions: [
			{ index: 3, question: question(3), limitMs: 20_000, extra: null },
			{ index: 0, question: question(0), limitMs: 20_000, extra: null },
			{ index: 1, question: question(1), limitMs: 30_000, extra: null },
			// Skipped by the host: no limit was ever run.
			{ index: 2, question: question(2), limitMs: null, extra: null },
			{ index: 4, question: question(4), limitMs: 20_000, extra: null }
		],
		players: [
			player('p-bob', 'bob', null),
			player('p-zhang', 'Zhang', 2, 2400),
			player('p-alice', 'alice', null),
			player('p-li', '李四', 1, 3100),
			player('p-b2', 'Bob', 3, 900)
		],
		answers: [
			answer(1, 'p-li', { choices: [2, 0] }, 4_000),
			answer(0, 'p-zhang', { choices: [1] }, 3_500),
			answer(0, 'p-li', { choices: [1] }, 2_100),
			answer(0, 'p-b2', { choices: [0] }, 9_000),
			answer(3, 'p-li', { text: ' 幺幺九。' }, 7_000),
			answer(3, 'p-zhang', { text: '911' }, 6_000),
			answer(4, 'p-b2', { choices: [2] }, 1_000),
			answer(1, 'p-zhang', { choices: [0] }, 5_000)
		],
		teams: [],
		teamScoring: null,
		rounds: null,
		draw: null
	};
}

/** What getGame must return for a saved game: the port's documented orderings. */
export function ordered(game: FinishedGame): FinishedGame {
	const rank = (p: GamePlayerRecord) => p.rank ?? Number.POSITIVE_INFINITY;
	const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
	return {
		...game,
		questions: [...game.questions].sort((a, b) => a.index - b.index),
		players: [...game.players].sort(
			(a, b) => rank(a) - rank(b) || text(a.nickname, b.nickname) || text(a.id, b.id)
		),
		answers: [...game.answers].sort(
			(a, b) =>
				a.questionIndex - b.questionIndex ||
				a.receivedAt - b.receivedAt ||
				text(a.playerId, b.playerId)
		)
	};
}

export function bigGame(id: string, players: number, questions: number): FinishedGame {
	const game: FinishedGame = { ...sampleGame(id, '7777'), questions: [], players: [], answers: [] };
	for (let i = 0; i < questions; i++) {
		game.questions.push({ index: i, question: question(i % 5), limitMs: 20_000, extra: null });
	}
	for (let p = 0; p < players; p++) {
		game.players.push(player(`p${p}`, `玩家${p}`, p % 100 === 99 ? null : p + 1, p * 10));
		for (let i = 0; i < questions; i++) {
			game.answers.push({
				questionIndex: i,
				playerId: `p${p}`,
				answer: i % 5 === 3 ? { text: `ans ${p}` } : { choices: [p % 3] },
				elapsedMs: p % 20_000,
				receivedAt: T0 + i * 60_000 + p,
				correct: i % 5 === 4 ? null : p % 2 === 0,
				points: p % 1000
			});
		}
	}
	return game;
}

/**
 * A contest-day game: two teams with headcounts and an audience member, a round plan with a draw,
 * a 抢答 question with buzzes over two openings, an early buzz and judgements, a 风险题 with stakes
 * and a 轮流必答 question for one team.
 */
export function contestDayGame(id = `5150-${T0}`): FinishedGame {
	const base = sampleGame(id, '5150');
	const on = (p: GamePlayerRecord, teamId: string | null, audience = false) => ({
		...p,
		teamId,
		audience
	});
	return {
		...base,
		players: [
			on(player('p-li', '李四', 1, 3100), 't1'),
			on(player('p-zhang', 'Zhang', 2, 2400), 't2'),
			on(player('p-b2', 'Bob', 3, 900), null, true),
			on(player('p-bob', 'bob', null), 't1')
		],
		answers: base.answers.filter((a) => a.playerId !== 'p-alice'),
		questions: base.questions.map((q) => {
			if (q.index === 0) {
				return {
					...q,
					extra: {
						round: 'buzz' as const,
						buzzes: [
							{ playerId: 'p-li', at: T0 + 3_000, marginMs: 0, opening: 0 },
							{ playerId: 'p-zhang', at: T0 + 3_012, marginMs: 12, opening: 0 },
							{ playerId: 'p-zhang', at: T0 + 9_000, marginMs: 0, opening: 1 }
						],
						early: ['p-b2'],
						judged: [
							{ playerId: 'p-li', right: false },
							{ playerId: 'p-zhang', right: true }
						]
					}
				};
			}
			if (q.index === 1)
				return { ...q, extra: { round: 'wager' as const, stakes: { t1: 30, t2: 10 } } };
			if (q.index === 3) return { ...q, extra: { round: 'turn' as const, eligible: ['t2'] } };
			return q;
		}),
		teams: [
			{ id: 't1', name: '红队', headcount: 5 },
			{ id: 't2', name: '蓝队' }
		],
		teamScoring: 'mean',
		rounds: [
			{
				type: 'buzz',
				count: 1,
				players: 'teams',
				buzz: {
					armSec: 3,
					openSec: 15,
					answerSec: 20,
					passOnWrong: true,
					earlyPenalty: 10,
					oral: true
				}
			},
			{ type: 'wager', title: '险中求胜', count: 1, players: 'teams', stakes: [10, 20, 30] },
			{ type: 'all', count: 1, players: 'everyone' },
			{ type: 'turn', count: 2, players: 'teams' }
		],
		draw: { seed: '0a1b2c3d', order: ['t2', 't1'], at: T0 - 60_000 }
	};
}
