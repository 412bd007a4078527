// POST: the entry form, once per device. Sets the participant's identity cookie (and returns the
// token, for clients that keep no cookies) with the participant's state.
import { contestEntryBody } from '$lib/protocol';
import { appContext } from '$lib/server/app-context';
import { answer, bodyOf, clientMeta, ok, setToken, tokenOf } from '$lib/server/contests/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	answer(async () => {
		const read = await bodyOf(event.request, contestEntryBody);
		if (!read.ok) return read.response;
		const ctx = await appContext();
		const slug = event.params.slug;
		const { token, me } = await ctx.contests.play.enter(
			slug,
			tokenOf(event, slug),
			read.body,
			clientMeta(event)
		);
		setToken(event.cookies, event.url, slug, token);
		return ok({ token, me }, 201);
	});
