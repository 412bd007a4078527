// Password hashing with scrypt (node:crypto). A hash is stored with its parameters,
// `scrypt$<N>$<r>$<p>$<salt b64>$<key b64>`, so that the cost can be raised later without breaking
// old hashes (verifyPassword reads them back and needsRehash says when to upgrade).
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
	N: number;
	r: number;
	p: number;
}

/** N = 2^15, r = 8, p = 1: about 32 MiB and a few tens of milliseconds per hash. */
export const DEFAULT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LEN = 64;
const SALT_LEN = 16;
/** Refuse absurd parameters read from a stored hash (a corrupted row must not stall the server). */
const MAX_N = 2 ** 20;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

function scrypt(password: string, salt: Buffer, keyLen: number, params: ScryptParams) {
	// scrypt needs about 128·N·r bytes; Node refuses anything over `maxmem` (32 MiB by default, which
	// N = 2^15, r = 8 reaches exactly), so allow twice what the parameters need.
	const options: ScryptOptions = {
		N: params.N,
		r: params.r,
		p: params.p,
		maxmem: 2 * 128 * params.r * (params.N + params.p)
	};
	return new Promise<Buffer>((resolve, reject) =>
		scryptCb(password.normalize('NFKC'), salt, keyLen, options, (err, key) =>
			err ? reject(err) : resolve(key)
		)
	);
}

export async function hashPassword(
	password: string,
	params: ScryptParams = DEFAULT_PARAMS
): Promise<string> {
	const salt = randomBytes(SALT_LEN);
	const key = await scrypt(password, salt, KEY_LEN, params);
	return [
		'scrypt',
		params.N,
		params.r,
		params.p,
		salt.toString('base64'),
		key.toString('base64')
	].join('$');
}

interface Decoded extends ScryptParams {
	salt: Buffer;
	key: Buffer;
}

function decode(encoded: string): Decoded | null {
	const parts = encoded.split('$');
	if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
	const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
	if (![N, r, p].every((x) => Number.isSafeInteger(x) && x > 0)) return null;
	if (N > MAX_N || (N & (N - 1)) !== 0 || r > 32 || p > 16) return null;
	const salt = Buffer.from(parts[4]!, 'base64');
	const key = Buffer.from(parts[5]!, 'base64');
	if (salt.length === 0 || key.length < 16) return null;
	return { N, r, p, salt, key };
}

/** Compares in constant time; a malformed stored hash never matches. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
	const d = decode(encoded);
	if (!d) return false;
	const key = await scrypt(password, d.salt, d.key.length, d);
	return key.length === d.key.length && timingSafeEqual(key, d.key);
}

/** Whether a stored hash was made with other parameters than `params`. */
export function needsRehash(encoded: string, params: ScryptParams = DEFAULT_PARAMS): boolean {
	const d = decode(encoded);
	return !d || d.N !== params.N || d.r !== params.r || d.p !== params.p;
}

let dummy: Promise<string> | null = null;

/**
 * Spends the time of a real verification when there is no user to verify against, so that an
 * unknown account and a wrong password take about as long to refuse.
 */
export async function verifyDummy(password: string): Promise<false> {
	dummy ??= hashPassword('anda-dummy-password');
	await verifyPassword(password, await dummy);
	return false;
}

/** A Chinese message if the password is unacceptable, else null. */
export function passwordProblem(password: string): string | null {
	if (password.length < PASSWORD_MIN) return `密码至少 ${PASSWORD_MIN} 个字符`;
	if (password.length > PASSWORD_MAX) return `密码最多 ${PASSWORD_MAX} 个字符`;
	return null;
}
