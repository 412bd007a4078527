// Tables to downloads, shared by the exports that stream (contest data, game results): sheets of
// text rows come in as async pages, each page is written and let go, and the file streams out as it
// is made — XLSX through exceljs's streaming WorkbookWriter, CSV a page of lines at a time after a
// UTF-8 BOM (without it Excel on Chinese Windows misreads the file).
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { shanghaiDate } from '../../domain/contest/calendar';
import { csvLines, UTF8_BOM } from './csv';
import { contentDisposition, CONTENT_TYPES, type ExportFormat } from './export';

export type Rows = readonly (readonly string[])[];

/** One sheet of an export: its header, and its other rows a page at a time. */
export interface ExportSheet {
	name: string;
	header: readonly string[];
	pages: AsyncIterable<Rows>;
	/** Headers whose cells are numbers in XLSX (so that Excel sorts and sums them). */
	numeric?: readonly string[];
	widths?: Readonly<Record<string, number>>;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

function typedCells(row: readonly string[], numeric: ReadonlySet<number>): (string | number)[] {
	return row.map((c, i) => (numeric.has(i) && NUMBER.test(c) ? Number(c) : c));
}

/** Waits while the reader is behind, so a slow download does not pile the file up in memory. */
async function drained(out: PassThrough): Promise<void> {
	if (out.writableNeedDrain) await once(out, 'drain');
	else await new Promise((resolve) => setImmediate(resolve));
}

async function writeXlsx(sheets: readonly ExportSheet[], out: PassThrough): Promise<void> {
	const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
	wb.creator = 'Anda';
	for (const sheet of sheets) {
		const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
		ws.columns = sheet.header.map((h) => ({ key: h, width: sheet.widths?.[h] ?? 12 }));
		const numeric = new Set(
			sheet.header.flatMap((h, i) => (sheet.numeric?.includes(h) ? [i] : []))
		);
		const head = ws.addRow([...sheet.header]);
		head.font = { bold: true };
		head.commit();
		for await (const page of sheet.pages) {
			for (const row of page) ws.addRow(typedCells(row, numeric)).commit();
			await drained(out);
		}
		ws.commit();
	}
	await wb.commit();
}

async function writeCsv(sheet: ExportSheet, out: PassThrough): Promise<void> {
	out.write(Buffer.concat([UTF8_BOM, Buffer.from(csvLines([sheet.header]), 'utf8')]));
	for await (const page of sheet.pages) {
		if (page.length > 0) out.write(csvLines(page));
		await drained(out);
	}
	out.end();
}

/** Runs a writer into a fresh stream; a failure (a store error mid-export) ends the download. */
function streamed(write: (out: PassThrough) => Promise<void>): Readable {
	const out = new PassThrough();
	write(out).catch((err: unknown) =>
		out.destroy(err instanceof Error ? err : new Error(String(err)))
	);
	return out;
}

/** The sheets as one XLSX workbook, streamed. */
export function xlsxStream(sheets: readonly ExportSheet[]): Readable {
	return streamed((out) => writeXlsx(sheets, out));
}

/** One sheet as UTF-8 CSV with a BOM (so that Excel on Chinese Windows reads it right), streamed. */
export function csvStream(sheet: ExportSheet): Readable {
	return streamed((out) => writeCsv(sheet, out));
}

/** `<title>-<what>-<date>.<format>`, dated by the day of the export (Beijing time). */
export function exportFileName(title: string, what: string, now: number, format: ExportFormat) {
	return `${title}-${what}-${shanghaiDate(now)}.${format}`;
}

/** A download a SvelteKit endpoint returns as it is: the body streams while it is written. */
export function exportResponse(
	body: Readable,
	format: ExportFormat,
	filename: string,
	asciiFallback: string
): Response {
	return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
		headers: {
			'content-type': CONTENT_TYPES[format],
			'content-disposition': contentDisposition(filename, asciiFallback),
			'cache-control': 'no-store'
		}
	});
}
