// Rows of cells (from CSV or XLSX) → questions, plus a report of every row that cannot be imported.
// Nothing here decides what gets saved: the caller imports all rows only when there are no errors,
// or only the valid rows when the host asks for that. Pure: no I/O, no clock.
import type { Question } from '../question';
import { parseTypeLabel } from './answers';
import { findHeaderRow, mapHeader } from './columns';
import { cellText, parseRow, RowReader, type CellValue, type RowError } from './parse-row';

export { cellText, type CellValue, type RowError };

/** The most data rows (header excluded) one file may hold: a bank's maximum size. */
export const MAX_IMPORT_ROWS = 20_000;

/** A problem the file reader found in one cell (merged cell, formula without a value…). */
export interface CellIssue {
	/** 1-based row number as the spreadsheet shows it. */
	row: number;
	/** 0-based column index. */
	col: number;
	message: string;
}

export interface ImportReport {
	/** Non-empty data rows. */
	total: number;
	valid: { row: number; question: Question }[];
	errors: RowError[];
	warnings: string[];
}

export interface ParseOptions {
	cellIssues?: readonly CellIssue[];
}

function isBlank(cells: readonly CellValue[] | undefined): boolean {
	return !cells || cells.every((c) => cellText(c).trim() === '');
}

/** Non-empty rows in a table: what the row limit counts (the header row included). */
export function countNonEmptyRows(rows: readonly (readonly CellValue[] | undefined)[]): number {
	let n = 0;
	for (let i = 0; i < rows.length; i++) if (!isBlank(rows[i])) n++;
	return n;
}

/** What a table's data rows are, and how many one file may hold (a bank's questions by default). */
export interface RowLimit {
	max: number;
	/** The rows' noun in the message: 题目, 单位, 名单… */
	what: string;
}

const BANK_ROW_LIMIT: RowLimit = { max: MAX_IMPORT_ROWS, what: '题目' };

/** Null, or why a table is refused outright for its size. */
export function rowLimitError(
	rows: readonly (readonly CellValue[] | undefined)[],
	limit: RowLimit = BANK_ROW_LIMIT
): string | null {
	const data = countNonEmptyRows(rows) - 1;
	if (data <= limit.max) return null;
	return `文件有 ${data} 行${limit.what}，超过了单次导入 ${limit.max} 行的上限，请拆分成多个文件`;
}

/** Stems compare without spaces, punctuation or case, as the shipped-bank check does. */
function stemKey(stem: string): string {
	return stem.replace(/[\s，。？?！!、,.（）()“”"]/g, '').toLowerCase();
}

function rowRange(from: number, to: number): string {
	return from === to ? `第 ${from} 行` : `第 ${from}–${to} 行`;
}

/**
 * Parses a table whose first non-title row is the header. `rows[i]` is spreadsheet row i + 1 (an
 * absent or empty row is skipped silently). The caller enforces MAX_IMPORT_ROWS (rowLimitError).
 */
export function parseBankRows(
	rows: readonly (readonly CellValue[] | undefined)[],
	opts: ParseOptions = {}
): ImportReport {
	const warnings: string[] = [];
	const errors: RowError[] = [];
	const valid: ImportReport['valid'] = [];

	const probe = rows.slice(0, 10).map((cells) => (cells ?? []).map((c) => cellText(c)));
	const h = findHeaderRow(probe);
	if (h < 0) {
		const first = rows.findIndex((cells) => !isBlank(cells));
		return {
			total: Math.max(0, countNonEmptyRows(rows) - 1),
			valid,
			errors: [
				{
					row: first < 0 ? 1 : first + 1,
					column: null,
					message:
						first < 0
							? '文件里没有内容'
							: '找不到表头：第一行应为列名，至少包含「题目」和「答案」（可下载模板参考）'
				}
			],
			warnings
		};
	}
	const header = mapHeader(probe[h] ?? [], h + 1);
	const above = rows.slice(0, h).filter((cells) => !isBlank(cells)).length;
	if (above > 0) warnings.push(`${rowRange(1, h)}在表头之上，已作为标题忽略`);
	if (header.unknown.length > 0) {
		warnings.push(`已忽略无法识别的列：${header.unknown.map((u) => `「${u}」`).join('')}`);
	}

	const issuesByRow = new Map<number, CellIssue[]>();
	for (const issue of opts.cellIssues ?? []) {
		const list = issuesByRow.get(issue.row) ?? [];
		list.push(issue);
		issuesByRow.set(issue.row, list);
	}
	const recognised = new Set(
		[...header.columns].filter(([field]) => field !== 'seq').map(([, col]) => col)
	);

	const readers: RowReader[] = [];
	for (let i = h + 1; i < rows.length; i++) {
		const r = new RowReader(i + 1, rows[i] ?? [], header);
		if (!r.empty) readers.push(r);
	}
	const total = readers.length;

	if (header.errors.length === 0 && !header.columns.has('answer')) {
		// Without an answer column only a file of polls makes sense.
		const allPolls = readers.every((r) => parseTypeLabel(r.text('type')) === 'poll');
		if (!allPolls) header.errors.push('缺少「答案」列（也可写作「正确答案」）');
	}
	if (header.errors.length > 0) {
		for (const message of header.errors) errors.push({ row: header.row, column: null, message });
		return { total, valid, errors, warnings };
	}

	const stems = new Map<string, number>();
	const ids = new Map<string, number>();
	for (const r of readers) {
		const issues = (issuesByRow.get(r.row) ?? []).filter((x) => recognised.has(x.col));
		if (issues.length > 0) {
			// A merged or uncomputed cell makes the other cells of the row unreliable: report only it.
			for (const x of issues) {
				errors.push({ row: r.row, column: header.names[x.col] ?? null, message: x.message });
			}
			continue;
		}
		const question = parseRow(r);
		const stem = r.text('stem');
		if (stem) {
			const key = stemKey(stem);
			const seen = stems.get(key);
			if (seen !== undefined) r.fail('stem', `题目与第 ${seen} 行重复`);
			else stems.set(key, r.row);
		}
		const id = r.text('id').toLowerCase();
		if (id) {
			const seen = ids.get(id);
			if (seen !== undefined) r.fail('id', `编号与第 ${seen} 行重复`);
			else ids.set(id, r.row);
		}
		if (r.errors.length > 0) errors.push(...r.errors);
		else if (question) valid.push({ row: r.row, question });
	}

	if (valid.some((v) => v.question.points !== undefined)) {
		warnings.push('已读取「分值」列：这些题目将按各自的分值计分，不再使用测验设置里的统一分值');
	}
	return { total, valid, errors, warnings };
}
