// The origin absolute URLs are written with: ORIGIN when set (whatever the request's Host), else
// the request's own, flagged as coming from the Host so that it is not cached.
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { configuredOrigin, publicOrigin } from '$lib/server/http/public-origin';
import { originAllowed } from '$lib/server/realtime/gateway';

describe('publicOrigin', () => {
	const asked = new URL('http://evil.example/qr/123456');

	it('is ORIGIN when set, normalised, whatever the request says', () => {
		const env = { ORIGIN: 'https://anda.example.org/' };
		expect(configuredOrigin(env)).toBe('https://anda.example.org');
		expect(publicOrigin(asked, env)).toEqual({
			origin: 'https://anda.example.org',
			fromHost: false
		});
	});

	it("is the request's own without ORIGIN (or with one that is not a URL), flagged as such", () => {
		for (const env of [{}, { ORIGIN: '' }, { ORIGIN: 'not a url' }]) {
			expect(configuredOrigin(env)).toBeNull();
			expect(publicOrigin(asked, env)).toEqual({ origin: 'http://evil.example', fromHost: true });
		}
	});
});

describe('originAllowed (sockets)', () => {
	const req = (origin: string | undefined, host = 'anda.example.org') =>
		({ headers: { origin, host } }) as unknown as IncomingMessage;

	it('with ORIGIN, lets in ORIGIN only: an Origin equal to the Host is not enough', () => {
		const allowed = ['https://anda.example.org'];
		expect(originAllowed(req('https://anda.example.org'), allowed)).toBe(true);
		expect(originAllowed(req('http://anda.example.org'), allowed)).toBe(false);
		expect(originAllowed(req('https://evil.example', 'evil.example'), allowed)).toBe(false);
	});

	it('without ORIGIN, lets in a page of the same host', () => {
		expect(originAllowed(req('http://anda.example.org'), [])).toBe(true);
		expect(originAllowed(req('https://evil.example'), [])).toBe(false);
		expect(originAllowed(req('not a url'), [])).toBe(false);
	});

	it('lets in clients that send no Origin (not browsers)', () => {
		expect(originAllowed(req(undefined), ['https://anda.example.org'])).toBe(true);
	});
});
