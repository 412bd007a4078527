// Downloads a Q&A event's questions and polls: GET ?format=xlsx (default, both sheets) | csv
// (&sheet=questions, the default, | polls). During the event from its live state, after it from
// its archive. Who asked what, held and rejected questions are in it, so only members of the
// event's organisation get it: signed out 401, another organisation's event 403, an unknown code
// 404, a format or sheet we do not write 400, each with a message saying so.
import { error } from '@sveltejs/kit';
import { normaliseQaCode, QA_CODE_PATTERN } from '$lib/domain/qa/event';
import { appContext } from '$lib/server/app-context';
import { exportFormat } from '$lib/server/bank-io/export';
import { isSessionError } from '$lib/server/kernel/session-error';
import { QA_ERRORS } from '$lib/protocol';
import { exportResponse, QA_EXPORT_SHEETS, type QaExportSheet } from '$lib/server/qa/export';
import type { RequestHandler } from './$types';

function exportSheet(raw: string | null): QaExportSheet | null {
	const s = (raw ?? 'questions').toLowerCase();
	return (QA_EXPORT_SHEETS as readonly string[]).includes(s) ? (s as QaExportSheet) : null;
}

export const GET: RequestHandler = async ({ params, url, locals }) => {
	if (!locals.user || !locals.session) error(401, '问答记录只对活动所属组织的成员开放：请先登录');
	const format = exportFormat(url.searchParams.get('format'));
	if (!format) error(400, '导出格式只能是 xlsx 或 csv');
	const sheet = exportSheet(url.searchParams.get('sheet'));
	if (!sheet) error(400, '导出的表只能是 questions（问题）或 polls（投票）');
	const code = normaliseQaCode(params.code);
	if (!QA_CODE_PATTERN.test(code)) error(404, QA_ERRORS.QA_NOT_FOUND);
	const ctx = await appContext();
	try {
		const { view, createdAt } = await ctx.qa.exportView(code, locals.user.id);
		return await exportResponse(view, createdAt, format, sheet);
	} catch (e) {
		if (!isSessionError(e)) throw e;
		if (e.code === 'QA_NOT_MODERATOR') error(403, '只有活动所属组织的成员才能导出问答记录');
		if (e.code === 'QA_NOT_FOUND') error(404, e.message);
		throw e;
	}
};
