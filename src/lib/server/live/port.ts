// The live store port: everything a running room needs, with one memory and one Redis adapter.
// Each method is one atomic store operation; the contract suite in tests/ runs against both.
import type { AnswerInput } from '../../domain/answer';
import type { Quiz } from '../../domain/question';
import type { RoomState, AnswerRefusal, JoinRefusal } from '../../domain/room';
import type { Distribution, PlayerStanding, QuestionResult } from '../../domain/round-scoring';
import type { QuestionExtra } from '../../domain/rounds/score-round';
import type { TeamRow } from '../../domain/rounds/teams';

export interface PlayerRecord extends PlayerStanding {
	nickname: string;
	joinedAt: number;
	kicked: boolean;
	/** The team picked on joining (rooms with teams); absent or null: none. */
	teamId?: string | null;
	/** Joined as audience: plays apart from the teams. */
	audience?: boolean;
	/**
	 * The last question whose score this standing includes (absent before the first): what lets a
	 * score commit cut short between chunks be finished without applying a question twice.
	 */
	scoredThrough?: number;
}

export interface StoredRoom {
	state: RoomState;
	quiz: Quiz;
	/** SHA-256 of a quick room's host secret; null for a room opened by a signed-in host. */
	hostSecretHash: string | null;
	/** The signed-in host who opened the room, and the organisation it belongs to. */
	ownerUserId: string | null;
	orgId: string | null;
	/** Users the owner added to run the room with them. */
	coHostIds: string[];
	/**
	 * The screen link's token of a room opened by a signed-in host; null where the PIN is enough
	 * (quick rooms). Kept as is, unlike the host secret: every host of the room is shown it again,
	 * and it only lets a screen watch.
	 */
	screenToken: string | null;
}

export interface AnswerRecord {
	playerId: string;
	answer: AnswerInput;
	elapsedMs: number;
	receivedAt: number;
}

export type SubmitOutcome =
	| { status: 'stored' | 'duplicate'; count: number; answer: AnswerInput }
	| { status: 'refused'; code: AnswerRefusal | 'KICKED' | 'NOT_JOINED' };

/**
 * A join is judged against the room's state in the same step that adds the player (JoinRefusal:
 * ended, locked, or started without late joins), so that no join lands after the host locked.
 */
export type AddPlayerOutcome =
	'ok' | 'NICKNAME_TAKEN' | 'ROOM_NOT_FOUND' | 'TOO_MANY_JOINS' | JoinRefusal;

/**
 * What addPlayer did, and the room's players (kicked ones left out) once it had: the count every
 * join shows, read in the same step so that a join needs no second trip to count.
 */
export interface AddedPlayer {
	outcome: AddPlayerOutcome;
	count: number;
}

/** Where a join comes from (a client address's key), and how many joins one source may add. */
export interface JoinSource {
	key: string;
	/** 0: no cap. */
	cap: number;
}

/** How long the store keeps rooms nobody uses. */
export interface LiveStoreOptions {
	/** A room still in its lobby lives this long after its last activity (touch, join, change). */
	lobbyIdleMs?: number;
	/** Players per score-commit store call (SCORE_CHUNK unless lowered, e.g. by tests). */
	scoreChunk?: number;
}

/** Players one score-commit call writes at most, so that no single call holds Redis for long. */
export const SCORE_CHUNK = 1000;

export const DEFAULT_LOBBY_IDLE_MS = 2 * 3600_000;
/** A process counts as alive this long after its last heartbeat (the clock's upkeep renews it). */
export const PROCESS_TTL_MS = 6000;
/** A started room's live state lives this long after the game starts (then it is freed). */
export const ROOM_TTL_MS = 48 * 3600_000;

export interface ScoredQuestion {
	index: number;
	limitMs: number;
	distribution: Distribution;
	/** Contest-day questions: what scored them beside the answers (buzzes, stakes, who could answer). */
	extra?: QuestionExtra;
	/** Rooms with teams: the team scoreboard after this question. */
	teams?: TeamRow[];
	/** Set when this question decided whether a tiebreak is played: those level on the top score. */
	tied?: string[];
}

/** A question's per-player result with the player's rank after it. */
export interface RankedResult extends QuestionResult {
	rank: number | null;
}

/** One player's share of a question's scores: the new standing, and the result if there is one. */
export interface ScoreEntry {
	id: string;
	standing?: PlayerStanding;
	result?: RankedResult;
}

/** One entry of a race log: who, and the time the store stamped. */
export interface RaceEntry {
	member: string;
	at: number;
}

export interface RaceOutcome {
	/** 1-based place of `member` in the log. */
	position: number;
	/** This member's entry (its stamped time). */
	at: number;
	/** The log's first entry. */
	first: RaceEntry;
	/** The member was already in the log: nothing was appended; position and at are its old ones. */
	duplicate: boolean;
}

export type StakeOutcome = 'ok' | 'LOCKED' | 'ROOM_NOT_FOUND';

/**
 * One page of a scan through a room's records. Start with cursor '0'; the scan is over when `next`
 * is '0' again. A page may be empty before the end, and (Redis HSCAN, when the hash is resized
 * mid-scan) a record may come in more than one page: readers that need each once dedupe by id.
 */
export interface ScanPage<T> {
	items: T[];
	next: string;
}

/** The cursor that starts a scan, and that `next` comes back to at its end. */
export const SCAN_START = '0';

export interface LiveStore {
	readonly kind: 'memory' | 'redis';
	/** Creates a room; false if its PIN is taken. */
	createRoom(room: StoredRoom): Promise<boolean>;
	getRoom(pin: string): Promise<StoredRoom | null>;
	getState(pin: string): Promise<RoomState | null>;
	/** Adds a co-host (once); false if the room does not exist. */
	addCoHost(pin: string, userId: string): Promise<boolean>;
	/** Replaces the state if its version is still `expected` (a change in the lobby is activity). */
	casState(pin: string, expected: number, next: RoomState): Promise<boolean>;

	/**
	 * Activity in these rooms (a host, a screen or players connected): those still in their lobby
	 * live `lobbyIdleMs` from now. Rooms past the lobby, or gone, are left alone.
	 */
	touchLobbies(pins: string[]): Promise<void>;
	/**
	 * Frees, at most `limit` at a time, rooms whose time is up: left in their lobby with no
	 * activity for `lobbyIdleMs`, or started more than ROOM_TTL_MS ago (Redis lets such keys
	 * expire by themselves). Afterwards they do not exist (getRoom, getState, addPlayer,
	 * activePins) and their PIN opens a fresh room. Returns the PINs this call freed.
	 */
	expireRooms(limit: number): Promise<string[]>;

	/**
	 * Adds a player, reserving the nickname key atomically; with a `source`, refused with
	 * TOO_MANY_JOINS (nothing stored) once that source has added `cap` players to the room.
	 * Joining a lobby is activity: it lives on.
	 */
	addPlayer(
		pin: string,
		player: PlayerRecord,
		nickKey: string,
		tokenHash: string,
		source?: JoinSource
	): Promise<AddedPlayer>;
	playerByToken(pin: string, tokenHash: string): Promise<PlayerRecord | null>;
	getPlayer(pin: string, id: string): Promise<PlayerRecord | null>;
	listPlayers(pin: string): Promise<PlayerRecord[]>;
	/**
	 * `limit` players from `offset`, kicked ones left out, newest first (joinedAt descending, then
	 * id descending): what a host panel pages through without reading the whole room.
	 */
	listPlayersPage(pin: string, offset: number, limit: number): Promise<PlayerRecord[]>;
	/**
	 * The kicked players, in no set order: what the game archive writes after the leaderboard's
	 * pages (which hold everyone else). A host kicks a few; the room is never walked for them.
	 */
	listKicked(pin: string): Promise<PlayerRecord[]>;
	playerCount(pin: string): Promise<number>;
	/** Marks a player kicked; their nickname stays reserved so that they cannot rejoin under it. */
	kickPlayer(pin: string, id: string): Promise<boolean>;
	/** Counts a player's open sockets; returns how many players are online after the change. */
	setOnline(pin: string, id: string, delta: 1 | -1): Promise<number>;
	onlineCount(pin: string): Promise<number>;
	onlineIds(pin: string): Promise<string[]>;
	/** Whether each of these players has a socket open, in their order. */
	onlineOf(pin: string, ids: string[]): Promise<boolean[]>;
	/**
	 * Marks this process alive for `ttlMs` (its presence entries count while it is). False when its
	 * mark had lapsed since the last beat — it was stalled long enough to be taken for dead, and
	 * others may have reaped its sockets: it should restore its presence (restorePresence).
	 */
	heartbeat(ttlMs: number): Promise<boolean>;
	/**
	 * Sets this process's share of the room's presence to exactly `held` (player → sockets open
	 * here), whatever it was: after a false death, what the survivors took off is put back, and
	 * what was never taken is not counted twice. Returns how many players are online afterwards.
	 */
	restorePresence(pin: string, held: Map<string, number>): Promise<number>;
	/**
	 * Takes the sockets of processes that stopped heartbeating (crashed) off the room's presence;
	 * returns the players who went offline. One process holds all sockets in memory: a no-op.
	 */
	reapPresence(pin: string): Promise<string[]>;
	/**
	 * Processes whose last heartbeat is more than `ttlMs` old (they died), as long as that was
	 * within the last few minutes: a survivor that sees a new one reaps the presence of every
	 * room it drives, not only those with a timer. One process in memory: none.
	 */
	deadProcesses(ttlMs: number): Promise<string[]>;

	/**
	 * Stores an answer if the question is open at `receivedAt`, the player exists and is not kicked,
	 * and the player has not answered this question yet. Atomic with the state check.
	 */
	submitAnswer(
		pin: string,
		index: number,
		playerId: string,
		answer: AnswerInput,
		receivedAt: number
	): Promise<SubmitOutcome>;
	answerCount(pin: string, index: number): Promise<number>;
	listAnswers(pin: string, index: number): Promise<AnswerRecord[]>;
	/** About `count` answers to question `index` from `cursor`, in no set order. See ScanPage. */
	scanAnswers(
		pin: string,
		index: number,
		cursor: string,
		count: number
	): Promise<ScanPage<AnswerRecord>>;
	getAnswer(pin: string, index: number, playerId: string): Promise<AnswerRecord | null>;
	/**
	 * An online player with no answer to question `index`, or null if every online player has one.
	 * `hint` (the id a previous call returned) is checked first, so that asking again while that
	 * player is still thinking costs one lookup rather than a walk over the room.
	 */
	firstUnanswered(pin: string, index: number, hint?: string): Promise<string | null>;

	/**
	 * Writes a question's results, the players' new standings and the leaderboard, in calls of at
	 * most `scoreChunk` players (applyScores), then the question's scored entry last (markScored).
	 * Returns false, writing nothing, if the question was already scored. Cut short between chunks
	 * and run again, it applies the question to each player once (see applyScores).
	 */
	commitScores(
		pin: string,
		scored: ScoredQuestion,
		results: RankedResult[],
		standings: PlayerStanding[]
	): Promise<boolean>;
	/**
	 * One chunk of a commit: writes each entry's result, standing (its scoredThrough set to
	 * `index`) and leaderboard entry, skipping players whose standing already went through `index`.
	 * False, writing nothing, if question `index` is already scored.
	 */
	applyScores(pin: string, index: number, entries: ScoreEntry[]): Promise<boolean>;
	/** Writes the question's scored entry (what getScored reads); false if it was there already. */
	markScored(pin: string, scored: ScoredQuestion): Promise<boolean>;
	getScored(pin: string, index: number): Promise<ScoredQuestion | null>;
	listScored(pin: string): Promise<ScoredQuestion[]>;
	getResults(pin: string, index: number, playerIds: string[]): Promise<(RankedResult | null)[]>;
	/** Top players by score, then less total time; kicked players excluded. */
	leaderboard(pin: string, limit: number): Promise<PlayerRecord[]>;
	/** The leaderboard's `limit` players from place `offset` + 1: ranked in pages, not all at once. */
	leaderboardPage(pin: string, offset: number, limit: number): Promise<PlayerRecord[]>;
	/** 1-based rank, or null if the player is not ranked. */
	rankOf(pin: string, id: string): Promise<number | null>;

	/**
	 * Appends `member` to the room's race log `log` unless it is already there, in one atomic step:
	 * however many callers in however many processes race, exactly one gets position 1 and the
	 * positions are 1..n in the order the store received them. The stamped time is
	 * max(`at`, the last entry's time), so times never go backwards along the log. Null if the room
	 * does not exist. Logs live and expire with the room.
	 */
	raceAppend(pin: string, log: string, member: string, at: number): Promise<RaceOutcome | null>;
	/** The log in order (empty if none). */
	readRace(pin: string, log: string): Promise<RaceEntry[]>;
	/**
	 * Sets (or changes) `holder`'s stake for question `index`, only while the room's state is in
	 * phase 'stake' at that index — checked atomically with the state, so that a stake cannot slip
	 * in after the question opened (LOCKED). ROOM_NOT_FOUND if no room.
	 */
	setStake(pin: string, index: number, holder: string, stake: number): Promise<StakeOutcome>;
	/** The stakes set for question `index`, by holder. */
	listStakes(pin: string, index: number): Promise<Record<string, number>>;

	/** Takes or renews the room's clock lease; true if `owner` holds it afterwards. */
	acquireLease(pin: string, owner: string, ttlMs: number): Promise<boolean>;
	/** Renews every lease `owner` still holds among `pins` in one call; returns those. */
	renewLeases(owner: string, pins: string[], ttlMs: number): Promise<string[]>;
	/** Gives the lease up; it lapses at once, so another process takes the room over. */
	releaseLease(pin: string, owner: string): Promise<void>;
	/**
	 * Active rooms whose lease lapsed (its holder died or released it), at most `limit`: what a
	 * clock takes over. Rooms never leased (nothing to drive yet) and inactive ones are not listed.
	 */
	lapsedLeases(limit: number): Promise<string[]>;
	/** Rooms not yet ended (and saved). */
	activePins(): Promise<string[]>;
	/** The room needs no clock again: it leaves the active rooms and the leases. */
	markInactive(pin: string): Promise<void>;
	deleteRoom(pin: string): Promise<void>;
	/** Resolves once the store answers a trivial request (readiness checks). */
	ping(): Promise<void>;
	close(): Promise<void>;
}
