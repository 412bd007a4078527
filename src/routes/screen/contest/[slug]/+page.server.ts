// The hall's big screen: the title from the server; the boards are fetched and refreshed by the page.
import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { isSessionError } from '$lib/server/kernel/session-error';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const ctx = await appContext();
	try {
		const c = await ctx.contests.play.contest(params.slug);
		return { slug: params.slug, title: c.settings.title };
	} catch (e) {
		if (isSessionError(e)) error(404, e.message);
		throw e;
	}
};
