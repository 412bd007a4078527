// Calling a download endpoint as SvelteKit does, and reading what it sends: the handler's response
// (or SvelteKit's error() as the response it becomes), an XLSX workbook read back with exceljs,
// a CSV (with its BOM checked) parsed with the project's own parser.
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { AppContext } from '../../src/lib/server/app-context';
import { decodeText, parseCsv } from '../../src/lib/server/bank-io/csv';

type Handler<E> = (event: E) => Response | Promise<Response>;

/** GET `path` (with its query) through `handler`, signed in with a session token or signed out. */
export async function callHandler<E>(
	handler: Handler<E>,
	ctx: AppContext,
	path: string,
	params: Record<string, string>,
	token: string | null
): Promise<Response> {
	const auth = token ? await ctx.auth.validateSessionToken(token) : null;
	const locals = { user: auth?.user ?? null, session: auth?.session ?? null } as App.Locals;
	const url = new URL(`http://anda.test${path}`);
	const event = { params, url, locals, request: new Request(url) } as unknown as E;
	try {
		return await handler(event);
	} catch (e) {
		const thrown = e as { status?: number; body?: { message: string } };
		if (typeof thrown.status !== 'number') throw e;
		return new Response(JSON.stringify(thrown.body), { status: thrown.status });
	}
}

/** Every sheet of an XLSX download, by name: its rows of cell values ('' for an empty cell). */
export async function xlsxSheets(res: Response): Promise<Record<string, unknown[][]>> {
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toBe(
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
	);
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
	const out: Record<string, unknown[][]> = {};
	for (const ws of wb.worksheets) {
		const rows: unknown[][] = [];
		ws.eachRow((row) => {
			const cells: unknown[] = [];
			for (let c = 1; c <= ws.columnCount; c++) cells.push(row.getCell(c).value ?? '');
			rows.push(cells);
		});
		out[ws.name] = rows;
	}
	return out;
}

/** A CSV download's rows (blank lines dropped), after checking its type and UTF-8 BOM. */
export async function csvRows(res: Response): Promise<string[][]> {
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
	const bytes = Buffer.from(await res.arrayBuffer());
	// The BOM makes Excel read the file as UTF-8 (the Chinese right).
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const text = decodeText(bytes);
	if ('error' in text) throw new Error(text.error);
	const parsed = parseCsv(text.text);
	if ('error' in parsed) throw new Error(parsed.error);
	return parsed.rows.filter((r) => r.some((c) => c !== ''));
}

/** Rows as header → cell records, to read a column by its name. */
export function records(rows: unknown[][]): Record<string, unknown>[] {
	const [head, ...rest] = rows;
	return rest.map((r) => Object.fromEntries((head ?? []).map((h, i) => [String(h), r[i]])));
}

/** A refusal with its status and a message a person can read. */
export async function refusal(res: Response, status: number, message: RegExp): Promise<void> {
	expect(res.status).toBe(status);
	expect(((await res.json()) as { message: string }).message).toMatch(message);
}
