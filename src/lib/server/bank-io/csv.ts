// CSV in and out. Chinese Excel saves CSV as GBK without a BOM, newer Excel and WPS as UTF-8 with
// or without one, "Unicode text" as UTF-16 with tabs; all of these decode here. The parser is a
// small RFC 4180 one (quotes, doubled quotes, CRLF/LF, newlines inside quotes) so that row numbers
// are those Excel shows: one record = one row, however many lines it spans.
import iconv from 'iconv-lite';

export type Decoded = { text: string; warning: string | null } | { error: string };

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Bytes → text: BOM first, else UTF-8 if it decodes cleanly, else GBK (read as GB18030, its superset). */
export function decodeText(buf: Buffer): Decoded {
	if (buf[0] === 0xff && buf[1] === 0xfe)
		return { text: iconv.decode(buf.subarray(2), 'utf16le'), warning: null };
	if (buf[0] === 0xfe && buf[1] === 0xff)
		return { text: iconv.decode(buf.subarray(2), 'utf16be'), warning: null };
	// A NUL byte never occurs in UTF-8 or GBK text: this is a binary file with a .csv name.
	if (buf.subarray(0, 64 * 1024).includes(0))
		return { error: '这不是 CSV 文本文件（内容是二进制数据）' };
	if (buf.subarray(0, 3).equals(UTF8_BOM)) {
		return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), warning: null };
	}
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), warning: null };
	} catch {
		return {
			text: iconv.decode(buf, 'gb18030'),
			warning:
				'文件不是 UTF-8 编码，已按 GBK 编码读取；如有乱码，请在 Excel 中另存为「CSV UTF-8」后重新导入'
		};
	}
}

/** Comma unless the first line has more tabs (Excel "Unicode text") or semicolons (some locales). */
export function sniffDelimiter(text: string): string {
	const end = text.search(/\r|\n/);
	const first = end < 0 ? text : text.slice(0, end);
	const count = (ch: string) => first.split(ch).length - 1;
	const candidates = [',', '\t', ';'].map((d) => [d, count(d)] as const);
	const best = candidates.reduce((a, b) => (b[1] > a[1] ? b : a));
	return best[1] > 0 ? best[0] : ',';
}

export type ParsedCsv = { rows: string[][] } | { error: string };

/** RFC 4180, lenient where Excel is: a stray quote inside an unquoted field is kept as text. */
export function parseCsv(text: string, delimiter = sniffDelimiter(text)): ParsedCsv {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let i = 0;
	const n = text.length;
	const endRow = () => {
		row.push(field);
		rows.push(row);
		row = [];
		field = '';
	};
	while (i < n) {
		const c = text[i];
		if (c === '"' && field === '') {
			// Quoted field: runs to the closing quote; "" is a literal quote.
			const startRow = rows.length + 1;
			i++;
			let quoted = '';
			for (;;) {
				const q = text.indexOf('"', i);
				if (q < 0) return { error: `CSV 格式错误：第 ${startRow} 行有一个引号没有闭合` };
				quoted += text.slice(i, q);
				if (text[q + 1] === '"') {
					quoted += '"';
					i = q + 2;
				} else {
					i = q + 1;
					break;
				}
			}
			field = quoted;
			// Anything between the closing quote and the delimiter is kept (Excel does the same).
			continue;
		}
		if (c === delimiter) {
			row.push(field);
			field = '';
			i++;
		} else if (c === '\r' || c === '\n') {
			endRow();
			i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
		} else {
			// Plain run up to the next special character.
			let j = i + 1;
			while (j < n && text[j] !== delimiter && text[j] !== '\r' && text[j] !== '\n') j++;
			field += text.slice(i, j);
			i = j;
		}
	}
	if (field !== '' || row.length > 0) endRow();
	return { rows };
}

/** Cells Excel would run as formulas (=, +, -, @) get a leading apostrophe; import removes it. */
function guard(cell: string): string {
	return /^[=+\-@]/.test(cell) ? `'${cell}` : cell;
}

function quote(cell: string): string {
	return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows → UTF-8 CSV with a BOM (without it Excel on Chinese Windows reads the file as GBK). */
export function encodeCsv(rows: readonly (readonly string[])[]): Buffer {
	const text = rows.map((r) => r.map((c) => quote(guard(c))).join(',')).join('\r\n') + '\r\n';
	return Buffer.concat([UTF8_BOM, Buffer.from(text, 'utf8')]);
}
