// POST: submits the attempt (one past its deadline is closed as expired instead) and returns the
// result: score, the review with the right answers and explanations, standing, unit and region.
import { appContext } from '$lib/server/app-context';
import { answer, ok, tokenOf } from '$lib/server/contests/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	answer(async () => {
		const ctx = await appContext();
		const { slug, id } = event.params;
		return ok({ result: await ctx.contests.play.submit(slug, tokenOf(event, slug), id) });
	});
