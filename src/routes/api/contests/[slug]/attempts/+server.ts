// POST: starts an attempt, or returns the one running (a reload, a second tap). The daily and
// total caps are decided by the record store in one transaction.
import { appContext } from '$lib/server/app-context';
import { answer, clientMeta, ok, tokenOf } from '$lib/server/contests/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	answer(async () => {
		const ctx = await appContext();
		const slug = event.params.slug;
		const open = await ctx.contests.play.start(slug, tokenOf(event, slug), clientMeta(event));
		return ok(open, open.resumed ? 200 : 201);
	});
