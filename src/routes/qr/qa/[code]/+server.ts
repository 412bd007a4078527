// A Q&A event's join QR code (the audience's page /qa/CODE), for its wall; see join-qr.ts for the
// caching rule. The code is checked for its shape only: a QR code of an unknown code says nothing.
import { error } from '@sveltejs/kit';
import { normaliseQaCode, QA_CODE_PATTERN } from '$lib/domain/qa/event';
import { joinQrResponse } from '$lib/server/http/join-qr';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	const code = normaliseQaCode(params.code);
	if (!QA_CODE_PATTERN.test(code)) error(400, '活动码为 6 位字母或数字');
	return joinQrResponse(url, `/qa/${code}`);
};
