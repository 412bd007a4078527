// Session tokens and cookies, the Lucia-guide way: the cookie carries a random token (20 bytes,
// base32), the store keeps only its SHA-256 as the session id, and sessions slide: 30 days, renewed
// when less than 15 remain.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';

const DAY_MS = 24 * 3600_000;
export const SESSION_TTL_MS = 30 * DAY_MS;
/** Renew (push the expiry back to 30 days) once less than this remains. */
export const SESSION_RENEW_MS = 15 * DAY_MS;
/** last_seen_at is written at most this often, not on every request. */
export const SESSION_TOUCH_MS = 3600_000;

export const COOKIE_NAME = 'anda_session';
/** Over HTTPS: bound to this exact host, path / and Secure, so no sibling host can plant or read it. */
export const SECURE_COOKIE_NAME = '__Host-anda_session';

export function generateToken(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

/** The stored id of a session or an invitation: the SHA-256 (hex) of its token. */
export function tokenId(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** A token as generateToken makes them; anything else is refused before touching the store. */
export function plausibleToken(token: string): boolean {
	return /^[a-z2-7]{32}$/.test(token);
}

export function sessionCookieName(secure: boolean): string {
	return secure ? SECURE_COOKIE_NAME : COOKIE_NAME;
}

export interface CookieOptions {
	path: '/';
	httpOnly: true;
	sameSite: 'lax';
	secure: boolean;
	expires: Date;
}

/** The session cookie's options: HttpOnly, SameSite=Lax, Path=/, Secure over HTTPS. */
export function sessionCookieOptions(expiresAt: number, secure: boolean): CookieOptions {
	return { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: new Date(expiresAt) };
}

/** Reads one cookie from a Cookie header (as a socket handshake carries it). */
export function readCookie(header: string | undefined, name: string): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		if (part.slice(0, eq).trim() !== name) continue;
		try {
			return decodeURIComponent(part.slice(eq + 1).trim());
		} catch {
			return null;
		}
	}
	return null;
}

/**
 * The session token in a Cookie header. `secure` is whether the page was served over HTTPS, when
 * known: then only the `__Host-` cookie counts (a plain one could have been planted by a sibling
 * host); over HTTP only the plain one exists; unknown, the `__Host-` one is preferred.
 */
export function sessionTokenFromHeader(
	header: string | undefined,
	secure: boolean | null
): string | null {
	if (secure === true) return readCookie(header, SECURE_COOKIE_NAME);
	if (secure === false) return readCookie(header, COOKIE_NAME);
	return readCookie(header, SECURE_COOKIE_NAME) ?? readCookie(header, COOKIE_NAME);
}
