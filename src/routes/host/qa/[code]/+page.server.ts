// The moderators' and experts' panel of one event. The page itself is drawn from the socket (the
// moderator view); this checks on the server first that the visitor may see it at all, so that a
// stranger gets a plain 403 or 404 page instead of an empty panel.
import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { requireUser } from '$lib/server/auth/kit';
import { isSessionError } from '$lib/server/kernel/session-error';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const ctx = await appContext();
	const user = requireUser(locals, url, 'content');
	try {
		const { event } = await ctx.qa.authorize(params.code.toUpperCase(), user.id);
		return { code: event.code, title: event.title };
	} catch (e) {
		if (!isSessionError(e)) throw e;
		error(e.code === 'QA_NOT_FOUND' ? 404 : 403, e.message);
	}
};
