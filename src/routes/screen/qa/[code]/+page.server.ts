// The wall is drawn in the browser (it lives on its socket); the server gives it the public origin
// that the join link on the wall is written with (ORIGIN when set, as the QR code is).
import { normaliseQaCode } from '$lib/domain/qa/event';
import { publicOrigin } from '$lib/server/http/public-origin';
import type { PageServerLoad } from './$types';

export const ssr = false;

export const load: PageServerLoad = ({ params, url }) => {
	const origin = new URL(publicOrigin(url).origin);
	return { joinHost: origin.host, joinUrl: `${origin.origin}/qa/${normaliseQaCode(params.code)}` };
};
