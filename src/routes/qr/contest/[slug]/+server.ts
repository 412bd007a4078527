// A contest's QR code: its public page /contest/<slug> (see join-qr.ts for the caching rule).
import { error } from '@sveltejs/kit';
import { CONTEST_SLUG } from '$lib/server/contests/contest-admin';
import { joinQrResponse } from '$lib/server/http/join-qr';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	if (!CONTEST_SLUG.test(params.slug)) error(400, '活动链接名不正确');
	return joinQrResponse(url, `/contest/${params.slug}`);
};
