// 风险题 (wagers) and 加赛 (tiebreaks), pure. A team (or player) chooses a stake from the round's
// values while the question is not yet open; opening locks every stake (one not chosen is the
// smallest: a team that forgets still plays, at the least risk). A right answer gains the stake,
// a wrong one or none loses it. A tiebreak is among the tied only: those level on the top score.

export interface WagerBook {
	/** The values a stake may take, e.g. [10, 20, 30]. */
	values: number[];
	/** Chosen stakes by team; fixed once `locked`. */
	stakes: Record<string, number>;
	locked: boolean;
}

export type WagerRefusal = 'LOCKED' | 'BAD_STAKE';

export function createWagerBook(values: readonly number[]): WagerBook {
	if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v <= 0)) {
		throw new RangeError('wager values must be positive whole numbers');
	}
	return { values: [...values].sort((a, b) => a - b), stakes: {}, locked: false };
}

/** Chooses (or changes) a team's stake before the question opens. */
export function chooseStake(
	book: WagerBook,
	team: string,
	stake: number
): { ok: true; book: WagerBook } | { ok: false; code: WagerRefusal } {
	if (book.locked) return { ok: false, code: 'LOCKED' };
	if (!book.values.includes(stake)) return { ok: false, code: 'BAD_STAKE' };
	return { ok: true, book: { ...book, stakes: { ...book.stakes, [team]: stake } } };
}

/** Locks the stakes as the question opens; teams that chose none get the smallest value. */
export function lockStakes(book: WagerBook, teams: readonly string[]): WagerBook {
	const smallest = book.values[0]!;
	const stakes: Record<string, number> = {};
	for (const t of teams) stakes[t] = book.stakes[t] ?? smallest;
	return { ...book, stakes, locked: true };
}

/** Points each team gains (+stake) or loses (−stake): right answers by team, absent = none. */
export function settleStakes(
	book: WagerBook,
	right: Readonly<Record<string, boolean>>
): Record<string, number> {
	if (!book.locked) throw new Error('stakes are settled only once locked');
	const out: Record<string, number> = {};
	for (const [team, stake] of Object.entries(book.stakes)) {
		out[team] = right[team] === true ? stake : -stake;
	}
	return out;
}

/** The teams level on the top score when more than one is: the tiebreak's only players. */
export function tiedForFirst(scores: Readonly<Record<string, number>>): string[] {
	const entries = Object.entries(scores);
	if (entries.length < 2) return [];
	const top = Math.max(...entries.map(([, s]) => s));
	const tied = entries.filter(([, s]) => s === top).map(([t]) => t);
	return tied.length > 1 ? tied.sort() : [];
}
