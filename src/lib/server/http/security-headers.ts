// The security headers every response carries, in one place. Pages get their Content-Security-Policy
// from SvelteKit (`kit.csp` in svelte.config.js, with a nonce for each server-rendered page); all
// else — JSON, data requests, the QR SVG, files, Socket.IO's polling — gets NON_PAGE_CSP, under
// which nothing it holds can run or load anything should a browser ever render it as a document.
// Set by the server entry on every Node response (so that static files and Socket.IO have them
// too) and by hooks.server.ts on SvelteKit's (so that `vite dev` has them as well).

/** Nothing runs, nothing loads, nobody frames: for responses that are not pages. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	// No guessing a type other than the one sent (an uploaded CSV is never run as a script).
	'x-content-type-options': 'nosniff',
	// Links carry PINs and invitation tokens in their paths: other sites get no referrer at all.
	'referrer-policy': 'same-origin',
	// Anda uses none of these; a page that is injected into cannot ask for them either. (Copying an
	// invitation link uses the clipboard, whose default of same-origin is kept.)
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
	// For browsers that predate CSP's frame-ancestors; no page of Anda is meant to be framed.
	'x-frame-options': 'DENY'
};

/** Sets the security headers that `has` says are missing, through `set`. */
export function applySecurityHeaders(
	has: (name: string) => boolean,
	set: (name: string, value: string) => void
): void {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!has(name)) set(name, value);
	if (!has('content-security-policy')) set('content-security-policy', NON_PAGE_CSP);
}

/** The same on a fetch Response; one whose headers are immutable is copied first. */
export function withSecurityHeaders(response: Response): Response {
	try {
		applySecurityHeaders(
			(n) => response.headers.has(n),
			(n, v) => response.headers.set(n, v)
		);
		return response;
	} catch {
		const copy = new Response(response.body, response);
		applySecurityHeaders(
			(n) => copy.headers.has(n),
			(n, v) => copy.headers.set(n, v)
		);
		return copy;
	}
}
