// The two steps of an import, independent of HTTP: preview (read + parse + remember the valid
// questions under a token bound to the uploader) and commit (save them as a new bank of the
// uploader's organisation, or into one of its existing banks). A commit saves all the questions in
// one saveBank call or nothing at all.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { parseBankRows, type RowError } from '../../domain/bank-import/parse-rows';
import { canRemoveBanks, type OrgRole } from '../../domain/org-roles';
import { bankSchema, type Bank, type Question } from '../../domain/question';
import type { BankStore } from '../records/banks/port';
import { pendingImports, type PendingImports } from './pending-imports';
import { readUpload } from './read-upload';

/** Errors returned in a preview; the rest are counted (a 20 000-row file may have 20 000). */
export const PREVIEW_ERROR_LIMIT = 500;
const SAMPLE_SIZE = 5;

export interface PreviewReport {
	/** Non-empty data rows in the file. */
	total: number;
	validCount: number;
	/** All rows' errors, counted; `errors` holds the first PREVIEW_ERROR_LIMIT of them. */
	errorCount: number;
	/** Rows with at least one error. */
	errorRowCount: number;
	errors: RowError[];
	warnings: string[];
	sample: Question[];
}

export type Refusal = { ok: false; status: number; message: string };
export type PreviewResult = { ok: true; report: PreviewReport; token: string | null } | Refusal;

/** Who imports: the uploader, and the organisation (and their role in it) the bank is for. */
export interface Importer {
	userId: string;
	orgId: string;
	role: OrgRole;
}

/**
 * What both steps may be given last: the time now and where previews wait between the steps.
 * Left out, the clock and the process's own pending imports; tests pass their own.
 */
export type StepContext = [now?: number, pending?: PendingImports];

function resolved([now, pending]: StepContext) {
	return { now: now ?? Date.now(), pending: pending ?? pendingImports() };
}

export async function previewUpload(
	buffer: Buffer,
	filename: string,
	userId: string,
	...context: StepContext
): Promise<PreviewResult> {
	const { now, pending } = resolved(context);
	const table = await readUpload(buffer, filename);
	if ('error' in table) return { ok: false, status: table.status, message: table.error };
	const parsed = parseBankRows(table.rows, { cellIssues: table.cellIssues });
	const errorRowCount = new Set(parsed.errors.map((e) => e.row)).size;
	const questions = parsed.valid.map((v) => v.question);
	const token =
		questions.length > 0
			? pending.put({ userId, questions, errorCount: errorRowCount, filename }, now)
			: null;
	return {
		ok: true,
		token,
		report: {
			total: parsed.total,
			validCount: questions.length,
			errorCount: parsed.errors.length,
			errorRowCount,
			errors: parsed.errors.slice(0, PREVIEW_ERROR_LIMIT),
			warnings: [...table.warnings, ...parsed.warnings],
			sample: questions.slice(0, SAMPLE_SIZE)
		}
	};
}

const bankId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

export const commitBody = z
	.object({
		token: z.string().min(1).max(200),
		mode: z.enum(['all', 'valid-only']),
		/** An existing bank to add to (merge 'append', the default) or to replace ('replace'). */
		bankId: bankId.optional(),
		merge: z.enum(['append', 'replace']).default('append'),
		newBank: z
			.object({
				title: z.string().trim().min(1).max(100),
				description: z.string().trim().max(500).optional(),
				language: z.enum(['zh-CN', 'en']).optional()
			})
			.optional()
	})
	.refine((b) => (b.bankId === undefined) !== (b.newBank === undefined), {
		message: 'exactly one of bankId and newBank'
	});
export type CommitBody = z.infer<typeof commitBody>;

export type CommitResult = { ok: true; bankId: string; imported: number } | Refusal;

const refuse = (status: number, message: string): Refusal => ({ ok: false, status, message });

/** zh-CN unless most stems have no Chinese characters. */
function guessLanguage(questions: Question[]): Bank['language'] {
	const cjk = questions.filter((q) => /[\u4e00-\u9fff]/.test(q.stem)).length;
	return cjk * 2 >= questions.length ? 'zh-CN' : 'en';
}

/** An id no organisation's bank uses (ids are unique across organisations). */
async function freshBankId(store: BankStore): Promise<string> {
	for (;;) {
		const id = `imported-${randomBytes(6).toString('hex')}`;
		if (!(await store.bankExists(id))) return id;
	}
}

/** Ids must stay unique within a bank: appended questions drop an id the bank already uses. */
function withoutTakenIds(existing: Question[], incoming: Question[]): Question[] {
	const taken = new Set(existing.flatMap((q) => (q.id ? [q.id] : [])));
	return incoming.map((q) => {
		if (!q.id || !taken.has(q.id)) return q;
		const { id: _id, ...rest } = q;
		return rest;
	});
}

/** The bank to save, or why not. Only the importer's organisation's own banks can be changed. */
async function targetBank(
	store: BankStore,
	body: CommitBody,
	questions: Question[],
	who: Importer
): Promise<{ bank: Bank; origin: 'imported' | 'custom' } | Refusal> {
	if (body.newBank) {
		const { title, description, language } = body.newBank;
		return {
			bank: {
				id: await freshBankId(store),
				title,
				...(description ? { description } : {}),
				language: language ?? guessLanguage(questions),
				questions
			},
			origin: 'imported'
		};
	}
	// Read in the importer's scope: another organisation's bank is not found at all.
	const existing = await store.getBank(body.bankId ?? '', { orgId: who.orgId });
	if (!existing) return refuse(404, '找不到要导入的目标题库');
	if (existing.origin === 'shipped') {
		return refuse(409, '内置题库不能修改（重启时会被恢复），请导入为新题库');
	}
	if (existing.orgId !== who.orgId) {
		return refuse(409, '共享题库不能修改，请导入为新题库');
	}
	if (body.merge === 'replace' && !canRemoveBanks(who.role)) {
		return refuse(403, '替换题库的全部题目需要组织的管理员或所有者权限；可以改为追加');
	}
	const { origin, updatedAt: _updatedAt, orgId: _orgId, ...bank } = existing;
	const merged =
		body.merge === 'replace'
			? questions
			: [...bank.questions, ...withoutTakenIds(bank.questions, questions)];
	return { bank: { ...bank, questions: merged }, origin };
}

export async function commitImport(
	store: BankStore,
	raw: unknown,
	who: Importer,
	...context: StepContext
): Promise<CommitResult> {
	const { now, pending } = resolved(context);
	const parsed = commitBody.safeParse(raw);
	if (!parsed.success) {
		return refuse(
			400,
			'请求格式不正确：需要 token、mode（all 或 valid-only），以及 bankId 或 newBank（含 title）其中之一'
		);
	}
	const body = parsed.data;
	const entry = pending.take(body.token, now, who.userId);
	if (!entry) return refuse(410, '导入预览已过期或已导入（预览保留 15 分钟），请重新上传文件');
	const refused = (r: Refusal): Refusal => {
		pending.restore(body.token, entry);
		return r;
	};
	if (body.mode === 'all' && entry.errorCount > 0) {
		return refused(
			refuse(
				422,
				`文件中有 ${entry.errorCount} 行有错误，不能全部导入：请修正后重新上传，或选择只导入无误的 ${entry.questions.length} 道题`
			)
		);
	}
	const target = await targetBank(store, body, entry.questions, who);
	if ('ok' in target) return refused(target);
	const checked = bankSchema.safeParse(target.bank);
	if (!checked.success) {
		const tooMany = checked.error.issues.some(
			(i) => i.path[0] === 'questions' && i.code === 'too_big'
		);
		return refused(
			refuse(
				422,
				tooMany ? '合并后题库超过 20000 道题，请改为替换或导入为新题库' : '题库内容不符合要求'
			)
		);
	}
	let saved: boolean;
	try {
		saved = await store.saveBank(checked.data, target.origin, now, who.orgId);
	} catch (e) {
		pending.restore(body.token, entry);
		throw e;
	}
	// Only if the id went to another owner meanwhile: the store never replaces another's bank.
	if (!saved) return refused(refuse(409, '目标题库已被删除或已不属于本组织，请重新选择'));
	return { ok: true, bankId: checked.data.id, imported: entry.questions.length };
}
