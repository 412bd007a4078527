// The join QR code as SVG, pointing at this server's short join link.
import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	if (!/^\d{6}$/.test(params.pin)) error(400, 'PIN 必须是 6 位数字');
	const target = `${url.origin}/j/${params.pin}`;
	const svg = await QRCode.toString(target, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return new Response(svg, {
		headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' }
	});
};
