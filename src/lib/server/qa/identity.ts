// A participant of a Q&A event is a server-issued identity: a random id and an HMAC of it (bound
// to the event's code) under a secret every process shares (the store's, or QA_SECRET). The phone
// keeps the token; nothing per participant is stored, and a token cannot be forged or moved to
// another event. Bans and votes follow the id.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { newId } from '../rooms/secrets';

const mac = (secret: string, code: string, id: string) =>
	createHmac('sha256', secret).update(`qa:${code}:${id}`).digest('base64url');

export function issueIdentity(
	secret: string,
	code: string
): { participantId: string; token: string } {
	const participantId = newId();
	return { participantId, token: `${participantId}.${mac(secret, code, participantId)}` };
}

/** The participant id a token names, or null if it was not issued for this event. */
export function verifyIdentity(secret: string, code: string, token: string): string | null {
	const dot = token.indexOf('.');
	if (dot <= 0) return null;
	const id = token.slice(0, dot);
	const given = Buffer.from(token.slice(dot + 1));
	const expected = Buffer.from(mac(secret, code, id));
	return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}
