// An attempt shows each question's options in its own order. The order is kept as a permutation,
// `order[shown] = stored`, so that answers are saved, scored and counted against the stored
// question's option indexes (per-question statistics stay comparable across attempts), while the
// device only ever speaks of the positions it showed.
import { drawQuestions } from '../quiz-draw';
import type { QuestionType } from '../question';

/** Stored option indexes in the order they are shown; empty for fill-in (no options). */
export type OptionOrder = readonly number[];

/** The identity order: options as stored. */
export function storedOrder(n: number): number[] {
	return Array.from({ length: n }, (_, i) => i);
}

/**
 * A random order of a question's options. True/false keeps 正确 before 错误, as people expect to
 * read them; fill-in has none. Reuses the draw's Fisher–Yates, a full draw being a shuffle.
 */
export function shuffledOrder(type: QuestionType, n: number, rng: () => number): number[] {
	if (type === 'fillin') return [];
	if (type === 'truefalse') return storedOrder(n);
	const r = drawQuestions(storedOrder(n), n, rng);
	// A full draw of the pool never runs short.
	return r.ok ? r.drawn : storedOrder(n);
}

/** Shown positions to stored indexes (sorted), or null when a position is not shown. */
export function toStored(order: OptionOrder, shown: readonly number[]): number[] | null {
	const out: number[] = [];
	for (const s of shown) {
		const stored = Number.isInteger(s) ? order[s] : undefined;
		if (stored === undefined) return null;
		out.push(stored);
	}
	return out.sort((a, b) => a - b);
}

/** Stored indexes to the positions the attempt shows them at (sorted). */
export function toShown(order: OptionOrder, stored: readonly number[]): number[] {
	return stored.map((s) => order.indexOf(s)).sort((a, b) => a - b);
}
