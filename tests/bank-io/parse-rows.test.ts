// parseBankRows: header recognition, type inference, row-level errors with the row number and column
// name as the file shows them, Chinese messages, empty rows, duplicates, and cell issues.
import { describe, expect, it } from 'vitest';
import {
	countNonEmptyRows,
	parseBankRows,
	rowLimitError,
	type CellValue
} from '$lib/domain/bank-import/parse-rows';
import { questionsToRows } from '$lib/domain/bank-import/export-rows';
import { FULL_BANK } from './fixtures';

const HEADER = ['题型', '题目', '选项A', '选项B', '选项C', '选项D', '答案', '解析'];

function parse(rows: CellValue[][]) {
	return parseBankRows(rows);
}

describe('a clean file', () => {
	it('reads each type with Chinese headers', () => {
		const r = parse([
			HEADER,
			['单选', '火警电话？', '110', '119', '120', '', 'B', '119'],
			['多选题', '燃烧要素？', '可燃物', '助燃物', '引火源', '水', 'A、B、C', ''],
			['判断', '可以乘电梯逃生', '', '', '', '', '×', ''],
			['填空题', 'CO2 叫什么？', '', '', '', '', '二氧化碳｜碳酸气', ''],
			['投票', '有灭火器吗？', '有', '没有', '', '', '', '']
		]);
		expect(r.errors).toEqual([]);
		expect(r.total).toBe(5);
		expect(r.valid.map((v) => v.row)).toEqual([2, 3, 4, 5, 6]);
		expect(r.valid.map((v) => v.question)).toEqual([
			{
				type: 'single',
				stem: '火警电话？',
				options: ['110', '119', '120'],
				answer: 'B',
				explanation: '119'
			},
			{
				type: 'multiple',
				stem: '燃烧要素？',
				options: ['可燃物', '助燃物', '引火源', '水'],
				answer: ['A', 'B', 'C']
			},
			{ type: 'truefalse', stem: '可以乘电梯逃生', answer: false },
			{ type: 'fillin', stem: 'CO2 叫什么？', answer: ['二氧化碳', '碳酸气'] },
			{ type: 'poll', stem: '有灭火器吗？', options: ['有', '没有'] }
		]);
	});

	it('reads English headers, numbers and booleans from cells', () => {
		const r = parse([
			['Type', 'Question', 'A', 'B', 'Answer', 'Points', 'Difficulty', 'Time limit', 'Tags'],
			['single', 'Pick', 119, 120, 'a', 100, 'hard', '30s', 'fire, first aid'],
			['truefalse', 'Right?', null, null, true, null, 1, null, null]
		]);
		expect(r.errors).toEqual([]);
		expect(r.valid.map((v) => v.question)).toEqual([
			{
				type: 'single',
				stem: 'Pick',
				options: ['119', '120'],
				answer: 'A',
				points: 100,
				difficulty: 3,
				timeLimit: 30,
				tags: ['fire', 'first aid']
			},
			{ type: 'truefalse', stem: 'Right?', answer: true, difficulty: 1 }
		]);
		expect(r.warnings).toContain(
			'已读取「分值」列：这些题目将按各自的分值计分，不再使用测验设置里的统一分值'
		);
	});

	it('infers the type when 题型 is missing', () => {
		const r = parse([
			['题干', 'A', 'B', 'C', '正确答案'],
			['单个字母', '甲', '乙', '丙', 'C'],
			['多个字母', '甲', '乙', '丙', 'AC'],
			['判断', '', '', '', '对'],
			['填空', '', '', '', '119'],
			['答案是选项原文', '110', '119', '', '119']
		]);
		expect(r.errors).toEqual([]);
		expect(
			r.valid.map((v) => [v.question.type, v.question.type === 'poll' ? null : v.question.answer])
		).toEqual([
			['single', 'C'],
			['multiple', ['A', 'C']],
			['truefalse', true],
			['fillin', ['119']],
			['single', 'B']
		]);
	});

	it('skips title rows above the header and empty rows, keeping spreadsheet row numbers', () => {
		const r = parse([
			['2024年安全生产月知识竞赛题库'],
			[],
			['序号', '题型', '题目', '选项A', '选项B', '答案'],
			['1', '单选', '第一题', '甲', '乙', 'A'],
			[null, '', '  ', null],
			['2', '', '', '', '', ''], // only a running number: an empty template row
			[],
			['3', '单选', '第二题', '甲', '乙', '乙']
		]);
		expect(r.total).toBe(2);
		expect(r.errors).toEqual([]);
		expect(r.valid.map((v) => v.row)).toEqual([4, 8]);
		expect(r.warnings).toEqual(['第 1–2 行在表头之上，已作为标题忽略']);
	});

	it('strips option letters the cells repeat and the CSV formula guard', () => {
		const r = parse([
			['题型', '题目', '选项A', '选项B', '答案'],
			['单选', '温度？', 'A. 5℃', "'-5℃", 'B']
		]);
		expect(r.valid[0]?.question).toMatchObject({ options: ['5℃', '-5℃'] });
	});

	it('maps a letter answer to 正确/错误 options for a 判断 row', () => {
		const r = parse([
			['题型', '题目', '选项A', '选项B', '答案'],
			['判断', '对吗？', '正确', '错误', 'B']
		]);
		expect(r.valid[0]?.question).toEqual({ type: 'truefalse', stem: '对吗？', answer: false });
	});

	it('reads its own export', () => {
		const r = parse(questionsToRows(FULL_BANK));
		expect(r.errors).toEqual([]);
		expect(r.valid.map((v) => v.question)).toEqual(FULL_BANK);
	});
});

describe('row-level errors', () => {
	it('reports missing answers, letters outside the options and bad spellings per row and column', () => {
		const r = parse([
			['题型', '题干', '选项A', '选项B', '选项C', '标准答案', '难度', '分值'],
			['单选', '缺答案', '甲', '乙', '丙', '', '', ''],
			['单选', '超出选项', '甲', '乙', '丙', 'D', '', ''],
			['多选', '字母 G', '甲', '乙', '丙', 'AG', '', ''],
			['单选', '单选多答', '甲', '乙', '丙', 'AB', '', ''],
			['判断', '判断乱填', '', '', '', '大概', '', ''],
			['问答', '未知题型', '', '', '', '随便', '', ''],
			['单选', '难度错', '甲', '乙', '', 'A', '超难', ''],
			['单选', '分值错', '甲', '乙', '', 'A', '', '十分'],
			['单选', '好的一行', '甲', '乙', '', 'A', '', '']
		]);
		expect(r.total).toBe(9);
		expect(r.valid.map((v) => v.row)).toEqual([10]);
		expect(r.errors).toEqual([
			{ row: 2, column: '标准答案', message: '答案为空' },
			{ row: 3, column: '标准答案', message: '答案 D 超出了选项范围（本题只有 3 个选项）' },
			{ row: 4, column: '标准答案', message: '答案中的「G」不是选项字母（只能是 A–F）' },
			{
				row: 5,
				column: '标准答案',
				message: '单选题只能有一个答案，却填了「AB」（如果是多选题，请把题型改为多选）'
			},
			{
				row: 6,
				column: '标准答案',
				message: '无法识别的判断题答案「大概」：应为 对/错、正确/错误、√/× 或 T/F'
			},
			{
				row: 7,
				column: '题型',
				message: '无法识别的题型「问答」：应为 单选、多选、判断、填空 或 投票'
			},
			{ row: 8, column: '难度', message: '无法识别的难度「超难」：应为 1/2/3 或 易/中/难' },
			{ row: 9, column: '分值', message: '分值「十分」不是整数' }
		]);
	});

	it('translates schema limits into Chinese with the file column', () => {
		const long = '长'.repeat(501);
		const r = parse([
			['题目', '选项A', '选项B', '选项C', '答案', '限时', '分类', '编号'],
			[long, '甲', '乙', '', 'A', '', '', ''],
			['只有一个选项', '甲', '', '', 'A', '', '', ''],
			['选项重复', '甲', '甲', '', 'A', '', '', ''],
			['限时太短', '甲', '乙', '', 'A', '3', '', ''],
			['分类太长', '甲', '乙', '', 'A', '', '类'.repeat(41), ''],
			['编号不合法', '甲', '乙', '', 'A', '', '', '第一题'],
			['选项有空隙', '甲', '', '丙', 'A', '', '', '']
		]);
		expect(r.valid).toEqual([]);
		expect(r.errors).toEqual([
			{ row: 2, column: '题目', message: '题目不能超过 500 个字' },
			{ row: 3, column: '选项A', message: '至少需要 2 个选项' },
			{ row: 4, column: '选项A', message: '选项有重复' },
			{ row: 5, column: '限时', message: '限时不能小于 5' },
			{ row: 6, column: '分类', message: '分类不能超过 40 个字' },
			{
				row: 7,
				column: '编号',
				message: '编号只能由小写字母、数字和连字符组成（最长 64 个字符）'
			},
			{ row: 8, column: '选项B', message: '选项B为空，但后面的选项有内容' }
		]);
	});

	it('reports a missing stem, options on 判断/填空 and an answer on a poll', () => {
		const r = parse([
			['题型', '题目', '选项A', '选项B', '答案'],
			['单选', '', '甲', '乙', 'A'],
			['判断', '判断带选项', '甲', '乙', '对'],
			['填空', '填空带选项', '甲', '乙', '119'],
			['投票', '投票带答案', '甲', '乙', 'A']
		]);
		expect(r.errors.map((e) => [e.row, e.column, e.message])).toEqual([
			[2, '题目', '题目不能为空'],
			[3, '选项A', '判断题不需要选项，请清空选项列（或把题型改为单选）'],
			[4, '选项A', '填空题不需要选项，请清空选项列（或把题型改为单选/多选）'],
			[5, '答案', '投票题没有正确答案，请清空答案（或把题型改为单选/多选）']
		]);
	});

	it('reports a repeated stem (ignoring spaces and punctuation) on the later row', () => {
		const r = parse([
			['题目', '答案'],
			['火警电话是？', '119'],
			['其他', '120'],
			['火警电话 是?', '119'],
			['火警电话是', '119']
		]);
		expect(r.valid.map((v) => v.row)).toEqual([2, 3]);
		expect(r.errors).toEqual([
			{ row: 4, column: '题目', message: '题目与第 2 行重复' },
			{ row: 5, column: '题目', message: '题目与第 2 行重复' }
		]);
	});

	it('reports cell issues from the reader instead of parsing the row', () => {
		const r = parseBankRows(
			[
				['题目', '答案', '备注'],
				['合并的行', 'A', ''],
				['合并的行', 'A', ''],
				['公式行', '', ''],
				['备注列的问题不算', '119', 'x']
			],
			{
				cellIssues: [
					{ row: 2, col: 0, message: '合并单元格' },
					{ row: 3, col: 0, message: '合并单元格' },
					{ row: 4, col: 1, message: '公式没有计算结果' },
					{ row: 5, col: 2, message: '公式没有计算结果' }
				]
			}
		);
		expect(r.valid.map((v) => v.row)).toEqual([5]);
		expect(r.errors).toEqual([
			{ row: 2, column: '题目', message: '合并单元格' },
			{ row: 3, column: '题目', message: '合并单元格' },
			{ row: 4, column: '答案', message: '公式没有计算结果' }
		]);
	});
});

describe('file-level problems', () => {
	it('refuses a table without a recognisable header', () => {
		const r = parse([['问题', '回答'].map(() => '乱写的列'), ['a', 'b']]);
		expect(r.valid).toEqual([]);
		expect(r.errors).toEqual([
			{
				row: 1,
				column: null,
				message: '找不到表头：第一行应为列名，至少包含「题目」和「答案」（可下载模板参考）'
			}
		]);
	});

	it('refuses a header without an answer column unless every row is a poll', () => {
		const missing = parse([
			['题型', '题目', '选项A', '选项B'],
			['单选', '甲还是乙', '甲', '乙']
		]);
		expect(missing.valid).toEqual([]);
		expect(missing.errors).toEqual([
			{ row: 1, column: null, message: '缺少「答案」列（也可写作「正确答案」）' }
		]);
		const polls = parse([
			['题型', '题目', '选项A', '选项B'],
			['投票', '甲还是乙', '甲', '乙']
		]);
		expect(polls.errors).toEqual([]);
		expect(polls.valid).toHaveLength(1);
	});

	it('warns about unknown columns and refuses repeated ones', () => {
		expect(
			parse([
				['题目', '答案', '备注', '出题人'],
				['x', 'y']
			]).warnings
		).toEqual(['已忽略无法识别的列：「备注」「出题人」']);
		expect(
			parse([
				['题目', '答案', '题干'],
				['x', 'y']
			]).errors[0]?.message
		).toBe('「题干」列与「题目」列重复，请只保留一列');
	});

	it('says so when the file is empty', () => {
		expect(parse([[], ['', null]]).errors[0]?.message).toBe('文件里没有内容');
	});

	it('counts rows for the limit', () => {
		const rows: CellValue[][] = [['题目', '答案']];
		for (let i = 0; i < 20_000; i++) rows.push([`题${i}`, 'x']);
		expect(countNonEmptyRows(rows)).toBe(20_001);
		expect(rowLimitError(rows)).toBeNull();
		rows.push(['one more', 'x']);
		expect(rowLimitError(rows)).toBe(
			'文件有 20001 行题目，超过了单次导入 20000 行的上限，请拆分成多个文件'
		);
	});
});
