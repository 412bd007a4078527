// A finished game's results rows, as a spreadsheet will hold them: players with their team, the
// audience and kicked players marked; the team board (members' mean, participation against the
// headcount or —) as teamBoard makes it; each question's round, correct rate, answers per option,
// the buzz order with margins over two openings and the stakes by team name.
import { describe, expect, it } from 'vitest';
import { teamBoard } from '$lib/domain/rounds/teams';
import {
	playerRows,
	PLAYER_HEADER,
	questionRows,
	tableRows,
	teamRows,
	TEAM_HEADER
} from '$lib/server/results/export-rows';
import { plainResultsGame, resultsGame } from '../support/results-game';

describe('results export rows', () => {
	it('lists every player with rank, team, audience, score, correct count, time and kicked', () => {
		expect(playerRows(resultsGame())).toEqual([
			[...PLAYER_HEADER],
			['1', '李四', '红队', '否', '300', '3', '12.3', '否'],
			['2', 'Zhang', '蓝队', '否', '250', '3', '12.3', '否'],
			['3', '王五', '红队', '否', '100', '1', '12.3', '否'],
			['4', '观众甲', '', '是', '50', '1', '12.3', '否'],
			['', '捣乱者', '蓝队', '否', '900', '9', '12.3', '是']
		]);
	});

	it('ranks the teams by their members’ mean, the kicked and the audience left out', () => {
		const game = resultsGame();
		expect(teamRows(game)).toEqual([
			[...TEAM_HEADER],
			['1', '蓝队', '250', '1', '—'],
			['2', '红队', '200', '2', '50'],
			['3', '绿队', '0', '0', '0']
		]);
		// The same figures as the room's own board.
		const board = teamBoard(game.teams, game.players, 'mean');
		expect(
			teamRows(game)
				.slice(1)
				.map((r) => [r[1], Number(r[2])])
		).toEqual(board.map((t) => [t.name, t.score]));
	});

	it('sums the members when the game scored teams by sum', () => {
		const rows = teamRows({ ...resultsGame(), teamScoring: 'sum' });
		expect(rows.slice(1).map((r) => [r[1], r[2]])).toEqual([
			['红队', '400'],
			['蓝队', '250'],
			['绿队', '0']
		]);
	});

	it('gives only the header for a game without teams', () => {
		expect(teamRows(plainResultsGame())).toEqual([[...TEAM_HEADER]]);
	});

	it('describes each question with its round, rate, options, buzz order and stakes', () => {
		const [header, ...rows] = questionRows(resultsGame());
		expect(header).toEqual([
			'序号',
			'轮次',
			'题目',
			'题型',
			'作答人数',
			'正确率（%）',
			'选A人数',
			'选B人数',
			'选C人数',
			'选D人数',
			'选E人数',
			'正确答案',
			'抢答顺序',
			'首个抢答',
			'风险题押分'
		]);
		expect(rows).toEqual([
			[
				'1',
				'第一轮 必答题',
				'火警电话是多少？',
				'单选题',
				'4',
				'50',
				'1',
				'2',
				'1',
				'',
				'',
				'B',
				'',
				'',
				''
			],
			[
				'2',
				'第二轮 抢答题',
				'发现有人触电，首先应当？',
				'单选题',
				'2',
				'50',
				'1',
				'1',
				'0',
				'0',
				'0',
				'A',
				'Zhang +0ms, 李四 +12ms, 王五 +40ms；第2次：李四 +0ms',
				'Zhang',
				''
			],
			[
				'3',
				'第三轮 险中求胜',
				'电梯可以用于火灾逃生。',
				'判断题',
				'2',
				'50',
				'1',
				'1',
				'',
				'',
				'',
				'错',
				'',
				'',
				'红队 30, 蓝队 10'
			],
			[
				'4',
				'第四轮 必答题',
				'你最想学哪类知识？',
				'投票题',
				'3',
				'—',
				'1',
				'2',
				'0',
				'',
				'',
				'',
				'',
				'',
				''
			]
		]);
	});

	it('labels rounds from the extras when the game kept no plan, and nothing for a plain game', () => {
		const game = { ...resultsGame(), rounds: null };
		expect(
			questionRows(game)
				.slice(1)
				.map((r) => r[1])
		).toEqual(['必答题', '抢答题', '风险题', '']);
		expect(
			questionRows(plainResultsGame())
				.slice(1)
				.map((r) => r[1])
		).toEqual(['', '', '', '']);
	});

	it('names a stake holder by nickname without teams, and shows — for an unanswered question', () => {
		const game = plainResultsGame();
		game.questions[2] = {
			...game.questions[2]!,
			extra: { round: 'wager', stakes: { 'p-li': 20 } }
		};
		game.answers = game.answers.filter((a) => a.questionIndex !== 0);
		const rows = questionRows(game);
		expect(rows[3]?.at(-1)).toBe('李四 20');
		expect(rows[1]?.slice(4, 6)).toEqual(['0', '—']);
	});

	it('picks a table by name', () => {
		const game = resultsGame();
		expect(tableRows(game, 'players')).toEqual(playerRows(game));
		expect(tableRows(game, 'teams')).toEqual(teamRows(game));
		expect(tableRows(game, 'questions')).toEqual(questionRows(game));
	});
});
