// POST: the page was hidden (a tab or app switch). Past the contest's limit the attempt is
// submitted with the answers saved so far, and the reply carries the result.
import { appContext } from '$lib/server/app-context';
import { answer, ok, tokenOf } from '$lib/server/contests/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	answer(async () => {
		const ctx = await appContext();
		const { slug, id } = event.params;
		return ok(await ctx.contests.play.visibility(slug, tokenOf(event, slug), id));
	});
