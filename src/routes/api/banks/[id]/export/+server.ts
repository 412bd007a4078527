// Downloads a bank in the import format: GET ?format=xlsx (default) | csv.
import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { downloadResponse, exportFormat } from '$lib/server/bank-io/export';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	const format = exportFormat(url.searchParams.get('format'));
	if (!format) error(400, '导出格式只能是 xlsx 或 csv');
	const ctx = await appContext();
	const bank = await ctx.banks.getBank(params.id);
	if (!bank) error(404, '找不到这个题库');
	return downloadResponse(bank.questions, format, bank.title, bank.id);
};
