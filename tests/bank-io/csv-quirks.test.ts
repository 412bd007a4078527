// CSV quirks beyond RFC 4180 that spreadsheets produce or accept: text after a closing quote (read
// the Excel way, anywhere in a row and many times over), old Mac and mixed line breaks, and a bad
// quote's row number counted by records.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '$lib/server/bank-io/csv';

describe('parseCsv: text after a closing quote', () => {
	it('keeps it in the cell wherever the field is in the row', () => {
		expect(parseCsv('x,"a"b,y\n"c"d\nz,"e"f')).toEqual({
			rows: [['x', 'ab', 'y'], ['cd'], ['z', 'ef']]
		});
	});

	it('reads quotes inside the trailing text as typed, and doubled quotes before it as one', () => {
		expect(parseCsv('"say ""hi"""!,"a" "b",3')).toEqual({ rows: [['say "hi"!', 'a "b"', '3']] });
	});

	it('keeps the fields before and after it, quoted multi-line ones included', () => {
		expect(parseCsv('"l1\nl2","a"b,"c,d"\nnext')).toEqual({
			rows: [['l1\nl2', 'ab', 'c,d'], ['next']]
		});
	});

	it('handles several in one row and a delimiter at the very end', () => {
		expect(parseCsv('"a"1,"b"2,')).toEqual({ rows: [['a1', 'b2', '']] });
		expect(parseCsv('"a"1\n')).toEqual({ rows: [['a1']] });
	});

	it('still numbers an unclosed quote after a repaired field by its record', () => {
		expect(parseCsv('h\n"a"b,"c\nd"\nopen')).toEqual({
			rows: [['h'], ['ab', 'c\nd'], ['open']]
		});
		expect(parseCsv('h\n"a"b\n"never closed')).toEqual({
			error: 'CSV 格式错误：第 3 行有一个引号没有闭合'
		});
	});

	it('takes time linear in the rows when every row has one', () => {
		const csv = (n: number) => {
			const lines = ['题目,答案'];
			for (let i = 0; i < n; i++) lines.push(`"第${i}"题,A`);
			return lines.join('\n');
		};
		// The best of two runs each, and a ratio rather than a time: the machine may be busy.
		// Linear is ×10 for ten times the rows; re-reading the rest of the file per row is ×100.
		const best = (text: string) =>
			Math.min(
				...[0, 1].map(() => {
					const started = performance.now();
					parseCsv(text);
					return performance.now() - started;
				})
			);
		const small = csv(2_000);
		const big = csv(20_000);
		best(small); // warm up
		expect(best(big) / best(small)).toBeLessThan(40);
		const parsed = parseCsv(big);
		if (!('rows' in parsed)) throw new Error(parsed.error);
		expect(parsed.rows).toHaveLength(20_001);
		expect(parsed.rows[20_000]).toEqual(['第19999题', 'A']);
	});
});

describe('parseCsv: long records', () => {
	it('reads a quoted cell of many lines longer than papaparse is given at once', () => {
		const long = Array.from({ length: 300_000 }, (_, i) => `line ${i}`).join('\n');
		const parsed = parseCsv(`h,x\n"${long}",1\n"a"b,2\n"${long}"`);
		if (!('rows' in parsed)) throw new Error(parsed.error);
		expect(parsed.rows.map((r) => r.length)).toEqual([2, 2, 2, 1]);
		expect(parsed.rows[1]).toEqual([long, '1']);
		expect(parsed.rows[2]).toEqual(['ab', '2']);
		expect(parsed.rows[3]).toEqual([long]);
	});

	it('reports a quote never closed in a long file by its record', () => {
		const body = Array.from({ length: 100_000 }, (_, i) => `q${i},a`).join('\n');
		expect(parseCsv(`${body}\n"open\n${body}`)).toEqual({
			error: 'CSV 格式错误：第 100001 行有一个引号没有闭合'
		});
	});
});

describe('parseCsv: line breaks', () => {
	it('reads CR-only (old Mac) and mixed line breaks as row ends', () => {
		expect(parseCsv('a,b\rc,d\r\ne,f\ng,h')).toEqual({
			rows: [
				['a', 'b'],
				['c', 'd'],
				['e', 'f'],
				['g', 'h']
			]
		});
	});

	it('writes a line break inside a quoted cell as LF, as Excel does', () => {
		expect(parseCsv('"第一\r\n题",119\r\n')).toEqual({ rows: [['第一\n题', '119']] });
	});

	it('reads an empty text as no rows and a lone line break as one empty row', () => {
		expect(parseCsv('')).toEqual({ rows: [] });
		expect(parseCsv('\n')).toEqual({ rows: [['']] });
	});
});
