// The landing: the contest's public information, the participant's own state (from the identity
// cookie) and the server's clock, which the page's countdown runs from.
import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { tokenOf } from '$lib/server/contests/http';
import { isSessionError } from '$lib/server/kernel/session-error';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await appContext();
	const slug = event.params.slug;
	try {
		const landing = await ctx.contests.play.landing(slug, tokenOf(event, slug));
		return { ...landing, invitedBy: event.url.searchParams.get('from') };
	} catch (e) {
		if (
			isSessionError(e) &&
			(e.code === 'CONTEST_NOT_FOUND' || e.code === 'CONTEST_NOT_PUBLISHED')
		) {
			error(404, e.message);
		}
		throw e;
	}
};
