// The downloadable import template: the export format with one example row of each question type,
// drop-down lists for 题型 and 难度, and a second sheet 说明 explaining every column. The examples
// are built as Questions and written through questionsToRows, so the template can never drift from
// what the importer accepts (a test imports it).
import ExcelJS from 'exceljs';
import { DIFFICULTY_LABELS } from '../../domain/bank-import/answers';
import { EXPORT_COLUMNS } from '../../domain/bank-import/columns';
import { NUMERIC_HEADERS, questionsToRows } from '../../domain/bank-import/export-rows';
import { MAX_IMPORT_ROWS } from '../../domain/bank-import/parse-rows';
import type { Question } from '../../domain/question';
import { QUESTION_TYPE_LABELS } from '../../domain/question-types';
import {
	OPTION_COUNT,
	POINTS,
	rangeDash,
	TAG_COUNT,
	TEXT_MAX,
	TIME_LIMIT
} from '../../domain/limits';
import { addTableSheet, workbookBuffer } from './xlsx';

/** exceljs has worksheet.dataValidations at runtime but not in its type declarations. */
type WithValidations = ExcelJS.Worksheet & {
	dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
};

export const TEMPLATE_EXAMPLES: Question[] = [
	{
		type: 'single',
		stem: '（示例）发现火灾后，应拨打哪个电话报警？',
		options: ['110', '119', '120', '122'],
		answer: 'B',
		explanation: '119 是火警电话。',
		difficulty: 1,
		category: '消防安全',
		source: '《中华人民共和国消防法》第四十四条',
		tags: ['报警'],
		timeLimit: 20
	},
	{
		type: 'multiple',
		stem: '（示例）燃烧必须同时具备的条件有？',
		options: ['可燃物', '助燃物', '引火源', '水蒸气'],
		answer: ['A', 'B', 'C'],
		explanation: '可燃物、助燃物和引火源称为燃烧三要素。',
		difficulty: 2,
		category: '消防安全'
	},
	{
		type: 'truefalse',
		stem: '（示例）发生火灾时可以乘坐电梯逃生。',
		answer: false,
		explanation: '火灾时电梯可能断电或成为烟囱，应走安全出口和疏散楼梯。',
		difficulty: 1,
		category: '消防安全'
	},
	{
		type: 'fillin',
		stem: '（示例）我国的火警电话是____。',
		answer: ['119', '幺幺九'],
		explanation: '多个可接受的答案用 | 分隔。',
		category: '消防安全'
	},
	{
		type: 'poll',
		stem: '（示例）你家里配备了灭火器吗？',
		options: ['有', '没有', '不清楚']
	}
];

const NOTES: Record<string, [required: string, note: string]> = {
	题型: [
		'可选',
		`${Object.values(QUESTION_TYPE_LABELS.zh).join('、')}（也可写 单选/多选/判断/填空/投票 或英文 single/multiple/truefalse/fillin/poll）。留空时按选项和答案推断`
	],
	题目: ['必填', `题干，最多 ${TEXT_MAX.stem} 字；也可写作「题干」。同一文件内题目不能重复`],
	选项A: [
		'选择题、投票题必填',
		`选项 A–F 依次填写，至少 ${OPTION_COUNT.min} 个（每个最多 ${TEXT_MAX.option} 字），中间不能空；判断题、填空题留空`
	],
	答案: [
		'投票题以外必填',
		'单选：一个字母，如 B；多选：多个字母，如 ABD、A,B,D 或 A、B、D；判断：对/错、正确/错误、√/×、T/F；填空：多个可接受答案用 | 或 ； 分隔'
	],
	解析: ['可选', `答题后展示的解析，最多 ${TEXT_MAX.explanation} 字`],
	分值: ['可选', `${rangeDash(POINTS)} 的整数；填写后该题按此分值计分，不再使用测验的统一分值`],
	难度: ['可选', `1/2/3，或 易/中/难，或 ${Object.values(DIFFICULTY_LABELS).join('/')}`],
	分类: ['可选', `如 消防安全，最多 ${TEXT_MAX.category} 字`],
	来源: ['可选', `出处或法规依据，最多 ${TEXT_MAX.source} 字`],
	标签: ['可选', `多个标签用 、 或 , 分隔，最多 ${TAG_COUNT.max} 个`],
	限时: ['可选', `本题答题时间（秒），${rangeDash(TIME_LIMIT)}；留空使用测验设置`],
	编号: ['可选', '小写字母、数字和连字符，如 fire-001；留空即可']
};

function notesSheet(wb: ExcelJS.Workbook): void {
	const rows: string[][] = [['列名', '是否必填', '说明']];
	for (const c of EXPORT_COLUMNS) {
		if (/^选项[B-F]$/.test(c.header)) continue;
		const [required, note] = NOTES[c.header] ?? ['可选', ''];
		rows.push([c.header === '选项A' ? '选项A … 选项F' : c.header, required, note]);
	}
	rows.push([]);
	rows.push(['', '', '第一行是列名，从第二行起每行一道题；空行会被忽略。']);
	rows.push(['', '', '「（示例）」开头的 5 行是各题型的示例，导入前请删除或替换。']);
	rows.push([
		'',
		'',
		`单个文件最多 ${MAX_IMPORT_ROWS} 道题、10 MB；不要合并单元格，公式请改为直接填写内容。`
	]);
	rows.push(['', '', '也可以在 Excel 中另存为 CSV（UTF-8 或 GBK 均可）后导入。']);
	const ws = addTableSheet(wb, rows, { name: '说明' });
	ws.getColumn(1).width = 16;
	ws.getColumn(2).width = 18;
	ws.getColumn(3).width = 90;
	ws.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
}

/** The template as an XLSX file. */
export async function buildTemplate(): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Anda';
	const rows = questionsToRows(TEMPLATE_EXAMPLES);
	const ws = addTableSheet(wb, rows, {
		name: '题目',
		numericHeaders: NUMERIC_HEADERS
	}) as WithValidations;
	const col = (header: string) => EXPORT_COLUMNS.findIndex((c) => c.header === header) + 1;
	const lastRow = MAX_IMPORT_ROWS + 1;
	const lists: [string, string[]][] = [
		['题型', Object.values(QUESTION_TYPE_LABELS.zh)],
		['难度', Object.values(DIFFICULTY_LABELS)]
	];
	for (const [header, values] of lists) {
		const letter = ws.getColumn(col(header)).letter;
		// A hint, not a cage: the importer accepts many more spellings than the list shows.
		ws.dataValidations.add(`${letter}2:${letter}${lastRow}`, {
			type: 'list',
			allowBlank: true,
			showErrorMessage: false,
			formulae: [`"${values.join(',')}"`]
		});
	}
	notesSheet(wb);
	return workbookBuffer(wb);
}
