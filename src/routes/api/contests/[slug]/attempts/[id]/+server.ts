// GET: an attempt as it stands: open (its view and the server's clock, to resume after a reload or
// a phone's sleep) or ended (the result with its review). One past its deadline is closed here.
import { appContext } from '$lib/server/app-context';
import { answer, ok, tokenOf } from '$lib/server/contests/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	answer(async () => {
		const ctx = await appContext();
		const { slug, id } = event.params;
		return ok(await ctx.contests.play.attempt(slug, tokenOf(event, slug), id));
	});
