// The boards page: the contest's title and the provinces (for the city and county boards' filter);
// the rows themselves are fetched by the page and refreshed.
import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { isSessionError } from '$lib/server/kernel/session-error';
import { regions } from '$lib/server/regions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const ctx = await appContext();
	try {
		const c = await ctx.contests.play.contest(params.slug);
		return {
			slug: params.slug,
			title: c.settings.title,
			provinces: regions.tree.map((p) => ({ code: p.code, name: p.name }))
		};
	} catch (e) {
		if (isSessionError(e)) error(404, e.message);
		throw e;
	}
};
