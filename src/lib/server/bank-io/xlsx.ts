// XLSX in and out with exceljs. Reading takes the first visible worksheet only (a hidden first sheet
// is a classic way to smuggle content past a reviewer) and turns every cell into plain text or a
// cell issue: formulas give their cached result and are never evaluated, merged cells and error
// values are reported for the rows they touch. Call checkZip first: exceljs inflates everything.
import ExcelJS from 'exceljs';
import type { CellIssue, CellValue } from '../../domain/bank-import/parse-rows';

export interface SheetTable {
	/** rows[i] is spreadsheet row i + 1; rows without cells are absent (holes). */
	rows: CellValue[][];
	warnings: string[];
	cellIssues: CellIssue[];
}

/** Columns beyond this are ignored (a stray cell in XFD1 must not make every row 16 384 wide). */
const MAX_COLUMNS = 64;
const MERGED = '合并单元格：请取消合并，并在每一行填写完整内容';
const NO_RESULT = '公式没有计算结果：请在 Excel 中打开并保存文件，或把公式改为直接填写的内容';

type Read = { value: CellValue } | { issue: string };

function dateText(d: Date): string {
	const iso = d.toISOString();
	return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('T', ' ').slice(0, 19);
}

/** One exceljs cell value → text/number/boolean, or why it cannot be used. */
function readValue(v: ExcelJS.CellValue): Read {
	if (v === null || v === undefined) return { value: null };
	if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { value: v };
	if (v instanceof Date) return { value: dateText(v) };
	if ('formula' in v || 'sharedFormula' in v) {
		// Only the value Excel cached when it last saved the file; we never compute formulas.
		const result = (v as ExcelJS.CellFormulaValue).result;
		if (result === undefined || result === null) return { issue: NO_RESULT };
		if (typeof result === 'object' && 'error' in result) {
			return { issue: `公式的结果是错误值 ${result.error}` };
		}
		return readValue(result);
	}
	if ('richText' in v) return { value: v.richText.map((r) => r.text).join('') };
	if ('hyperlink' in v) {
		const text = v.text as unknown;
		if (typeof text === 'string') return { value: text };
		return readValue(text as ExcelJS.CellValue);
	}
	if ('error' in v) return { issue: `单元格是错误值 ${v.error}` };
	return { issue: '无法识别的单元格内容' };
}

function listRows(rows: number[]): string {
	const shown = `第 ${rows.slice(0, 5).join('、')} 行`;
	return rows.length > 5 ? `${shown}等 ${rows.length} 行` : shown;
}

function quoted(names: string[]): string {
	return names.map((n) => `「${n}」`).join('');
}

/** Reads the first visible worksheet of an XLSX file (already checked by checkZip). */
export async function readXlsx(buf: Buffer): Promise<SheetTable | { error: string }> {
	const wb = new ExcelJS.Workbook();
	try {
		await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
	} catch {
		return { error: '无法读取这个 XLSX 文件：文件可能已损坏，请在 Excel 中重新保存后再试' };
	}
	const sheets = wb.worksheets;
	const visible = sheets.filter((s) => (s.state ?? 'visible') === 'visible');
	const sheet = visible[0];
	if (!sheet) return { error: '工作簿里没有可见的工作表' };

	const warnings: string[] = [];
	const hidden = sheets.filter((s) => !visible.includes(s)).map((s) => s.name);
	if (hidden.length > 0) warnings.push(`已忽略隐藏的工作表：${quoted(hidden)}`);
	// The template's own 说明 sheet is expected and not worth a warning.
	const others = visible
		.slice(1)
		.map((s) => s.name)
		.filter((n) => n !== '说明');
	if (others.length > 0) {
		warnings.push(`只读取了第一个工作表「${sheet.name}」，其他工作表未导入：${quoted(others)}`);
	}

	const rows: CellValue[][] = [];
	const cellIssues: CellIssue[] = [];
	const hiddenRows: number[] = [];
	let clipped = false;
	sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		const cells: CellValue[] = [];
		row.eachCell({ includeEmpty: false }, (cell, col) => {
			if (col > MAX_COLUMNS) {
				clipped ||= cell.value !== null && cell.value !== undefined;
				return;
			}
			if (cell.isMerged) cellIssues.push({ row: rowNumber, col: col - 1, message: MERGED });
			const read = readValue(cell.value);
			if ('issue' in read) cellIssues.push({ row: rowNumber, col: col - 1, message: read.issue });
			else cells[col - 1] = read.value;
		});
		for (let i = 0; i < cells.length; i++) cells[i] ??= null;
		rows[rowNumber - 1] = cells;
		if (row.hidden) hiddenRows.push(rowNumber);
	});
	if (hiddenRows.length > 0) warnings.push(`${listRows(hiddenRows)}是隐藏行，也会一并导入`);
	if (clipped) warnings.push(`第 ${MAX_COLUMNS} 列之后的内容已忽略`);
	return { rows, warnings, cellIssues };
}

/** Column widths (in characters) by header; others get a default. */
const WIDTHS: Record<string, number> = {
	题型: 10,
	题目: 48,
	答案: 12,
	解析: 40,
	来源: 24,
	分类: 14,
	标签: 16,
	编号: 14
};

export interface SheetOptions {
	name: string;
	/** Headers whose digit-only cells are written as numbers (分值, 限时). */
	numericHeaders?: readonly string[];
	/** Column widths by header, over the defaults above (other kinds of sheet have other headers). */
	widths?: Readonly<Record<string, number>>;
	/** Headers of long text, wrapped (题目 and 解析 always are). */
	wrapped?: readonly string[];
}

/** Adds a sheet of rows (first row = header): bold frozen header, widths, wrapped long text. */
export function addTableSheet(
	wb: ExcelJS.Workbook,
	rows: readonly (readonly string[])[],
	opts: SheetOptions
): ExcelJS.Worksheet {
	const ws = wb.addWorksheet(opts.name, { views: [{ state: 'frozen', ySplit: 1 }] });
	const header = rows[0] ?? [];
	const numeric = new Set(header.flatMap((h, i) => (opts.numericHeaders?.includes(h) ? [i] : [])));
	rows.forEach((r, i) => {
		ws.addRow(r.map((c, col) => (i > 0 && numeric.has(col) && /^\d+$/.test(c) ? Number(c) : c)));
	});
	header.forEach((h, i) => {
		const column = ws.getColumn(i + 1);
		column.width = opts.widths?.[h] ?? WIDTHS[h] ?? (h.startsWith('选项') ? 20 : 10);
		if (h === '题目' || h === '解析' || opts.wrapped?.includes(h)) {
			column.alignment = { wrapText: true, vertical: 'top' };
		}
	});
	ws.getRow(1).font = { bold: true };
	ws.getRow(1).alignment = { vertical: 'middle' };
	return ws;
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
	return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Rows → a one-sheet XLSX file. */
export async function writeXlsx(
	rows: readonly (readonly string[])[],
	opts: SheetOptions
): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Anda';
	addTableSheet(wb, rows, opts);
	return workbookBuffer(wb);
}
