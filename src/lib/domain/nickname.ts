// Nickname rules: NICKNAME_LENGTH (1–20) characters after trimming, well-formed, no invisible or direction-changing
// characters, unique in a room ignoring case, width and look-alike letters, and passing the
// offensive-word check of text-safety.ts.
import { inRange, NICKNAME_LENGTH } from './limits';
import { isWellFormedText, lookalikeKey, nameTextGuard } from './text-safety';

export type NicknameError = 'NICKNAME_LENGTH' | 'NICKNAME_CHARS' | 'NICKNAME_OFFENSIVE';

// C0/C1 controls, soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width and
// joiners, bidi marks/embeddings/overrides/isolates, line/paragraph separators, invisible operators
// and deprecated format characters, BOM, tag characters.
const FORBIDDEN =
	// eslint-disable-next-line no-control-regex -- finding control characters is the point
	/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\u{e0000}-\u{e007f}]/u;

export function cleanNickname(
	raw: string
): { ok: true; nickname: string } | { ok: false; code: NicknameError } {
	// A lone surrogate renders as a replacement box and breaks JSON and databases downstream.
	if (!isWellFormedText(raw)) return { ok: false, code: 'NICKNAME_CHARS' };
	const nickname = raw.normalize('NFC').trim();
	if (FORBIDDEN.test(nickname)) return { ok: false, code: 'NICKNAME_CHARS' };
	const length = [...nickname].length;
	if (!inRange(length, NICKNAME_LENGTH)) return { ok: false, code: 'NICKNAME_LENGTH' };
	if (!nameTextGuard.check(nickname).ok) return { ok: false, code: 'NICKNAME_OFFENSIVE' };
	return { ok: true, nickname };
}

/**
 * The key under which a nickname must be unique in a room: case, full/half width and Latin,
 * Cyrillic and Greek look-alikes folded, so that "аlice" (Cyrillic а) cannot pose as "alice".
 */
export function nicknameKey(nickname: string): string {
	return lookalikeKey(nickname);
}
