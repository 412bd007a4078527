// Builds the process's one set of stores and services. Pages (SvelteKit routes) and the socket
// server are loaded as separate module graphs, so the context is kept under a global symbol:
// whichever loads first creates it, and both then share the same stores.
import { join } from 'node:path';
import { sql } from 'kysely';
import { OrgService } from './orgs/org-service';
import { AuthRateLimiter, DEFAULT_LIMITS, type AuthLimits } from './auth/rate-limit';
import { abuseLimitsFromEnv, DEFAULT_ABUSE_LIMITS, type AbuseLimits } from './abuse/limits';
import { PinLookupGuard } from './abuse/pin-lookups';
import { RoomCreationLimiter } from './abuse/room-creation';
import { addressRuleFromEnv, type AddressRule } from './http/client-ip';
import { memoryLimiters, redisLimiters } from './limiters';
import { AuthService, normaliseEmail } from './auth/service';
import { loadLibrary } from './content/load-banks';
import { MemoryLiveStore } from './live/memory';
import type { LiveStore } from './live/port';
import { RedisLiveStore } from './live/redis';
import { closeRedis } from './live/redis-base';
import { createRedis, type RedisClient } from './live/redis-client';
import { MemoryQaStore } from './live/qa-memory';
import { MemoryContestBoardStore } from './live/contest-board-memory';
import type { ContestBoardStore } from './live/contest-board-port';
import { RedisContestBoardStore } from './live/contest-board-redis';
import { ContestService } from './contests/contest-service';
import type { SweeperOptions } from './contests/contest-sweeper';
import { KyselyContestRecordStore } from './records/contests/kysely-contest-store';
import { regions } from './regions';
import type { QaStore } from './live/qa-port';
import { RedisQaStore } from './live/qa-redis';
import type { QaBroadcast } from './qa/qa-broadcast';
import { QaService } from './qa/qa-service';
import { OrgGuards } from './qa/org-guards';
import { KyselyOrgWordStore } from './records/org-words/kysely-org-word-store';
import { KyselyAccountStore } from './records/accounts/kysely-store';
import type { AccountStore } from './records/accounts/port';
import { openDatabase, type OpenedDatabase } from './records/open';
import { KyselyBankStore } from './records/banks/kysely-bank-store';
import type { BankStore } from './records/banks/port';
import { syncShippedBanks } from './records/banks/sync';
import { KyselyRecordStore } from './records/kysely-store';
import { KyselyQaRecordStore } from './records/qa/kysely-qa-store';
import type { RecordStore } from './records/port';
import { Relay } from './kernel/relay';
import { SessionClock, type ClockOptions } from './kernel/session-clock';
import { StoreRecovery, type PingedStore } from './kernel/store-recovery';
import { RoomService, type RoomBroadcast } from './rooms/room-service';
import { newId } from './rooms/secrets';
import { rosterDirectory } from './rooms/roster-directory';
import { log } from './log';
import { instrumentStore, metrics } from './metrics';

export interface AppConfig {
	redisUrl?: string;
	/**
	 * REDIS_URL is a Redis Cluster (ANDA_REDIS_CLUSTER=1): it names one or more of its nodes,
	 * comma-separated, and every Redis user connects with a cluster client.
	 */
	redisCluster?: boolean;
	/** Prefix of the live keys in Redis (REDIS_PREFIX; default "anda"): one per deployment. */
	redisPrefix?: string;
	databaseUrl?: string;
	sqlitePath?: string;
	banksDir?: string;
	/** Lease and sweep periods of the room clock (tests shorten them). */
	clock?: ClockOptions;
	/** Sign-in and sign-up rate limits (tests may change them). */
	authLimits?: AuthLimits;
	/** Collect Prometheus metrics (on when METRICS_TOKEN is set); off, the hot paths pay nothing. */
	metrics?: boolean;
	/** Abuse limits (abuse/limits.ts; README "Abuse limits"); tests may change them. */
	abuse?: AbuseLimits;
	/** Where a socket's client address comes from (adapter-node's ADDRESS_HEADER / XFF_DEPTH). */
	addressRule?: AddressRule;
	/** How often expired rooms are freed (tests shorten it). */
	expirySweepMs?: number;
	/**
	 * Signs Q&A and contest participant tokens (QA_SECRET); default: a secret kept in the live
	 * store.
	 */
	qaSecret?: string;
	/** How often open attempts past their deadline are closed (tests shorten it). */
	contestSweep?: SweeperOptions;
	/** The contests' clock (tests move it across days and deadlines); default Date.now. */
	contestNow?: () => number;
}

/** What guards the process against abuse (README "Abuse limits"). */
export interface AbuseGuards {
	limits: AbuseLimits;
	addressRule: AddressRule;
	/** Rooms opened per address and per account (shared through Redis when REDIS_URL is set). */
	roomCreation: RoomCreationLimiter;
	/** PIN look-ups that miss, per address, across connections (per process). */
	lookups: PinLookupGuard;
}

export interface AppContext {
	config: AppConfig;
	/** The record database, shared by the stores of each kind of record. */
	database: OpenedDatabase;
	live: LiveStore;
	records: RecordStore;
	/** Question banks: the shipped ones (synced on start), imported and hand-made ones. */
	banks: BankStore;
	/** Users, sessions, organisations and their members, invitations and departments. */
	accounts: AccountStore;
	auth: AuthService;
	orgs: OrgService;
	rooms: RoomService;
	/** Live Q&A events: their questions, votes and moderation. */
	qa: QaService;
	qaStore: QaStore;
	/** Self-paced contests (测测你的安全力): records in the record store, hot boards in the live one. */
	contests: ContestService;
	contestBoards: ContestBoardStore;
	/** Drives every room's deadlines and auto-advance (one lease-holding process per room). */
	clock: SessionClock;
	/** The record and live stores, each with a trivial request (readiness, recovery). */
	stores: PingedStore[];
	/** Swapped in by the socket server once it is attached. */
	relay: Relay<TransportBroadcast>;
	abuse: AbuseGuards;
	close(): Promise<void>;
}

/** What the transport does for accounts: drop the sockets of an ended session. */
export interface SessionBroadcast {
	disconnectSession(sessionId: string): void;
}

/** Everything the services ask the transport to deliver. */
export type TransportBroadcast = RoomBroadcast & QaBroadcast & SessionBroadcast;

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
	return {
		redisUrl: env.REDIS_URL || undefined,
		redisPrefix: env.REDIS_PREFIX || undefined,
		redisCluster: env.ANDA_REDIS_CLUSTER === '1',
		databaseUrl: env.DATABASE_URL || undefined,
		sqlitePath: env.SQLITE_PATH || join(env.DATA_DIR || 'data', 'anda.sqlite'),
		banksDir: env.BANKS_DIR || 'question-banks',
		metrics: Boolean(env.METRICS_TOKEN),
		abuse: abuseLimitsFromEnv(env),
		addressRule: addressRuleFromEnv(env),
		qaSecret: env.QA_SECRET || undefined
	};
}

/**
 * Opens the stores and builds the services. If any step fails (a store that answered a moment ago
 * dropped, a migration failed), what was already opened is closed again before the error is
 * rethrown, so that a caller may simply try again (see start-up.ts).
 */
export async function createAppContext(config: AppConfig): Promise<AppContext> {
	const opened: (() => Promise<unknown>)[] = [];
	try {
		return await buildAppContext(config, opened);
	} catch (e) {
		for (const close of opened.reverse()) await close().catch(() => {});
		throw e;
	}
}

async function buildAppContext(
	config: AppConfig,
	opened: (() => Promise<unknown>)[]
): Promise<AppContext> {
	const limits = config.abuse ?? DEFAULT_ABUSE_LIMITS;
	const storeOptions = { lobbyIdleMs: limits.lobbyIdleMs };
	const redisOptions = { prefix: config.redisPrefix, cluster: config.redisCluster === true };
	const bare: LiveStore = config.redisUrl
		? await RedisLiveStore.connect(config.redisUrl, { ...storeOptions, ...redisOptions })
		: new MemoryLiveStore(Date.now, storeOptions);
	opened.push(() => bare.close());
	const live = config.metrics ? instrumentStore(bare, bare.kind) : bare;
	if (config.metrics) metrics.setRoomCounter(async () => (await bare.activePins()).length);
	const database = await openDatabase({
		databaseUrl: config.databaseUrl,
		sqlitePath: config.sqlitePath
	});
	opened.push(() => database.db.destroy());
	const qaStore: QaStore = config.redisUrl
		? await RedisQaStore.connect(config.redisUrl, redisOptions)
		: new MemoryQaStore();
	opened.push(() => qaStore.close());
	const records = new KyselyRecordStore(database.db, database.kind);
	const banks = new KyselyBankStore(database.db, database.kind);
	if (config.banksDir) {
		// The shipped quizzes and banks are refreshed on every start so that a fresh install has them.
		// They are the shared library (no organisation): readable by all, changed only from here.
		const lib = await loadLibrary(config.banksDir);
		for (const p of lib.problems) log.warn({ file: p.file }, `banks: ${p.message}`);
		for (const quiz of lib.quizzes) {
			if (!(await records.saveQuiz(quiz, Date.now(), null))) {
				log.warn(
					{ quiz: quiz.id },
					"banks: an organisation's quiz has this id; shipped quiz skipped"
				);
			}
		}
		await syncShippedBanks(banks, lib.banks, Date.now(), lib.problems.length === 0);
	}
	const relay = new Relay<TransportBroadcast>();
	const accounts = new KyselyAccountStore(database.db);
	// Rate limits live where live state does: shared through Redis by every process, else in memory.
	let limiterClient: RedisClient | null = null;
	let windows = memoryLimiters();
	if (config.redisUrl) {
		// Each window is one key (one slot), so the limits run unchanged on a cluster.
		limiterClient = createRedis({ url: config.redisUrl, cluster: config.redisCluster === true });
		limiterClient.on('error', (e: Error) => log.warn({ err: e }, 'redis (rate limits)'));
		const client = limiterClient;
		opened.push(() => closeRedis(client));
		await limiterClient.connect();
		windows = redisLimiters(limiterClient, config.redisPrefix);
	}
	const limiter = AuthRateLimiter.from(
		windows,
		config.authLimits ?? { ...DEFAULT_LIMITS, signUpIp: limits.signUpsPerIp }
	);
	const abuse: AbuseGuards = {
		limits,
		addressRule: config.addressRule ?? { header: '', depth: 1 },
		roomCreation: new RoomCreationLimiter(windows, limits),
		lookups: new PinLookupGuard(limits.pinMisses)
	};
	const auth = new AuthService({
		accounts,
		limiter,
		now: Date.now,
		sessionsEnded: (ids) => ids.forEach((id) => relay.port.disconnectSession(id))
	});
	const orgWords = new KyselyOrgWordStore(database.db);
	const guards = new OrgGuards((orgId) => orgWords.orgWords(orgId), Date.now);
	const orgs = new OrgService({
		accounts,
		words: orgWords,
		now: Date.now,
		wordsChanged: (orgId) => guards.drop(orgId),
		membershipChanged: (orgId, userId) => relay.port.qaMemberChanged(orgId, userId)
	});
	const rooms = new RoomService({
		live,
		records,
		now: Date.now,
		broadcast: relay.port,
		isMember: (orgId, userId) => orgs.isMember(orgId, userId),
		users: {
			byId: (id) => accounts.getUser(id),
			byEmail: async (raw) => {
				const email = normaliseEmail(raw);
				return email ? accounts.getUserByEmail(email) : null;
			}
		},
		departments: async (orgId) => (await accounts.listDepartments(orgId)).map((d) => d.name),
		roster: rosterDirectory(new KyselyContestRecordStore(database.db, database.kind)),
		joinsPerAddress: limits.joinsPerIpPerRoom,
		expirySweepMs: config.expirySweepMs
	});
	const qa = new QaService({
		store: qaStore,
		records: new KyselyQaRecordStore(database.db),
		now: Date.now,
		broadcast: relay.port,
		orgRole: (orgId, userId) => accounts.getRole(orgId, userId),
		userName: async (userId) => (await accounts.getUser(userId))?.displayName ?? null,
		guardFor: (orgId) => guards.guardFor(orgId),
		windows,
		limits,
		secret: config.qaSecret
	});
	const contestBoards: ContestBoardStore = config.redisUrl
		? await RedisContestBoardStore.connect(config.redisUrl, redisOptions)
		: new MemoryContestBoardStore();
	opened.push(() => contestBoards.close());
	const contests = new ContestService({
		records: new KyselyContestRecordStore(database.db, database.kind),
		boards: contestBoards,
		banks,
		regions,
		windows,
		entriesPerIp: limits.contestEntriesPerIp,
		secret: () => (config.qaSecret ? Promise.resolve(config.qaSecret) : qaStore.identitySecret()),
		now: config.contestNow ?? Date.now,
		sweeper: config.contestSweep
	});
	contests.sweeper.start();
	opened.push(() => contests.sweeper.stop());
	const stores: PingedStore[] = [
		{
			name: database.kind === 'postgres' ? 'PostgreSQL' : 'SQLite',
			ping: () => sql`select 1`.execute(database.db)
		},
		{ name: live.kind === 'redis' ? 'Redis' : 'memory', ping: () => live.ping() }
	];
	// A clock fault (a store down) starts a watch on the stores; when the one that was down answers
	// again, the rooms waiting out a back-off (a game to save, a question to score) retry at once.
	const target = rooms.clockTarget();
	const recovery = new StoreRecovery(stores, () => clock.retryNow());
	const clock: SessionClock = new SessionClock(
		newId(),
		{
			...target,
			report(error, where) {
				target.report(error, where);
				recovery.suspect();
			}
		},
		Date.now,
		config.clock
	);
	clock.start();
	return {
		config,
		database,
		live,
		records,
		banks,
		accounts,
		auth,
		orgs,
		rooms,
		qa,
		qaStore,
		contests,
		contestBoards,
		clock,
		stores,
		relay,
		abuse,
		async close() {
			recovery.close();
			await clock.stop();
			await contests.sweeper.stop();
			rooms.close();
			qa.close();
			await live.close();
			await qaStore.close();
			await contestBoards.close();
			if (limiterClient) await closeRedis(limiterClient);
			await records.close();
		}
	};
}

const KEY = Symbol.for('anda.app-context');
type Holder = { [KEY]?: Promise<AppContext> };

/** The process-wide context, created on first use from the environment. */
export function appContext(): Promise<AppContext> {
	const g = globalThis as Holder;
	g[KEY] ??= createAppContext(configFromEnv());
	return g[KEY];
}

/** Installs an explicitly built context (the server entry and tests do this before serving). */
export function setAppContext(ctx: Promise<AppContext>): void {
	(globalThis as Holder)[KEY] = ctx;
}
