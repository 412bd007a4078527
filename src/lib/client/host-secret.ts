// The host credential of a quick room lives in the host's browser, keyed by PIN. A room opened by
// a signed-in host has none: the session controls it.
export const hostSecretKey = (pin: string) => `anda:host:${pin}`;
export const playerTokenKey = (pin: string) => `anda:player:${pin}`;

/** Keeps a quick room's secret (POST /api/rooms returns one only when signed out). */
export function rememberHostSecret(pin: string, secret: unknown): void {
	if (typeof secret === 'string' && secret.length >= 16) {
		localStorage.setItem(hostSecretKey(pin), secret);
	} else {
		localStorage.removeItem(hostSecretKey(pin));
	}
}

/** The stored secret for a room, or null (also for junk such as a stored "undefined"). */
export function storedHostSecret(pin: string): string | null {
	const s = localStorage.getItem(hostSecretKey(pin));
	return s && s.length >= 16 && s.length <= 128 ? s : null;
}
