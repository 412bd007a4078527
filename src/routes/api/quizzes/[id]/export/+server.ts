// Downloads a quiz's questions in the bank import format: GET ?format=xlsx (default) | csv. The
// file holds every answer and explanation, so only a member of an organisation gets it (401 signed
// out, 403 outside any), and only a quiz they can read: their organisation's own or a shared one;
// another's is 404.
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
	const quiz = await ctx.records.getQuiz(params.id, scope);
	if (!quiz) error(404, '找不到这个测验');
	return downloadResponse(quiz.questions, format, quiz.title, quiz.id);
};
