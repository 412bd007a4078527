// The import template (XLSX): an example row of each question type and a 说明 sheet.
import { CONTENT_TYPES, contentDisposition } from '$lib/server/bank-io/export';
import { buildTemplate } from '$lib/server/bank-io/template';
import type { RequestHandler } from './$types';

// Built once per process: it never changes while the server runs.
let template: Promise<Buffer> | null = null;

export const GET: RequestHandler = async () => {
	template ??= buildTemplate().catch((e: unknown) => {
		template = null; // try again on the next request
		throw e;
	});
	return new Response(new Uint8Array(await template), {
		headers: {
			'content-type': CONTENT_TYPES.xlsx,
			'content-disposition': contentDisposition('安答题库导入模板.xlsx', 'anda-bank-template.xlsx')
		}
	});
};
