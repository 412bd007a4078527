// Downloads a quiz's questions in the bank import format: GET ?format=xlsx (default) | csv.
import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { downloadResponse, exportFormat } from '$lib/server/bank-io/export';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	const format = exportFormat(url.searchParams.get('format'));
	if (!format) error(400, '导出格式只能是 xlsx 或 csv');
	const ctx = await appContext();
	const quiz = await ctx.records.getQuiz(params.id);
	if (!quiz) error(404, '找不到这个测验');
	return downloadResponse(quiz.questions, format, quiz.title, quiz.id);
};
