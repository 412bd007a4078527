// POST { index }: the device shows a question (a per-question limit counts from then).
import { contestShowBody } from '$lib/protocol';
import { appContext } from '$lib/server/app-context';
import { answer, bodyOf, ok, tokenOf } from '$lib/server/contests/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	answer(async () => {
		const read = await bodyOf(event.request, contestShowBody);
		if (!read.ok) return read.response;
		const ctx = await appContext();
		const { slug, id } = event.params;
		return ok(await ctx.contests.play.show(slug, tokenOf(event, slug), id, read.body.index));
	});
