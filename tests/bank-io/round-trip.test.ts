// Export then import gives the same questions back: a bank covering every type and optional field,
// every shipped bank and quiz, through XLSX and through CSV. And the template imports cleanly.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseBankRows } from '$lib/domain/bank-import/parse-rows';
import { EXPORT_COLUMNS } from '$lib/domain/bank-import/columns';
import type { Question } from '$lib/domain/question';
import { loadLibrary } from '$lib/server/content/load-banks';
import { exportQuestions, type ExportFormat } from '$lib/server/bank-io/export';
import { readUpload } from '$lib/server/bank-io/read-upload';
import { buildTemplate, TEMPLATE_EXAMPLES } from '$lib/server/bank-io/template';
import { FULL_BANK } from './fixtures';

async function roundTrip(questions: readonly Question[], format: ExportFormat) {
	const file = await exportQuestions(questions, format);
	const table = await readUpload(file, `export.${format}`);
	if (!('rows' in table)) throw new Error(table.error);
	return parseBankRows(table.rows, { cellIssues: table.cellIssues });
}

describe.each(['xlsx', 'csv'] as const)('round trip through %s', (format) => {
	it('keeps every type and optional field', async () => {
		const r = await roundTrip(FULL_BANK, format);
		expect(r.errors).toEqual([]);
		expect(r.valid.map((v) => v.question)).toEqual(FULL_BANK);
	});

	it('keeps every shipped bank and quiz', async () => {
		const lib = await loadLibrary('question-banks');
		expect(lib.banks.length).toBeGreaterThan(5);
		for (const { questions } of [...lib.banks, ...lib.quizzes]) {
			const r = await roundTrip(questions, format);
			expect(r.errors).toEqual([]);
			expect(r.valid.map((v) => v.question)).toEqual(questions);
		}
	});
});

describe('export format', () => {
	it('writes Chinese headers, a bold frozen header and numbers for 分值/限时', async () => {
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await exportQuestions(FULL_BANK, 'xlsx')) as unknown as ExcelJS.Buffer);
		const ws = wb.worksheets[0];
		expect(ws?.name).toBe('题目');
		expect(ws?.getRow(1).values).toEqual([undefined, ...EXPORT_COLUMNS.map((c) => c.header)]);
		expect(ws?.getCell('A1').font?.bold).toBe(true);
		expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		const col = (header: string) => EXPORT_COLUMNS.findIndex((c) => c.header === header) + 1;
		expect(ws?.getRow(2).getCell(col('分值')).value).toBe(500);
		expect(ws?.getRow(2).getCell(col('限时')).value).toBe(30);
		expect(ws?.getRow(2).getCell(col('选项A')).value).toBe('110'); // an option stays text
	});

	it('writes CSV as UTF-8 with a BOM', async () => {
		const csv = await exportQuestions(FULL_BANK.slice(0, 1), 'csv');
		expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(csv.subarray(3).toString('utf8').split('\r\n')[0]).toBe(
			EXPORT_COLUMNS.map((c) => c.header).join(',')
		);
	});
});

describe('template', () => {
	it('has an example of each type that imports cleanly, and a 说明 sheet', async () => {
		const buf = await buildTemplate();
		const table = await readUpload(buf, '模板.xlsx');
		if (!('rows' in table)) throw new Error(table.error);
		expect(table.warnings).toEqual([]);
		const r = parseBankRows(table.rows, { cellIssues: table.cellIssues });
		expect(r.errors).toEqual([]);
		expect(r.valid.map((v) => v.question)).toEqual(TEMPLATE_EXAMPLES);
		expect(new Set(r.valid.map((v) => v.question.type))).toEqual(
			new Set(['single', 'multiple', 'truefalse', 'fillin', 'poll'])
		);

		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['题目', '说明']);
		const notes = wb.getWorksheet('说明');
		expect(notes?.getCell('A1').value).toBe('列名');
		const described = new Set(notes?.getColumn(1).values.map(String));
		for (const header of ['题型', '题目', '答案', '解析', '分值', '难度', '分类', '来源']) {
			expect(described.has(header)).toBe(true);
		}
	});
});
