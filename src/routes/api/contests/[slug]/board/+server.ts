// GET ?kind=individual|unit|province|city|county&sort=points|participants|rate|average
// &within=<region code>&limit=<1..200>: a public board (names masked), held a moment per process.
import { CONTEST_BOARD_KINDS, CONTEST_BOARD_SORTS } from '$lib/protocol';
import { appContext } from '$lib/server/app-context';
import { answer, ok, refusal } from '$lib/server/contests/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	answer(async () => {
		const q = event.url.searchParams;
		const kind = q.get('kind') ?? 'individual';
		const sort = q.get('sort') ?? 'points';
		const within = q.get('within') || null;
		const limit = Number(q.get('limit') ?? 50);
		if (!(CONTEST_BOARD_KINDS as readonly string[]).includes(kind)) {
			return refusal('BAD_REQUEST', '榜单只有 individual、unit、province、city、county 几种');
		}
		if (!(CONTEST_BOARD_SORTS as readonly string[]).includes(sort)) {
			return refusal('BAD_REQUEST', '排序只能按 points、participants、rate 或 average');
		}
		if (within !== null && !/^\d{6}$/.test(within)) {
			return refusal('BAD_REQUEST', '地区需为 6 位行政区划代码');
		}
		if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
			return refusal('BAD_REQUEST', '条数需为 1 到 200');
		}
		const ctx = await appContext();
		const c = await ctx.contests.play.contest(event.params.slug);
		const [board, totals] = await Promise.all([
			ctx.contests.boards.board(c, {
				kind: kind as (typeof CONTEST_BOARD_KINDS)[number],
				sort: sort as (typeof CONTEST_BOARD_SORTS)[number],
				within,
				limit
			}),
			ctx.contests.boards.totals(c)
		]);
		return ok({ board, totals });
	});
