// Uploads of a contest's unit list and of an organisation's roster: the file is read as the bank
// importer reads one (readUpload: format by name and content, size and zip-bomb guards), then parsed
// by the pure row parsers. And the two templates the organiser downloads to fill in.
import ExcelJS from 'exceljs';
import {
	parseRosterRows,
	ROSTER_COLUMNS,
	type RosterImport
} from '../../domain/contest/roster-rows';
import { parseUnitRows, UNIT_COLUMNS, type UnitImport } from '../../domain/contest/unit-rows';
import { CONTEST_IMPORT } from '../../domain/limits';
import { readUpload } from '../bank-io/read-upload';
import { addTableSheet, workbookBuffer } from '../bank-io/xlsx';

/** Why an upload gives nothing to import; `report` when rows were read but none could be kept. */
export interface ImportRefusal {
	ok: false;
	/** 413 too large, 415 not a format we read, 422 damaged, or no usable row. */
	status: 413 | 415 | 422;
	message: string;
	report?: UnitImport['report'];
}

export type UnitUpload = ({ ok: true } & UnitImport) | ImportRefusal;
export type RosterUpload = ({ ok: true } & RosterImport) | ImportRefusal;

/**
 * A roster of 200 000 rows is about 8 MB as CSV (UTF-8 Chinese names and units): more room than a
 * question bank needs, so that the largest roster we accept fits one file.
 */
const ROSTER_MAX_BYTES = 30 * 1024 * 1024;

/** Nothing kept and errors found: refused, with the first problem as the message. */
function nothingKept(
	kept: number,
	report: UnitImport['report'],
	what: string
): ImportRefusal | null {
	if (kept > 0) return null;
	const first = report.errors[0];
	// A file-level problem (no header, a missing column) is on the header's row too: say where.
	const message = !first
		? `文件里没有${what}`
		: first.message === '文件里没有内容'
			? first.message
			: `第 ${first.row} 行：${first.message}`;
	return { ok: false, status: 422, message, report };
}

export async function importUnits(buffer: Buffer, filename: string): Promise<UnitUpload> {
	const table = await readUpload(buffer, filename, {
		rows: { max: CONTEST_IMPORT.units, what: '单位' }
	});
	if ('error' in table) return { ok: false, status: table.status, message: table.error };
	const parsed = parseUnitRows(table.rows, { cellIssues: table.cellIssues });
	parsed.report.warnings.unshift(...table.warnings);
	return nothingKept(parsed.units.length, parsed.report, '单位') ?? { ok: true, ...parsed };
}

export async function importRoster(buffer: Buffer, filename: string): Promise<RosterUpload> {
	const table = await readUpload(buffer, filename, {
		maxBytes: ROSTER_MAX_BYTES,
		rows: { max: CONTEST_IMPORT.rosterRows, what: '名单' }
	});
	if ('error' in table) return { ok: false, status: table.status, message: table.error };
	const parsed = parseRosterRows(table.rows, { cellIssues: table.cellIssues });
	parsed.report.warnings.unshift(...table.warnings);
	return nothingKept(parsed.rows.length, parsed.report, '人员') ?? { ok: true, ...parsed };
}

export const UNIT_TEMPLATE_NAME = '单位模板.xlsx';
export const ROSTER_TEMPLATE_NAME = '名单模板.xlsx';

const { labels: UNIT } = UNIT_COLUMNS;
const { labels: ROSTER } = ROSTER_COLUMNS;

/** The unit template's rows: the header the importer looks for, then two examples. */
export const UNIT_TEMPLATE_ROWS: readonly (readonly string[])[] = [
	[UNIT.name, UNIT.headcount],
	['安全环保部（示例）', '120'],
	['第一分公司（示例，人数可留空）', '']
];

export const ROSTER_TEMPLATE_ROWS: readonly (readonly string[])[] = [
	[ROSTER.employeeNo, ROSTER.name, ROSTER.unit],
	['E0001', '张三（示例）', '安全环保部'],
	['E0002', '李四（示例）', '第一分公司']
];

interface TemplateSpec {
	rows: readonly (readonly string[])[];
	sheet: string;
	numeric: readonly string[];
	widths: Record<string, number>;
	/** Columns kept as text: an employee number 000123 must not lose its zeros to Excel. */
	textColumns: readonly number[];
}

async function template(spec: TemplateSpec): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Anda';
	const ws = addTableSheet(wb, spec.rows, {
		name: spec.sheet,
		numericHeaders: spec.numeric,
		widths: spec.widths
	});
	for (const col of spec.textColumns) ws.getColumn(col + 1).numFmt = '@';
	return workbookBuffer(wb);
}

export function unitTemplate(): Promise<Buffer> {
	return template({
		rows: UNIT_TEMPLATE_ROWS,
		sheet: '单位',
		numeric: [UNIT.headcount],
		widths: { [UNIT.name]: 36, [UNIT.headcount]: 14 },
		textColumns: []
	});
}

export function rosterTemplate(): Promise<Buffer> {
	return template({
		rows: ROSTER_TEMPLATE_ROWS,
		sheet: '名单',
		numeric: [],
		widths: { [ROSTER.employeeNo]: 16, [ROSTER.name]: 16, [ROSTER.unit]: 30 },
		textColumns: [0]
	});
}
