// POST { index, answer }: saves (or changes) one answer while time remains.
import { contestAnswerBody } from '$lib/protocol';
import { appContext } from '$lib/server/app-context';
import { answer, bodyOf, ok, tokenOf } from '$lib/server/contests/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	answer(async () => {
		const read = await bodyOf(event.request, contestAnswerBody);
		if (!read.ok) return read.response;
		const ctx = await appContext();
		const { slug, id } = event.params;
		return ok(await ctx.contests.play.answer(slug, tokenOf(event, slug), id, read.body));
	});
