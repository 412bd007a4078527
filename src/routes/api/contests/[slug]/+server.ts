// GET: the contest's landing state (public information, the participant's own state, the
// server's clock), as the landing page's load gives it.
import { appContext } from '$lib/server/app-context';
import { answer, ok, tokenOf } from '$lib/server/contests/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	answer(async () => {
		const ctx = await appContext();
		const slug = event.params.slug;
		return ok(await ctx.contests.play.landing(slug, tokenOf(event, slug)));
	});
