// A contest's downloads: GET ?sheet=participants|attempts|units|regions|all &format=xlsx|csv.
// Names and phones are in full (the organisation's own records), so only members of the contest's
// organisation get them: signed out 401, a member of another organisation 403, an unknown contest
// 404, a sheet or format we do not write 400 (and `all` as CSV, which holds one sheet only).
// Participants and attempts stream page by page from the store; the aggregate sheets are small.
import { error } from '@sveltejs/kit';
import { figures } from '$lib/domain/contest/standings';
import { appContext } from '$lib/server/app-context';
import { exportFormat } from '$lib/server/bank-io/export';
import {
	aggregateSheet,
	attemptSheet,
	csvStream,
	exportFileName,
	exportResponse,
	participantSheet,
	xlsxStream,
	type ExportSheet
} from '$lib/server/contests/export';
import type { AggregateExportRow } from '$lib/server/contests/export-rows';
import { regions } from '$lib/server/regions';
import type { RequestHandler } from './$types';

const EXPORT_SHEETS = ['participants', 'attempts', 'units', 'regions', 'all'] as const;
type SheetKey = (typeof EXPORT_SHEETS)[number];

const SHEET_WORDS: Record<SheetKey, string> = {
	participants: '参与者',
	attempts: '答题记录',
	units: '单位统计',
	regions: '地区统计',
	all: '全部数据'
};

async function* once<T>(rows: T[]): AsyncIterable<T[]> {
	yield rows;
}

export const GET: RequestHandler = async ({ params, url, locals }) => {
	if (!locals.user || !locals.session) error(401, '答题数据只对活动所属组织的成员开放：请先登录');
	const raw = (url.searchParams.get('sheet') ?? 'all').toLowerCase();
	if (!(EXPORT_SHEETS as readonly string[]).includes(raw)) {
		error(400, '导出的表只能是 participants、attempts、units、regions 或 all');
	}
	const sheet = raw as SheetKey;
	const format = exportFormat(url.searchParams.get('format'));
	if (!format) error(400, '导出格式只能是 xlsx 或 csv');
	if (format === 'csv' && sheet === 'all')
		error(400, 'CSV 只能导出一张表，请选择具体的表或用 xlsx');
	const ctx = await appContext();
	const c = await ctx.contests.records.getContestById(params.id);
	if (!c) error(404, '找不到这个答题活动');
	if (!(await ctx.orgs.isMember(c.orgId, locals.user.id))) {
		error(403, '只有活动所属组织的成员才能导出答题数据');
	}
	const scope = { orgId: c.orgId };
	const { admin } = ctx.contests;

	const make: Record<Exclude<SheetKey, 'all'>, () => Promise<ExportSheet>> = {
		participants: async () =>
			participantSheet(
				admin.participantPages(c),
				c.settings.entry.custom.map((f) => f.label),
				(code) => regions.fullName(code)
			),
		attempts: async () => attemptSheet(admin.attemptPages(c), c.settings.draw.total),
		units: async () => {
			const { units } = await admin.dashboard(c.id, scope);
			const rows: AggregateExportRow[] = units.map((u) => ({ name: u.name, figures: u }));
			return aggregateSheet('单位', once(rows));
		},
		regions: async () => {
			const rows: AggregateExportRow[] = [];
			for (const level of ['province', 'city', 'county'] as const) {
				const aggs = await ctx.contestBoards.aggregates(c.id, level);
				const levelRows = [...aggs].map(([code, a]) => ({
					name: regions.fullName(code) ?? code,
					figures: figures(a, null)
				}));
				levelRows.sort((x, y) => y.figures.points - x.figures.points);
				rows.push(...levelRows);
			}
			return aggregateSheet('地区', once(rows));
		}
	};
	const keys =
		sheet === 'all' ? (['participants', 'attempts', 'units', 'regions'] as const) : [sheet];
	const sheets = await Promise.all(keys.map((k) => make[k]()));
	const body = format === 'csv' ? csvStream(sheets[0]!) : xlsxStream(sheets);
	const now = Date.now();
	return exportResponse(
		body,
		format,
		exportFileName(c.settings.title, SHEET_WORDS[sheet], now, format),
		`contest-${sheet}.${format}`
	);
};
