// Every request: a request id and a logger carrying it go on event.locals; a body over its route's
// limit is answered 413 unread; the session cookie is validated (its sliding expiry renewed) and
// the signed-in user and session are put on event.locals; an unknown or expired cookie is cleared;
// the answer gets the security headers. Errors are logged one line per request, sampled.
import type { Handle, HandleServerError, RequestEvent } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { sessionCookieName, sessionCookieOptions } from '$lib/server/auth/session';
import { limitBody } from '$lib/server/http/body-limits';
import { withSecurityHeaders } from '$lib/server/http/security-headers';
import { log, requestIdFrom, requestLogger } from '$lib/server/log';
import { sampledLine, type SampledLevel } from '$lib/server/log-sampler';
import { HTML_LANG, LANG_COOKIE, pickLang } from '$lib/i18n/lang';

export const handle: Handle = async ({ event, resolve }) => {
	// A proxy's X-Request-ID is kept so that its lines and ours join up; otherwise a new one.
	const requestId = requestIdFrom(event.request?.headers.get('x-request-id'));
	// Not enumerable: whatever copies or serialises locals (a `{ ...locals }` into page data, a
	// debug dump) must not drag a logger and its streams along.
	Object.defineProperties(event.locals, {
		requestId: { value: requestId, enumerable: false, writable: true },
		log: { value: requestLogger(requestId), enumerable: false, writable: true }
	});
	// English on request: ?lang=en (or zh) switches and is remembered for a year.
	const asked = event.url.searchParams.get('lang');
	const lang = pickLang(asked, event.cookies.get(LANG_COOKIE));
	event.locals.lang = lang;
	if (asked === lang) {
		event.cookies.set(LANG_COOKIE, lang, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			maxAge: 365 * 24 * 3600
		});
	}
	// Before anything reads the body (a form action, an endpoint): too large is refused unread.
	const body = await limitBody(event.request, event.url, lang);
	if (!body.ok) {
		sampledLine(
			event.locals.log,
			'info',
			'413 Payload Too Large',
			{ status: 413, method: event.request.method, path: safePath(event), declared: body.declared },
			'request body over the limit'
		);
		return withSecurityHeaders(body.response);
	}
	event.request = body.request;
	event.locals.user = null;
	event.locals.session = null;
	// HTTPS as adapter-node sees it (ORIGIN, or PROTOCOL_HEADER when the operator sets it): then
	// the cookie is Secure and __Host- prefixed, and only that one is read.
	const secure = event.url.protocol === 'https:';
	const name = sessionCookieName(secure);
	const token = event.cookies.get(name);
	if (token) {
		const ctx = await appContext();
		const found = await ctx.auth.validateSessionToken(token);
		if (found) {
			event.locals.user = found.user;
			event.locals.session = found.session;
			// Sent again so that the browser's expiry follows the (possibly renewed) session.
			event.cookies.set(name, token, sessionCookieOptions(found.session.expiresAt, secure));
		} else {
			event.cookies.delete(name, { path: '/', secure, httpOnly: true, sameSite: 'lax' });
		}
	}
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('lang="zh-CN"', `lang="${HTML_LANG[lang]}"`)
	});
	return withSecurityHeaders(response);
};

/**
 * SvelteKit's error hook: one line per failed request instead of its default multi-line trace, and
 * sampled per kind (status and message, see log-sampler.ts), since clients cause these at will.
 * 4xx is the client's doing and has no stack: a 404 (a route that does not exist) at debug, any
 * other (a malformed URL, a method not allowed) at info. 5xx is ours: an error with the stack. The
 * client still sees only `message`.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const logger = event.locals.log ?? log;
	const where = { status, method: event.request?.method, path: safePath(event) };
	const kind = `${status} ${message}`;
	if (status < 500) {
		const level: SampledLevel = status === 404 ? 'debug' : 'info';
		const detail = error instanceof Error ? error.message : String(error);
		sampledLine(logger, level, kind, where, `${message}: ${detail.slice(0, 300)}`);
	} else {
		sampledLine(logger, 'error', kind, { ...where, err: error }, message);
	}
};

/** The path as received, cut short: it may be malformed or huge, and goes in every such line. */
function safePath(event: RequestEvent): string {
	return event.url.pathname.slice(0, 200);
}
