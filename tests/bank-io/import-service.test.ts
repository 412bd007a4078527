// Preview and commit: nothing is half-imported (mode 'all' refuses a file with errors, 'valid-only'
// saves exactly the valid rows, in one saveBank), tokens expire, are single-use and belong to the
// uploader, targets are checked (only the importer's organisation's own banks). Then the HTTP
// handlers themselves, called directly with a stand-in context.
import { beforeAll, describe, expect, it } from 'vitest';
import { questionsToRows } from '$lib/domain/bank-import/export-rows';
import type { Question } from '$lib/domain/question';
import { setAppContext, type AppContext } from '$lib/server/app-context';
import { encodeCsv } from '$lib/server/bank-io/csv';
import {
	commitImport,
	previewUpload,
	PREVIEW_ERROR_LIMIT,
	type Importer
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

/** The importer: an owner of organisation A. */
const WHO: Importer = { userId: 'u-a', orgId: 'org-a', role: 'owner' };
/** What the importer's organisation reads. */
const A = { orgId: WHO.orgId };

function setup() {
	return { store: new MemoryBankStore(), pending: new PendingImports() };
}

async function preview(
	buf: Buffer,
	pending: PendingImports,
	name = 'bank.csv',
	userId = WHO.userId
) {
	const r = await previewUpload(buf, name, userId, NOW, pending);
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
		expect(await previewUpload(Buffer.from('x'), 'a.xls', WHO.userId, NOW, pending)).toMatchObject({
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
		expect(await commitImport(store, { token, mode: 'all', newBank }, WHO, NOW, pending)).toEqual({
			ok: false,
			status: 422,
			message: '文件中有 1 行有错误，不能全部导入：请修正后重新上传，或选择只导入无误的 2 道题'
		});
		expect(store.saves).toBe(0);

		const done = await commitImport(
			store,
			{ token, mode: 'valid-only', newBank },
			WHO,
			NOW,
			pending
		);
		expect(done).toMatchObject({ ok: true, imported: 2 });
		if (!done.ok) throw new Error(done.message);
		expect(done.bankId).toMatch(/^imported-[0-9a-f]{12}$/);
		const saved = await store.getBank(done.bankId, A);
		expect(saved).toMatchObject({
			title: '导入的题库',
			language: 'zh-CN',
			origin: 'imported',
			updatedAt: NOW,
			orgId: 'org-a'
		});
		// It is the organisation's: the shared scope (and any other organisation) does not see it.
		expect(await store.getBank(done.bankId)).toBeNull();
		expect(await store.getBank(done.bankId, { orgId: 'org-b' })).toBeNull();
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
		const done = await commitImport(store, body, WHO, NOW, pending);
		expect(done).toMatchObject({ ok: true, imported: FULL_BANK.length });
		if (!done.ok) throw new Error(done.message);
		expect((await store.getBank(done.bankId, A))?.questions).toEqual(FULL_BANK);
		expect(await commitImport(store, body, WHO, NOW, pending)).toMatchObject({
			ok: false,
			status: 410
		});
	});

	it('guesses English for a bank of English stems', async () => {
		const { store, pending } = setup();
		const csv = Buffer.from('stem,answer\nWhat number?,119\nWhich colour?,red\n');
		const { token } = await preview(csv, pending);
		const done = await commitImport(
			store,
			{ token, mode: 'all', newBank: { title: 'En' } },
			WHO,
			NOW,
			pending
		);
		if (!done.ok) throw new Error(done.message);
		expect((await store.getBank(done.bankId, A))?.language).toBe('en');
	});

	it('expires previews after 15 minutes', async () => {
		const { store, pending } = setup();
		const { token } = await preview(CLEAN, pending);
		const late = NOW + PENDING_TTL_MS;
		expect(
			await commitImport(store, { token, mode: 'all', newBank: { title: 't' } }, WHO, late, pending)
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
			expect(await commitImport(store, body, WHO, NOW, pending)).toMatchObject({
				ok: false,
				status: 400
			});
		}
		// The token survived the bad requests.
		expect(
			await commitImport(store, { token, mode: 'all', newBank: { title: 't' } }, WHO, NOW, pending)
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
			await store.saveBank(existing([FULL_BANK[0] as Question]), 'custom', 1, WHO.orgId);
			const { token } = await preview(encodeCsv(questionsToRows(FULL_BANK.slice(0, 2))), pending);
			// Same stem twice in a bank is the host's call; the id clash is not.
			const done = await commitImport(
				store,
				{ token, mode: 'all', bankId: 'mine' },
				WHO,
				NOW,
				pending
			);
			expect(done).toEqual({ ok: true, bankId: 'mine', imported: 2 });
			const saved = await store.getBank('mine', A);
			expect(saved?.origin).toBe('custom');
			expect(saved?.questions.map((q) => q.id)).toEqual(['q-001', undefined, 'q-002']);
		});

		it('replaces', async () => {
			const { store, pending } = setup();
			await store.saveBank(existing([FULL_BANK[0] as Question]), 'imported', 1, WHO.orgId);
			const { token } = await preview(MIXED, pending);
			const body = { token, mode: 'valid-only', bankId: 'mine', merge: 'replace' };
			expect(await commitImport(store, body, WHO, NOW, pending)).toMatchObject({
				ok: true,
				imported: 2
			});
			expect((await store.getBank('mine', A))?.questions.map((q) => q.stem)).toEqual([
				'好题一',
				'好题二'
			]);
		});

		it('refuses shipped and unknown banks, keeping the preview for another try', async () => {
			const { store, pending } = setup();
			await store.saveBank({ ...existing([FULL_BANK[0] as Question]), id: 'fire' }, 'shipped', 1);
			const { token } = await preview(CLEAN, pending);
			expect(
				await commitImport(store, { token, mode: 'all', bankId: 'fire' }, WHO, NOW, pending)
			).toEqual({
				ok: false,
				status: 409,
				message: '内置题库不能修改（重启时会被恢复），请导入为新题库'
			});
			expect(
				await commitImport(store, { token, mode: 'all', bankId: 'nope' }, WHO, NOW, pending)
			).toMatchObject({
				ok: false,
				status: 404
			});
			expect(store.saves).toBe(1);
			expect(
				await commitImport(
					store,
					{ token, mode: 'all', newBank: { title: 't' } },
					WHO,
					NOW,
					pending
				)
			).toMatchObject({ ok: true });
		});

		it('refuses an append that would pass 20 000 questions', async () => {
			const { store, pending } = setup();
			const many = Array.from({ length: 20_000 }, (_, i): Question => ({
				type: 'fillin',
				stem: `题${i}`,
				answer: ['x']
			}));
			await store.saveBank(existing(many), 'imported', 1, WHO.orgId);
			const { token } = await preview(MIXED, pending);
			expect(
				await commitImport(store, { token, mode: 'valid-only', bankId: 'mine' }, WHO, NOW, pending)
			).toEqual({
				ok: false,
				status: 422,
				message: '合并后题库超过 20000 道题，请改为替换或导入为新题库'
			});
		});

		it('refuses another organisation’s bank as if it did not exist, and shared banks', async () => {
			const { store, pending } = setup();
			await store.saveBank(existing([FULL_BANK[0] as Question]), 'imported', 1, 'org-b');
			await store.saveBank({ ...existing([]), id: 'old-shared' }, 'imported', 1);
			const { token } = await preview(CLEAN, pending);
			for (const merge of ['append', 'replace']) {
				const body = { token, mode: 'all', bankId: 'mine', merge };
				expect(await commitImport(store, body, WHO, NOW, pending)).toEqual({
					ok: false,
					status: 404,
					message: '找不到要导入的目标题库'
				});
			}
			expect(
				await commitImport(store, { token, mode: 'all', bankId: 'old-shared' }, WHO, NOW, pending)
			).toEqual({ ok: false, status: 409, message: '共享题库不能修改，请导入为新题库' });
			expect(store.saves).toBe(2);
			expect((await store.getBank('mine', { orgId: 'org-b' }))?.questions).toHaveLength(1);
		});

		it('lets a host append but not replace; admins and owners replace', async () => {
			const { store, pending } = setup();
			await store.saveBank(existing([FULL_BANK[0] as Question]), 'imported', 1, WHO.orgId);
			const host: Importer = { ...WHO, role: 'host' };
			const { token } = await preview(MIXED, pending);
			const replace = { token, mode: 'valid-only', bankId: 'mine', merge: 'replace' };
			expect(await commitImport(store, replace, host, NOW, pending)).toMatchObject({
				ok: false,
				status: 403
			});
			const append = { token, mode: 'valid-only', bankId: 'mine' };
			expect(await commitImport(store, append, host, NOW, pending)).toMatchObject({
				ok: true,
				imported: 2
			});
			expect((await store.getBank('mine', A))?.questions).toHaveLength(3);
			const again = await preview(MIXED, pending);
			const admin: Importer = { ...WHO, role: 'admin' };
			expect(
				await commitImport(store, { ...replace, token: again.token }, admin, NOW, pending)
			).toMatchObject({ ok: true });
			expect((await store.getBank('mine', A))?.questions).toHaveLength(2);
		});
	});

	it('binds a preview to its uploader: nobody else can commit it or use it up', async () => {
		const { store, pending } = setup();
		const { token } = await preview(CLEAN, pending);
		const body = { token, mode: 'all', newBank: { title: '偷来的' } };
		// Another member of the same organisation, and a member of another organisation.
		for (const other of [
			{ ...WHO, userId: 'u-a2' },
			{ userId: 'u-b', orgId: 'org-b', role: 'owner' as const }
		]) {
			expect(await commitImport(store, body, other, NOW, pending)).toMatchObject({
				ok: false,
				status: 410
			});
		}
		expect(store.saves).toBe(0);
		// The uploader's token survived and still works.
		expect(await commitImport(store, body, WHO, NOW, pending)).toMatchObject({ ok: true });
	});
});

describe('PendingImports', () => {
	it('evicts the oldest entries beyond its bounds', () => {
		const p = new PendingImports({ entries: 2, questions: 3 });
		const q = FULL_BANK.slice(0, 1);
		const u = 'u-a';
		const a = p.put({ userId: u, questions: q, errorCount: 0, filename: 'a' }, NOW);
		const b = p.put({ userId: u, questions: q, errorCount: 0, filename: 'b' }, NOW);
		const c = p.put({ userId: u, questions: q, errorCount: 0, filename: 'c' }, NOW);
		expect(p.take(a, NOW, u)).toBeNull();
		expect(p.take(b, NOW, u)?.filename).toBe('b');
		const big = p.put(
			{ userId: u, questions: FULL_BANK.slice(0, 3), errorCount: 0, filename: 'big' },
			NOW
		);
		expect(p.take(c, NOW, u)).toBeNull();
		expect(p.take(big, NOW, 'u-other')).toBeNull();
		expect(p.take(big, NOW, u)?.filename).toBe('big');
	});
});

describe('HTTP handlers', () => {
	const store = new MemoryBankStore();
	// A shared quiz, and one of organisation A (only A's members read it).
	const quizzes = new Map([
		[
			'quiz-1',
			{ orgId: null, quiz: { id: 'quiz-1', title: '安全月/竞赛 "决赛"', questions: FULL_BANK } }
		],
		['quiz-a', { orgId: 'org-a', quiz: { id: 'quiz-a', title: 'A', questions: FULL_BANK } }]
	]);
	// Users: u-a is an owner of A, u-b of B, u-none belongs to no organisation.
	const orgOf: Record<string, string> = { 'u-a': 'org-a', 'u-b': 'org-b' };
	// Vitest runs each test file in its own module environment, so this context does not leak.
	beforeAll(async () => {
		await store.saveBank(
			{ id: 'fire', title: '消防安全', language: 'zh-CN', questions: FULL_BANK },
			'shipped',
			1
		);
		await store.saveBank(
			{ id: 'a-bank', title: 'A 的题库', language: 'zh-CN', questions: FULL_BANK },
			'imported',
			1,
			'org-a'
		);
		const ctx = {
			banks: store,
			records: {
				getQuiz: async (id: string, scope: { orgId: string | null }) => {
					const q = quizzes.get(id);
					return q && (q.orgId === null || q.orgId === scope.orgId) ? q.quiz : null;
				}
			},
			orgs: {
				current: async (userId: string) =>
					orgOf[userId] ? { org: { id: orgOf[userId], name: 'x' }, role: 'owner' } : null
			}
		};
		setAppContext(Promise.resolve(ctx as unknown as AppContext));
	});

	type Event = Parameters<typeof previewPost>[0];
	const event = (init: {
		request?: Request;
		url?: string;
		params?: Record<string, string>;
		/** Signed in as this user (default u-a); null: signed out. */
		as?: string | null;
	}) => {
		const as = init.as === undefined ? 'u-a' : init.as;
		return {
			request: init.request ?? new Request('http://x/'),
			url: new URL(init.url ?? 'http://x/'),
			params: init.params ?? {},
			locals: {
				user: as ? { id: as, currentOrgId: orgOf[as] ?? null } : null,
				session: as ? { id: `s-${as}` } : null
			}
		} as unknown as Event;
	};
	/** The status of a handler's response, or of the HttpError it threw (error() throws). */
	const status = async (response: unknown) => {
		try {
			return ((await response) as Response).status;
		} catch (e) {
			return (e as { status?: number }).status;
		}
	};

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
		expect((await store.getBank(saved.bankId, { orgId: 'org-a' }))?.title).toBe('新题库');
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
		expect(await status(bankExport(event({ params: { id: 'nope' } }) as never))).toBe(404);
		expect(await status(quizExport(event({ params: { id: 'nope' } }) as never))).toBe(404);
		expect(
			await status(
				bankExport(event({ url: 'http://x/?format=pdf', params: { id: 'fire' } }) as never)
			)
		).toBe(400);
	});

	it('lets only members of an organisation preview and commit, each only their own token', async () => {
		const commit = (json: unknown, as: string | null) =>
			commitPost(
				event({
					request: new Request('http://x/', { method: 'POST', body: JSON.stringify(json) }),
					as
				}) as never
			);
		// Signed out: 401; signed in outside any organisation: 403. Nothing is parsed or kept.
		expect(await status(previewPost(event({ request: upload(MIXED, 'a.csv'), as: null })))).toBe(
			401
		);
		expect(
			await status(previewPost(event({ request: upload(MIXED, 'a.csv'), as: 'u-none' })))
		).toBe(403);
		const body = await (await previewPost(event({ request: upload(MIXED, 'a.csv') }))).json();
		const newBank = { token: body.token, mode: 'valid-only', newBank: { title: '新' } };
		expect(await status(commit(newBank, null))).toBe(401);
		expect(await status(commit(newBank, 'u-none'))).toBe(403);
		// B cannot use A's token, nor append to A's bank with a token of its own.
		expect(await status(commit(newBank, 'u-b'))).toBe(410);
		const bToken = (
			await (await previewPost(event({ request: upload(MIXED, 'b.csv'), as: 'u-b' }))).json()
		).token;
		const intoA = { token: bToken, mode: 'valid-only', bankId: 'a-bank' };
		expect(await status(commit(intoA, 'u-b'))).toBe(404);
		expect((await store.getBank('a-bank', { orgId: 'org-a' }))?.questions).toHaveLength(
			FULL_BANK.length
		);
		// A's own token still works for A.
		expect(await status(commit(newBank, 'u-a'))).toBe(201);
	});

	it('exports only what the visitor can read, and only to members (answer keys)', async () => {
		const bank = (as: string | null, id: string) =>
			status(bankExport(event({ params: { id }, as }) as never));
		const quiz = (as: string | null, id: string) =>
			status(quizExport(event({ params: { id }, as }) as never));
		expect(await bank('u-a', 'a-bank')).toBe(200);
		expect(await bank('u-b', 'a-bank')).toBe(404);
		expect(await bank('u-b', 'fire')).toBe(200);
		expect(await quiz('u-a', 'quiz-a')).toBe(200);
		expect(await quiz('u-b', 'quiz-a')).toBe(404);
		expect(await quiz('u-b', 'quiz-1')).toBe(200);
		// Signed out: not even the shared library, whose files hold every answer.
		for (const id of ['a-bank', 'fire']) expect(await bank(null, id)).toBe(401);
		for (const id of ['quiz-a', 'quiz-1']) expect(await quiz(null, id)).toBe(401);
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
