// A Q&A event's export and archive as its organisation sees them, with the real route handler
// (GET /host/qa/[code]/export, as SvelteKit calls it) on a real server with socket.io-client
// phones and panels, memory and Redis live stores. During the event the XLSX and CSV hold every
// question (named and anonymous, answered with its expert, rejected with its reason); closing
// archives the moderator view in the record store and the organisation's list shows the event
// closed with its counts; once its live state is freed, the export gives the same content from the
// archive. Outsiders get 403, signed out 401, unknown codes 404, bad formats 400, each with a
// message; a record store that fails at the close neither undoes the close nor loses the archive.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET } from '../../src/routes/host/qa/[code]/export/+server';
import { setAppContext, type AppContext } from '../../src/lib/server/app-context';
import { KyselyQaRecordStore } from '../../src/lib/server/records/qa/kysely-qa-store';
import { shanghaiDate, shanghaiTime } from '../../src/lib/domain/contest/calendar';
import { callHandler, csvRows, refusal, xlsxSheets } from '../support/export-files';
import { emitAck, expectOk, liveModes, until } from '../support/server';
import { ask, joinPhone, panel, qaStage, type QaAccount } from '../support/qa';

const modes = await liveModes('qa-export.test.ts');
const KEY = Symbol.for('anda.app-context');

async function get(
	ctx: AppContext,
	code: string,
	query: string,
	who: QaAccount | null
): Promise<Response> {
	const token = who ? who.cookie.split('=')[1]! : null;
	return callHandler(GET, ctx, `/host/qa/${code}/export${query}`, { code }, token);
}

const QUESTION_HEADER = [
	'序号',
	'问题',
	'提问人',
	'标签',
	'点赞数',
	'状态',
	'未通过原因',
	'回答',
	'回答专家',
	'提问时间',
	'回答时间'
];

describe.each(modes)('Q&A export and archive with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`qa export (${mode.name})`, () => {
		const stage = qaStage(mode);
		let previous: unknown;
		beforeAll(() => {
			previous = (globalThis as Record<symbol, unknown>)[KEY];
			setAppContext(Promise.resolve(stage.server.ctx));
		});
		afterAll(() => {
			(globalThis as Record<symbol, unknown>)[KEY] = previous;
		});
		const records = () => new KyselyQaRecordStore(stage.server.ctx.database.db);

		it('exports every question during the event, archives it at the close, and exports the archive once freed', async () => {
			const { server, orgs } = stage;
			const ctx = server.ctx;
			const code = await stage.event({ labels: ['消防', '危化品'] });
			const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => joinPhone(server, code)));
			const named = await ask(a!, '=厂房动火作业要办哪些手续？', { name: '张三', label: '消防' });
			const anonymous = await ask(b!, '危化品仓库的温度多少算超标，"要报告"吗？', {
				label: '危化品'
			});
			const offTopic = await ask(c!, '今天中午吃什么');
			const answered = await ask(d!, '家里的灭火器多久换一次？', { name: '李女士' });
			const mod = await panel(server, orgs.colleague, code);
			expectOk(
				await emitAck(mod.socket, 'qa:moderate', {
					type: 'reject',
					questionId: offTopic.id,
					reason: '与本场主题无关'
				})
			);
			const answer = expectOk(
				await emitAck(mod.socket, 'qa:moderate', {
					type: 'answer',
					questionId: answered.id,
					text: '干粉灭火器一般五年检修一次，压力表指针在红区要及时更换。',
					expert: '市应急管理局 安全生产专家'
				})
			).question;
			for (const [phone, q] of [
				[b!, named],
				[c!, named],
				[a!, answered]
			] as const) {
				expectOk(await emitAck(phone.socket, 'qa:vote', { questionId: q.id }));
			}

			// ——— during the event ———
			const during = await xlsxSheets(await get(ctx, code, '?format=xlsx', orgs.owner));
			expect(Object.keys(during)).toEqual(['问题', '投票']);
			expect(during['问题']).toEqual([
				QUESTION_HEADER,
				[
					1,
					'=厂房动火作业要办哪些手续？',
					'张三',
					'消防',
					2,
					'已发布',
					'',
					'',
					'',
					shanghaiTime(named.createdAt),
					''
				],
				[
					2,
					'危化品仓库的温度多少算超标，"要报告"吗？',
					'匿名',
					'危化品',
					0,
					'已发布',
					'',
					'',
					'',
					shanghaiTime(anonymous.createdAt),
					''
				],
				[
					3,
					'今天中午吃什么',
					'匿名',
					'',
					0,
					'未通过',
					'与本场主题无关',
					'',
					'',
					shanghaiTime(offTopic.createdAt),
					''
				],
				[
					4,
					'家里的灭火器多久换一次？',
					'李女士',
					'',
					1,
					'已回答',
					'',
					'干粉灭火器一般五年检修一次，压力表指针在红区要及时更换。',
					'市应急管理局 安全生产专家',
					shanghaiTime(answered.createdAt),
					shanghaiTime(answer.answer!.at)
				]
			]);
			// Readable Beijing time.
			expect(during['问题']![1]![9]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
			expect(during['投票']).toEqual([
				['序号', '投票问题', '类型', '选项', '票数', '占比', '参与人数']
			]);

			// The file is named after the event and its day, in UTF-8 for every current browser.
			const res = await get(ctx, code, '', orgs.colleague);
			const date = shanghaiDate((await ctx.qaStore.getEvent(code))!.createdAt);
			expect(res.headers.get('content-disposition')).toBe(
				`attachment; filename="qa-${code}-export-${date}.xlsx"; filename*=UTF-8''${encodeURIComponent(`专家云问诊-问答记录-${date}.xlsx`)}`
			);

			// The CSV holds the same cells as text (a leading = is kept from running as a formula).
			const csv = await csvRows(await get(ctx, code, '?format=csv', orgs.owner));
			const asText = during['问题']!.map((r) => r.map(String));
			expect(csv).toEqual(
				asText.map((r) => r.map((cell) => (cell.startsWith('=') ? `'${cell}` : cell)))
			);
			const pollsCsv = await get(ctx, code, '?format=CSV&sheet=polls', orgs.owner);
			expect(pollsCsv.headers.get('content-disposition')).toContain(
				encodeURIComponent(`专家云问诊-投票-${date}.csv`)
			);
			expect(await csvRows(pollsCsv)).toEqual([
				['序号', '投票问题', '类型', '选项', '票数', '占比', '参与人数']
			]);

			// The organisation's list: open, with live counts.
			expect(await ctx.qa.listEvents(orgs.owner.id, orgs.orgId)).toContainEqual(
				expect.objectContaining({
					code,
					title: '专家云问诊',
					closed: false,
					live: true,
					archived: false,
					counts: { questions: 4, answered: 1, votes: 3, askers: 4, polls: 0 }
				})
			);

			// ——— closed: archived ———
			const closed = expectOk(await emitAck(mod.socket, 'qa:event', { type: 'close' })).view;
			expect(closed.closed).toBe(true);
			expect(await records().getSnapshot(code, { orgId: orgs.orgId })).toStrictEqual(closed);
			const listed = (await ctx.qa.listEvents(orgs.colleague.id, orgs.orgId)).find(
				(e) => e.code === code
			);
			expect(listed).toMatchObject({
				closed: true,
				live: true,
				archived: true,
				counts: { questions: 4, answered: 1, votes: 3, askers: 4, polls: 0 }
			});
			expect(listed?.closedAt).toEqual(expect.any(Number));

			// ——— live state freed: the archive answers ———
			await ctx.qaStore.deleteEvent(code);
			expect(await ctx.qaStore.getEvent(code)).toBeNull();
			const after = await xlsxSheets(await get(ctx, code, '?format=xlsx', orgs.owner));
			expect(after).toEqual(during);
			expect(await csvRows(await get(ctx, code, '?format=csv', orgs.colleague))).toEqual(csv);
			expect(
				(await ctx.qa.listEvents(orgs.owner.id, orgs.orgId)).find((e) => e.code === code)
			).toMatchObject({
				closed: true,
				live: false,
				archived: true,
				counts: { questions: 4, answered: 1, votes: 3, askers: 4, polls: 0 }
			});

			// Still the organisation's only.
			await refusal(await get(ctx, code, '', orgs.outsider), 403, /只有活动所属组织的成员/);
			await refusal(await get(ctx, code, '', null), 401, /请先登录/);
		});

		it('refuses outsiders, the signed out, unknown codes and formats it does not write, with a message', async () => {
			const { server, orgs } = stage;
			const ctx = server.ctx;
			const code = await stage.event();
			await refusal(await get(ctx, code, '', null), 401, /请先登录/);
			await refusal(
				await get(ctx, code, '?format=xlsx', orgs.outsider),
				403,
				/只有活动所属组织的成员才能导出/
			);
			await refusal(await get(ctx, 'ZZZZZ9', '', orgs.owner), 404, /活动不存在/);
			await refusal(await get(ctx, 'not-a-code!', '', orgs.owner), 404, /活动不存在/);
			await refusal(await get(ctx, code, '?format=pdf', orgs.owner), 400, /xlsx 或 csv/);
			await refusal(
				await get(ctx, code, '?format=csv&sheet=votes', orgs.owner),
				400,
				/questions（问题）或 polls（投票）/
			);
			// The code as typed (lower case, a dash) names the same event.
			const typed = `${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`;
			expect((await get(ctx, typed, '', orgs.owner)).status).toBe(200);
			// An event freed without ever being closed has nothing to export: said so.
			await ctx.qaStore.deleteEvent(code);
			await refusal(await get(ctx, code, '', orgs.owner), 404, /实时数据已释放，且关闭时没有存档/);
			expect(
				(await ctx.qa.listEvents(orgs.owner.id, orgs.orgId)).find((e) => e.code === code)
			).toMatchObject({ closed: false, live: false, archived: false });
			// Another organisation's list is not this one's.
			await expect(ctx.qa.listEvents(orgs.outsider.id, orgs.orgId)).rejects.toMatchObject({
				code: 'NOT_MEMBER'
			});
		});

		it('a record store that fails at the close keeps the close and archives once it answers; reopen and a second close replace the archive', async () => {
			const { server, orgs } = stage;
			const ctx = server.ctx;
			const code = await stage.event();
			const phone = await joinPhone(server, code);
			await ask(phone, '工贸企业有限空间作业要注意什么？', { name: '王工' });
			const mod = await panel(server, orgs.owner, code);
			const down = vi
				.spyOn(KyselyQaRecordStore.prototype, 'archive')
				.mockRejectedValueOnce(new Error('connect ECONNREFUSED'));
			try {
				const closed = expectOk(await emitAck(mod.socket, 'qa:event', { type: 'close' })).view;
				expect(closed.closed).toBe(true);
				// The audience is closed out at once, whatever the record store did.
				const refused = await emitAck(phone.socket, 'qa:vote', {
					questionId: closed.questions[0]!.id
				});
				expect(refused).toMatchObject({ ok: false, error: { code: 'QA_CLOSED' } });
				// Listed closed (from the live state) before the archive lands…
				const early = (await ctx.qa.listEvents(orgs.owner.id, orgs.orgId)).find(
					(e) => e.code === code
				);
				expect(early?.closed).toBe(true);
				// …and archived by the retry.
				const snapshot = await until(
					() => records().getSnapshot(code, { orgId: orgs.orgId }),
					10_000,
					'the archive after the failed one'
				);
				expect(snapshot!.questions.map((q) => q.text)).toEqual([
					'工贸企业有限空间作业要注意什么？'
				]);
			} finally {
				down.mockRestore();
			}

			expectOk(await emitAck(mod.socket, 'qa:event', { type: 'reopen' }));
			expect((await records().getEvent(code, { orgId: orgs.orgId }))?.closedAt).toBeNull();
			expect(
				(await ctx.qa.listEvents(orgs.owner.id, orgs.orgId)).find((e) => e.code === code)
			).toMatchObject({ closed: false, live: true });
			const second = await joinPhone(server, code);
			await ask(second, '叉车司机需要持证上岗吗？');
			const closedAgain = expectOk(await emitAck(mod.socket, 'qa:event', { type: 'close' })).view;
			const archived = await records().getSnapshot(code, { orgId: orgs.orgId });
			expect(archived?.questions).toHaveLength(2);
			expect(archived).toStrictEqual(closedAgain);
			expect((await records().getEvent(code, { orgId: orgs.orgId }))?.counts).toEqual({
				questions: 2,
				answered: 0,
				votes: 0,
				askers: 2,
				polls: 0
			});
		});

		it('an event opened before the catalogue existed joins it when it is closed', async () => {
			const { server, orgs } = stage;
			const ctx = server.ctx;
			const code = await stage.event();
			// As if opened by an older version: live state, no catalogue row.
			expect(await records().deleteEvent(code, { orgId: orgs.orgId })).toBe(true);
			expect((await ctx.qa.listEvents(orgs.owner.id, orgs.orgId)).map((e) => e.code)).not.toContain(
				code
			);
			const mod = await panel(server, orgs.owner, code);
			const closed = expectOk(await emitAck(mod.socket, 'qa:event', { type: 'close' })).view;
			expect(await records().getSnapshot(code, { orgId: orgs.orgId })).toStrictEqual(closed);
			expect(
				(await ctx.qa.listEvents(orgs.owner.id, orgs.orgId)).find((e) => e.code === code)
			).toMatchObject({
				title: '专家云问诊',
				closed: true,
				archived: true,
				createdBy: orgs.owner.id
			});
		});
	});
});
