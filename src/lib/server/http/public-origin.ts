// The origin that absolute URLs (the join QR code, invitation links) are written with. With ORIGIN
// set it is ORIGIN and nothing else: the Host header is the client's to write, so an attacker's
// `Host: evil.example` must not end up in a QR code that a cache then hands to everyone. Without
// ORIGIN there is no other source than the request itself (adapter-node's URL, built from Host),
// and whatever is written from it says so (`fromHost`) so that it is not cached.

/** ORIGIN as configured, normalised (`https://a.example/` → `https://a.example`); null if unset or not a URL. */
export function configuredOrigin(env: NodeJS.ProcessEnv = process.env): string | null {
	const raw = env.ORIGIN?.trim();
	if (!raw) return null;
	try {
		const origin = new URL(raw).origin;
		return origin === 'null' ? null : origin;
	} catch {
		return null;
	}
}

export interface PublicOrigin {
	origin: string;
	/** True when it came from the request's Host header (ORIGIN unset): do not cache it. */
	fromHost: boolean;
}

/** The origin for absolute URLs in the answer to a request to `url`. */
export function publicOrigin(url: URL, env: NodeJS.ProcessEnv = process.env): PublicOrigin {
	const configured = configuredOrigin(env);
	return configured
		? { origin: configured, fromHost: false }
		: { origin: url.origin, fromHost: true };
}
