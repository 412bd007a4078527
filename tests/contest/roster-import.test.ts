// Unit and roster uploads end to end (bytes + file name → units/rows or a refusal), and the two
// templates: each is read back by its own importer and gives exactly its example rows.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
	importRoster,
	importUnits,
	rosterTemplate,
	unitTemplate
} from '$lib/server/contests/roster-import';

const csv = (lines: string[]) => Buffer.from('\ufeff' + lines.join('\r\n'), 'utf8');

describe('templates', () => {
	it('the unit template imports as its two examples', async () => {
		const r = await importUnits(await unitTemplate(), '单位模板.xlsx');
		expect(r).toMatchObject({
			ok: true,
			units: [
				{ name: '安全环保部（示例）', headcount: 120 },
				{ name: '第一分公司（示例，人数可留空）', headcount: null }
			]
		});
		if (r.ok) expect(r.report.errors).toEqual([]);
	});

	it('the roster template imports as its two examples, the employee numbers as text', async () => {
		const buf = await rosterTemplate();
		const r = await importRoster(buf, '名单模板.xlsx');
		expect(r).toMatchObject({
			ok: true,
			rows: [
				{ employeeNo: 'E0001', name: '张三（示例）', unit: '安全环保部' },
				{ employeeNo: 'E0002', name: '李四（示例）', unit: '第一分公司' }
			]
		});
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
		const ws = wb.worksheets[0]!;
		expect(ws.name).toBe('名单');
		expect(ws.getRow(1).values).toEqual([undefined, '工号', '姓名', '单位']);
		expect(ws.getColumn(1).numFmt).toBe('@');
	});
});

describe('importRoster', () => {
	it('takes a roster larger than a bank may be (25 000 rows of CSV)', async () => {
		const lines = ['工号,姓名,单位'];
		for (let i = 0; i < 25_000; i++) lines.push(`E${i},员工${i},第${i % 30}车间`);
		const r = await importRoster(csv(lines), 'roster.csv');
		if (!r.ok) throw new Error(r.message);
		expect(r.rows).toHaveLength(25_000);
		expect(r.rows[24_999]).toEqual({ employeeNo: 'E24999', name: '员工24999', unit: '第9车间' });
	});

	it('keeps the good rows and reports the bad ones', async () => {
		const r = await importRoster(csv(['工号,姓名,单位', 'E1,张三,甲', 'E1,李四,乙']), 'r.csv');
		expect(r).toMatchObject({
			ok: true,
			rows: [{ employeeNo: 'E1', name: '张三', unit: '甲' }],
			report: { errors: [{ row: 3, column: '工号', message: '工号重复（与第 2 行相同）' }] }
		});
	});

	it('refuses a file it cannot read, and one with no usable row, with a Chinese message', async () => {
		expect(await importRoster(Buffer.from('%PDF-1.4 ...'), '名单.pdf')).toEqual({
			ok: false,
			status: 415,
			message: '不支持的文件类型 .pdf：请上传 .xlsx 或 .csv 文件（可下载模板参考）'
		});
		expect(await importRoster(csv(['姓名,单位', '张三,甲']), 'r.csv')).toMatchObject({
			ok: false,
			status: 422,
			message: '第 1 行：缺少「工号」列（也可写作「员工编号」）'
		});
		expect(await importRoster(csv(['工号,姓名,单位']), 'r.csv')).toMatchObject({
			ok: false,
			status: 422,
			message: '文件里没有人员'
		});
	});
});

describe('importUnits', () => {
	it('refuses more units than the limit before parsing', async () => {
		const lines = ['单位'];
		for (let i = 0; i <= 20_000; i++) lines.push(`单位${i}`);
		expect(await importUnits(csv(lines), 'units.csv')).toEqual({
			ok: false,
			status: 413,
			message: '文件有 20001 行单位，超过了单次导入 20000 行的上限，请拆分成多个文件'
		});
	});

	it("passes on the reader's warnings (a GBK file)", async () => {
		const iconv = (await import('iconv-lite')).default;
		const r = await importUnits(iconv.encode('单位名称,人数\r\n安全部,12\r\n', 'gbk'), 'u.csv');
		expect(r).toMatchObject({ ok: true, units: [{ name: '安全部', headcount: 12 }] });
		if (r.ok) expect(r.report.warnings[0]).toMatch(/已按 GBK 编码读取/);
	});
});
