// parseUnitRows: the header found by its names in any order and below title rows, every bad row
// reported by its spreadsheet row number with a Chinese message, good rows kept in file order.
import { describe, expect, it } from 'vitest';
import { parseHeadcount, parseUnitRows } from '$lib/domain/contest/unit-rows';
import type { CellValue } from '$lib/domain/contest/import-table';
import { CONTEST_IMPORT } from '$lib/domain/limits';

describe('parseUnitRows', () => {
	it('reads names and headcounts with the columns in any order, empty headcount as null', () => {
		const r = parseUnitRows([
			['应参与人数', '单位名称'],
			[120, ' 安全环保部 '],
			['', '生产运行部'],
			['1,200人', '第一  分公司']
		]);
		expect(r.report.errors).toEqual([]);
		expect(r.report.total).toBe(3);
		expect(r.units).toEqual([
			{ name: '安全环保部', headcount: 120 },
			{ name: '生产运行部', headcount: null },
			{ name: '第一 分公司', headcount: 1200 }
		]);
	});

	it('finds the header under a title row and accepts 部门 / 职工人数 and notes in brackets', () => {
		const r = parseUnitRows([
			['2026年安全知识竞赛参赛单位'],
			[],
			['序号', '部门（必填）', '职工人数'],
			[1, '机关', 30]
		]);
		expect(r.units).toEqual([{ name: '机关', headcount: 30 }]);
		expect(r.report.warnings).toEqual([
			'第 1–2 行在表头之上，已作为标题忽略',
			'已忽略无法识别的列：「序号」'
		]);
	});

	it('a unit list without a headcount column gives null headcounts', () => {
		const r = parseUnitRows([['单位'], ['甲'], ['乙']]);
		expect(r.units).toEqual([
			{ name: '甲', headcount: null },
			{ name: '乙', headcount: null }
		]);
	});

	it('reports bad rows by row number and column, and keeps the good ones', () => {
		const long = '长'.repeat(CONTEST_IMPORT.unitName + 1);
		const r = parseUnitRows([
			['单位名称', '人数'],
			['甲', 10],
			['', 5],
			['乙', -1],
			['丙', 2.5],
			['丁', '十个'],
			['甲 ', 3],
			[long, 1],
			['戊', 0]
		]);
		expect(r.units).toEqual([
			{ name: '甲', headcount: 10 },
			{ name: '戊', headcount: 0 }
		]);
		expect(r.report.total).toBe(8);
		expect(r.report.errors).toEqual([
			{ row: 3, column: '单位名称', message: '缺少单位名称' },
			{ row: 4, column: '人数', message: '人数需为非负整数' },
			{ row: 5, column: '人数', message: '人数需为非负整数' },
			{ row: 6, column: '人数', message: '人数需为非负整数' },
			{ row: 7, column: '单位名称', message: '重复的单位（第 2 行）' },
			{ row: 8, column: '单位名称', message: '单位名称不能超过 60 个字' }
		]);
	});

	it('a name of exactly the limit is kept', () => {
		const name = '𠀀'.repeat(CONTEST_IMPORT.unitName); // outside the BMP: still one character each
		expect(parseUnitRows([['单位'], [name]]).units).toEqual([{ name, headcount: null }]);
	});

	it('refuses a file without a recognisable header, or with a doubled column', () => {
		expect(
			parseUnitRows([
				['名字', '数量'],
				['甲', 1]
			]).report.errors
		).toEqual([
			{
				row: 1,
				column: null,
				message: '找不到表头：第一行应为列名，至少包含「单位名称」（可下载模板参考）'
			}
		]);
		const doubled = parseUnitRows([
			['单位', '部门'],
			['甲', '乙']
		]);
		expect(doubled.units).toEqual([]);
		expect(doubled.report.errors[0]?.message).toBe('「部门」列与「单位」列重复，请只保留一列');
		expect(parseUnitRows([]).report.errors[0]?.message).toBe('文件里没有内容');
	});

	it('refuses more units than the limit as a whole, naming the count', () => {
		const rows: CellValue[][] = [['单位']];
		for (let i = 0; i <= CONTEST_IMPORT.units; i++) rows.push([`单位${i}`]);
		const r = parseUnitRows(rows);
		expect(r.units).toEqual([]);
		expect(r.report.errors).toEqual([
			{ row: 1, column: null, message: '文件有 20001 行单位，超过了单次导入 20000 行的上限' }
		]);
	});

	it('reports a merged cell in a used column instead of reading its row', () => {
		const r = parseUnitRows([['单位'], ['甲'], ['乙']], {
			cellIssues: [{ row: 3, col: 0, message: '合并单元格：请取消合并' }]
		});
		expect(r.units).toEqual([{ name: '甲', headcount: null }]);
		expect(r.report.errors).toEqual([
			{ row: 3, column: '单位', message: '合并单元格：请取消合并' }
		]);
	});
});

describe('parseHeadcount', () => {
	it('reads numbers and the ways people type them', () => {
		expect(parseHeadcount(null)).toBeNull();
		expect(parseHeadcount('  ')).toBeNull();
		expect(parseHeadcount('３０')).toBe(30);
		expect(parseHeadcount('30 人')).toBe(30);
		expect(parseHeadcount(true)).toEqual({ error: '人数需为非负整数' });
		expect(parseHeadcount('1,20')).toEqual({ error: '人数需为非负整数' });
		expect(parseHeadcount(CONTEST_IMPORT.headcount + 1)).toEqual({
			error: '人数不能超过 10000000'
		});
	});
});
