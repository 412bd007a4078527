// CSV in and out. Chinese Excel saves CSV as GBK without a BOM, newer Excel and WPS as UTF-8 with
// or without one, "Unicode text" as UTF-16 with tabs; all of these decode here. Parsing is
// papaparse's, so that row numbers are those Excel shows: one record = one row, however many
// lines its quoted cells span, and an empty line is an empty row.
import iconv from 'iconv-lite';
import Papa from 'papaparse';

export type Decoded = { text: string; warning: string | null } | { error: string };

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

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

// papaparse reads the text a window at a time, each ending at a line break. A window that cuts a
// multi-line record is re-read from that record, larger. Where papaparse meets text after a
// closing quote it would search on for a better closing quote, so the window is small after one:
// that keeps a file full of them linear.
const WINDOW_MIN = 1024;
const WINDOW_MAX = 1024 * 1024;

/**
 * Records of `text`, lenient where Excel is: a stray quote inside an unquoted field is text, and
 * after a quoted field's closing quote the rest of the cell is kept (`"a"b` reads as `ab`).
 * Line breaks are CRLF, LF or CR, even mixed in one file; inside a quoted cell they come out as LF,
 * the way Excel itself writes a line break within a cell.
 */
export function parseCsv(text: string, delimiter = sniffDelimiter(text)): ParsedCsv {
	const src = text.replace(/\r\n?/g, '\n');
	const rows: string[][] = [];
	let pos = 0;
	let carry: string[] | null = null; // fields already read of a row cut by a malformed field
	let window = WINDOW_MAX;
	while (pos < src.length) {
		const wanted = Math.min(src.length, pos + window);
		const lineEnd = src.indexOf('\n', wanted - 1);
		const end = lineEnd < 0 ? src.length : lineEnd + 1;
		const run = parseWindow(src, pos, end, delimiter, rows, carry);
		if (run.kind === 'unclosed') {
			return { error: `CSV 格式错误：第 ${rows.length + 1} 行有一个引号没有闭合` };
		}
		if (run.kind === 'cut') {
			// A quoted cell runs past the window: read again from its record, with more text.
			if (run.rowStart === pos) window *= 2;
			else carry = null;
			pos = run.rowStart;
			continue;
		}
		if (run.kind === 'read') {
			carry = null;
			pos = end;
			window = Math.min(window * 2, WINDOW_MAX);
			continue;
		}
		const cell = excelQuotedCell(src, run.fieldStart, delimiter);
		carry = [...run.before, cell.value];
		window = WINDOW_MIN;
		if (src[cell.end] === delimiter) {
			pos = cell.end + 1;
			// A delimiter as the very last character leaves one empty cell.
			if (pos === src.length) rows.push([...carry, '']);
			continue;
		}
		rows.push(carry);
		carry = null;
		pos = cell.end + 1; // past the line break, or past the end
	}
	return { rows };
}

type WindowRun =
	| { kind: 'read' }
	| { kind: 'unclosed' }
	/** The record starting at `rowStart` goes on past the window. */
	| { kind: 'cut'; rowStart: number }
	/** A quoted field at `fieldStart` has text after its closing quote; `before` are the fields
	 * of its row before it. */
	| { kind: 'malformed'; fieldStart: number; before: string[] };

/** Parses src[pos, end) with papaparse, appending its complete rows, up to a bad quote. */
function parseWindow(
	src: string,
	pos: number,
	end: number,
	delimiter: string,
	rows: string[][],
	carry: string[] | null
): WindowRun {
	const input = src.slice(pos, end);
	const last = end === src.length;
	const first = rows.length;
	let rowStart = pos;
	let stop: WindowRun | null = null;
	Papa.parse<string[]>(input, {
		delimiter,
		newline: '\n',
		quoteChar: '"',
		skipEmptyLines: false,
		step(result, parser) {
			const problem = result.errors[0];
			// papaparse gives quote errors an index just past the opening quote, relative to `input`.
			if (problem?.code === 'InvalidQuotes' && problem.index !== undefined) {
				const fieldStart = pos + problem.index - 1;
				const own = fieldsBefore(src, rowStart, fieldStart, delimiter);
				const before = rows.length === first && carry ? [...carry, ...own] : own;
				stop = { kind: 'malformed', fieldStart, before };
			} else if (problem?.code === 'MissingQuotes') {
				stop = last ? { kind: 'unclosed' } : { kind: 'cut', rowStart };
			} else {
				const fields = result.data;
				rows.push(rows.length === first && carry ? [...carry, ...fields] : fields);
				rowStart = pos + result.meta.cursor;
				return;
			}
			parser.abort();
		}
	});
	if (stop) return stop;
	// The line break ending the window's last record starts no row (papaparse reports an empty one).
	if (input.endsWith('\n')) rows.pop();
	return { kind: 'read' };
}

/** The well-formed fields of a row from `rowStart` up to the delimiter before `fieldStart`. */
function fieldsBefore(src: string, rowStart: number, fieldStart: number, delimiter: string) {
	if (fieldStart <= rowStart) return [];
	const parsed = Papa.parse<string[]>(src.slice(rowStart, fieldStart), {
		delimiter,
		newline: '\n',
		quoteChar: '"'
	});
	// The text ends with the delimiter, so papaparse adds an empty last field: not a real one.
	return (parsed.data[0] ?? []).slice(0, -1);
}

/**
 * A quoted field as Excel reads it: the quoted part ("" is a quote), then whatever follows the
 * closing quote up to the next delimiter or line break, kept as typed.
 */
function excelQuotedCell(src: string, start: number, delimiter: string) {
	let value = '';
	let i = start + 1;
	for (;;) {
		const q = src.indexOf('"', i);
		// papaparse only calls a field malformed once it has seen its closing quote.
		if (q < 0) throw new Error('unreachable: malformed quoted field without a closing quote');
		value += src.slice(i, q);
		if (src[q + 1] === '"') {
			value += '"';
			i = q + 2;
		} else {
			i = q + 1;
			break;
		}
	}
	const nextDelimiter = src.indexOf(delimiter, i);
	const nextBreak = src.indexOf('\n', i);
	const ends = [nextDelimiter, nextBreak].filter((n) => n >= 0);
	const end = ends.length ? Math.min(...ends) : src.length;
	return { value: value + src.slice(i, end), end };
}

/** Cells Excel would run as formulas (=, +, -, @) get a leading apostrophe; import removes it. */
function guard(cell: string): string {
	return /^[=+\-@]/.test(cell) ? `'${cell}` : cell;
}

function quote(cell: string): string {
	return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows → CSV lines, each ending in CRLF (a streamed export writes them a page at a time). */
export function csvLines(rows: readonly (readonly string[])[]): string {
	return rows.map((r) => r.map((c) => quote(guard(c))).join(',') + '\r\n').join('');
}

/** Rows → UTF-8 CSV with a BOM (without it Excel on Chinese Windows reads the file as GBK). */
export function encodeCsv(rows: readonly (readonly string[])[]): Buffer {
	return Buffer.concat([UTF8_BOM, Buffer.from(csvLines(rows), 'utf8')]);
}
