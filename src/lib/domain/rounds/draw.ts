// The electronic draw (电子抽签): team order from a published seed, so that anyone holding the seed
// and the team list can redo the draw and get the same order. The server picks the seed at random
// when the host draws; the seed, the order and the time are kept with the game.
import { seededRandom } from '../seeded-random';

export interface DrawRecord {
	/** Eight hex digits. */
	seed: string;
	/** Team ids in drawn order: the turn order, and team i takes the turn round's i-th, (i+n)-th… questions. */
	order: string[];
	at: number;
}

export const SEED_PATTERN = /^[0-9a-f]{8}$/;

/** Fisher–Yates over the team ids as given, driven by the seed. */
export function drawOrder(teamIds: readonly string[], seed: string): string[] {
	if (!SEED_PATTERN.test(seed)) throw new RangeError('seed must be 8 hex digits');
	const next = seededRandom(Number.parseInt(seed, 16));
	const order = [...teamIds];
	for (let i = order.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[order[i], order[j]] = [order[j]!, order[i]!];
	}
	return order;
}

/** The team whose turn question `position` (0-based within a turn round) is. */
export function turnTeam(order: readonly string[], position: number): string | null {
	if (order.length === 0) return null;
	return order[position % order.length]!;
}
