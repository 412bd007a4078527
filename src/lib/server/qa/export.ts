// A Q&A event's export: its moderator view in, tables out (问题 and 投票), written as XLSX (both
// sheets) or CSV (one sheet per file). The same view is exported while the event runs (live) and
// after its live state is freed (the archived snapshot), so both give the same file.
import ExcelJS from 'exceljs';
import { shanghaiDate, shanghaiTime } from '../../domain/contest/calendar';
import { QA_STATUS_LABELS } from '../../domain/qa/question';
import type { QaModeratorPoll, QaModeratorView, QaPollKind } from '../../protocol';
import { encodeCsv } from '../bank-io/csv';
import { percent } from '../bank-io/export-cells';
import { contentDisposition, CONTENT_TYPES, type ExportFormat } from '../bank-io/export';
import { addTableSheet, workbookBuffer } from '../bank-io/xlsx';

export const QA_EXPORT_SHEETS = ['questions', 'polls'] as const;
export type QaExportSheet = (typeof QA_EXPORT_SHEETS)[number];

export const QUESTION_HEADERS = [
	'序号',
	'问题',
	'提问人',
	'标签',
	'点赞数',
	'状态',
	'未通过原因',
	'回答',
	'回答专家',
	'提问时间',
	'回答时间'
] as const;

export const POLL_HEADERS = [
	'序号',
	'投票问题',
	'类型',
	'选项',
	'票数',
	'占比',
	'参与人数'
] as const;

const SHEET_NAMES: Record<QaExportSheet, string> = { questions: '问题', polls: '投票' };

export const POLL_KIND_NAMES: Record<QaPollKind, string> = {
	single: '单选',
	multiple: '多选',
	words: '词云'
};

/** The 问题 sheet: a header row, then every question in the order it was asked. */
export function questionRows(view: QaModeratorView): string[][] {
	const asked = [...view.questions].sort(
		(a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)
	);
	return [
		[...QUESTION_HEADERS],
		...asked.map((q, i) => [
			String(i + 1),
			q.text,
			q.authorName ?? '匿名',
			q.label ?? '',
			String(q.votes),
			QA_STATUS_LABELS[q.status],
			q.status === 'rejected' ? (q.rejectReason ?? '') : '',
			q.answer?.text ?? '',
			q.answer?.expert ?? '',
			shanghaiTime(q.createdAt),
			q.answer ? shanghaiTime(q.answer.at) : ''
		])
	];
}

/** A share of the respondents, as people read it: `45.5%` (multiple choice may add past 100%). */
function share(count: number, respondents: number): string {
	return `${percent(count, respondents)}%`;
}

function pollLines(p: QaModeratorPoll): { option: string; count: string; share: string }[] {
	const r = p.results;
	if (r.kind === 'words') {
		return [...r.words]
			.sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1))
			.map((w) => ({ option: w.text, count: String(w.count), share: '' }));
	}
	return p.options.map((option, i) => {
		const count = r.counts[i] ?? 0;
		return { option, count: String(count), share: share(count, r.respondents) };
	});
}

/**
 * The 投票 sheet: one row per option of each poll (or per word of a word cloud, most given
 * first), the poll's number, question, kind and respondents repeated on each so that the sheet
 * filters and sorts as one table; a poll nobody could answer yet still has its row.
 */
export function pollRows(view: QaModeratorView): string[][] {
	const polls = [...view.polls].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
	return [
		[...POLL_HEADERS],
		...polls.flatMap((p, i) => {
			const lines = pollLines(p);
			const rows = lines.length > 0 ? lines : [{ option: '', count: '', share: '' }];
			return rows.map((l) => [
				String(i + 1),
				p.question,
				POLL_KIND_NAMES[p.kind],
				l.option,
				l.count,
				l.share,
				String(p.results.respondents)
			]);
		})
	];
}

const QUESTION_WIDTHS = {
	问题: 48,
	提问人: 14,
	标签: 12,
	状态: 10,
	未通过原因: 24,
	回答: 48,
	回答专家: 24,
	提问时间: 20,
	回答时间: 20
};
const POLL_WIDTHS = { 投票问题: 40, 选项: 28, 占比: 10, 参与人数: 10 };

/** Both sheets in one workbook. */
export async function exportXlsx(view: QaModeratorView): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Anda';
	addTableSheet(wb, questionRows(view), {
		name: SHEET_NAMES.questions,
		numericHeaders: ['序号', '点赞数'],
		widths: QUESTION_WIDTHS,
		wrapped: ['问题', '回答', '未通过原因']
	});
	addTableSheet(wb, pollRows(view), {
		name: SHEET_NAMES.polls,
		numericHeaders: ['序号', '票数', '参与人数'],
		widths: POLL_WIDTHS,
		wrapped: ['投票问题']
	});
	return workbookBuffer(wb);
}

/** One sheet as CSV (UTF-8 with a BOM, so that Excel reads the Chinese right). */
export function exportCsv(view: QaModeratorView, sheet: QaExportSheet): Buffer {
	return encodeCsv(sheet === 'questions' ? questionRows(view) : pollRows(view));
}

/**
 * The download: `<title>-问答记录-<date>.xlsx`, or the sheet's name instead for a CSV, dated by
 * the event's start time or else its creation (`createdAt`, which the view does not carry).
 */
export async function exportResponse(
	view: QaModeratorView,
	createdAt: number,
	format: ExportFormat,
	sheet: QaExportSheet
): Promise<Response> {
	const date = shanghaiDate(view.startsAt ?? createdAt);
	const body = format === 'xlsx' ? await exportXlsx(view) : exportCsv(view, sheet);
	const what = format === 'xlsx' ? '问答记录' : SHEET_NAMES[sheet];
	const fallback = `qa-${view.code}-${format === 'xlsx' ? 'export' : sheet}-${date}.${format}`;
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': CONTENT_TYPES[format],
			'content-disposition': contentDisposition(
				`${view.title}-${what}-${date}.${format}`,
				fallback
			),
			'cache-control': 'no-store'
		}
	});
}
