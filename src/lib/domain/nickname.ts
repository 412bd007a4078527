// Nickname rules: 1–20 characters after trimming, no invisible or direction-changing characters,
// unique in a room ignoring case, and not on the offensive-word list.
import { ALLOWED_WORDS, BLOCKED_WORDS } from './blocked-words';

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
	const nickname = raw.normalize('NFC').trim();
	if (FORBIDDEN.test(nickname)) return { ok: false, code: 'NICKNAME_CHARS' };
	const length = [...nickname].length;
	if (length < 1 || length > 20) return { ok: false, code: 'NICKNAME_LENGTH' };
	if (isOffensive(nickname)) return { ok: false, code: 'NICKNAME_OFFENSIVE' };
	return { ok: true, nickname };
}

/** The key under which a nickname must be unique in a room. */
export function nicknameKey(nickname: string): string {
	return nickname.normalize('NFKC').toLowerCase();
}

function isOffensive(nickname: string): boolean {
	// Compare without spaces, punctuation and case so "f u c k" or "傻.逼" are caught too.
	let squashed = nickname
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[\s\p{P}\p{S}_]+/gu, '');
	// Ordinary names that happen to contain a blocked term are cut out first; a space stays in their
	// place so that the pieces either side cannot join up into a blocked term.
	for (const w of ALLOWED_WORDS) squashed = squashed.replaceAll(w, ' ');
	return BLOCKED_WORDS.some((w) => squashed.includes(w));
}
