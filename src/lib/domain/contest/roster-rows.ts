// An organisation's roster from a spreadsheet: 工号, 姓名 and 单位 for every employee. A roster-mode
// contest lets a participant in by employee number and name, so both must be exact: a row with a
// problem is reported by row number and left out, the others are kept in file order. Pure: no I/O.
import type { RosterRow } from './units';
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

export type RosterField = 'employeeNo' | 'name' | 'unit';

export const ROSTER_COLUMNS: TableSpec<RosterField> = {
	aliases: {
		employeeNo: [
			'工号',
			'员工编号',
			'职工编号',
			'员工工号',
			'人员编号',
			'employeeno',
			'employeeid'
		],
		name: ['姓名', '员工姓名', '职工姓名', 'name'],
		unit: ['单位', '部门', '单位名称', '部门名称', '所在单位', '所属单位', 'unit', 'department']
	},
	required: ['employeeNo', 'name', 'unit'],
	labels: { employeeNo: '工号', name: '姓名', unit: '单位' },
	maxRows: CONTEST_IMPORT.rosterRows,
	what: '名单'
};

export interface RosterImport {
	rows: RosterRow[];
	report: ImportTableReport;
}

/**
 * An employee number as the participant will type it: full-width letters and digits made
 * half-width, spaces removed. Case is kept (some employers tell A001 from a001); comparison is
 * exact, as the store's lookup is.
 */
export function normaliseEmployeeNo(raw: string): string {
	return raw.normalize('NFKC').replace(/\s+/g, '');
}

export function parseRosterRows(
	rows: readonly (readonly CellValue[] | undefined)[],
	opts: TableOptions = {}
): RosterImport {
	const table = readTable(rows, ROSTER_COLUMNS, opts);
	const kept: RosterRow[] = [];
	const seen = new Map<string, number>();
	for (const r of table.rows) {
		const employeeNo = normaliseEmployeeNo(r.text('employeeNo'));
		const name = squeezeSpaces(r.text('name'));
		const unit = squeezeSpaces(r.text('unit'));
		const before = table.report.errors.length;
		if (!employeeNo) r.fail('employeeNo', '工号为空');
		else if (charCount(employeeNo) > CONTEST_IMPORT.employeeNo) {
			r.fail('employeeNo', `工号不能超过 ${CONTEST_IMPORT.employeeNo} 个字符`);
		} else {
			const first = seen.get(employeeNo);
			if (first !== undefined) r.fail('employeeNo', `工号重复（与第 ${first} 行相同）`);
			else seen.set(employeeNo, r.row);
		}
		if (!name) r.fail('name', '姓名为空');
		else if (charCount(name) > CONTEST_IMPORT.name) {
			r.fail('name', `姓名不能超过 ${CONTEST_IMPORT.name} 个字`);
		}
		if (!unit) r.fail('unit', '单位为空');
		else if (charCount(unit) > CONTEST_IMPORT.unitName) {
			r.fail('unit', `单位名称不能超过 ${CONTEST_IMPORT.unitName} 个字`);
		}
		if (table.report.errors.length === before) kept.push({ employeeNo, name, unit });
	}
	sortErrors(table.report.errors);
	return { rows: kept, report: table.report };
}
