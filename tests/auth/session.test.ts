// Session tokens and cookies: 20 random bytes in base32, stored only as their SHA-256, and a cookie
// that is HttpOnly, SameSite=Lax, Path=/, and Secure with the __Host- prefix over HTTPS.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	COOKIE_NAME,
	generateToken,
	plausibleToken,
	readCookie,
	SECURE_COOKIE_NAME,
	sessionCookieName,
	sessionCookieOptions,
	sessionTokenFromHeader,
	tokenId
} from '../../src/lib/server/auth/session';

describe('session tokens', () => {
	it('are 20 random bytes as 32 lower-case base32 characters, never repeated', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 200; i++) {
			const t = generateToken();
			expect(t).toMatch(/^[a-z2-7]{32}$/);
			expect(plausibleToken(t)).toBe(true);
			seen.add(t);
		}
		expect(seen.size).toBe(200);
	});

	it('are stored as the hex SHA-256 of the token', () => {
		const t = generateToken();
		expect(tokenId(t)).toBe(createHash('sha256').update(t).digest('hex'));
		expect(tokenId(t)).toMatch(/^[0-9a-f]{64}$/);
	});

	it('refuses implausible tokens before any lookup', () => {
		for (const bad of [
			'',
			'A'.repeat(32),
			'a'.repeat(31),
			'a'.repeat(33),
			'1'.repeat(32),
			"' or 1=1 --"
		]) {
			expect(plausibleToken(bad), bad).toBe(false);
		}
	});
});

describe('session cookie', () => {
	it('is HttpOnly, SameSite=Lax, Path=/ and expires with the session', () => {
		const at = Date.UTC(2030, 0, 1);
		expect(sessionCookieOptions(at, false)).toEqual({
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: false,
			expires: new Date(at)
		});
		expect(sessionCookieName(false)).toBe(COOKIE_NAME);
	});

	it('is Secure and __Host- prefixed over HTTPS', () => {
		expect(sessionCookieOptions(0, true).secure).toBe(true);
		expect(sessionCookieName(true)).toBe(SECURE_COOKIE_NAME);
		expect(SECURE_COOKIE_NAME.startsWith('__Host-')).toBe(true);
	});

	it('is read from a handshake Cookie header, by scheme', () => {
		const header = `other=1; ${COOKIE_NAME}=plain; ${SECURE_COOKIE_NAME}=hosted; x=%E5%AE%89`;
		expect(readCookie(header, 'x')).toBe('安');
		expect(readCookie(header, 'missing')).toBeNull();
		expect(readCookie(undefined, COOKIE_NAME)).toBeNull();
		// HTTPS: only the __Host- cookie counts (a plain one may have been planted by a sibling host).
		expect(sessionTokenFromHeader(header, true)).toBe('hosted');
		expect(sessionTokenFromHeader(`${COOKIE_NAME}=plain`, true)).toBeNull();
		// HTTP: only the plain one exists.
		expect(sessionTokenFromHeader(header, false)).toBe('plain');
		// Unknown: the __Host- one is preferred.
		expect(sessionTokenFromHeader(header, null)).toBe('hosted');
		expect(sessionTokenFromHeader(`${COOKIE_NAME}=plain`, null)).toBe('plain');
	});
});
