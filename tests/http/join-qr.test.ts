// The join QR codes: a Q&A event's points at its audience page /qa/CODE (the code as typed is
// forgiven its case), a quiz room's at /j/PIN; written with ORIGIN when set (then cacheable),
// else with the request's own origin and never cached; a malformed code or PIN is a 400.
import QRCode from 'qrcode';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET as qaQr } from '../../src/routes/qr/qa/[code]/+server';
import { GET as roomQr } from '../../src/routes/qr/[pin]/+server';

type Handler = (e: never) => Response | Promise<Response>;
const call = async (h: Handler, params: Record<string, string>, url: string) =>
	h({ params, url: new URL(url) } as never);
const svgOf = (target: string) =>
	QRCode.toString(target, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });

afterEach(() => vi.unstubAllEnvs());

describe('join QR codes', () => {
	it('a Q&A event’s code points at /qa/CODE on the request’s origin, not cached', async () => {
		vi.stubEnv('ORIGIN', '');
		const res = await call(qaQr, { code: 'ab3-cd4' }, 'http://hall.example:3000/qr/qa/ab3-cd4');
		expect(res.headers.get('content-type')).toBe('image/svg+xml');
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(await res.text()).toBe(await svgOf('http://hall.example:3000/qa/AB3CD4'));
	});

	it('with ORIGIN set, the link is ORIGIN’s whatever the Host, and the image is cacheable', async () => {
		vi.stubEnv('ORIGIN', 'https://anda.example.org/');
		const res = await call(qaQr, { code: 'AB3CD4' }, 'http://evil.example/qr/qa/AB3CD4');
		expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
		expect(await res.text()).toBe(await svgOf('https://anda.example.org/qa/AB3CD4'));
		const room = await call(roomQr, { pin: '123456' }, 'http://evil.example/qr/123456');
		expect(await room.text()).toBe(await svgOf('https://anda.example.org/j/123456'));
	});

	it('refuses a code or a PIN of the wrong shape with a 400 and a message', async () => {
		for (const [h, params] of [
			[qaQr, { code: 'AB1' }],
			[qaQr, { code: 'ABCDE0' }],
			[roomQr, { pin: '12345' }]
		] as const) {
			const refused = await call(h as Handler, params, 'http://hall.example/qr').catch((e) => e);
			expect(refused).toMatchObject({ status: 400 });
			expect(String(refused.body?.message)).toMatch(/活动码|PIN/);
		}
	});
});
