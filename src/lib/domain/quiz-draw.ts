// Drawing N distinct questions at random from a pool. Pure: the randomness is passed in, so tests
// use a seeded generator and the server uses Math.random.

export type DrawResult<T> =
	| { ok: true; drawn: T[] }
	| { ok: false; reason: 'pool-too-small'; available: number; requested: number };

/**
 * N distinct items of the pool in random order (a partial Fisher–Yates shuffle over a copy, so each
 * item is drawn at most once and every N-subset in every order is equally likely for a uniform rng).
 * `rng` returns numbers in [0, 1), like Math.random. Refuses when the pool has fewer than N items.
 */
export function drawQuestions<T>(
	pool: readonly T[],
	count: number,
	rng: () => number
): DrawResult<T> {
	if (!Number.isInteger(count) || count < 0) {
		throw new RangeError(`count must be a non-negative integer, got ${count}`);
	}
	if (pool.length < count) {
		return { ok: false, reason: 'pool-too-small', available: pool.length, requested: count };
	}
	const items = [...pool];
	for (let i = 0; i < count; i++) {
		// Pick from the not-yet-drawn tail [i, length) and swap it into place i.
		const span = items.length - i;
		const j = i + Math.min(span - 1, Math.max(0, Math.floor(rng() * span)));
		const picked = items[j] as T;
		items[j] = items[i] as T;
		items[i] = picked;
	}
	return { ok: true, drawn: items.slice(0, count) };
}
