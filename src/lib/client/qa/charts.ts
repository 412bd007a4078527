// What the poll chart and the word cloud draw, computed apart from the drawing so that the phone
// page, the host panel and the wall show the same figures: a choice poll's rows (letter, colour,
// count, share of the respondents) and a word cloud's font sizes, laid out with a seeded random so
// that the same words land in the same places at every frame.
import { seededRandom } from '../../domain/seeded-random';
import { optionStyle } from '../options';

export interface PollRow {
	letter: string;
	label: string;
	color: string;
	count: number;
	/** Whole per cent of the respondents who chose it (a multiple-choice poll's add up to more). */
	share: number;
}

export function pollRows(
	options: readonly string[],
	counts: readonly number[],
	respondents: number
): PollRow[] {
	return options.map((label, i) => {
		const count = counts[i] ?? 0;
		return {
			letter: String.fromCharCode(65 + i),
			label,
			color: optionStyle(i).color,
			count,
			share: respondents > 0 ? Math.round((count / respondents) * 100) : 0
		};
	});
}

export interface SizedWord {
	text: string;
	count: number;
	/** Font size in px. */
	size: number;
}

/**
 * The words to draw, most counted first, at most `max` of them, sized by the square root of the
 * count (the area of a word grows with it) between `minPx` and `maxPx`.
 */
export function sizeWords(
	words: readonly { text: string; count: number }[],
	{ minPx, maxPx, max = 80 }: { minPx: number; maxPx: number; max?: number }
): SizedWord[] {
	const top = [...words]
		.filter((w) => w.count > 0)
		.sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
		.slice(0, max);
	if (top.length === 0) return [];
	const hi = Math.sqrt(top[0]!.count);
	const lo = Math.sqrt(top[top.length - 1]!.count);
	return top.map((w) => ({
		...w,
		size: Math.round(
			hi === lo ? maxPx * 0.75 : minPx + ((Math.sqrt(w.count) - lo) / (hi - lo)) * (maxPx - minPx)
		)
	}));
}

/** A number from a text (FNV-1a): the same text, the same number. */
export function textHash(text: string): number {
	let h = 0x811c9dc5;
	for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
	return h;
}

/**
 * A random source for the cloud's layout that gives each word the same draws at every frame: the
 * layout draws CALLS_PER_WORD numbers per word (its start point and its spiral's direction), in
 * the order of `texts` (most counted first, as the layout places them), so the k-th group of draws
 * comes from a sequence seeded by the k-th word's text. A word thus starts from the same place
 * whatever the other words do, and a new count moves the picture little. Draws beyond the words
 * (should the layout draw more) come from the plain seeded sequence: still deterministic.
 */
export const CALLS_PER_WORD = 3;
export function wordKeyedRandom(texts: readonly string[], seed: number): () => number {
	const perWord = texts.map((t) => seededRandom(seed ^ textHash(t)));
	const rest = seededRandom(seed);
	let calls = 0;
	return () => {
		const word = perWord[Math.floor(calls++ / CALLS_PER_WORD)];
		return word ? word() : rest();
	};
}

/** A colour per word, from its text (the same word keeps its colour from frame to frame). */
export function wordColor(text: string, palette: readonly string[]): string {
	return palette[textHash(text) % palette.length]!;
}
