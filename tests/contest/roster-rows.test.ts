// parseRosterRows: 工号 / 姓名 / 单位 found by name in any order, each bad row reported by row number
// with a Chinese message (empty, too long, duplicate employee number), the good ones kept.
import { describe, expect, it } from 'vitest';
import { normaliseEmployeeNo, parseRosterRows } from '$lib/domain/contest/roster-rows';
import type { CellValue } from '$lib/domain/contest/import-table';
import { CONTEST_IMPORT } from '$lib/domain/limits';

describe('parseRosterRows', () => {
	it('reads rows with the columns in any order and the aliases 员工编号 / 部门', () => {
		const r = parseRosterRows([
			['部门', '姓名', '员工编号', '备注'],
			['安全环保部', ' 张三 ', 1001, '组长'],
			['生产运行部', '李四', 'Ａ００２', '']
		]);
		expect(r.report.errors).toEqual([]);
		expect(r.report.warnings).toEqual(['已忽略无法识别的列：「备注」']);
		expect(r.rows).toEqual([
			{ employeeNo: '1001', name: '张三', unit: '安全环保部' },
			{ employeeNo: 'A002', name: '李四', unit: '生产运行部' }
		]);
	});

	it('reports empty, too long and duplicate cells by row, keeping the good rows', () => {
		const r = parseRosterRows([
			['工号', '姓名', '单位'],
			['E1', '张三', '甲'],
			['', '李四', '甲'],
			['E3', '', '甲'],
			['E4', '王五', ''],
			['E1', '赵六', '乙'],
			['E'.repeat(CONTEST_IMPORT.employeeNo + 1), '钱七', '乙'],
			['E7', '名'.repeat(CONTEST_IMPORT.name + 1), '乙'],
			['E 8', '孙八', '乙'],
			[],
			['E8', '周九', '乙']
		]);
		expect(r.rows).toEqual([
			{ employeeNo: 'E1', name: '张三', unit: '甲' },
			{ employeeNo: 'E8', name: '孙八', unit: '乙' }
		]);
		expect(r.report.total).toBe(9);
		expect(r.report.errors).toEqual([
			{ row: 3, column: '工号', message: '工号为空' },
			{ row: 4, column: '姓名', message: '姓名为空' },
			{ row: 5, column: '单位', message: '单位为空' },
			{ row: 6, column: '工号', message: '工号重复（与第 2 行相同）' },
			{ row: 7, column: '工号', message: '工号不能超过 40 个字符' },
			{ row: 8, column: '姓名', message: '姓名不能超过 40 个字' },
			{ row: 11, column: '工号', message: '工号重复（与第 9 行相同）' }
		]);
	});

	it('names every missing column', () => {
		const r = parseRosterRows([['姓名'], ['张三']]);
		expect(r.rows).toEqual([]);
		expect(r.report.errors.map((e) => e.message)).toEqual([
			'缺少「工号」列（也可写作「员工编号」）',
			'缺少「单位」列（也可写作「部门」）'
		]);
	});

	it('takes up to the roster limit and refuses one more', () => {
		const rows: CellValue[][] = [['工号', '姓名', '单位']];
		for (let i = 0; i < CONTEST_IMPORT.rosterRows; i++) rows.push([`E${i}`, '张三', '甲']);
		expect(parseRosterRows(rows).rows).toHaveLength(CONTEST_IMPORT.rosterRows);
		rows.push(['E-last', '李四', '乙']);
		const over = parseRosterRows(rows);
		expect(over.rows).toEqual([]);
		expect(over.report.errors[0]?.message).toBe(
			'文件有 200001 行名单，超过了单次导入 200000 行的上限'
		);
	});
});

describe('normaliseEmployeeNo', () => {
	it('makes full-width half-width and drops spaces, keeping case', () => {
		expect(normaliseEmployeeNo(' ａ００１ ')).toBe('a001');
		expect(normaliseEmployeeNo('A 001')).toBe('A001');
	});
});
