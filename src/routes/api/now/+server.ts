// GET: the server's clock. Pages correct their countdowns with it; the contest benchmark measures
// this trivial endpoint as the framework's own floor beside the real work.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	json({ now: Date.now() }, { headers: { 'cache-control': 'no-store' } });
