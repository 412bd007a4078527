// Nickname rules: 1–20 characters after trimming, no invisible or direction-changing characters,
// unique in a room ignoring case, and not on the offensive-word list.
import { BLOCKED_WORDS } from './blocked-words';

export type NicknameError = 'NICKNAME_LENGTH' | 'NICKNAME_CHARS' | 'NICKNAME_OFFENSIVE';

// C0/C1 controls, zero-width and joiners, bidi embeddings/overrides/isolates, BOM, tag characters.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u{e0000}-\u{e007f}]/u;

export function cleanNickname(raw: string): { ok: true; nickname: string } | { ok: false; code: NicknameError } {
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
	const squashed = nickname.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}_]+/gu, '');
	return BLOCKED_WORDS.some((w) => squashed.includes(w));
}
