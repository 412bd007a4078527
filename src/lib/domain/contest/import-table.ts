// The table-level half of the contest imports (unit lists and rosters): find the header row by its
// column names in any order, map the columns, skip blank rows, report cell issues, enforce the row
// limit. What a row means is unit-rows.ts's and roster-rows.ts's. Header cells are compared the way
// the bank importer compares them (normaliseHeader), so 「单位名称（必填）」 and 「*工号」 are found too.
// Pure: no I/O.
import { columnLetter, normaliseHeader } from '../bank-import/columns';
import { cellText, type CellValue, type RowError } from '../bank-import/parse-row';
import type { CellIssue } from '../bank-import/parse-rows';

export type { CellIssue, CellValue, RowError };

/** What an import found wrong; rows not named in `errors` were kept. */
export interface ImportTableReport {
	/** Non-empty data rows. */
	total: number;
	errors: RowError[];
	warnings: string[];
}

export interface TableSpec<F extends string> {
	/** Field → accepted header names (normalised as normaliseHeader does). */
	aliases: Record<F, readonly string[]>;
	/** Fields without which the file is refused; the first is named in "header not found". */
	required: readonly F[];
	/** The header Anda writes for each field (templates, messages). */
	labels: Record<F, string>;
	/** The most data rows, and their noun in the message. */
	maxRows: number;
	what: string;
}

export interface TableOptions {
	cellIssues?: readonly CellIssue[];
}

/** One data row read through the header. */
export interface DataRow<F extends string> {
	/** 1-based row number as the spreadsheet shows it. */
	row: number;
	/** The cell's text, trimmed ('' when the column is absent). */
	text(field: F): string;
	/** The cell as the file holds it (a number stays a number). */
	value(field: F): CellValue;
	/** Records a problem of this row in the field's column. */
	fail(field: F | null, message: string): void;
}

export interface ReadTable<F extends string> {
	rows: DataRow<F>[];
	report: ImportTableReport;
}

/** How many rows a probe for the header looks at (title rows above it are common). */
const HEADER_LOOKAHEAD = 10;

function isBlank(cells: readonly CellValue[] | undefined): boolean {
	return !cells || cells.every((c) => cellText(c).trim() === '');
}

function rowRange(from: number, to: number): string {
	return from === to ? `第 ${from} 行` : `第 ${from}–${to} 行`;
}

function lookup<F extends string>(spec: TableSpec<F>): Map<string, F> {
	const map = new Map<string, F>();
	for (const [field, names] of Object.entries(spec.aliases) as [F, readonly string[]][]) {
		for (const n of names) map.set(normaliseHeader(n), field);
	}
	return map;
}

/** `「工号」（也可写作「员工编号」）`: a missing column named the way the file might have it. */
function missingColumn<F extends string>(spec: TableSpec<F>, field: F): string {
	const label = spec.labels[field];
	const other = spec.aliases[field].find((a) => a !== label && /[\u4e00-\u9fff]/.test(a));
	return `缺少「${label}」列${other ? `（也可写作「${other}」）` : ''}`;
}

/**
 * Reads a table of cells (`rows[i]` is spreadsheet row i + 1) against a spec. A file-level problem
 * (no header, a missing or doubled column, too many rows) comes back as errors with no rows.
 */
export function readTable<F extends string>(
	rows: readonly (readonly CellValue[] | undefined)[],
	spec: TableSpec<F>,
	opts: TableOptions = {}
): ReadTable<F> {
	const errors: RowError[] = [];
	const warnings: string[] = [];
	const fields = lookup(spec);
	const fieldOf = (cell: CellValue | undefined) => fields.get(normaliseHeader(cellText(cell)));

	const probe = rows.slice(0, HEADER_LOOKAHEAD);
	const h = probe.findIndex((cells) => (cells ?? []).some((c) => fieldOf(c) !== undefined));
	if (h < 0) {
		const first = rows.findIndex((cells) => !isBlank(cells));
		const total = rows.filter((cells) => !isBlank(cells)).length;
		const message =
			first < 0
				? '文件里没有内容'
				: `找不到表头：第一行应为列名，至少包含${spec.required.map((f) => `「${spec.labels[f]}」`).join('')}（可下载模板参考）`;
		errors.push({ row: first < 0 ? 1 : first + 1, column: null, message });
		return { rows: [], report: { total: Math.max(0, total - 1), errors, warnings } };
	}

	const headerCells = rows[h] ?? [];
	const columns = new Map<F, number>();
	const names: string[] = [];
	const unknown: string[] = [];
	headerCells.forEach((cell, i) => {
		const text = cellText(cell).trim();
		names[i] = text || `${columnLetter(i)}列`;
		if (!text) return;
		const field = fieldOf(cell);
		if (field === undefined) {
			unknown.push(text);
			return;
		}
		const first = columns.get(field);
		if (first !== undefined) {
			errors.push({
				row: h + 1,
				column: null,
				message: `「${text}」列与「${names[first]}」列重复，请只保留一列`
			});
			return;
		}
		columns.set(field, i);
	});
	for (const field of spec.required) {
		if (!columns.has(field))
			errors.push({ row: h + 1, column: null, message: missingColumn(spec, field) });
	}
	const above = rows.slice(0, h).filter((cells) => !isBlank(cells)).length;
	if (above > 0) warnings.push(`${rowRange(1, h)}在表头之上，已作为标题忽略`);
	if (unknown.length > 0) {
		warnings.push(`已忽略无法识别的列：${unknown.map((u) => `「${u}」`).join('')}`);
	}

	const used = [...columns.values()];
	const data: number[] = [];
	for (let i = h + 1; i < rows.length; i++) {
		const cells = rows[i];
		if (cells && used.some((col) => cellText(cells[col]).trim() !== '')) data.push(i);
	}
	const total = data.length;
	if (errors.length > 0) return { rows: [], report: { total, errors, warnings } };
	if (total > spec.maxRows) {
		errors.push({
			row: h + 1,
			column: null,
			message: `文件有 ${total} 行${spec.what}，超过了单次导入 ${spec.maxRows} 行的上限`
		});
		return { rows: [], report: { total, errors, warnings } };
	}

	const issues = new Map<number, CellIssue[]>();
	for (const issue of opts.cellIssues ?? []) {
		if (!used.includes(issue.col)) continue;
		issues.set(issue.row, [...(issues.get(issue.row) ?? []), issue]);
	}
	const read: DataRow<F>[] = [];
	for (const i of data) {
		const row = i + 1;
		const cells = rows[i] ?? [];
		const found = issues.get(row);
		if (found) {
			// A merged or uncomputed cell makes the rest of its row unreliable: report only it.
			for (const x of found) errors.push({ row, column: names[x.col] ?? null, message: x.message });
			continue;
		}
		read.push({
			row,
			value: (field) => {
				const col = columns.get(field);
				return col === undefined ? null : (cells[col] ?? null);
			},
			text: (field) => {
				const col = columns.get(field);
				return col === undefined ? '' : cellText(cells[col]).trim();
			},
			fail: (field, message) => {
				const col = field === null ? undefined : columns.get(field);
				errors.push({ row, column: col === undefined ? null : (names[col] ?? null), message });
			}
		});
	}
	return { rows: read, report: { total, errors, warnings } };
}

/** Characters as a person counts them (a rare character outside the BMP is one, not two). */
export const charCount = (s: string): number => Array.from(s).length;

/** Runs of white space (full-width included) inside a name become one space. */
export const squeezeSpaces = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Orders errors by row, the way the organiser reads the report next to the file. */
export function sortErrors(errors: RowError[]): RowError[] {
	return errors.sort((a, b) => a.row - b.row);
}
