// GET: the region tree (provinces → cities → counties, six-digit codes) for the contest entry
// form's three selects. It changes only with the package, so browsers and proxies may keep it a day.
import { json } from '@sveltejs/kit';
import { regions } from '$lib/server/regions';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	json(
		{ ok: true, tree: regions.tree },
		{ headers: { 'cache-control': 'public, max-age=86400, stale-while-revalidate=604800' } }
	);
