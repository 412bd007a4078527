// Audience text is text: what a question, a name, a label or an answer keeps is plain characters
// that every surface escapes on output; tags are never stripped into markup or kept as markup,
// "<b>" stays the four characters it is. What goes: ill-formed UTF-16, controls, and the invisible
// and direction-changing format characters (zero-width, bidi overrides and isolates, tags) that
// make a text read differently from what it says. Whitespace runs become one space (a line
// break, kept once, where the asker wrote one). The length is counted after all that, in
// characters as a person sees them (code points), not UTF-16 units.
import { isWellFormedText } from '../text-safety';

export type QaTextError = 'QA_TEXT_EMPTY' | 'QA_TEXT_LENGTH';

// Format characters (Cf: zero-width, joiners, bidi marks/embeddings/overrides/isolates, BOM, tag
// characters, soft hyphen) and controls other than the line break; line/paragraph separators.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\p{Cf}\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/gu;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text as it will be stored and shown: see the top of this file. */
export function normaliseQaText(raw: string): string {
	const wellFormed = isWellFormedText(raw) ? raw : raw.replace(LONE_SURROGATES, '');
	return wellFormed
		.normalize('NFC')
		.replace(INVISIBLE, '')
		.split('\n')
		.map((line) => line.replace(/\s+/gu, ' ').trim())
		.filter((line) => line !== '')
		.join('\n');
}

/** Characters as a person counts them (one per code point). */
export const textLength = (text: string): number => [...text].length;

export function cleanQaText(
	raw: string,
	maxLength: number
): { ok: true; text: string } | { ok: false; code: QaTextError } {
	const text = normaliseQaText(raw);
	if (text === '') return { ok: false, code: 'QA_TEXT_EMPTY' };
	if (textLength(text) > maxLength) return { ok: false, code: 'QA_TEXT_LENGTH' };
	return { ok: true, text };
}
