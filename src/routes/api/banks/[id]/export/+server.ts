// Downloads a bank in the import format: GET ?format=xlsx (default) | csv. The file holds every
// answer and explanation (a shipped quiz's questions come from the shipped banks), so only a member
// of an organisation gets it (401 signed out, 403 outside any), and only a bank they can read: their
// organisation's own or a shared one; another organisation's is 404.
import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { requireKeyReader } from '$lib/server/auth/kit';
import { downloadResponse, exportFormat } from '$lib/server/bank-io/export';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, locals }) => {
	const ctx = await appContext();
	const { scope } = await requireKeyReader(ctx.orgs, locals);
	const format = exportFormat(url.searchParams.get('format'));
	if (!format) error(400, '导出格式只能是 xlsx 或 csv');
	const bank = await ctx.banks.getBank(params.id, scope);
	if (!bank) error(404, '找不到这个题库');
	return downloadResponse(bank.questions, format, bank.title, bank.id);
};
