// readUpload: size and row limits, formats chosen by extension and magic bytes, disguised files,
// and zip bombs (honest and lying central directories) — refused with a message, never a crash.
import { describe, expect, it } from 'vitest';
import { parseBankRows } from '$lib/domain/bank-import/parse-rows';
import { MAX_UPLOAD_BYTES, readUpload } from '$lib/server/bank-io/read-upload';
import { checkZip, ZIP_LIMITS } from '$lib/server/bank-io/zip-guard';
import { deflated, deflatedZeros, xlsxOf, XLSX_SKELETON, zipOf, type ZipSpec } from './fixtures';

function csvOfRows(n: number): Buffer {
	const lines = ['题型,题目,选项A,选项B,答案'];
	for (let i = 1; i <= n; i++) lines.push(`单选,第${i}题,甲,乙,A`);
	return Buffer.from(lines.join('\n'));
}

describe('limits', () => {
	it('accepts 20 000 rows and refuses 20 001', async () => {
		const ok = await readUpload(csvOfRows(20_000), 'big.csv');
		if (!('rows' in ok)) throw new Error(ok.error);
		const report = parseBankRows(ok.rows);
		expect(report.errors).toEqual([]);
		expect(report.valid).toHaveLength(20_000);
		expect(report.valid.at(-1)?.row).toBe(20_001);
		expect(await readUpload(csvOfRows(20_001), 'big.csv')).toEqual({
			status: 413,
			error: '文件有 20001 行题目，超过了单次导入 20000 行的上限，请拆分成多个文件'
		});
	});

	it('refuses 20 001 rows in an XLSX too', async () => {
		const rows = [['题目', '答案'], ...Array.from({ length: 20_001 }, (_, i) => [`第${i}题`, 'x'])];
		const result = await readUpload(await xlsxOf({ name: '题目', rows }), 'big.xlsx');
		expect(result).toMatchObject({ status: 413 });
	});

	it('refuses a file over 10 MB before reading it', async () => {
		const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x41);
		expect(await readUpload(big, 'big.csv')).toEqual({
			status: 413,
			error: '文件超过 10 MB，请拆分成多个文件后分别导入'
		});
		expect(await readUpload(Buffer.alloc(MAX_UPLOAD_BYTES + 1), 'big.xlsx')).toMatchObject({
			status: 413
		});
	});

	it('refuses an empty file', async () => {
		expect(await readUpload(Buffer.alloc(0), 'x.xlsx')).toEqual({
			status: 422,
			error: '文件是空的'
		});
	});
});

describe('formats', () => {
	it('refuses text or a PDF named .xlsx', async () => {
		expect(await readUpload(Buffer.from('题目,答案\n火警,119\n'), '题库.xlsx')).toEqual({
			status: 415,
			error: '文件扩展名是 .xlsx，但内容不是 Excel 工作簿：文件可能已损坏或被改了扩展名'
		});
		const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1');
		expect(await readUpload(pdf, '题库.xlsx')).toEqual({
			status: 415,
			error:
				'文件扩展名是 .xlsx，但内容不是 Excel 工作簿（它是 PDF 文件）：文件可能已损坏或被改了扩展名'
		});
		expect(await readUpload(pdf, '题库.csv')).toMatchObject({ status: 415 });
	});

	it('refuses .xls by name or by content, and explains an OLE file named .xlsx', async () => {
		const ole = Buffer.concat([
			Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
			Buffer.alloc(504)
		]);
		const xls = {
			status: 415,
			error:
				'不支持旧版 Excel 97-2003（.xls）文件：请在 Excel 或 WPS 中「另存为」Excel 工作簿（.xlsx）后再导入'
		};
		expect(await readUpload(ole, '题库.xls')).toEqual(xls);
		// Web systems often "export to Excel" as an HTML table named .xls.
		expect(await readUpload(Buffer.from('<table><tr><td>x</td></tr></table>'), 'e.xls')).toEqual(
			xls
		);
		expect(await readUpload(ole, '题库.csv')).toEqual(xls);
		expect(await readUpload(ole, '题库.xlsx')).toEqual({
			status: 415,
			error: expect.stringContaining('设置了打开密码')
		});
	});

	it('refuses other extensions', async () => {
		expect(await readUpload(Buffer.from('{}'), 'bank.json')).toEqual({
			status: 415,
			error: '不支持的文件类型 .json：请上传 .xlsx 或 .csv 文件（可下载模板参考）'
		});
		expect(await readUpload(Buffer.from('x'), 'noext')).toMatchObject({ status: 415 });
	});

	it('reads a real XLSX named .csv as XLSX, with a warning', async () => {
		const buf = await xlsxOf({
			name: '题目',
			rows: [
				['题目', '答案'],
				['火警', '119']
			]
		});
		const table = await readUpload(buf, '题库.CSV');
		expect(table).toMatchObject({
			rows: [
				['题目', '答案'],
				['火警', '119']
			],
			warnings: ['文件扩展名是 .csv，但内容是 Excel 工作簿，已按 .xlsx 读取']
		});
	});

	it('refuses a zip that is not a workbook (a .docx renamed)', async () => {
		const docx = zipOf([
			deflated('[Content_Types].xml', '<Types/>'),
			deflated('word/document.xml', '<w/>')
		]);
		expect(await readUpload(docx, '题库.xlsx')).toEqual({
			status: 422,
			error: '这不是 Excel 工作簿（.xlsx）：可能是其他格式（如 .docx、.ods）改了扩展名'
		});
	});

	it('refuses a truncated XLSX and a zip that exceljs cannot parse', async () => {
		const good = await xlsxOf({ name: '题目', rows: [['题目', '答案']] });
		expect(await readUpload(good.subarray(0, good.length - 30), 'x.xlsx')).toEqual({
			status: 422,
			error: '文件已损坏：不是有效的 XLSX（zip）结构'
		});
		const junk = zipOf([...XLSX_SKELETON, deflated('xl/worksheets/sheet1.xml', '<<<not xml')]);
		expect(await readUpload(junk, 'x.xlsx')).toMatchObject({ status: 422 });
	});
});

describe('zip bombs', () => {
	it('refuses a real 200 MB deflate of zeros by its declared size', async () => {
		const data = await deflatedZeros(200 * 1024 * 1024);
		expect(data.length).toBeLessThan(MAX_UPLOAD_BYTES);
		const bomb: ZipSpec = {
			name: 'xl/worksheets/sheet1.xml',
			data,
			method: 8,
			uncompressedSize: 200 * 1024 * 1024
		};
		expect(await readUpload(zipOf([...XLSX_SKELETON, bomb]), 'bomb.xlsx')).toEqual({
			status: 422,
			error: '文件解压后有 200 MB，超过 100 MB 上限，可能是压缩炸弹，已拒绝'
		});
	});

	it('refuses a ratio over 200:1 even under 100 MB', async () => {
		const size = 20 * 1024 * 1024;
		const bomb: ZipSpec = {
			name: 'xl/worksheets/sheet1.xml',
			data: await deflatedZeros(size),
			method: 8,
			uncompressedSize: size
		};
		expect(await readUpload(zipOf([...XLSX_SKELETON, bomb]), 'bomb.xlsx')).toEqual({
			status: 422,
			error: '文件压缩比异常（超过 200:1），可能是压缩炸弹，已拒绝'
		});
	});

	it('refuses a central directory that understates the sizes (inflation is counted)', async () => {
		const liar: ZipSpec = {
			name: 'xl/worksheets/sheet1.xml',
			data: await deflatedZeros(50 * 1024 * 1024),
			method: 8,
			uncompressedSize: 1000
		};
		expect(await checkZip(zipOf([...XLSX_SKELETON, liar]))).toEqual({
			error: '文件的压缩条目大小与声明不符（可能是伪造的压缩包），已拒绝'
		});
	});

	it('refuses forged huge sizes without inflating anything', async () => {
		const forged = {
			...deflated('xl/worksheets/sheet1.xml', '<x/>'),
			uncompressedSize: 0xfffffff0
		};
		expect(await checkZip(zipOf([...XLSX_SKELETON, forged]))).toMatchObject({
			error: expect.stringContaining('压缩炸弹')
		});
	});

	it('refuses too many entries', async () => {
		const many = Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_, i) =>
			deflated(`xl/media/${i}.txt`, 'x')
		);
		expect(await checkZip(zipOf([...XLSX_SKELETON, ...many]))).toEqual({
			error: `文件包含 ${ZIP_LIMITS.maxEntries + 3} 个压缩条目，不像正常的 XLSX，已拒绝`
		});
	});

	it('passes an ordinary workbook', async () => {
		const buf = await xlsxOf({
			name: '题目',
			rows: [
				['题目', '答案'],
				['火警', '119']
			]
		});
		const check = await checkZip(buf);
		expect('entries' in check && check.entries.map((e) => e.name)).toContain('xl/workbook.xml');
	});
});
