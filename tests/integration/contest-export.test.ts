// A contest's downloads as its organisation gets them, with the real route handler (GET
// /host/contests/[id]/export, called as SvelteKit calls it) after two participants played through
// the contest's HTTP endpoints on a real server (memory and Redis live stores, SQLite records):
// the XLSX opens with exceljs and its participants, attempts, units and regions sheets hold the
// names unmasked, phones, scores and answers, and the unit and region figures; the CSV parses.
// Signed out gets 401, a member of another organisation 403, an unknown contest 404, and a sheet or
// format we do not write 400, each with a message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../../src/routes/host/contests/[id]/export/+server';
import type { AppContext } from '../../src/lib/server/app-context';
import type { ContestRecord } from '../../src/lib/server/records/contests/port';
import { callHandler, csvRows, records, refusal, xlsxSheets } from '../support/export-files';
import { liveModes, requireMode } from '../support/server';
import {
	contestBank,
	contestSettings,
	rightPosition,
	startContestServer,
	type ContestServer,
	type Phone
} from '../support/contest';

const modes = await liveModes('contest-export.test.ts');
let seq = 0;

interface Account {
	id: string;
	token: string;
}

async function account(ctx: AppContext, name: string): Promise<Account> {
	const n = ++seq;
	const fields = {
		email: `contest-${name}-${Date.now()}-${n}@example.com`,
		displayName: `${name}${n}`,
		password: `password-${name}-${n}`
	};
	const client = { ip: `contest-export-${n}`, userAgent: 'vitest' };
	const made = (await ctx.auth.needsSetup())
		? await ctx.auth.setup(fields, client)
		: await ctx.auth.signUp(fields, client);
	return { id: made.user.id, token: made.token };
}

async function get(
	ctx: AppContext,
	id: string,
	query: string,
	who: Account | null
): Promise<Response> {
	return callHandler(GET, ctx, `/host/contests/${id}/export${query}`, { id }, who?.token ?? null);
}

type Open = { attemptId: string; view: { questions: { options: string[] }[] } };

/** Enters, starts, answers (right, or the first one wrong) and submits; the result's score. */
async function play(phone: Phone, fields: Record<string, unknown>, firstWrong: boolean) {
	expect((await phone.enter(fields)).body).toMatchObject({ ok: true });
	const started = await phone.start();
	const open = started.body as unknown as Open;
	for (const [index, q] of open.view.questions.entries()) {
		const right = rightPosition(q.options);
		const choice = firstWrong && index === 0 ? (right + 1) % q.options.length : right;
		await phone.call('POST', `/attempts/${open.attemptId}/answer`, {
			index,
			answer: { choices: [choice] }
		});
	}
	const done = await phone.call<{ result: { score: number } }>(
		'POST',
		`/attempts/${open.attemptId}/submit`
	);
	expect(done.body.ok).toBe(true);
	return done.body.result.score;
}

for (const mode of modes) {
	describe.skipIf(mode.skip)(`contest export (${mode.name})`, () => {
		let server: ContestServer;
		let owner: Account;
		let outsider: Account;
		let contest: ContestRecord;
		let scores: { zhang: number; li: number };

		beforeAll(async () => {
			requireMode(mode);
			server = await startContestServer({ redisUrl: mode.redisUrl });
			const { ctx } = server;
			owner = await account(ctx, 'owner');
			outsider = await account(ctx, 'outsider');
			const orgId = (await ctx.orgs.create(owner.id, '市应急管理局', 'enterprise')).id;
			await ctx.orgs.create(outsider.id, '别的单位', 'enterprise');
			// Bank ids are one namespace: the harness's own bank belongs to its test organisation.
			await ctx.banks.saveBank(contestBank('export-bank'), 'imported', server.clock.now, orgId);
			const scope = { orgId };
			const draft = await ctx.contests.admin.create(
				owner.id,
				scope,
				contestSettings({ draw: { total: 5, bankIds: ['export-bank'] } }),
				`export-${mode.name}`
			);
			contest = await ctx.contests.admin.publish(draft.id, scope, draft.version);
			await ctx.contests.admin.setUnits(contest.id, scope, [
				{ name: '一车间', headcount: 10 },
				{ name: '二车间', headcount: null }
			]);
			const zhang = await play(
				server.phone(contest.slug, '10.0.0.11'),
				{ name: '张三', phone: '13800000001', unit: '一车间', region: '440305' },
				false
			);
			const li = await play(
				server.phone(contest.slug, '10.0.0.12'),
				{ name: '李四', phone: '13800000002', unit: '一车间', region: '440305' },
				true
			);
			scores = { zhang, li };
		});
		afterAll(async () => server?.close());

		it('gives every sheet in one workbook, names and phones in full', async () => {
			expect(scores.zhang).toBe(100);
			expect(scores.li).toBeLessThan(100);
			const sheets = await xlsxSheets(await get(server.ctx, contest.id, '?format=xlsx', owner));
			expect(Object.keys(sheets)).toEqual(['参与者', '答题记录', '单位', '地区']);

			const people = records(sheets['参与者']!);
			const zhang = people.find((p) => p['姓名'] === '张三');
			expect(zhang).toMatchObject({
				手机号: '13800000001',
				单位: '一车间',
				地区: '广东省 深圳市 南山区',
				积分: 100,
				完成次数: 1
			});
			expect(people.find((p) => p['姓名'] === '李四')).toMatchObject({ 积分: scores.li });

			const attempts = records(sheets['答题记录']!);
			expect(attempts).toHaveLength(2);
			const mine = attempts.find((a) => a['姓名'] === '张三')!;
			expect(mine).toMatchObject({ 单位: '一车间', 状态: '已提交', 得分: 100, 答对: 5, 题数: 5 });
			for (let i = 1; i <= 5; i++) expect(String(mine[`第${i}题`])).toMatch(/: B ✓$/);
			const his = attempts.find((a) => a['姓名'] === '李四')!;
			expect(String(his['第1题'])).toMatch(/ ✗$/);
			expect(his['得分']).toBe(scores.li);

			const units = records(sheets['单位']!);
			expect(units.find((u) => u['名称'] === '一车间')).toMatchObject({
				总积分: 100 + scores.li,
				参与人数: 2,
				应参与人数: 10,
				参与率: '20%'
			});
			// A unit nobody from has entered is still listed, with its headcount.
			expect(units.find((u) => u['名称'] === '二车间')).toMatchObject({ 参与人数: 0 });

			const places = records(sheets['地区']!).map((r) => [r['名称'], r['参与人数']]);
			expect(places).toEqual(
				expect.arrayContaining([
					['广东省', 2],
					['广东省 深圳市', 2],
					['广东省 深圳市 南山区', 2]
				])
			);
		});

		it('gives one sheet as CSV that parses, with a BOM', async () => {
			const res = await get(server.ctx, contest.id, '?sheet=participants&format=csv', owner);
			expect(res.headers.get('content-disposition')).toMatch(/attachment/);
			const rows = records(await csvRows(res));
			expect(rows.map((r) => r['姓名']).sort()).toEqual(['张三', '李四']);
			expect(rows.find((r) => r['姓名'] === '张三')).toMatchObject({
				手机号: '13800000001',
				积分: '100'
			});
			const attempts = await get(server.ctx, contest.id, '?sheet=attempts&format=csv', owner);
			expect(attempts.status).toBe(200);
			expect((await attempts.text()).split('\n').filter((l) => l.trim() !== '')).toHaveLength(3);
		});

		it('refuses outsiders, unknown contests and what it cannot write, with messages', async () => {
			const { ctx } = server;
			await refusal(await get(ctx, contest.id, '?format=xlsx', null), 401, /请先登录/);
			await refusal(await get(ctx, contest.id, '?format=xlsx', outsider), 403, /所属组织的成员/);
			await refusal(await get(ctx, 'no-such-contest', '?format=xlsx', owner), 404, /找不到/);
			await refusal(await get(ctx, contest.id, '?format=pdf', owner), 400, /xlsx 或 csv/);
			await refusal(await get(ctx, contest.id, '?sheet=people', owner), 400, /participants/);
			await refusal(await get(ctx, contest.id, '?sheet=all&format=csv', owner), 400, /CSV 只能/);
		});
	});
}
