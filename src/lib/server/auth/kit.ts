// Glue between the auth services and SvelteKit routes: the session cookie, the client's address,
// safe redirects after sign-in, and turning AuthErrors into form-action failures.
import { fail, redirect, type ActionFailure, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { isAuthError } from './errors';
import type { ClientInfo, SessionUser, SignedIn } from './service';
import { sessionCookieName, sessionCookieOptions } from './session';

export function setSessionCookie(cookies: Cookies, url: URL, signedIn: SignedIn): void {
	const secure = url.protocol === 'https:';
	cookies.set(
		sessionCookieName(secure),
		signedIn.token,
		sessionCookieOptions(signedIn.session.expiresAt, secure)
	);
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	const secure = url.protocol === 'https:';
	cookies.delete(sessionCookieName(secure), {
		path: '/',
		secure,
		httpOnly: true,
		sameSite: 'lax'
	});
}

/**
 * The client's address as adapter-node reports it: the socket's peer, or the header named by
 * ADDRESS_HEADER when the operator runs behind a proxy they trust.
 */
export function clientInfo(event: RequestEvent): ClientInfo {
	let ip = 'unknown';
	try {
		ip = event.getClientAddress();
	} catch {
		// Not available (e.g. prerendering); all such requests share one rate-limit bucket.
	}
	return { ip, userAgent: event.request.headers.get('user-agent') };
}

/** A same-site path to go to after signing in; anything else (other hosts, `//x`) becomes `/host`. */
export function safeNext(raw: string | null | undefined, fallback = '/host'): string {
	if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\'))
		return fallback;
	if (/\p{Cc}/u.test(raw)) return fallback;
	return raw;
}

/** The signed-in user, or a redirect to the sign-in page that comes back here. */
export function requireUser(locals: App.Locals, url: URL): SessionUser {
	if (!locals.user || !locals.session) {
		redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	}
	return locals.user;
}

/** Runs a form action's work; an AuthError becomes a failure with its status and message. */
export async function attempt<T, E extends Record<string, unknown> = Record<never, never>>(
	work: () => Promise<T>,
	extra?: E
): Promise<T | ActionFailure<{ message: string; code: string } & E>> {
	try {
		return await work();
	} catch (e) {
		if (isAuthError(e)) {
			return fail(e.status, { message: e.message, code: e.code, ...(extra as E) });
		}
		throw e;
	}
}

/** Reads text fields from a submitted form (missing ones are empty strings). */
export function fields<K extends string>(data: FormData, ...names: K[]): Record<K, string> {
	const out = {} as Record<K, string>;
	for (const n of names) {
		const v = data.get(n);
		out[n] = typeof v === 'string' ? v : '';
	}
	return out;
}
