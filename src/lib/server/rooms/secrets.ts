// Random identifiers and secrets. Only a secret's SHA-256 is stored; comparisons are constant-time.
import { hash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Random bytes drawn from the system's CSPRNG a few KB at a time: one call per join for a token
 * and one for an id cost more than the bytes (a join storm makes thousands a second).
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let used = 0;
function random(n: number): Buffer {
	if (used + n > pool.length) {
		pool = randomBytes(POOL_BYTES);
		used = 0;
	}
	const out = pool.subarray(used, used + n);
	used += n;
	return out;
}

export const newSecret = (): string => random(24).toString('base64url');
export const newId = (): string => random(9).toString('base64url');
// One-shot `hash`: a join hashes its new token, and a Hash object per call cost several times more.
export const hashSecret = (secret: string): string => hash('sha256', secret, 'hex');

export function secretMatches(secret: string, storedHash: string): boolean {
	const a = Buffer.from(hashSecret(secret), 'hex');
	const b = Buffer.from(storedHash, 'hex');
	return a.length === b.length && timingSafeEqual(a, b);
}

/** A 6-digit PIN that does not start with 0, so it survives being typed as a number. */
export const newPin = (): string => String(randomInt(100_000, 1_000_000));

/** Constant-time comparison of two tokens kept as they are (a screen link's). */
export function tokensEqual(presented: string, expected: string): boolean {
	return secretMatches(presented, hashSecret(expected));
}

/** The electronic draw's seed: eight hex digits, published with the draw so it can be redone. */
export const newDrawSeed = (): string => randomBytes(4).toString('hex');
