// Embedded live store: process memory. Every method body runs without awaiting, so each is atomic.
import type { AnswerInput } from '../../domain/answer';
import { answerWindow, canJoin, elapsedMs, type RoomState } from '../../domain/room';
import type { PlayerStanding } from '../../domain/round-scoring';
import { rankAmong, ranked } from '../../domain/ranking';
import { DEFAULT_LOBBY_IDLE_MS, ROOM_TTL_MS, SCAN_START, SCORE_CHUNK } from './port';
import { commitInChunks } from './score-chunks';
// One implementation of the live-store port (its types written port.X).
import type * as port from './port';

interface MemRoom {
	room: port.StoredRoom;
	players: Map<string, port.PlayerRecord>;
	/** How many of them are kicked: the count of players is read on every join, never a walk. */
	kicked: number;
	/** Player ids by (joinedAt, id) ascending, so that a page is read from the end without a sort. */
	joinOrder: string[];
	nicks: Map<string, string>;
	tokens: Map<string, string>;
	sockets: Map<string, number>;
	answers: Map<number, Map<string, port.AnswerRecord>>;
	scored: Map<number, port.ScoredQuestion>;
	results: Map<number, Map<string, port.RankedResult>>;
	lease: { owner: string; until: number } | null;
	active: boolean;
	/** While in the lobby: when it expires unless something happens. */
	lobbyUntil: number | null;
	/** Once started: when its live state is freed, as Redis's key expiry would. */
	liveUntil: number | null;
	/** Players added per join source (a client address's key). */
	joins: Map<string, number>;
	races: Map<string, RaceLog>;
	/** Question index → holder → stake. */
	stakes: Map<number, Map<string, number>>;
	/**
	 * The players not kicked in leaderboard order, kept until a join, a kick or a score changes it:
	 * the archive reads the board page by page, and a sort per page of a large room would be
	 * quadratic.
	 */
	board: port.PlayerRecord[] | null;
}

interface RaceLog {
	entries: port.RaceEntry[];
	/** Member → 0-based place, so that a repeat is found without a scan. */
	places: Map<string, number>;
}

/**
 * A deep copy of the store's records, so that no caller holds the store's own objects (as with
 * Redis, where every read is a fresh parse). They are plain JSON-like data, for which this walk
 * costs a fraction of structuredClone, called several times per player per question. Most values
 * are numbers and strings: they are copied in the loop, and only objects recurse; a for-in walk
 * of a plain object builds no array of its keys.
 */
function clone<T>(v: T): T {
	if (v === null || typeof v !== 'object') return v;
	if (Array.isArray(v)) {
		const out: unknown[] = new Array(v.length);
		for (let i = 0; i < v.length; i++) {
			const x: unknown = v[i];
			out[i] = x !== null && typeof x === 'object' ? clone(x) : x;
		}
		return out as T;
	}
	const src = v as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	for (const k in src) {
		const x = src[k];
		out[k] = x !== null && typeof x === 'object' ? clone(x) : x;
	}
	return out as T;
}

const joinedBefore = (a: port.PlayerRecord, b: port.PlayerRecord) =>
	a.joinedAt < b.joinedAt || (a.joinedAt === b.joinedAt && a.id < b.id);

/** The room's players, kicked ones left out. */
const countOf = (r: MemRoom) => r.players.size - r.kicked;

/** Players arrive in time order, so the place is almost always the end: found from there. */
function insertByJoin(r: MemRoom, player: port.PlayerRecord) {
	let i = r.joinOrder.length;
	while (i > 0 && joinedBefore(player, r.players.get(r.joinOrder[i - 1]!)!)) i--;
	r.joinOrder.splice(i, 0, player.id);
}

/** A page of `list` from the position `cursor` names, as the Redis adapter's HSCAN would give. */
function scanSlice<T, R>(
	list: readonly T[],
	cursor: string,
	count: number,
	read: (item: T) => R | undefined
): port.ScanPage<R> {
	const from = Number(cursor) || 0;
	const to = Math.min(list.length, from + Math.max(1, count));
	const items: R[] = [];
	for (let i = from; i < to; i++) {
		const r = read(list[i]!);
		if (r !== undefined) items.push(clone(r));
	}
	return { items, next: to >= list.length ? SCAN_START : String(to) };
}

function* notKicked(players: Iterable<port.PlayerRecord>): Iterable<port.PlayerRecord> {
	for (const p of players) if (!p.kicked) yield p;
}

export interface MemoryStoreOptions extends port.LiveStoreOptions {
	/** How long an ended room's live state is kept; 0 keeps it until deleted. */
	retainEndedMs?: number;
}

export class MemoryLiveStore implements port.LiveStore {
	readonly kind = 'memory' as const;
	private rooms = new Map<string, MemRoom>();
	/** Rooms with a clock lease: what take-over looks through, so that idle rooms cost nothing. */
	private leased = new Set<string>();
	private readonly retainEndedMs: number;
	private readonly lobbyIdleMs: number;
	constructor(
		private readonly now: () => number = Date.now,
		opts: MemoryStoreOptions = {}
	) {
		this.retainEndedMs = opts.retainEndedMs ?? 2 * 3600_000;
		this.lobbyIdleMs = opts.lobbyIdleMs ?? DEFAULT_LOBBY_IDLE_MS;
		this.scoreChunk = opts.scoreChunk ?? SCORE_CHUNK;
	}
	private readonly scoreChunk: number;

	async createRoom(room: port.StoredRoom): Promise<boolean> {
		if (this.rooms.has(room.state.pin)) return false;
		const lobby = room.state.phase === 'lobby';
		this.rooms.set(room.state.pin, {
			room: clone(room),
			players: new Map(),
			kicked: 0,
			joinOrder: [],
			nicks: new Map(),
			tokens: new Map(),
			sockets: new Map(),
			answers: new Map(),
			scored: new Map(),
			results: new Map(),
			lease: null,
			active: true,
			lobbyUntil: lobby ? this.now() + this.lobbyIdleMs : null,
			liveUntil: lobby ? null : this.now() + ROOM_TTL_MS,
			joins: new Map(),
			races: new Map(),
			stakes: new Map(),
			board: null
		});
		return true;
	}
	async getRoom(pin: string) {
		const r = this.rooms.get(pin);
		if (!r) return null;
		const room = clone(r.room);
		room.coHostIds.sort();
		return room;
	}
	async addCoHost(pin: string, userId: string) {
		const r = this.rooms.get(pin);
		if (!r) return false;
		if (!r.room.coHostIds.includes(userId)) r.room.coHostIds.push(userId);
		return true;
	}
	async getState(pin: string) {
		const r = this.rooms.get(pin);
		return r ? clone(r.room.state) : null;
	}
	async casState(pin: string, expected: number, next: RoomState) {
		const r = this.rooms.get(pin);
		if (!r || r.room.state.version !== expected) return false;
		r.room.state = clone(next);
		if (next.phase === 'lobby') {
			r.lobbyUntil = this.now() + this.lobbyIdleMs;
		} else if (r.lobbyUntil !== null) {
			// Started (or ended from the lobby): from now on the room lifetime counts.
			r.lobbyUntil = null;
			r.liveUntil = this.now() + ROOM_TTL_MS;
		}
		return true;
	}
	async touchLobbies(pins: string[]) {
		const until = this.now() + this.lobbyIdleMs;
		for (const pin of pins) {
			const r = this.rooms.get(pin);
			if (r && r.lobbyUntil !== null) r.lobbyUntil = until;
		}
	}
	async expireRooms(limit: number) {
		const now = this.now();
		const out: string[] = [];
		for (const [pin, r] of this.rooms) {
			if (out.length >= limit) break;
			const idle = r.lobbyUntil !== null && r.lobbyUntil <= now;
			const old = r.active && r.liveUntil !== null && r.liveUntil <= now;
			if (idle || old) out.push(pin);
		}
		for (const pin of out) this.forget(pin);
		return out;
	}

	async addPlayer(
		pin: string,
		player: port.PlayerRecord,
		nickKey: string,
		tokenHash: string,
		source?: port.JoinSource
	): Promise<port.AddedPlayer> {
		const r = this.rooms.get(pin);
		if (!r) return { outcome: 'ROOM_NOT_FOUND', count: 0 };
		const closed = canJoin(r.room.state);
		if (closed) return { outcome: closed, count: countOf(r) };
		const joined = source ? (r.joins.get(source.key) ?? 0) : 0;
		if (source && source.cap > 0 && joined >= source.cap) {
			return { outcome: 'TOO_MANY_JOINS', count: countOf(r) };
		}
		if (r.nicks.has(nickKey)) return { outcome: 'NICKNAME_TAKEN', count: countOf(r) };
		r.nicks.set(nickKey, player.id);
		r.players.set(player.id, clone(player));
		r.board = null;
		insertByJoin(r, player);
		r.tokens.set(tokenHash, player.id);
		if (source) r.joins.set(source.key, joined + 1);
		if (r.lobbyUntil !== null) r.lobbyUntil = this.now() + this.lobbyIdleMs;
		return { outcome: 'ok', count: countOf(r) };
	}
	async playerByToken(pin: string, tokenHash: string) {
		const r = this.rooms.get(pin);
		const id = r?.tokens.get(tokenHash);
		const p = id ? r?.players.get(id) : undefined;
		return p ? clone(p) : null;
	}
	async getPlayer(pin: string, id: string) {
		const p = this.rooms.get(pin)?.players.get(id);
		return p ? clone(p) : null;
	}
	async listPlayers(pin: string) {
		return [...(this.rooms.get(pin)?.players.values() ?? [])].map(clone);
	}
	// Walks back from the newest: O(offset + limit + kicked players), never a sort of the room.
	async listPlayersPage(pin: string, offset: number, limit: number) {
		const r = this.rooms.get(pin);
		const out: port.PlayerRecord[] = [];
		if (!r || limit <= 0) return out;
		let skip = Math.max(0, offset);
		for (let i = r.joinOrder.length - 1; i >= 0 && out.length < limit; i--) {
			const p = r.players.get(r.joinOrder[i]!)!;
			if (p.kicked) continue;
			if (skip > 0) skip--;
			else out.push(clone(p));
		}
		return out;
	}
	async listKicked(pin: string) {
		const r = this.rooms.get(pin);
		if (!r || r.kicked === 0) return [];
		return [...r.players.values()].filter((p) => p.kicked).map(clone);
	}
	async playerCount(pin: string) {
		const r = this.rooms.get(pin);
		return r ? countOf(r) : 0;
	}
	async kickPlayer(pin: string, id: string) {
		const r = this.rooms.get(pin);
		const p = r?.players.get(id);
		if (!r || !p || p.kicked) return false;
		p.kicked = true;
		r.kicked++;
		r.board = null;
		return true;
	}
	async setOnline(pin: string, id: string, delta: 1 | -1) {
		const r = this.rooms.get(pin);
		if (!r) return 0;
		const n = Math.max(0, (r.sockets.get(id) ?? 0) + delta);
		if (n === 0) r.sockets.delete(id);
		else r.sockets.set(id, n);
		return r.sockets.size;
	}
	async onlineCount(pin: string) {
		return this.rooms.get(pin)?.sockets.size ?? 0;
	}
	async onlineIds(pin: string) {
		return [...(this.rooms.get(pin)?.sockets.keys() ?? [])];
	}
	async onlineOf(pin: string, ids: string[]) {
		const sockets = this.rooms.get(pin)?.sockets;
		return ids.map((id) => sockets?.has(id) ?? false);
	}
	/** Presence lives and dies with this process: nothing to renew or reap. */
	async heartbeat() {
		return true;
	}
	/** One process holds every socket: its share is the whole room's presence. */
	async restorePresence(pin: string, held: Map<string, number>) {
		const r = this.rooms.get(pin);
		if (!r) return 0;
		r.sockets.clear();
		for (const [id, n] of held) if (n > 0) r.sockets.set(id, n);
		return r.sockets.size;
	}
	async deadProcesses(): Promise<string[]> {
		return [];
	}
	async reapPresence(): Promise<string[]> {
		return [];
	}

	async submitAnswer(
		pin: string,
		index: number,
		playerId: string,
		answer: AnswerInput,
		receivedAt: number
	): Promise<port.SubmitOutcome> {
		const r = this.rooms.get(pin);
		if (!r) return { status: 'refused', code: 'NO_QUESTION' };
		const p = r.players.get(playerId);
		if (!p) return { status: 'refused', code: 'NOT_JOINED' };
		if (p.kicked) return { status: 'refused', code: 'KICKED' };
		let answers = r.answers.get(index);
		const existing = answers?.get(playerId);
		if (existing)
			return { status: 'duplicate', count: answers!.size, answer: clone(existing.answer) };
		const refusal = answerWindow(r.room.state, index, receivedAt);
		if (refusal) return { status: 'refused', code: refusal };
		if (!answers) r.answers.set(index, (answers = new Map()));
		answers.set(playerId, {
			playerId,
			answer: clone(answer),
			elapsedMs: elapsedMs(r.room.state, receivedAt),
			receivedAt
		});
		// The caller's own object back (as the Redis store does): only the stored copy is the store's.
		return { status: 'stored', count: answers.size, answer };
	}
	async answerCount(pin: string, index: number) {
		return this.rooms.get(pin)?.answers.get(index)?.size ?? 0;
	}
	async listAnswers(pin: string, index: number) {
		return [...(this.rooms.get(pin)?.answers.get(index)?.values() ?? [])].map(clone);
	}
	// The cursor is a position in the answers' insertion order (a Map cannot seek: each page lists
	// it afresh, cheap at the sizes one process holds in memory).
	async scanAnswers(pin: string, index: number, cursor: string, count: number) {
		const answers = [...(this.rooms.get(pin)?.answers.get(index)?.values() ?? [])];
		return scanSlice(answers, cursor, count, (a) => a);
	}
	async getAnswer(pin: string, index: number, playerId: string) {
		const a = this.rooms.get(pin)?.answers.get(index)?.get(playerId);
		return a ? clone(a) : null;
	}

	async commitScores(
		pin: string,
		scored: port.ScoredQuestion,
		results: port.RankedResult[],
		standings: PlayerStanding[]
	) {
		return commitInChunks(this, pin, scored, results, standings, this.scoreChunk);
	}
	async applyScores(pin: string, index: number, entries: port.ScoreEntry[]) {
		const r = this.rooms.get(pin);
		if (!r || r.scored.has(index)) return false;
		let results = r.results.get(index);
		if (!results) r.results.set(index, (results = new Map()));
		r.board = null;
		for (const e of entries) {
			const p = r.players.get(e.id);
			if (p && (p.scoredThrough ?? -1) >= index) continue; // applied by an earlier run
			if (e.result) results.set(e.id, clone(e.result));
			if (p && e.standing)
				Object.assign(p, {
					score: e.standing.score,
					streak: e.standing.streak,
					correctCount: e.standing.correctCount,
					totalTimeMs: e.standing.totalTimeMs,
					scoredThrough: index
				});
		}
		return true;
	}
	async markScored(pin: string, scored: port.ScoredQuestion) {
		const r = this.rooms.get(pin);
		if (!r || r.scored.has(scored.index)) return false;
		r.scored.set(scored.index, clone(scored));
		return true;
	}
	async firstUnanswered(pin: string, index: number, hint?: string) {
		const r = this.rooms.get(pin);
		if (!r) return null;
		const answers = r.answers.get(index);
		const missing = (id: string) => !answers?.has(id);
		if (hint !== undefined && r.sockets.has(hint) && missing(hint)) return hint;
		for (const id of r.sockets.keys()) if (missing(id)) return id;
		return null;
	}
	async getScored(pin: string, index: number) {
		const s = this.rooms.get(pin)?.scored.get(index);
		return s ? clone(s) : null;
	}
	async listScored(pin: string) {
		return [...(this.rooms.get(pin)?.scored.values() ?? [])]
			.map(clone)
			.sort((a, b) => a.index - b.index);
	}
	async getResults(pin: string, index: number, playerIds: string[]) {
		const m = this.rooms.get(pin)?.results.get(index);
		return playerIds.map((id) => {
			const x = m?.get(id);
			return x ? clone(x) : null;
		});
	}
	async leaderboard(pin: string, limit: number) {
		return this.leaderboardPage(pin, 0, limit);
	}
	async leaderboardPage(pin: string, offset: number, limit: number) {
		const r = this.rooms.get(pin);
		if (!r) return [];
		r.board ??= ranked([...notKicked(r.players.values())]);
		const from = Math.max(0, offset);
		return r.board.slice(from, from + Math.max(0, limit)).map(clone);
	}
	/** One pass, no sort: players resume in bursts after a network blip, each asking its rank. */
	async rankOf(pin: string, id: string) {
		const r = this.rooms.get(pin);
		const me = r?.players.get(id);
		if (!r || !me || me.kicked) return null;
		return rankAmong(me, notKicked(r.players.values()));
	}

	async raceAppend(
		pin: string,
		log: string,
		member: string,
		at: number
	): Promise<port.RaceOutcome | null> {
		const r = this.rooms.get(pin);
		if (!r) return null;
		let race = r.races.get(log);
		if (!race) r.races.set(log, (race = { entries: [], places: new Map() }));
		const seen = race.places.get(member);
		if (seen !== undefined) {
			return {
				position: seen + 1,
				at: race.entries[seen]!.at,
				first: { ...race.entries[0]! },
				duplicate: true
			};
		}
		const last = race.entries.at(-1);
		const stamped = last && last.at > at ? last.at : at;
		race.places.set(member, race.entries.length);
		race.entries.push({ member, at: stamped });
		return {
			position: race.entries.length,
			at: stamped,
			first: { ...race.entries[0]! },
			duplicate: false
		};
	}
	async readRace(pin: string, log: string) {
		return (this.rooms.get(pin)?.races.get(log)?.entries ?? []).map((e) => ({ ...e }));
	}
	async setStake(
		pin: string,
		index: number,
		holder: string,
		stake: number
	): Promise<port.StakeOutcome> {
		const r = this.rooms.get(pin);
		if (!r) return 'ROOM_NOT_FOUND';
		const state = r.room.state;
		// Compared as a string: the phase list gains 'stake' with the contest rounds.
		if ((state.phase as string) !== 'stake' || state.index !== index) return 'LOCKED';
		let stakes = r.stakes.get(index);
		if (!stakes) r.stakes.set(index, (stakes = new Map()));
		stakes.set(holder, stake);
		return 'ok';
	}
	async listStakes(pin: string, index: number) {
		return Object.fromEntries(this.rooms.get(pin)?.stakes.get(index) ?? []);
	}

	async acquireLease(pin: string, owner: string, ttlMs: number) {
		const r = this.rooms.get(pin);
		if (!r) return false;
		const now = this.now();
		if (r.lease && r.lease.owner !== owner && r.lease.until > now) return false;
		r.lease = { owner, until: now + ttlMs };
		this.leased.add(pin);
		return true;
	}
	async renewLeases(owner: string, pins: string[], ttlMs: number) {
		const held: string[] = [];
		for (const pin of pins) {
			const r = this.rooms.get(pin);
			if (r?.lease?.owner !== owner) continue;
			r.lease.until = this.now() + ttlMs;
			held.push(pin);
		}
		return held;
	}
	async releaseLease(pin: string, owner: string) {
		const r = this.rooms.get(pin);
		// Lapsed at once rather than dropped: it stays listed for a take-over.
		if (r?.lease?.owner === owner) r.lease = { owner: '', until: 0 };
	}
	async lapsedLeases(limit: number) {
		const now = this.now();
		const out: string[] = [];
		for (const pin of this.leased) {
			if (out.length >= limit) break;
			const r = this.rooms.get(pin);
			if (r?.active && r.lease && r.lease.until <= now) out.push(pin);
		}
		return out;
	}
	async activePins() {
		return [...this.rooms.entries()].filter(([, r]) => r.active).map(([pin]) => pin);
	}
	async markInactive(pin: string) {
		const r = this.rooms.get(pin);
		if (!r) return;
		r.active = false;
		r.lease = null;
		this.leased.delete(pin);
		// A finished game lives on in the record store; free its live state after a while, as Redis
		// does with its key expiry, so that a long-running embedded server does not grow per game.
		if (this.retainEndedMs > 0) {
			const t = setTimeout(() => {
				if (this.rooms.get(pin) === r && !r.active) this.forget(pin);
			}, this.retainEndedMs);
			t.unref?.();
		}
	}
	async deleteRoom(pin: string) {
		this.forget(pin);
	}
	private forget(pin: string) {
		this.rooms.delete(pin);
		this.leased.delete(pin);
	}
	/** Process memory always answers (readiness asks every store). */
	async ping() {}

	async close() {}
}
