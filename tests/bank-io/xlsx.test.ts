// XLSX reading: formulas (cached result used, none → row error, never evaluated), merged cells,
// hidden sheets, error values, rich text, hidden rows; each without a crash or a partial import.
import { describe, expect, it } from 'vitest';
import { parseBankRows } from '$lib/domain/bank-import/parse-rows';
import { readUpload } from '$lib/server/bank-io/read-upload';
import { xlsxOf, type SheetSpec } from './fixtures';

const HEADER = ['题型', '题目', '选项A', '选项B', '答案'];

async function importSheets(...sheets: SheetSpec[]) {
	const table = await readUpload(await xlsxOf(...sheets), '题库.xlsx');
	if (!('rows' in table)) throw new Error(table.error);
	return { table, report: parseBankRows(table.rows, { cellIssues: table.cellIssues }) };
}

describe('formulas', () => {
	it('uses the cached result and never evaluates', async () => {
		const { report } = await importSheets({
			name: '题目',
			rows: [
				HEADER,
				// The formula would give "甲乙"; the cached value says otherwise and wins.
				[
					'单选',
					{ formula: 'C2&D2', result: '公式算出的题目' },
					'甲',
					'乙',
					{ formula: '"A"', result: 'A' }
				],
				['单选', '共享公式', '甲', '乙', { sharedFormula: 'E2', result: 'B' }]
			]
		});
		expect(report.errors).toEqual([]);
		expect(report.valid.map((v) => v.question)).toEqual([
			{ type: 'single', stem: '公式算出的题目', options: ['甲', '乙'], answer: 'A' },
			{ type: 'single', stem: '共享公式', options: ['甲', '乙'], answer: 'B' }
		]);
	});

	it('reports a formula without a cached value, or with an error value, as a row error', async () => {
		const { report } = await importSheets({
			name: '题目',
			rows: [
				HEADER,
				['单选', '没有缓存值', '甲', '乙', { formula: 'IF(1,"A","B")' }],
				['单选', '错误值', '甲', '乙', { formula: '1/0', result: { error: '#DIV/0!' } }],
				['单选', '单元格错误值', { error: '#N/A' }, '乙', 'A'],
				['单选', '正常', '甲', '乙', 'A']
			]
		});
		expect(report.valid.map((v) => v.row)).toEqual([5]);
		expect(report.errors).toEqual([
			{
				row: 2,
				column: '答案',
				message: '公式没有计算结果：请在 Excel 中打开并保存文件，或把公式改为直接填写的内容'
			},
			{ row: 3, column: '答案', message: '公式的结果是错误值 #DIV/0!' },
			{ row: 4, column: '选项A', message: '单元格是错误值 #N/A' }
		]);
	});
});

describe('merged cells', () => {
	it('reports every row a merge touches, and nothing of those rows is imported', async () => {
		const { report } = await importSheets({
			name: '题目',
			rows: [
				HEADER,
				['单选', '第一题', '甲', '乙', 'A'],
				['单选', '第二题', '甲', '乙', 'B'],
				['', '第三题', '甲', '乙', 'A'],
				['单选', '第四题', '甲', '乙', 'A']
			],
			merges: ['A3:A4']
		});
		expect(report.valid.map((v) => v.row)).toEqual([2, 5]);
		const message = '合并单元格：请取消合并，并在每一行填写完整内容';
		expect(report.errors).toEqual([
			{ row: 3, column: '题型', message },
			{ row: 4, column: '题型', message }
		]);
	});

	it('ignores a merged title above the header', async () => {
		const { report } = await importSheets({
			name: '题目',
			rows: [['某公司安全知识题库'], HEADER, ['单选', '第一题', '甲', '乙', 'A']],
			merges: ['A1:E1']
		});
		expect(report.errors).toEqual([]);
		expect(report.valid.map((v) => v.row)).toEqual([3]);
	});
});

describe('sheets', () => {
	it('reads the first visible sheet when a hidden one comes first, and says so', async () => {
		const { table, report } = await importSheets(
			{ name: '隐藏', state: 'hidden', rows: [HEADER, ['单选', '藏起来的题', '甲', '乙', 'A']] },
			{ name: '深藏', state: 'veryHidden', rows: [HEADER, ['单选', '更深的题', '甲', '乙', 'A']] },
			{ name: '题目', rows: [HEADER, ['单选', '看得见的题', '甲', '乙', 'B']] },
			{ name: '备用', rows: [HEADER, ['单选', '第二张表', '甲', '乙', 'B']] },
			{ name: '说明', rows: [['说明文字']] }
		);
		expect(report.valid.map((v) => v.question.stem)).toEqual(['看得见的题']);
		expect(table.warnings).toEqual([
			'已忽略隐藏的工作表：「隐藏」「深藏」',
			'只读取了第一个工作表「题目」，其他工作表未导入：「备用」'
		]);
	});

	it('refuses a workbook whose sheets are all hidden', async () => {
		const buf = await xlsxOf({ name: 'x', state: 'hidden', rows: [HEADER] });
		const table = await readUpload(buf, 'x.xlsx');
		expect(table).toEqual({ status: 422, error: '工作簿里没有可见的工作表' });
	});
});

describe('hidden rows', () => {
	it('imports them but warns', async () => {
		const rows = [HEADER, ...[1, 2, 3].map((n) => ['单选', `第${n}题`, '甲', '乙', 'A'])];
		const { table, report } = await importSheets({ name: '题目', rows, hiddenRows: [3] });
		expect(report.valid).toHaveLength(3);
		expect(table.warnings).toEqual(['第 3 行是隐藏行，也会一并导入']);
	});
});

describe('cell values', () => {
	it('reads rich text, hyperlinks, numbers, booleans and dates as text', async () => {
		const { report } = await importSheets({
			name: '题目',
			rows: [
				['题型', '题目', '选项A', '选项B', '答案', '来源'],
				[
					'单选',
					{ richText: [{ text: '富' }, { text: '文本', font: { bold: true } }] },
					119,
					new Date(Date.UTC(2021, 3, 29)),
					'A',
					{ text: '消防法', hyperlink: 'https://example.org' }
				],
				['判断', '布尔答案', null, null, false, null]
			]
		});
		expect(report.errors).toEqual([]);
		expect(report.valid.map((v) => v.question)).toEqual([
			{
				type: 'single',
				stem: '富文本',
				options: ['119', '2021-04-29'],
				answer: 'A',
				source: '消防法'
			},
			{ type: 'truefalse', stem: '布尔答案', answer: false }
		]);
	});
});
