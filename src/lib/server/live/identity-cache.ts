// Players' identities (id, nickname, join time, seat) as one process last read them, by room. A
// player's identity never changes once added; only their standing does. Scoring reads every
// player of the room on every question, so the process that scores a room reads the identities
// once and, on later questions, only those of players who joined since: at 10,000 players that is
// 10,000 strings fetched and parsed per question that need not be.
//
// Nothing here can go stale: an entry is only ever added from the store, and an id names one
// player for good (ids are random; a PIN reused by a new room brings new ids). Entries of players
// no longer in the room are dropped when the room is read.

/** Rooms whose identities are kept; the longest unread goes first beyond this. */
export const IDENTITY_ROOMS = 64;

export class IdentityCache<T> {
	private readonly rooms = new Map<string, Map<string, T>>();

	constructor(private readonly maxRooms = IDENTITY_ROOMS) {}

	/**
	 * The identities of `ids` (the room's players as the store lists them now): the known ones
	 * from the cache, the others from `fetch` (which returns null for an id it does not find).
	 * Ids `fetch` does not find are left out of the result.
	 */
	async of(
		pin: string,
		ids: string[],
		fetch: (missing: string[]) => Promise<(T | null)[]>
	): Promise<Map<string, T>> {
		const known = this.rooms.get(pin) ?? new Map<string, T>();
		const missing = ids.filter((id) => !known.has(id));
		if (missing.length > 0) {
			const found = await fetch(missing);
			found.forEach((identity, i) => {
				if (identity !== null) known.set(missing[i]!, identity);
			});
		}
		// Players removed since (a room deleted and its PIN reused) are not kept.
		const current = known.size > ids.length ? pruned(known, ids) : known;
		this.rooms.delete(pin);
		this.rooms.set(pin, current);
		if (this.rooms.size > this.maxRooms) this.rooms.delete(this.rooms.keys().next().value!);
		return current;
	}

	forget(pin: string): void {
		this.rooms.delete(pin);
	}
}

function pruned<T>(known: Map<string, T>, ids: string[]): Map<string, T> {
	const out = new Map<string, T>();
	for (const id of ids) {
		const v = known.get(id);
		if (v !== undefined) out.set(id, v);
	}
	return out;
}
