// Every request: the session cookie is validated (its sliding expiry renewed) and the signed-in
// user and session are put on event.locals; an unknown or expired cookie is cleared.
import type { Handle } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { sessionCookieName, sessionCookieOptions } from '$lib/server/auth/session';
import { HTML_LANG, LANG_COOKIE, pickLang } from '$lib/i18n/lang';

export const handle: Handle = async ({ event, resolve }) => {
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
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('lang="zh-CN"', `lang="${HTML_LANG[lang]}"`)
	});
};
