// A contest's unit list from a spreadsheet: 单位名称 and, optionally, 应参与人数 (the headcount the
// participation rate is computed against). Rows with a problem are reported by row number and left
// out; the others are kept, in file order. Pure: no I/O.
import type { ContestUnit } from './units';
import { CONTEST_IMPORT } from '../limits';
import {
	charCount,
	readTable,
	sortErrors,
	squeezeSpaces,
	type CellValue,
	type ImportTableReport,
	type TableOptions,
	type TableSpec
} from './import-table';

export type UnitField = 'name' | 'headcount';

export const UNIT_COLUMNS: TableSpec<UnitField> = {
	aliases: {
		name: ['单位名称', '单位', '部门', '部门名称', '组织', '组织名称', 'unit', 'name'],
		headcount: ['应参与人数', '人数', '应参加人数', '职工人数', '员工人数', '总人数', 'headcount']
	},
	required: ['name'],
	labels: { name: '单位名称', headcount: '应参与人数' },
	maxRows: CONTEST_IMPORT.units,
	what: '单位'
};

export interface UnitImport {
	units: ContestUnit[];
	report: ImportTableReport;
}

const HEADCOUNT_MESSAGE = '人数需为非负整数';

/**
 * A headcount cell: empty is null (unknown), else a whole number ≥ 0. Text may carry thousands
 * separators or a trailing 人 as people type them ("1,200人"); full-width digits are read too.
 */
export function parseHeadcount(v: CellValue): number | null | { error: string } {
	if (v === null || v === '') return null;
	let n: number;
	if (typeof v === 'number') n = v;
	else if (typeof v === 'string') {
		const t = v.normalize('NFKC').trim().replace(/人$/, '').trim();
		if (t === '') return null;
		if (!/^\d{1,3}(,\d{3})+$|^\d+$/.test(t)) return { error: HEADCOUNT_MESSAGE };
		n = Number(t.replace(/,/g, ''));
	} else return { error: HEADCOUNT_MESSAGE };
	if (!Number.isInteger(n) || n < 0) return { error: HEADCOUNT_MESSAGE };
	if (n > CONTEST_IMPORT.headcount) {
		return { error: `人数不能超过 ${CONTEST_IMPORT.headcount}` };
	}
	return n;
}

/** Names compare without case or spacing differences: 「安全部 」 and 「安全部」 are one unit. */
const unitKey = (name: string): string => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export function parseUnitRows(
	rows: readonly (readonly CellValue[] | undefined)[],
	opts: TableOptions = {}
): UnitImport {
	const table = readTable(rows, UNIT_COLUMNS, opts);
	const units: ContestUnit[] = [];
	const seen = new Map<string, number>();
	for (const r of table.rows) {
		const name = squeezeSpaces(r.text('name'));
		const headcount = parseHeadcount(r.value('headcount'));
		let ok = true;
		if (!name) {
			r.fail('name', '缺少单位名称');
			ok = false;
		} else if (charCount(name) > CONTEST_IMPORT.unitName) {
			r.fail('name', `单位名称不能超过 ${CONTEST_IMPORT.unitName} 个字`);
			ok = false;
		} else {
			const first = seen.get(unitKey(name));
			if (first !== undefined) {
				r.fail('name', `重复的单位（第 ${first} 行）`);
				ok = false;
			} else seen.set(unitKey(name), r.row);
		}
		if (headcount !== null && typeof headcount === 'object') {
			r.fail('headcount', headcount.error);
			ok = false;
		}
		if (ok) units.push({ name, headcount: headcount as number | null });
	}
	sortErrors(table.report.errors);
	return { units, report: table.report };
}
