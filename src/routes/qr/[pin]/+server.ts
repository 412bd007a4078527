// The join QR code as SVG, pointing at this server's short join link. The link is written with
// ORIGIN when it is set, and then the image is the same for everyone and cached for an hour. Without
// ORIGIN the link comes from the request's Host header, which the client writes: such an image is
// not stored by any cache (`no-store`), so that no cache hands one client's Host to another. It is
// a 1 KB SVG made in a millisecond and fetched once per host panel, so nothing is lost. (`Vary: Host`
// would not do: caches key on their own idea of the host, and a proxy may send on a different one.)
import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { publicOrigin } from '$lib/server/http/public-origin';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	if (!/^\d{6}$/.test(params.pin)) error(400, 'PIN 必须是 6 位数字');
	const { origin, fromHost } = publicOrigin(url);
	const target = `${origin}/j/${params.pin}`;
	const svg = await QRCode.toString(target, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return new Response(svg, {
		headers: {
			'content-type': 'image/svg+xml',
			'cache-control': fromHost ? 'no-store' : 'public, max-age=3600'
		}
	});
};
