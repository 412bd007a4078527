// The host panel's player list: one page of a room that may hold tens of thousands, newest first.
// Batched arrivals and departures are applied in time proportional to the batch and the page,
// never to the room, so that a livestream's join storm costs the panel nothing it cannot bound.
import type { PlayerPage, PlayerSummary } from '../protocol';

export interface PlayerPageState {
	/** Newest first; never more than the page size. */
	players: PlayerSummary[];
	offset: number;
	/** The room's players (with a query: the matches). */
	total: number;
	/** The nickname searched for; null: the whole room. */
	query: string | null;
	/** A search that only looked at the newest players (the server's bound). */
	partial: boolean;
	/** Arrivals this page does not show (it is not the newest page, or a search): a hint to go back. */
	unseen: number;
}

export interface PlayersDelta {
	/** In the order they arrived. */
	joined: PlayerSummary[];
	left: string[];
	count: number;
}

/** The first page, as host:attach acks it. */
export function firstPage(players: PlayerSummary[], total: number): PlayerPageState {
	return { players, offset: 0, total, query: null, partial: false, unseen: 0 };
}

/** A page as host:players acks it. */
export function pageFrom(res: PlayerPage, query: string | null): PlayerPageState {
	return {
		players: res.players,
		offset: res.offset,
		total: res.total,
		query,
		partial: res.partial === true,
		unseen: 0
	};
}

/** Whether the page is the newest of the whole room: the only one arrivals go into. */
export const isLive = (s: PlayerPageState) => s.offset === 0 && s.query === null;

/** Whether the page holds every player of the room (a small room): counts can be made from it. */
export const holdsEveryone = (s: PlayerPageState) => isLive(s) && s.players.length >= s.total;

/**
 * Applies a 'room:players' batch. The newest page takes the arrivals at its top and drops what
 * falls off its end; any page drops who left. Cost: O(batch + page).
 */
export function applyPlayersDelta(
	s: PlayerPageState,
	delta: PlayersDelta,
	pageSize: number
): PlayerPageState {
	const left = new Set(delta.left);
	// A player in a batch's arrivals replaces the page's copy of them (the newest word wins).
	const arrived = new Map<string, PlayerSummary>();
	for (const p of delta.joined) if (!left.has(p.id)) arrived.set(p.id, p);
	if (isLive(s)) {
		const fresh = [...arrived.values()].slice(-pageSize).reverse();
		const kept = s.players.filter((p) => !left.has(p.id) && !arrived.has(p.id));
		return { ...s, players: [...fresh, ...kept].slice(0, pageSize), total: delta.count };
	}
	const onPage = new Set<string>();
	const players: PlayerSummary[] = [];
	let removed = 0;
	for (const p of s.players) {
		if (left.has(p.id)) {
			removed++;
			continue;
		}
		onPage.add(p.id);
		players.push(arrived.get(p.id) ?? p);
	}
	let unseen = 0;
	for (const id of arrived.keys()) if (!onPage.has(id)) unseen++;
	return {
		...s,
		players,
		// A search's total counts matches: only those who left from this page are known to be gone.
		total: s.query === null ? delta.count : Math.max(0, s.total - removed),
		unseen: s.unseen + unseen
	};
}

/**
 * The room's online count after a batch, from the count at attach: arrivals come online, and who
 * leaves (kicked, or taken off with a dead process) goes offline. Presence changes outside these
 * batches are not sent, so this is the panel's estimate until the next attach or question count.
 */
export function onlineAfter(online: number, delta: PlayersDelta): number {
	const left = new Set(delta.left);
	let joined = 0;
	for (const p of delta.joined) if (p.online && !left.has(p.id)) joined++;
	return Math.max(0, Math.min(delta.count, online + joined - left.size));
}
