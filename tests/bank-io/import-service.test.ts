// Preview and commit: nothing is half-imported (mode 'all' refuses a file with errors, 'valid-only'
// saves exactly the valid rows, in one saveBank), tokens expire and are single-use, targets are
// checked. Then the HTTP handlers themselves, called directly with a stand-in context.
import { beforeAll, describe, expect, it } from 'vitest';
import { questionsToRows } from '$lib/domain/bank-import/export-rows';
import type { Question } from '$lib/domain/question';
import { setAppContext, type AppContext } from '$lib/server/app-context';
import { encodeCsv } from '$lib/server/bank-io/csv';
import {
	commitImport,
	previewUpload,
	PREVIEW_ERROR_LIMIT
} from '$lib/server/bank-io/import-service';
import { PendingImports, PENDING_TTL_MS } from '$lib/server/bank-io/pending-imports';
import { FULL_BANK, MemoryBankStore } from './fixtures';
import { POST as previewPost } from '../../src/routes/api/banks/import/preview/+server';
import { POST as commitPost } from '../../src/routes/api/banks/import/commit/+server';
import { GET as bankExport } from '../../src/routes/api/banks/[id]/export/+server';
import { GET as quizExport } from '../../src/routes/api/quizzes/[id]/export/+server';
import { GET as templateGet } from '../../src/routes/api/banks/template.xlsx/+server';

const NOW = 1_700_000_000_000;
const CLEAN = encodeCsv(questionsToRows(FULL_BANK));
/** Two good rows and one with an answer outside its options (row 3). */
const MIXED = Buffer.from(
	'题型,题目,选项A,选项B,答案\n单选,好题一,甲,乙,A\n单选,坏题,甲,乙,E\n判断,好题二,,,对\n'
);

function setup() {
	return { store: new MemoryBankStore(), pending: new PendingImports() };
}

async function preview(buf: Buffer, pending: PendingImports, name = 'bank.csv') {
	const r = await previewUpload(buf, name, NOW, pending);
	if (!r.ok) throw new Error(r.message);
	return r;
}

describe('previewUpload', () => {
	it('reports a clean file and keeps its questions under a token', async () => {
		const { pending } = setup();
		const r = await preview(CLEAN, pending);
		expect(r.token).toMatch(/^[\w-]{24}$/);
		expect(r.report).toMatchObject({
			total: FULL_BANK.length,
			validCount: FULL_BANK.length,
			errorCount: 0,
			errorRowCount: 0,
			errors: [],
			warnings: ['已读取「分值」列：这些题目将按各自的分值计分，不再使用测验设置里的统一分值']
		});
		expect(r.report.sample).toEqual(FULL_BANK.slice(0, 5));
	});

	it('reports row errors and gives no token when nothing can be imported', async () => {
		const { pending } = setup();
		const r = await preview(Buffer.from('题目,答案\n火警电话,\n'), pending);
		expect(r.token).toBeNull();
		expect(r.report.errors).toEqual([{ row: 2, column: '答案', message: '答案为空' }]);
	});

	it('caps the errors it returns but counts them all', async () => {
		const { pending } = setup();
		const lines = ['题目,答案', ...Array.from({ length: 600 }, (_, i) => `题${i},`)];
		const r = await preview(Buffer.from(lines.join('\n')), pending);
		expect(r.report.errors).toHaveLength(PREVIEW_ERROR_LIMIT);
		expect(r.report.errorCount).toBe(600);
		expect(r.report.errorRowCount).toBe(600);
	});

	it('passes refusals through with their status', async () => {
		const { pending } = setup();
		expect(await previewUpload(Buffer.from('x'), 'a.xls', NOW, pending)).toMatchObject({
			ok: false,
			status: 415
		});
	});
});

describe('commitImport', () => {
	it('refuses mode "all" for a file with errors and saves nothing; "valid-only" saves the valid rows', async () => {
		const { store, pending } = setup();
		const { token, report } = await preview(MIXED, pending);
		expect(report.errors).toEqual([
			{ row: 3, column: '答案', message: '答案 E 超出了选项范围（本题只有 2 个选项）' }
		]);
		const newBank = { title: '导入的题库' };
		expect(await commitImport(store, { token, mode: 'all', newBank }, NOW, pending)).toEqual({
			ok: false,
			status: 422,
			message: '文件中有 1 行有错误，不能全部导入：请修正后重新上传，或选择只导入无误的 2 道题'
		});
		expect(store.saves).toBe(0);

		const done = await commitImport(store, { token, mode: 'valid-only', newBank }, NOW, pending);
		expect(done).toMatchObject({ ok: true, imported: 2 });
		if (!done.ok) throw new Error(done.message);
		expect(done.bankId).toMatch(/^imported-[0-9a-f]{12}$/);
		const saved = await store.getBank(done.bankId);
		expect(saved).toMatchObject({
			title: '导入的题库',
			language: 'zh-CN',
			origin: 'imported',
			updatedAt: NOW
		});
		expect(saved?.questions.map((q) => q.stem)).toEqual(['好题一', '好题二']);
		expect(store.saves).toBe(1);
	});

	it('imports a clean file whole, once', async () => {
		const { store, pending } = setup();
		const { token } = await preview(CLEAN, pending, 'bank.csv');
		const body = {
			token,
			mode: 'all',
			newBank: { title: 'Everything', description: 'd', language: 'en' }
		};
		const done = await commitImport(store, body, NOW, pending);
		expect(done).toMatchObject({ ok: true, imported: FULL_BANK.length });
		if (!done.ok) throw new Error(done.message);
		expect((await store.getBank(done.bankId))?.questions).toEqual(FULL_BANK);
		expect(await commitImport(store, body, NOW, pending)).toMatchObject({ ok: false, status: 410 });
	});

	it('guesses English for a bank of English stems', async () => {
		const { store, pending } = setup();
		const csv = Buffer.from('stem,answer\nWhat number?,119\nWhich colour?,red\n');
		const { token } = await preview(csv, pending);
		const done = await commitImport(
			store,
			{ token, mode: 'all', newBank: { title: 'En' } },
			NOW,
			pending
		);
		if (!done.ok) throw new Error(done.message);
		expect((await store.getBank(done.bankId))?.language).toBe('en');
	});

	it('expires previews after 15 minutes', async () => {
		const { store, pending } = setup();
		const { token } = await preview(CLEAN, pending);
		const late = NOW + PENDING_TTL_MS;
		expect(
			await commitImport(store, { token, mode: 'all', newBank: { title: 't' } }, late, pending)
		).toEqual({
			ok: false,
			status: 410,
			message: '导入预览已过期或已导入（预览保留 15 分钟），请重新上传文件'
		});
	});

	it('refuses malformed bodies', async () => {
		const { store, pending } = setup();
		const { token } = await preview(CLEAN, pending);
		for (const body of [
			null,
			{ token, mode: 'some', newBank: { title: 't' } },
			{ token, mode: 'all' },
			{ token, mode: 'all', bankId: 'x', newBank: { title: 't' } },
			{ token, mode: 'all', newBank: { title: '  ' } }
		]) {
			expect(await commitImport(store, body, NOW, pending)).toMatchObject({
				ok: false,
				status: 400
			});
		}
		// The token survived the bad requests.
		expect(
			await commitImport(store, { token, mode: 'all', newBank: { title: 't' } }, NOW, pending)
		).toMatchObject({ ok: true });
	});

	describe('into an existing bank', () => {
		const existing = (questions: Question[]) => ({
			id: 'mine',
			title: '我的题库',
			language: 'zh-CN' as const,
			questions
		});

		it('appends, dropping ids the bank already uses, and keeps the origin', async () => {
			const { store, pending } = setup();
			await store.saveBank(existing([FULL_BANK[0] as Question]), 'custom', 1);
			const { token } = await preview(encodeCsv(questionsToRows(FULL_BANK.slice(0, 2))), pending);
			// Same stem twice in a bank is the host's call; the id clash is not.
			const done = await commitImport(store, { token, mode: 'all', bankId: 'mine' }, NOW, pending);
			expect(done).toEqual({ ok: true, bankId: 'mine', imported: 2 });
			const saved = await store.getBank('mine');
			expect(saved?.origin).toBe('custom');
			expect(saved?.questions.map((q) => q.id)).toEqual(['q-001', undefined, 'q-002']);
		});

		it('replaces', async () => {
			const { store, pending } = setup();
			await store.saveBank(existing([FULL_BANK[0] as Question]), 'imported', 1);
			const { token } = await preview(MIXED, pending);
			const body = { token, mode: 'valid-only', bankId: 'mine', merge: 'replace' };
			expect(await commitImport(store, body, NOW, pending)).toMatchObject({
				ok: true,
				imported: 2
			});
			expect((await store.getBank('mine'))?.questions.map((q) => q.stem)).toEqual([
				'好题一',
				'好题二'
			]);
		});

		it('refuses shipped and unknown banks, keeping the preview for another try', async () => {
			const { store, pending } = setup();
			await store.saveBank({ ...existing([FULL_BANK[0] as Question]), id: 'fire' }, 'shipped', 1);
			const { token } = await preview(CLEAN, pending);
			expect(
				await commitImport(store, { token, mode: 'all', bankId: 'fire' }, NOW, pending)
			).toEqual({
				ok: false,
				status: 409,
				message: '内置题库不能修改（重启时会被恢复），请导入为新题库'
			});
			expect(
				await commitImport(store, { token, mode: 'all', bankId: 'nope' }, NOW, pending)
			).toMatchObject({
				ok: false,
				status: 404
			});
			expect(store.saves).toBe(1);
			expect(
				await commitImport(store, { token, mode: 'all', newBank: { title: 't' } }, NOW, pending)
			).toMatchObject({ ok: true });
		});

		it('refuses an append that would pass 20 000 questions', async () => {
			const { store, pending } = setup();
			const many = Array.from({ length: 20_000 }, (_, i): Question => ({
				type: 'fillin',
				stem: `题${i}`,
				answer: ['x']
			}));
			await store.saveBank(existing(many), 'imported', 1);
			const { token } = await preview(MIXED, pending);
			expect(
				await commitImport(store, { token, mode: 'valid-only', bankId: 'mine' }, NOW, pending)
			).toEqual({
				ok: false,
				status: 422,
				message: '合并后题库超过 20000 道题，请改为替换或导入为新题库'
			});
		});
	});
});

describe('PendingImports', () => {
	it('evicts the oldest entries beyond its bounds', () => {
		const p = new PendingImports({ entries: 2, questions: 3 });
		const q = FULL_BANK.slice(0, 1);
		const a = p.put({ questions: q, errorCount: 0, filename: 'a' }, NOW);
		const b = p.put({ questions: q, errorCount: 0, filename: 'b' }, NOW);
		const c = p.put({ questions: q, errorCount: 0, filename: 'c' }, NOW);
		expect(p.take(a, NOW)).toBeNull();
		expect(p.take(b, NOW)?.filename).toBe('b');
		const big = p.put({ questions: FULL_BANK.slice(0, 3), errorCount: 0, filename: 'big' }, NOW);
		expect(p.take(c, NOW)).toBeNull();
		expect(p.take(big, NOW)?.filename).toBe('big');
	});
});

describe('HTTP handlers', () => {
	const store = new MemoryBankStore();
	const quizzes = new Map([
		['quiz-1', { id: 'quiz-1', title: '安全月/竞赛 "决赛"', questions: FULL_BANK }]
	]);
	// Vitest runs each test file in its own module environment, so this context does not leak.
	beforeAll(async () => {
		await store.saveBank(
			{ id: 'fire', title: '消防安全', language: 'zh-CN', questions: FULL_BANK },
			'shipped',
			1
		);
		const ctx = {
			banks: store,
			records: { getQuiz: async (id: string) => quizzes.get(id) ?? null }
		};
		setAppContext(Promise.resolve(ctx as unknown as AppContext));
	});

	type Event = Parameters<typeof previewPost>[0];
	const event = (init: { request?: Request; url?: string; params?: Record<string, string> }) =>
		({
			request: init.request ?? new Request('http://x/'),
			url: new URL(init.url ?? 'http://x/'),
			params: init.params ?? {}
		}) as unknown as Event;

	function upload(buf: Buffer, name: string): Request {
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(buf)]), name);
		return new Request('http://x/api/banks/import/preview', { method: 'POST', body: form });
	}

	it('previews an upload and commits it', async () => {
		const res = await previewPost(event({ request: upload(MIXED, '题库.csv') }));
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body).toMatchObject({ ok: true, report: { total: 3, validCount: 2, errorCount: 1 } });

		const commit = (json: unknown) =>
			commitPost(
				event({
					request: new Request('http://x/', { method: 'POST', body: JSON.stringify(json) })
				}) as never
			);
		const refused = await commit({ token: body.token, mode: 'all', newBank: { title: '新题库' } });
		expect(refused.status).toBe(422);
		expect(await refused.json()).toEqual({ message: expect.stringContaining('不能全部导入') });
		const done = await commit({
			token: body.token,
			mode: 'valid-only',
			newBank: { title: '新题库' }
		});
		expect(done.status).toBe(201);
		const saved = await done.json();
		expect(saved).toMatchObject({ ok: true, imported: 2 });
		expect((await store.getBank(saved.bankId))?.title).toBe('新题库');
	});

	it('answers bad uploads with 4xx and a Chinese message', async () => {
		const noFile = new Request('http://x/', { method: 'POST', body: new FormData() });
		expect((await previewPost(event({ request: noFile }))).status).toBe(400);
		const notForm = new Request('http://x/', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}'
		});
		const res = await previewPost(event({ request: notForm }));
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({
			message: '请求格式不正确：请用 multipart/form-data 上传，文件字段名为 file'
		});
		const pdf = await previewPost(event({ request: upload(Buffer.from('%PDF-1.4'), 'a.xlsx') }));
		expect(pdf.status).toBe(415);
		const big = await previewPost(
			event({ request: upload(Buffer.alloc(10 * 1024 * 1024 + 1), 'a.csv') })
		);
		expect(big.status).toBe(413);
		expect(await big.json()).toEqual({ message: '文件超过 10 MB，请拆分成多个文件后分别导入' });
		const commit = await commitPost(
			event({ request: new Request('http://x/', { method: 'POST', body: 'not json' }) }) as never
		);
		expect(commit.status).toBe(400);
	});

	it('exports a bank and a quiz with RFC 5987 file names', async () => {
		const xlsx = await bankExport(
			event({ url: 'http://x/?format=xlsx', params: { id: 'fire' } }) as never
		);
		expect(xlsx.headers.get('content-type')).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
		expect(xlsx.headers.get('content-disposition')).toBe(
			`attachment; filename="fire.xlsx"; filename*=UTF-8''${encodeURIComponent('消防安全.xlsx')}`
		);
		const csv = await quizExport(
			event({ url: 'http://x/?format=csv', params: { id: 'quiz-1' } }) as never
		);
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(csv.headers.get('content-disposition')).toBe(
			`attachment; filename="quiz-1.csv"; filename*=UTF-8''${encodeURIComponent('安全月_竞赛 _决赛_.csv')}`
		);
		const bytes = Buffer.from(await csv.arrayBuffer());
		expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
	});

	it('answers unknown ids and formats with 404 and 400', async () => {
		// error() throws an HttpError carrying the status.
		const status = async (response: unknown) => {
			try {
				await response;
				return 200;
			} catch (e) {
				return (e as { status?: number }).status;
			}
		};
		expect(await status(bankExport(event({ params: { id: 'nope' } }) as never))).toBe(404);
		expect(await status(quizExport(event({ params: { id: 'nope' } }) as never))).toBe(404);
		expect(
			await status(
				bankExport(event({ url: 'http://x/?format=pdf', params: { id: 'fire' } }) as never)
			)
		).toBe(400);
	});

	it('serves the template', async () => {
		const res = await templateGet(event({}) as never);
		expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
		expect(
			Buffer.from(await res.arrayBuffer())
				.subarray(0, 4)
				.toString('latin1')
		).toBe('PK\x03\x04');
	});
});
