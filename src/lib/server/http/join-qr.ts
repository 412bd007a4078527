// The join QR codes (a quiz room's /j/PIN, a Q&A event's /qa/CODE) as SVG, pointing at this
// server's public origin. The link is written with ORIGIN when it is set, and then the image is the
// same for everyone and cached for an hour. Without ORIGIN the link comes from the request's Host
// header, which the client writes: such an image is not stored by any cache (`no-store`), so that no
// cache hands one client's Host to another. It is a 1 KB SVG made in a millisecond and fetched once
// per host panel or wall, so nothing is lost. (`Vary: Host` would not do: caches key on their own
// idea of the host, and a proxy may send on a different one.)
import QRCode from 'qrcode';
import { publicOrigin } from './public-origin';

/** The QR code of `path` (e.g. `/j/123456`) on this server's public origin. */
export async function joinQrResponse(url: URL, path: string): Promise<Response> {
	const { origin, fromHost } = publicOrigin(url);
	const svg = await QRCode.toString(`${origin}${path}`, {
		type: 'svg',
		margin: 1,
		errorCorrectionLevel: 'M'
	});
	return new Response(svg, {
		headers: {
			'content-type': 'image/svg+xml',
			'cache-control': fromHost ? 'no-store' : 'public, max-age=3600'
		}
	});
}
