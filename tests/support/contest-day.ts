// A contest-day quiz (知识竞赛) for the integration and browser suites: three teams, and one round of
// each type — 必答, 轮流必答 (one question per team), 抢答, 风险题 — then a two-question 加赛 reserve.
// Every question is single choice with the right answer A, so that a test says right or wrong by
// choosing 0 or 1. Accuracy scoring: 100 points flat, so that a tie can be set up on purpose.
import { quizSchema, type Quiz } from '../../src/lib/domain/question';
import type { ClientSocket, TestPlayer } from './server';
import { connect, emitAck, expectOk } from './server';

export const TEAM_NAMES = ['安全部', '生产部', '设备部'];
export const RIGHT = [0];
export const WRONG = [1];
/** Question indexes by round. */
export const DAY = { all: 0, turn: [1, 2, 3], buzz: 4, wager: 5, tiebreak: [6, 7] } as const;

/** Question i's explanation: a string found nowhere else, so that a leak before its reveal shows. */
export const explanationOf = (i: number) => `EXPL-day-${i}-Harrowmere-${4000 + i}`;

export function contestDayQuiz(opts: { id?: string; armSec?: number; oral?: boolean } = {}): Quiz {
	const question = (n: number) => ({
		type: 'single',
		stem: `第${n}题：动火作业前必须办理的是？`,
		options: ['动火作业许可证', '出差申请', '请假条', '加班单'],
		answer: 'A',
		explanation: explanationOf(n - 1)
	});
	return quizSchema.parse({
		id: opts.id ?? 'itest-contest-day',
		title: '安全知识竞赛',
		settings: { scoring: 'accuracy', timeLimit: 20, points: 100 },
		questions: Array.from({ length: 8 }, (_, i) => question(i + 1)),
		teams: { scoring: 'sum', list: TEAM_NAMES.map((name) => ({ name })) },
		rounds: [
			{ type: 'all', count: 1 },
			{ type: 'turn', count: 3 },
			{
				type: 'buzz',
				count: 1,
				buzz: {
					armSec: opts.armSec ?? 1,
					openSec: 10,
					answerSec: 10,
					passOnWrong: true,
					earlyPenalty: 50,
					oral: opts.oral ?? false
				}
			},
			{ type: 'wager', count: 1, stakes: [10, 20, 30] },
			{ type: 'tiebreak', count: 2 }
		]
	});
}

/** Joins a player into a team (by its id, t1…) or as audience. */
export async function joinSeat(
	url: string,
	pin: string,
	nickname: string,
	seat: { teamId: string } | { audience: true }
): Promise<TestPlayer> {
	const socket: ClientSocket = await connect(url);
	const res = expectOk(await emitAck(socket, 'player:join', { pin, nickname, ...seat }));
	return {
		socket,
		token: res.token,
		playerId: res.self.playerId,
		nickname,
		self: res.self,
		view: res.view
	};
}
