// An ended attempt's result, read on the server under the participant's cookie; an attempt still
// open goes back to its page (a result link opened mid-attempt).
import { error, redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { tokenOf } from '$lib/server/contests/http';
import { isSessionError } from '$lib/server/kernel/session-error';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await appContext();
	const { slug, id } = event.params;
	const token = tokenOf(event, slug);
	try {
		const [state, landing] = await Promise.all([
			ctx.contests.play.attempt(slug, token, id),
			ctx.contests.play.landing(slug, token)
		]);
		if (state.state === 'open') redirect(303, `/contest/${slug}/attempt/${id}`);
		return { result: state.result, contest: landing.contest, me: landing.me };
	} catch (e) {
		if (isSessionError(e)) error(e.code === 'CONTEST_NOT_ENTERED' ? 401 : 404, e.message);
		throw e;
	}
};
