// An organisation's own word list: terms its owners and admins add to the built-in sensitive-word
// lists (text-safety.ts) for the questions asked at its events, e.g. a local place or a name that
// must not be shown unreviewed. Written one per line; each is cleaned like audience text, kept
// once (compared as the filter compares, look-alikes and case folded) and held to a length.
import { normaliseQaText, textLength } from './qa/text';
import { foldForMatching } from './text-safety';

export const ORG_WORDS = { max: 500, length: 30 } as const;

/** The words of a textarea, one per line, in the order written; blank lines and repeats go. */
export function parseWordList(
	text: string
): { ok: true; words: string[] } | { ok: false; message: string } {
	const words: string[] = [];
	const seen = new Set<string>();
	for (const line of text.split(/\r?\n/)) {
		const word = normaliseQaText(line);
		if (word === '') continue;
		if (textLength(word) > ORG_WORDS.length) {
			return {
				ok: false,
				message: `「${word.slice(0, 10)}…」太长：每个词最多 ${ORG_WORDS.length} 个字`
			};
		}
		const key = foldForMatching(word);
		// A word of punctuation or spaces alone would never match anything.
		if (key === '' || seen.has(key)) continue;
		seen.add(key);
		words.push(word);
	}
	if (words.length > ORG_WORDS.max) {
		return { ok: false, message: `最多 ${ORG_WORDS.max} 个词（现在 ${words.length} 个）` };
	}
	return { ok: true, words };
}
