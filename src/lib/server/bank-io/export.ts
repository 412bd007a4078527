// Banks and quizzes → downloadable files in the import format (an export imports back unchanged).
import { NUMERIC_HEADERS, questionsToRows } from '../../domain/bank-import/export-rows';
import type { Question } from '../../domain/question';
import { encodeCsv } from './csv';
import { writeXlsx } from './xlsx';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	csv: 'text/csv; charset=utf-8'
};

export async function exportQuestions(
	questions: readonly Question[],
	format: ExportFormat
): Promise<Buffer> {
	const rows = questionsToRows(questions);
	return format === 'csv'
		? encodeCsv(rows)
		: writeXlsx(rows, { name: '题目', numericHeaders: NUMERIC_HEADERS });
}

/**
 * An attachment header that keeps a Chinese file name: an ASCII fallback for old clients, and
 * RFC 5987 `filename*` (UTF-8, percent-encoded) that every current browser prefers.
 */
export function contentDisposition(name: string, asciiFallback: string): string {
	// Characters Windows and macOS refuse in file names, and control characters.
	const cleaned = Array.from(name, (ch) => (ch.charCodeAt(0) < 0x20 || ch === '\x7f' ? '_' : ch))
		.join('')
		.replace(/[\\/:*?"<>|]+/g, '_')
		.trim();
	const safe = cleaned || asciiFallback;
	const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
	const encoded = encodeURIComponent(safe).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The `format` query parameter: xlsx when absent, null when not one we write. */
export function exportFormat(raw: string | null): ExportFormat | null {
	const f = (raw ?? 'xlsx').toLowerCase();
	return (EXPORT_FORMATS as readonly string[]).includes(f) ? (f as ExportFormat) : null;
}

/** A file download of questions, named after the bank or quiz title. */
export async function downloadResponse(
	questions: readonly Question[],
	format: ExportFormat,
	title: string,
	id: string
): Promise<Response> {
	const body = await exportQuestions(questions, format);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': CONTENT_TYPES[format],
			'content-disposition': contentDisposition(`${title}.${format}`, `${id}.${format}`),
			'cache-control': 'no-store'
		}
	});
}
