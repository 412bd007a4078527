// A quiz room's join QR code (its short join link /j/PIN); see join-qr.ts for the caching rule.
import { error } from '@sveltejs/kit';
import { joinQrResponse } from '$lib/server/http/join-qr';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	if (!/^\d{6}$/.test(params.pin)) error(400, 'PIN 必须是 6 位数字');
	return joinQrResponse(url, `/j/${params.pin}`);
};
