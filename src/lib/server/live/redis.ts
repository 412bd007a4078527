// Production live store: all room state in Redis, every hot operation one Lua script.
// Keys share the room's hash tag so a room lives in one cluster slot.
import type { AnswerInput } from '../../domain/answer';
import type { RoomState } from '../../domain/room';
import type { PlayerStanding } from '../../domain/round-scoring';
import { randomUUID } from 'node:crypto';
import { sortScore } from '../../domain/ranking';
import {
	DEFAULT_LOBBY_IDLE_MS,
	PROCESS_TTL_MS,
	ROOM_TTL_MS,
	SCORE_CHUNK,
	type AddedPlayer,
	type AddPlayerOutcome,
	type AnswerRecord,
	type JoinSource,
	type LiveStore,
	type LiveStoreOptions,
	type PlayerRecord,
	type RaceEntry,
	type RaceOutcome,
	type RankedResult,
	type ScoreEntry,
	type ScanPage,
	type ScoredQuestion,
	type StakeOutcome,
	type StoredRoom,
	type SubmitOutcome
} from './port';
import { Batcher } from '../kernel/batcher';
import { TurnReads } from '../kernel/turn-reads';
import { IdentityCache } from './identity-cache';
import { connectRedis, keyspace, LuaScript, RedisStoreBase, type RedisClient } from './redis-base';
import * as lua from './redis-scripts';
import { commitInChunks } from './score-chunks';
import { log } from '../log';

const ROOM_TTL_S = ROOM_TTL_MS / 1000;
/** How long a dead process stays listed (deadProcesses): every survivor notices it by then. */
const DEAD_PROCESS_MEMORY_MS = 10 * 60_000;
/** Bounds one script call so that Redis is never blocked long by a single batch. */
const MAX_ANSWER_BATCH = 500;
/** Joins and presence changes per script call: a join storm blocks Redis in short steps only. */
const MAX_JOIN_BATCH = 200;

interface PendingAnswer {
	pin: string;
	index: number;
	playerId: string;
	answer: AnswerInput;
	receivedAt: number;
	resolve: (o: SubmitOutcome) => void;
	reject: (e: unknown) => void;
}

/** A join waiting for its turn's script call: the ARGV it adds, and its caller. */
interface PendingJoin {
	args: (string | number)[];
	resolve: (o: AddedPlayer) => void;
	reject: (e: unknown) => void;
}

/** A presence change waiting for its turn's script call. */
interface PendingPresence {
	id: string;
	delta: 1 | -1;
	resolve: (online: number) => void;
	reject: (e: unknown) => void;
}

interface Identity {
	id: string;
	nickname: string;
	joinedAt: number;
	/** Contest-day rooms: the team picked on joining, or the audience. Left out otherwise. */
	teamId?: string | null;
	audience?: boolean;
}

/**
 * A player from their identity (parsed: the identity cache keeps it) and stored standing. The
 * identity is copied into the freshly parsed standing rather than both spread into a new object:
 * scoring reads every player of the room, and the spread took about three times as long.
 */
function playerFrom(identity: Identity, standing: string, kicked: boolean): PlayerRecord {
	return withIdentity(JSON.parse(standing) as PlayerStanding, identity, kicked);
}
/** The same, for a standing already parsed (listPlayers parses them first to learn whose they are). */
function withIdentity(parsed: PlayerStanding, identity: Identity, kicked: boolean): PlayerRecord {
	const p = parsed as PlayerStanding & Partial<PlayerRecord>;
	Object.assign(p, identity);
	p.kicked = kicked;
	return p as PlayerRecord;
}

/** Identities read per HMGET when a room's are not at hand. */
const IDENTITY_PAGE = 1000;

/** The prefix of every key; deployments sharing one Redis (or test suites) may set their own. */
export const DEFAULT_KEY_PREFIX = 'anda';

/** A room's keys besides its state, its per-process presence and its per-question keys. */
const ROOM_PARTS = [
	'quiz',
	'host',
	'owner',
	'screen',
	'cohosts',
	'nicks',
	'players',
	// Ids of the players not kicked, scored by join time: a host panel's pages.
	'joined',
	'tokens',
	'standings',
	'lb',
	'kicked',
	'joins',
	'sockets',
	'procs',
	'scored',
	// The room's keys whose names are not known in advance (race logs, stakes), by part.
	'extras'
];
/** What a started room still needs for its whole life (re-timed when it leaves the lobby). */
const LASTING_PARTS = ROOM_PARTS.filter((p) => !['sockets', 'procs', 'scored'].includes(p));

const SCRIPTS = {
	submit: new LuaScript(lua.SUBMIT_ANSWERS),
	addPlayers: new LuaScript(lua.ADD_PLAYERS),
	cas: new LuaScript(lua.CAS_STATE),
	touchLobby: new LuaScript(lua.TOUCH_LOBBY),
	deleteLeftovers: new LuaScript(lua.DELETE_LEFTOVERS),
	online: new LuaScript(lua.SET_ONLINE),
	reap: new LuaScript(lua.REAP_PRESENCE),
	restorePresence: new LuaScript(lua.RESTORE_PRESENCE),
	beat: new LuaScript(lua.BEAT_PROCESS),
	dead: new LuaScript(lua.DEAD_PROCESSES),
	kick: new LuaScript(lua.KICK),
	applyScores: new LuaScript(lua.APPLY_SCORES),
	markScored: new LuaScript(lua.MARK_SCORED),
	firstUnanswered: new LuaScript(lua.FIRST_UNANSWERED),
	lease: new LuaScript(lua.ACQUIRE_LEASE),
	renew: new LuaScript(lua.RENEW_LEASES),
	release: new LuaScript(lua.RELEASE_LEASE),
	lapsed: new LuaScript(lua.LAPSED_LEASES),
	addCoHost: new LuaScript(lua.ADD_COHOST),
	raceAppend: new LuaScript(lua.RACE_APPEND),
	setStake: new LuaScript(lua.SET_STAKE)
};

/**
 * A standing as stored: its own fields (not the whole record a scorer may pass in) and the last
 * question it went through.
 */
function standingJson(s: PlayerStanding, scoredThrough: number) {
	const { id, score, streak, correctCount, totalTimeMs } = s;
	return { id, score, streak, correctCount, totalTimeMs, scoredThrough };
}

/** A race log entry as stored: "at member". */
function parseEntry(raw: string): RaceEntry {
	const sp = raw.indexOf(' ');
	return { member: raw.slice(sp + 1), at: Number(raw.slice(0, sp)) };
}

/** A room's owner and organisation, kept beside its (quick-room) host secret hash. */
interface Ownership {
	ownerUserId: string | null;
	orgId: string | null;
}

export class RedisLiveStore extends RedisStoreBase implements LiveStore {
	readonly kind = 'redis' as const;
	/** Answers to one question that reach this process in one turn go to Redis in one call. */
	private readonly answers = new Batcher<PendingAnswer>({
		window: 'turn',
		maxItems: MAX_ANSWER_BATCH,
		flush: (_key, items) => this.flushAnswers(items),
		// flushAnswers settles every caller itself; nothing reaches here but a bug.
		onError: (e) => log.error({ err: e }, 'redis: answer batch')
	});

	/** Joins to one room that reach this process in one turn go to Redis in one call. */
	private readonly joins = new Batcher<PendingJoin>({
		window: 'turn',
		maxItems: MAX_JOIN_BATCH,
		flush: (pin, items) => this.flushJoins(pin, items),
		onError: (e) => log.error({ err: e }, 'redis: join batch')
	});
	/** So do the room's presence changes (a join storm's sockets counted online). */
	private readonly presence = new Batcher<PendingPresence>({
		window: 'turn',
		maxItems: MAX_JOIN_BATCH,
		flush: (pin, items) => this.flushPresence(pin, items),
		onError: (e) => log.error({ err: e }, 'redis: presence batch')
	});

	/**
	 * The room's state and count of players, read on every join: one GET (ZCARD) per room per
	 * turn answers every caller of that turn. The raw reply is shared; each caller parses its own.
	 */
	private readonly stateReads = new TurnReads<string | null>((pin) =>
		this.client.get(this.k(pin, 'state'))
	);
	private readonly countReads = new TurnReads<number>((pin) =>
		this.client.zCard(this.k(pin, 'lb'))
	);

	/** Identities of the rooms this process lists in full (scoring), see identity-cache.ts. */
	private readonly identities = new IdentityCache<Identity>();
	private readonly lobbyIdleMs: number;
	private readonly scoreChunk: number;
	private readonly space: ReturnType<typeof keyspace>;
	private readonly k: ReturnType<typeof keyspace>['of'];
	// The clock's keys share one hash tag, so that their scripts run in one cluster slot.
	private readonly ACTIVE: string;
	private readonly LEASES: string;
	private readonly OWNERS: string;
	/**
	 * Rooms in their lobby → when they expire (ms). Only an index for finding leftovers: a lobby's
	 * expiry itself is its state key's TTL, so that it is atomic with every read and write.
	 */
	private readonly LOBBIES: string;
	/** Every process's last heartbeat: who died, for the survivors' presence upkeep. */
	private readonly PROCS: string;

	private constructor(
		client: RedisClient,
		/** This process, in presence entries: its sockets are taken off if it dies. */
		readonly processId: string,
		opts: LiveStoreOptions & { prefix?: string }
	) {
		super(client);
		this.lobbyIdleMs = opts.lobbyIdleMs ?? DEFAULT_LOBBY_IDLE_MS;
		// Never above SCORE_CHUNK: a chunk's writes go to Redis as one command each, and Lua unpacks
		// at most ~8,000 arguments.
		this.scoreChunk = Math.min(opts.scoreChunk ?? SCORE_CHUNK, SCORE_CHUNK);
		this.space = keyspace(opts.prefix ?? DEFAULT_KEY_PREFIX);
		this.k = this.space.of;
		this.ACTIVE = this.space.global('{clock}:active');
		this.LEASES = this.space.global('{clock}:leases');
		this.OWNERS = this.space.global('{clock}:owners');
		this.LOBBIES = this.space.global('{clock}:lobbies');
		this.PROCS = this.space.global('{clock}:procs');
	}

	/**
	 * Processes that serve the same rooms must share the prefix: it names the rooms, the clock's
	 * leases and the presence of each process.
	 */
	static async connect(
		url: string,
		opts: { processId?: string; prefix?: string; cluster?: boolean } & LiveStoreOptions = {}
	): Promise<RedisLiveStore> {
		const client = await connectRedis(url, 'live', opts.cluster);
		const store = new RedisLiveStore(client, opts.processId ?? randomUUID(), opts);
		await store.heartbeat(PROCESS_TTL_MS);
		return store;
	}

	async createRoom(room: StoredRoom): Promise<boolean> {
		const pin = room.state.pin;
		const lobby = room.state.phase === 'lobby';
		const ok = await this.client.set(this.k(pin, 'state'), JSON.stringify(room.state), {
			condition: 'NX',
			expiration: lobby
				? { type: 'PX', value: this.lobbyIdleMs }
				: { type: 'EX', value: ROOM_TTL_S }
		});
		if (ok !== 'OK') return false;
		const ex = { expiration: { type: 'EX', value: ROOM_TTL_S } } as const;
		const ownership: Ownership = { ownerUserId: room.ownerUserId, orgId: room.orgId };
		// Whatever an earlier room under this PIN left behind (its state expired first) is not
		// this room's: its players, tokens and answers start empty.
		const stale = await this.roomKeys(pin, room.quiz.questions.length);
		// One MULTI per hash tag (a cluster refuses one that spans slots): the room's keys, then
		// the clock's index entries. Splitting them is safe: the room already exists from the
		// SET NX above, so there was never one step for both, and both indexes are hints that are
		// checked against the state key (activePins, expireRooms) before anything acts on them.
		const m = this.client
			.multi()
			.del(stale)
			.set(this.k(pin, 'quiz'), JSON.stringify(room.quiz), ex)
			.set(this.k(pin, 'owner'), JSON.stringify(ownership), ex);
		if (room.hostSecretHash !== null) m.set(this.k(pin, 'host'), room.hostSecretHash, ex);
		if (room.screenToken !== null) m.set(this.k(pin, 'screen'), room.screenToken, ex);
		if (room.coHostIds.length > 0) m.sAdd(this.k(pin, 'cohosts'), room.coHostIds);
		if (room.coHostIds.length > 0) m.expire(this.k(pin, 'cohosts'), ROOM_TTL_S);
		await m.exec();
		const clock = this.client.multi().sAdd(this.ACTIVE, pin);
		if (lobby) clock.zAdd(this.LOBBIES, { score: Date.now() + this.lobbyIdleMs, value: pin });
		await clock.exec();
		return true;
	}
	async getRoom(pin: string): Promise<StoredRoom | null> {
		const [[state, quiz, host, owner, screen], coHostIds] = await Promise.all([
			this.client.mGet([
				this.k(pin, 'state'),
				this.k(pin, 'quiz'),
				this.k(pin, 'host'),
				this.k(pin, 'owner'),
				this.k(pin, 'screen')
			]),
			this.client.sMembers(this.k(pin, 'cohosts'))
		]);
		// Rooms from before ownership existed have a host key and no owner key.
		if (!state || !quiz || (!host && !owner)) return null;
		const o: Ownership = owner ? JSON.parse(owner) : { ownerUserId: null, orgId: null };
		return {
			state: JSON.parse(state),
			quiz: JSON.parse(quiz),
			hostSecretHash: host || null,
			ownerUserId: o.ownerUserId ?? null,
			orgId: o.orgId ?? null,
			coHostIds: coHostIds.sort(),
			screenToken: screen || null
		};
	}
	async addCoHost(pin: string, userId: string): Promise<boolean> {
		return (
			(await this.run(
				SCRIPTS.addCoHost,
				[this.k(pin, 'state'), this.k(pin, 'cohosts')],
				[userId]
			)) === 1
		);
	}
	async getState(pin: string): Promise<RoomState | null> {
		const raw = await this.stateReads.get(pin);
		return raw ? (JSON.parse(raw) as RoomState) : null;
	}
	async casState(pin: string, expected: number, next: RoomState): Promise<boolean> {
		const res = await this.run(
			SCRIPTS.cas,
			[this.k(pin, 'state')],
			[expected, JSON.stringify(next), next.phase, this.lobbyIdleMs, ROOM_TTL_S]
		);
		if (res === 2) await this.startLifetime(pin);
		return res === 1 || res === 2;
	}

	/** The room left its lobby: everything it keeps lives the room's lifetime from now. */
	private async startLifetime(pin: string) {
		const m = this.client.multi();
		for (const part of LASTING_PARTS) m.expire(this.k(pin, part), ROOM_TTL_S);
		await m.exec();
		await this.client.zRem(this.LOBBIES, pin);
	}

	async touchLobbies(pins: string[]): Promise<void> {
		if (pins.length === 0) return;
		const touched = await Promise.all(
			pins.map((pin) => this.run(SCRIPTS.touchLobby, [this.k(pin, 'state')], [this.lobbyIdleMs]))
		);
		const until = Date.now() + this.lobbyIdleMs;
		const members = pins
			.filter((_, i) => touched[i] === 1)
			.map((value) => ({ score: until, value }));
		if (members.length > 0) await this.client.zAdd(this.LOBBIES, members, { condition: 'XX' });
	}

	/**
	 * Lobbies expire by themselves (their state key's TTL); this frees what they leave behind and
	 * forgets them, going through the index's due entries only.
	 */
	async expireRooms(limit: number): Promise<string[]> {
		const now = Date.now();
		const due = await this.client.zRangeByScore(this.LOBBIES, '-inf', now, {
			LIMIT: { offset: 0, count: limit }
		});
		const freed: string[] = [];
		for (const pin of due) {
			const raw = await this.client.get(this.k(pin, 'state'));
			if (raw === null) {
				if (await this.deleteLeftovers(pin)) freed.push(pin);
				await this.client.zRem(this.LOBBIES, pin);
				continue;
			}
			if ((JSON.parse(raw) as RoomState).phase !== 'lobby') {
				await this.client.zRem(this.LOBBIES, pin);
				continue;
			}
			// Touched by a process that missed the index: re-file it under its real expiry.
			const ttl = await this.client.pTTL(this.k(pin, 'state'));
			if (ttl > 0) await this.client.zAdd(this.LOBBIES, { score: now + ttl, value: pin });
		}
		return freed;
	}

	/** Deletes a gone room's remaining keys, unless a new room took its PIN meanwhile. */
	private async deleteLeftovers(pin: string): Promise<boolean> {
		const keys = [this.k(pin, 'state'), ...(await this.roomKeys(pin, 0))];
		if ((await this.run(SCRIPTS.deleteLeftovers, keys, [])) !== 1) return false;
		await this.forgetLease(pin);
		return true;
	}

	/**
	 * Every key of a room but its state: `questions` many per-question keys, each process's share,
	 * and the race logs and stakes it listed.
	 */
	private async roomKeys(pin: string, questions: number): Promise<string[]> {
		const [procs, extras] = await Promise.all([
			this.client.sMembers(this.k(pin, 'procs')),
			this.client.sMembers(this.k(pin, 'extras'))
		]);
		const parts = [...ROOM_PARTS, ...procs.map((p) => `held:${p}`), ...extras];
		const keys = parts.map((p) => this.k(pin, p));
		for (let i = 0; i < questions; i++)
			keys.push(this.k(pin, `answers:${i}`), this.k(pin, `results:${i}`));
		return keys;
	}

	async addPlayer(
		pin: string,
		p: PlayerRecord,
		nickKey: string,
		tokenHash: string,
		source?: JoinSource
	): Promise<AddedPlayer> {
		const identity: Identity = {
			id: p.id,
			nickname: p.nickname,
			joinedAt: p.joinedAt,
			...(p.teamId ? { teamId: p.teamId } : {}),
			...(p.audience ? { audience: true } : {})
		};
		const standing: PlayerStanding = {
			id: p.id,
			score: p.score,
			streak: p.streak,
			correctCount: p.correctCount,
			totalTimeMs: p.totalTimeMs
		};
		const args = [
			nickKey,
			p.id,
			JSON.stringify(identity),
			tokenHash,
			JSON.stringify(standing),
			sortScore(p),
			source?.key ?? '',
			source?.cap ?? 0,
			p.joinedAt
		];
		return new Promise((resolve, reject) => this.joins.add(pin, { args, resolve, reject }));
	}

	private async flushJoins(pin: string, items: PendingJoin[]): Promise<void> {
		const args: (string | number)[] = [ROOM_TTL_S, this.lobbyIdleMs];
		for (const it of items) args.push(...it.args);
		try {
			const res = (await this.run(
				SCRIPTS.addPlayers,
				[
					this.k(pin, 'state'),
					this.k(pin, 'nicks'),
					this.k(pin, 'players'),
					this.k(pin, 'tokens'),
					this.k(pin, 'lb'),
					this.k(pin, 'standings'),
					this.k(pin, 'joins'),
					this.k(pin, 'joined')
				],
				args
			)) as (AddPlayerOutcome | number)[];
			// One outcome per join, then the room's count of players after the whole batch.
			const count = res[items.length];
			items.forEach((it, i) => {
				const outcome = res[i];
				if (typeof outcome === 'string' && typeof count === 'number')
					it.resolve({ outcome, count });
				else it.reject(new Error('join batch reply too short'));
			});
		} catch (e) {
			for (const it of items) it.reject(e);
		}
	}
	private async assemble(pin: string, ids: string[]): Promise<(PlayerRecord | null)[]> {
		if (ids.length === 0) return [];
		const [identities, standings, kicked] = await Promise.all([
			this.client.hmGet(this.k(pin, 'players'), ids),
			this.client.hmGet(this.k(pin, 'standings'), ids),
			this.client.smIsMember(this.k(pin, 'kicked'), ids)
		]);
		return ids.map((_, i) => {
			const idRaw = identities[i];
			const stRaw = standings[i];
			if (!idRaw || !stRaw) return null;
			return playerFrom(JSON.parse(idRaw) as Identity, stRaw, kicked[i] === 1);
		});
	}
	async playerByToken(pin: string, tokenHash: string) {
		const id = await this.client.hGet(this.k(pin, 'tokens'), tokenHash);
		return id ? this.getPlayer(pin, id) : null;
	}
	async getPlayer(pin: string, id: string) {
		return (await this.assemble(pin, [id]))[0] ?? null;
	}
	async listPlayers(pin: string) {
		// The values alone (HVALS): a stored standing holds its player's id. Reading the fields too
		// (HGETALL) cost the client more than twice as much, to decode a map of 10,000 entries.
		const [stored, kicked] = await Promise.all([
			this.client.hVals(this.k(pin, 'standings')),
			this.client.sMembers(this.k(pin, 'kicked'))
		]);
		const standings = stored.map((raw) => JSON.parse(raw) as PlayerStanding);
		const ids = standings.map((s) => s.id);
		// Identities never change: only those of players this process has not seen are read.
		const identities = await this.identities.of(pin, ids, async (missing) => {
			const raws: (string | null)[] = [];
			for (let i = 0; i < missing.length; i += IDENTITY_PAGE) {
				const ids = missing.slice(i, i + IDENTITY_PAGE);
				raws.push(...(await this.client.hmGet(this.k(pin, 'players'), ids)));
			}
			return raws.map((raw) => (raw ? (JSON.parse(raw) as Identity) : null));
		});
		const out: PlayerRecord[] = [];
		const kickedSet = new Set(kicked);
		for (const st of standings) {
			const identity = identities.get(st.id);
			if (identity) out.push(withIdentity(st, identity, kickedSet.has(st.id)));
		}
		return out.sort((a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1));
	}
	async listPlayersPage(pin: string, offset: number, limit: number) {
		if (limit <= 0) return [];
		const from = Math.max(0, offset);
		const ids = await this.client.zRange(this.k(pin, 'joined'), from, from + limit - 1, {
			REV: true
		});
		const found = await this.assemble(pin, ids);
		return found.filter((p): p is PlayerRecord => p !== null);
	}
	async listKicked(pin: string) {
		const ids = await this.client.sMembers(this.k(pin, 'kicked'));
		const found = await this.assemble(pin, ids);
		return found.filter((p): p is PlayerRecord => p !== null);
	}
	async playerCount(pin: string) {
		return this.countReads.get(pin);
	}
	async kickPlayer(pin: string, id: string) {
		return (
			(await this.run(
				SCRIPTS.kick,
				[this.k(pin, 'players'), this.k(pin, 'kicked'), this.k(pin, 'lb'), this.k(pin, 'joined')],
				[id, ROOM_TTL_S]
			)) === 1
		);
	}
	setOnline: LiveStore['setOnline'] = (pin, id, delta) =>
		new Promise((resolve, reject) => this.presence.add(pin, { id, delta, resolve, reject }));

	/** The room's presence, this process's share of it, and the room's processes. */
	private presenceKeys(pin: string): string[] {
		return [this.k(pin, 'sockets'), this.k(pin, `held:${this.processId}`), this.k(pin, 'procs')];
	}

	private async flushPresence(pin: string, items: PendingPresence[]): Promise<void> {
		const keys = this.presenceKeys(pin);
		const args: (string | number)[] = [ROOM_TTL_S, this.processId];
		for (const it of items) args.push(it.id, it.delta);
		try {
			const online = Number(await this.run(SCRIPTS.online, keys, args));
			for (const it of items) it.resolve(online);
		} catch (e) {
			for (const it of items) it.reject(e);
		}
	}
	async heartbeat(ttlMs: number) {
		const was = await this.client.set(this.space.global(`proc:${this.processId}`), '1', {
			expiration: { type: 'PX', value: ttlMs },
			GET: true
		});
		await this.run(SCRIPTS.beat, [this.PROCS], [this.processId, DEAD_PROCESS_MEMORY_MS]);
		return was !== null;
	}
	async restorePresence(pin: string, held: Map<string, number>) {
		const args: (string | number)[] = [ROOM_TTL_S, this.processId];
		for (const [id, n] of held) args.push(id, n);
		return Number(await this.run(SCRIPTS.restorePresence, this.presenceKeys(pin), args));
	}
	async deadProcesses(ttlMs: number): Promise<string[]> {
		const ids = await this.run(SCRIPTS.dead, [this.PROCS], [ttlMs, DEAD_PROCESS_MEMORY_MS]);
		return (ids as string[]).filter((p) => p !== this.processId);
	}
	async reapPresence(pin: string): Promise<string[]> {
		const procs = await this.client.sMembers(this.k(pin, 'procs'));
		const others = procs.filter((p) => p !== this.processId);
		if (others.length === 0) return [];
		const alive = await Promise.all(
			others.map((p) => this.client.exists(this.space.global(`proc:${p}`)))
		);
		const gone: string[] = [];
		for (const [i, proc] of others.entries()) {
			if (alive[i]) continue;
			const held = [this.k(pin, 'sockets'), this.k(pin, `held:${proc}`), this.k(pin, 'procs')];
			gone.push(...((await this.run(SCRIPTS.reap, held, [proc])) as string[]));
		}
		return gone;
	}
	async onlineCount(pin: string) {
		return this.client.hLen(this.k(pin, 'sockets'));
	}
	async onlineIds(pin: string) {
		return this.client.hKeys(this.k(pin, 'sockets'));
	}
	async onlineOf(pin: string, ids: string[]) {
		if (ids.length === 0) return [];
		const counts = await this.client.hmGet(this.k(pin, 'sockets'), ids);
		return counts.map((n) => Number(n ?? 0) > 0);
	}

	/**
	 * Answers that reach this process in the same turn of the event loop go to Redis together, in
	 * one script call; each caller still resolves only once that call has returned (durable).
	 */
	submitAnswer: LiveStore['submitAnswer'] = (pin, index, playerId, answer, receivedAt) =>
		new Promise((resolve, reject) => {
			const pending = { pin, index, playerId, answer, receivedAt, resolve, reject };
			this.answers.add(`${pin}:${index}`, pending);
		});

	private async flushAnswers(items: PendingAnswer[]): Promise<void> {
		const { pin, index } = items[0]!;
		const args: (string | number)[] = [index, ROOM_TTL_S];
		for (const it of items) args.push(it.playerId, it.receivedAt, JSON.stringify(it.answer));
		try {
			const res = (await this.run(
				SCRIPTS.submit,
				[
					this.k(pin, 'state'),
					this.k(pin, 'players'),
					this.k(pin, `answers:${index}`),
					this.k(pin, 'kicked')
				],
				args
			)) as (number | string | [number, string])[];
			items.forEach((it, i) => {
				const r = res[i];
				if (r === undefined) return it.reject(new Error('answer batch reply too short'));
				if (typeof r === 'number')
					return it.resolve({ status: 'stored', count: r, answer: it.answer });
				if (typeof r === 'string') return it.resolve({ status: 'refused', code: r as never });
				const rec = JSON.parse(r[1]) as AnswerRecord;
				it.resolve({ status: 'duplicate', count: r[0], answer: rec.answer });
			});
		} catch (e) {
			for (const it of items) it.reject(e);
		}
	}

	async answerCount(pin: string, index: number) {
		return this.client.hLen(this.k(pin, `answers:${index}`));
	}
	async listAnswers(pin: string, index: number) {
		const all = await this.client.hVals(this.k(pin, `answers:${index}`));
		return all.map((raw) => JSON.parse(raw) as AnswerRecord);
	}
	async scanAnswers(
		pin: string,
		index: number,
		cursor: string,
		count: number
	): Promise<ScanPage<AnswerRecord>> {
		const page = await this.client.hScan(this.k(pin, `answers:${index}`), cursor, {
			COUNT: count
		});
		return {
			items: page.entries.map((e) => JSON.parse(e.value) as AnswerRecord),
			next: page.cursor
		};
	}
	async getAnswer(pin: string, index: number, playerId: string) {
		const raw = await this.client.hGet(this.k(pin, `answers:${index}`), playerId);
		return raw ? (JSON.parse(raw) as AnswerRecord) : null;
	}
	async firstUnanswered(pin: string, index: number, hint?: string) {
		const found = await this.run(
			SCRIPTS.firstUnanswered,
			[this.k(pin, 'sockets'), this.k(pin, `answers:${index}`)],
			[hint ?? '']
		);
		return typeof found === 'string' ? found : null;
	}

	async commitScores(
		pin: string,
		scored: ScoredQuestion,
		results: RankedResult[],
		standings: PlayerStanding[]
	) {
		return commitInChunks(this, pin, scored, results, standings, this.scoreChunk);
	}
	async applyScores(pin: string, index: number, entries: ScoreEntry[]) {
		const args: (string | number)[] = [index, ROOM_TTL_S];
		for (const e of entries) {
			const st = e.standing ? JSON.stringify(standingJson(e.standing, index)) : '';
			args.push(
				e.id,
				e.result ? JSON.stringify(e.result) : '',
				st,
				e.standing ? sortScore(e.standing) : 0
			);
		}
		const keys = [
			this.k(pin, 'scored'),
			this.k(pin, `results:${index}`),
			this.k(pin, 'standings'),
			this.k(pin, 'lb'),
			this.k(pin, 'kicked')
		];
		return Number(await this.run(SCRIPTS.applyScores, keys, args)) >= 0;
	}
	async markScored(pin: string, scored: ScoredQuestion) {
		const args = [scored.index, JSON.stringify(scored), ROOM_TTL_S];
		return (await this.run(SCRIPTS.markScored, [this.k(pin, 'scored')], args)) === 1;
	}
	async getScored(pin: string, index: number) {
		const raw = await this.client.hGet(this.k(pin, 'scored'), String(index));
		return raw ? (JSON.parse(raw) as ScoredQuestion) : null;
	}
	async listScored(pin: string) {
		const all = await this.client.hVals(this.k(pin, 'scored'));
		return all.map((r) => JSON.parse(r) as ScoredQuestion).sort((a, b) => a.index - b.index);
	}
	async getResults(pin: string, index: number, playerIds: string[]) {
		if (playerIds.length === 0) return [];
		const raw = await this.client.hmGet(this.k(pin, `results:${index}`), playerIds);
		return raw.map((r) => (r ? (JSON.parse(r) as RankedResult) : null));
	}
	async leaderboard(pin: string, limit: number) {
		return this.leaderboardPage(pin, 0, limit);
	}
	async leaderboardPage(pin: string, offset: number, limit: number) {
		// ZRANGE 0 -1 would mean "everyone"; a limit of 0 means no one, as in the memory store.
		if (limit <= 0) return [];
		// Ascending sort scores are ranking order, ties by id (see domain/ranking.ts).
		const from = Math.max(0, offset);
		const ids = await this.client.zRange(this.k(pin, 'lb'), from, from + limit - 1);
		return (await this.assemble(pin, ids)).filter((p): p is PlayerRecord => p !== null);
	}
	async rankOf(pin: string, id: string) {
		const r = await this.client.zRank(this.k(pin, 'lb'), id);
		return r === null ? null : r + 1;
	}

	async raceAppend(
		pin: string,
		log: string,
		member: string,
		at: number
	): Promise<RaceOutcome | null> {
		const logPart = `race:${log}`;
		const seenPart = `race-seen:${log}`;
		const res = (await this.run(
			SCRIPTS.raceAppend,
			[this.k(pin, 'state'), this.k(pin, logPart), this.k(pin, seenPart), this.k(pin, 'extras')],
			[member, at, ROOM_TTL_S, logPart, seenPart]
		)) as [number, string, string, number] | null;
		if (!res) return null;
		return {
			position: Number(res[0]),
			at: Number(res[1]),
			first: parseEntry(res[2]),
			duplicate: res[3] === 1
		};
	}
	async readRace(pin: string, log: string): Promise<RaceEntry[]> {
		return (await this.client.lRange(this.k(pin, `race:${log}`), 0, -1)).map(parseEntry);
	}
	async setStake(pin: string, index: number, holder: string, stake: number): Promise<StakeOutcome> {
		const part = `stakes:${index}`;
		return (await this.run(
			SCRIPTS.setStake,
			[this.k(pin, 'state'), this.k(pin, part), this.k(pin, 'extras')],
			[index, holder, stake, ROOM_TTL_S, part]
		)) as StakeOutcome;
	}
	async listStakes(pin: string, index: number): Promise<Record<string, number>> {
		const raw = await this.client.hGetAll(this.k(pin, `stakes:${index}`));
		return Object.fromEntries(Object.entries(raw).map(([holder, v]) => [holder, Number(v)]));
	}

	async acquireLease(pin: string, owner: string, ttlMs: number) {
		return (await this.run(SCRIPTS.lease, [this.LEASES, this.OWNERS], [pin, owner, ttlMs])) === 1;
	}
	async renewLeases(owner: string, pins: string[], ttlMs: number) {
		if (pins.length === 0) return [];
		return (await this.run(
			SCRIPTS.renew,
			[this.LEASES, this.OWNERS],
			[owner, ttlMs, ...pins]
		)) as string[];
	}
	async releaseLease(pin: string, owner: string) {
		await this.run(SCRIPTS.release, [this.LEASES, this.OWNERS], [pin, owner]);
	}
	async lapsedLeases(limit: number) {
		return (await this.run(
			SCRIPTS.lapsed,
			[this.LEASES, this.OWNERS, this.ACTIVE],
			[limit]
		)) as string[];
	}
	private async forgetLease(pin: string) {
		await this.client
			.multi()
			.sRem(this.ACTIVE, pin)
			.zRem(this.LEASES, pin)
			.hDel(this.OWNERS, pin)
			.zRem(this.LOBBIES, pin)
			.exec();
	}
	async activePins() {
		const pins = await this.client.sMembers(this.ACTIVE);
		// A room whose state has expired is gone: forget it rather than sweep it for ever.
		const alive = await Promise.all(pins.map((pin) => this.client.exists(this.k(pin, 'state'))));
		const gone = pins.filter((_, i) => alive[i] === 0);
		if (gone.length > 0) await this.client.sRem(this.ACTIVE, gone);
		return pins.filter((_, i) => alive[i] !== 0);
	}
	async markInactive(pin: string) {
		await this.forgetLease(pin);
	}
	async deleteRoom(pin: string) {
		const scored = await this.listScored(pin);
		const state = await this.getState(pin);
		const n = Math.max(state?.questionCount ?? 0, scored.length);
		await this.client.del([this.k(pin, 'state'), ...(await this.roomKeys(pin, n))]);
		await this.forgetLease(pin);
		this.identities.forget(pin);
	}
	override async close() {
		this.answers.close();
		this.joins.close();
		this.presence.close();
		// The reads are not dropped: one still waiting fails against the closed client, as alone.
		await super.close();
	}
}
