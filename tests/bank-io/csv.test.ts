// CSV: encodings (UTF-8 with and without BOM, GBK, UTF-16), the RFC 4180 parser, and the encoder.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, encodeCsv, parseCsv, sniffDelimiter } from '$lib/server/bank-io/csv';
import { readUpload } from '$lib/server/bank-io/read-upload';
import { parseBankRows } from '$lib/domain/bank-import/parse-rows';

const TEXT =
	'题型,题目,选项A,选项B,答案\r\n单选,发现火灾拨打？,119,110,A\r\n判断,电梯可用于逃生,,,错\r\n';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('decodeText', () => {
	it('reads UTF-8 with and without a BOM', () => {
		expect(decodeText(Buffer.concat([BOM, Buffer.from(TEXT)]))).toEqual({
			text: TEXT,
			warning: null
		});
		expect(decodeText(Buffer.from(TEXT))).toEqual({ text: TEXT, warning: null });
	});

	it('falls back to GBK when the bytes are not UTF-8, and says so', () => {
		const d = decodeText(iconv.encode(TEXT, 'gbk'));
		expect(d).toEqual({ text: TEXT, warning: expect.stringContaining('GBK') });
	});

	it('reads UTF-16 with a BOM (Excel "Unicode text")', () => {
		const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT, 'utf16le')]);
		expect(decodeText(le)).toEqual({ text: TEXT, warning: null });
		const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, 'utf16be')]);
		expect(decodeText(be)).toEqual({ text: TEXT, warning: null });
	});

	it('refuses binary content', () => {
		expect(decodeText(Buffer.from([0x50, 0x00, 0x01, 0x02]))).toEqual({
			error: '这不是 CSV 文本文件（内容是二进制数据）'
		});
	});
});

describe('parseCsv', () => {
	it('handles quotes, doubled quotes, CRLF/LF and newlines inside quotes', () => {
		const text = 'a,"b,1","say ""hi"""\r\n"multi\nline",,x\nlast,"",y';
		expect(parseCsv(text)).toEqual({
			rows: [
				['a', 'b,1', 'say "hi"'],
				['multi\nline', '', 'x'],
				['last', '', 'y']
			]
		});
	});

	it('keeps stray quotes inside unquoted fields, and a final line without newline', () => {
		expect(parseCsv('5"寸,"a"b\nz')).toEqual({ rows: [['5"寸', 'ab'], ['z']] });
	});

	it('keeps empty lines as empty rows so row numbers stay those Excel shows', () => {
		expect(parseCsv('h\n\nx\n')).toEqual({ rows: [['h'], [''], ['x']] });
	});

	it('reports an unclosed quote with its row', () => {
		expect(parseCsv('h\nok\n"never closed,\nmore')).toEqual({
			error: 'CSV 格式错误：第 3 行有一个引号没有闭合'
		});
	});

	it('sniffs tab and semicolon delimiters', () => {
		expect(sniffDelimiter('题目\t答案\nx\ty')).toBe('\t');
		expect(sniffDelimiter('题目;答案')).toBe(';');
		expect(sniffDelimiter('题目,答案')).toBe(',');
		expect(sniffDelimiter('题目')).toBe(',');
		expect(parseCsv('题目\t答案\r\nx,1\ty')).toEqual({
			rows: [
				['题目', '答案'],
				['x,1', 'y']
			]
		});
	});
});

describe('encodeCsv', () => {
	it('writes a BOM, CRLF, quotes where needed and guards formula-like cells', () => {
		const out = encodeCsv([
			['a', 'b,c', 'd"e', 'f\ng', ' pad'],
			['=1+1', '-5', '+86', '@x', 'ok']
		]);
		expect(out.subarray(0, 3)).toEqual(BOM);
		expect(out.subarray(3).toString('utf8')).toBe(
			'a,"b,c","d""e","f\ng"," pad"\r\n\'=1+1,\'-5,\'+86,\'@x,ok\r\n'
		);
	});
});

describe('CSV uploads end to end', () => {
	const expected = [
		{ type: 'single', stem: '发现火灾拨打？', options: ['119', '110'], answer: 'A' },
		{ type: 'truefalse', stem: '电梯可用于逃生', answer: false }
	];

	it.each([
		['UTF-8 with BOM', Buffer.concat([BOM, Buffer.from(TEXT)])],
		['UTF-8 without BOM', Buffer.from(TEXT)],
		['GBK', iconv.encode(TEXT, 'gbk')],
		[
			'UTF-16LE tab-separated',
			Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT.replace(/,/g, '\t'), 'utf16le')])
		]
	])('%s', async (_name, buf) => {
		const table = await readUpload(buf, '题库.csv');
		if (!('rows' in table)) throw new Error(table.error);
		const r = parseBankRows(table.rows);
		expect(r.errors).toEqual([]);
		expect(r.valid.map((v) => v.question)).toEqual(expected);
	});

	it('numbers rows by record even when a cell spans lines', async () => {
		const csv = '题目,答案\r\n"第一\r\n题",119\r\n第二题,\r\n';
		const table = await readUpload(Buffer.from(csv), 'x.csv');
		if (!('rows' in table)) throw new Error(table.error);
		expect(parseBankRows(table.rows).errors).toEqual([
			{ row: 3, column: '答案', message: '答案为空' }
		]);
	});
});
