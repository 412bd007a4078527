// A finished game's results downloads through the real route handler (GET /results/[id]/export,
// as SvelteKit calls it) on a real app context, the games saved through its record store: a quick
// contest-day game with teams, a 抢答 and a 风险题 question, and an organisation's game. The XLSX
// opens with exceljs and holds the players, the team board (as teamBoard makes it), correct rates
// and the buzz order; each CSV table parses; a plain game's workbook has no 队伍 sheet. The
// organisation's game is for its members only: signed out and outsiders get the page's 404, as
// does an unknown game; a format or table we do not write is a 400 with a message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../../src/routes/results/[id]/export/+server';
import { setAppContext } from '../../src/lib/server/app-context';
import { teamBoard } from '../../src/lib/domain/rounds/teams';
import { callHandler, csvRows, records, refusal, xlsxSheets } from '../support/export-files';
import { qaOrgs, type QaAccount, type QaOrgs } from '../support/qa';
import { plainResultsGame, resultsGame } from '../support/results-game';
import { startTestServer, type TestServer } from '../support/server';

const KEY = Symbol.for('anda.app-context');

describe('results export', () => {
	let server: TestServer;
	let orgs: QaOrgs;
	let previous: unknown;
	const game = resultsGame();
	const plain = plainResultsGame();
	let orgGame = resultsGame('616618-org');

	async function get(id: string, query: string, who: QaAccount | null = null) {
		const token = who ? who.cookie.split('=')[1]! : null;
		return callHandler(GET, server.ctx, `/results/${id}/export${query}`, { id }, token);
	}

	beforeAll(async () => {
		server = await startTestServer();
		previous = (globalThis as Record<symbol, unknown>)[KEY];
		setAppContext(Promise.resolve(server.ctx));
		orgs = await qaOrgs(server);
		orgGame = { ...resultsGame('616618-org', orgs.orgId), pin: '616618' };
		for (const g of [game, plain, orgGame]) await server.ctx.records.saveGame(g);
	});
	afterAll(async () => {
		(globalThis as Record<symbol, unknown>)[KEY] = previous;
		await server?.close();
	});

	it('writes players, teams and questions to one workbook with the game’s figures', async () => {
		const res = await get(game.id, '?format=xlsx');
		expect(res.headers.get('content-disposition')).toMatch(/attachment/);
		expect(decodeURIComponent(res.headers.get('content-disposition')!)).toContain(
			'安全生产月知识竞赛-成绩-2026-06-16.xlsx'
		);
		const sheets = await xlsxSheets(res);
		expect(Object.keys(sheets)).toEqual(['选手', '队伍', '题目']);

		const players = records(sheets['选手']!);
		expect(players.map((p) => [p['昵称'], p['排名'], p['队伍'], p['观众'], p['得分']])).toEqual([
			['李四', 1, '红队', '否', 300],
			['Zhang', 2, '蓝队', '否', 250],
			['王五', 3, '红队', '否', 100],
			['观众甲', 4, '', '是', 50],
			['捣乱者', '', '蓝队', '否', 900]
		]);
		expect(players[0]).toMatchObject({ 答对题数: 3, '总用时（秒）': 12.3, 已移出: '否' });
		expect(players[4]?.['已移出']).toBe('是');

		// The team board is the room's own: members' mean, the kicked and the audience left out.
		const board = teamBoard(game.teams, game.players, 'mean');
		const teams = records(sheets['队伍']!);
		expect(
			teams.map((t) => [t['排名'], t['队伍'], t['得分'], t['人数'], t['参与率（%）']])
		).toEqual(
			board.map((t) => [
				t.rank,
				t.name,
				t.score,
				t.members,
				t.participation === null ? '—' : t.participation * 100
			])
		);
		expect(teams.map((t) => [t['队伍'], t['得分']])).toEqual([
			['蓝队', 250],
			['红队', 200],
			['绿队', 0]
		]);

		const questions = records(sheets['题目']!);
		expect(questions.map((q) => [q['序号'], q['轮次'], q['作答人数'], q['正确率（%）']])).toEqual([
			[1, '第一轮 必答题', 4, 50],
			[2, '第二轮 抢答题', 2, 50],
			[3, '第三轮 险中求胜', 2, 50],
			[4, '第四轮 必答题', 3, '—']
		]);
		expect(questions[0]).toMatchObject({ 选A人数: 1, 选B人数: 2, 选C人数: 1, 正确答案: 'B' });
		expect(questions[1]).toMatchObject({
			抢答顺序: 'Zhang +0ms, 李四 +12ms, 王五 +40ms；第2次：李四 +0ms',
			首个抢答: 'Zhang'
		});
		expect(questions[2]?.['风险题押分']).toBe('红队 30, 蓝队 10');
	});

	it('gives each table as CSV with a BOM, and reaches a game by its PIN', async () => {
		const players = records(await csvRows(await get(game.id, '?format=csv&table=players')));
		expect(players.map((p) => p['昵称'])).toEqual(['李四', 'Zhang', '王五', '观众甲', '捣乱者']);
		expect(players[1]).toMatchObject({ 队伍: '蓝队', 得分: '250', '总用时（秒）': '12.3' });

		const teams = await csvRows(await get(game.id, '?format=csv&table=teams'));
		expect(teams).toEqual([
			['排名', '队伍', '得分', '人数', '参与率（%）'],
			['1', '蓝队', '250', '1', '—'],
			['2', '红队', '200', '2', '50'],
			['3', '绿队', '0', '0', '0']
		]);

		const questions = records(await csvRows(await get(game.pin, '?format=csv&table=questions')));
		expect(questions.map((q) => q['正确率（%）'])).toEqual(['50', '50', '50', '—']);
		expect(questions[1]?.['抢答顺序']).toBe('Zhang +0ms, 李四 +12ms, 王五 +40ms；第2次：李四 +0ms');
	});

	it('leaves the 队伍 sheet out of a game without teams, and its CSV is the header only', async () => {
		const sheets = await xlsxSheets(await get(plain.id, ''));
		expect(Object.keys(sheets)).toEqual(['选手', '题目']);
		expect(records(sheets['选手']!).map((p) => p['队伍'])).toEqual(['', '', '', '', '']);
		expect(await csvRows(await get(plain.id, '?format=csv&table=teams'))).toEqual([
			['排名', '队伍', '得分', '人数', '参与率（%）']
		]);
	});

	it('gives an organisation’s game to its members only, as the results page does', async () => {
		const sheets = await xlsxSheets(await get(orgGame.id, '?format=xlsx', orgs.colleague));
		expect(records(sheets['选手']!)).toHaveLength(5);
		await refusal(await get(orgGame.id, '?format=xlsx'), 404, /找不到这场的成绩/);
		await refusal(await get(orgGame.id, '?format=xlsx', orgs.outsider), 404, /主办组织的成员/);
		await refusal(await get('no-such-game', '?format=xlsx', orgs.owner), 404, /找不到/);
	});

	it('refuses a format or a table it does not write, with a message', async () => {
		await refusal(await get(game.id, '?format=pdf'), 400, /xlsx 或 csv/);
		await refusal(
			await get(game.id, '?format=csv&table=answers'),
			400,
			/players.*teams.*questions/
		);
	});
});
