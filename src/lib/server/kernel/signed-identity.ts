// A participant without an account (a Q&A event's audience, a self-paced contest's entrant) is a
// server-issued identity: a random id and an HMAC of it, bound to a scope ("qa:CODE",
// "contest:ID"), under a secret every process shares (the store's, or QA_SECRET). The device keeps
// the token; it cannot be forged or moved to another event or contest.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { newId } from '../rooms/secrets';

const mac = (secret: string, scope: string, id: string) =>
	createHmac('sha256', secret).update(`${scope}:${id}`).digest('base64url');

/** The token naming an existing id (a contest participant found again, a test). */
export function tokenFor(secret: string, scope: string, id: string): string {
	return `${id}.${mac(secret, scope, id)}`;
}

export function issueIdentity(
	secret: string,
	scope: string
): { participantId: string; token: string } {
	const participantId = newId();
	return { participantId, token: tokenFor(secret, scope, participantId) };
}

/** The participant id a token names, or null if it was not issued for this scope. */
export function verifyIdentity(secret: string, scope: string, token: string): string | null {
	const dot = token.indexOf('.');
	if (dot <= 0) return null;
	const id = token.slice(0, dot);
	const given = Buffer.from(token.slice(dot + 1));
	const expected = Buffer.from(mac(secret, scope, id));
	return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}
