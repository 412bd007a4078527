// A real Anda socket server for the integration suites: node http + the gateway + a fresh context
// (memory or Redis live store, SQLite records in a temp dir), plus typed socket.io-client helpers.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { expect } from 'vitest';
import type { Quiz } from '../../src/lib/domain/question';
import {
	ERROR_CODES,
	type AckResult,
	type ClientEvent,
	type ClientToServerEvents,
	type ErrorCode,
	type PlayerResult,
	type PlayerSelf,
	type PlayerSummary,
	type RoomView,
	type ServerToClientEvents
} from '../../src/lib/protocol';
import { createAppContext, type AppContext } from '../../src/lib/server/app-context';
import type { AuthLimits } from '../../src/lib/server/auth/rate-limit';
import { DEFAULT_ABUSE_LIMITS, type AbuseLimits } from '../../src/lib/server/abuse/limits';
import type { AddressRule } from '../../src/lib/server/http/client-ip';
import { attachGateway, type Gateway } from '../../src/lib/server/realtime/gateway';
import type { ClockOptions } from '../../src/lib/server/kernel/session-clock';
import { redisAvailable, redacted, REQUIRE_SERVICES } from './services';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ServerEvent = keyof ServerToClientEvents;
export type EventArg<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];
/** What the server acknowledges a client event with. */
export type AckOf<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[1] extends (
	r: infer R
) => void
	? R
	: never;

export const DEFAULT_TIMEOUT_MS = 3000;

// ——— live-store modes ———

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface LiveMode {
	name: 'memory' | 'redis';
	redisUrl: string | undefined;
	available: boolean;
	/** Skip the suite: the service is down and not required. */
	skip: boolean;
}

/**
 * The live-store modes to run a suite in: memory always, Redis when reachable. When Redis is down
 * the Redis suite is skipped with one stderr line, or fails when services are required (CI).
 */
export async function liveModes(suite: string): Promise<LiveMode[]> {
	const up = await redisAvailable(REDIS_URL);
	if (!up && !REQUIRE_SERVICES) {
		process.stderr.write(
			`[skip] Redis not reachable at ${redacted(REDIS_URL)}: integration Redis suite skipped (${suite})\n`
		);
	}
	return [
		{ name: 'memory', redisUrl: undefined, available: true, skip: false },
		{ name: 'redis', redisUrl: REDIS_URL, available: up, skip: !up && !REQUIRE_SERVICES }
	];
}

/** Call in beforeAll: fails the suite when its service is required but down. */
export function requireMode(mode: LiveMode): void {
	if (!mode.available) {
		throw new Error(
			`Redis not reachable at ${redacted(REDIS_URL)} and ANDA_REQUIRE_SERVICES=1: cannot run the ${mode.name} suite`
		);
	}
}

// ——— server ———

export interface TestServer {
	url: string;
	port: number;
	ctx: AppContext;
	gateway: Gateway;
	createRoom(quiz: Quiz): Promise<{ pin: string; hostSecret: string }>;
	/** Dies without a goodbye: connections dropped, clock stopped, leases left to lapse. */
	crash(): Promise<void>;
	/**
	 * A graceful shutdown, as the production entry does on SIGTERM: the gateway drains, the clock
	 * lets its leases go, the stores close. Its rooms stay in the live store (Redis) for the others.
	 */
	shutdown(): Promise<void>;
	close(): Promise<void>;
}

/**
 * The Redis key prefix of this test file's servers: they share rooms with each other (two
 * processes on one room) but never with another file's, whose clocks would otherwise take over
 * this file's rooms when their leases lapse.
 */
export const TEST_REDIS_PREFIX = `anda-test-${randomUUID().slice(0, 8)}`;

export async function startTestServer(
	opts: {
		redisUrl?: string;
		/** `redisUrl` names the nodes of a Redis Cluster (ANDA_REDIS_CLUSTER=1). */
		redisCluster?: boolean;
		clock?: ClockOptions;
		/** A record file shared with another test server (accounts seen by both); kept on close. */
		sqlitePath?: string;
		authLimits?: AuthLimits;
		/** Servers that must share rooms across processes pass one prefix (default: this file's). */
		redisPrefix?: string;
		/** Listen here (a restart on the port its clients know) instead of on a free port. */
		port?: number;
		/** Abuse limits to change (the rest stay at their defaults). */
		abuse?: Partial<AbuseLimits>;
		/** Read client addresses from a header, as behind a proxy (e.g. X-Forwarded-For). */
		addressRule?: AddressRule;
		/** How often expired rooms are freed. */
		expirySweepMs?: number;
	} = {}
): Promise<TestServer> {
	const dir = mkdtempSync(join(tmpdir(), 'anda-itest-'));
	const ctx = await createAppContext({
		redisUrl: opts.redisUrl,
		redisCluster: opts.redisCluster,
		redisPrefix: opts.redisPrefix ?? TEST_REDIS_PREFIX,
		sqlitePath: opts.sqlitePath ?? join(dir, 'records.sqlite'),
		banksDir: undefined,
		clock: opts.clock,
		authLimits: opts.authLimits,
		abuse: { ...DEFAULT_ABUSE_LIMITS, ...opts.abuse },
		addressRule: opts.addressRule,
		expirySweepMs: opts.expirySweepMs
	});
	const http = createServer((_req, res) => {
		res.statusCode = 404;
		res.end();
	});
	let gateway: Gateway;
	try {
		gateway = await attachGateway(http, ctx);
		await new Promise<void>((resolve, reject) => {
			http.once('error', reject);
			http.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
		});
	} catch (e) {
		await ctx.close().catch(() => {});
		rmSync(dir, { recursive: true, force: true });
		throw e;
	}
	const { port } = http.address() as AddressInfo;
	const pins = new Set<string>();
	let closed = false;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		ctx,
		gateway,
		async createRoom(quiz) {
			const room = await ctx.rooms.createRoom(quiz);
			pins.add(room.pin);
			return room;
		},
		async crash() {
			if (closed) return;
			closed = true;
			await ctx.clock.stop({ release: false });
			http.closeAllConnections();
			await within(gateway.close(), 5000, 'gateway close');
			await ctx.close();
			rmSync(dir, { recursive: true, force: true });
		},
		async shutdown() {
			if (closed) return;
			closed = true;
			http.closeIdleConnections();
			await within(gateway.close(), 8000, 'gateway drain');
			http.close();
			await ctx.close();
			rmSync(dir, { recursive: true, force: true });
		},
		async close() {
			if (closed) return;
			closed = true;
			http.closeAllConnections();
			await within(gateway.close(), 5000, 'gateway close');
			await ctx.clock.stop();
			// Redis is shared between runs: leave no rooms behind for another clock to sweep.
			for (const pin of pins) await ctx.live.deleteRoom(pin).catch(() => {});
			await ctx.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

// ——— clients ———

const openSockets = new Set<ClientSocket>();

/**
 * A connected, typed client socket (websocket only, its own connection, no auto-reconnect).
 * `headers` go with the handshake, e.g. `{ cookie: 'anda_session=…' }` for a signed-in host.
 */
export function connect(
	url: string,
	timeoutMs = DEFAULT_TIMEOUT_MS,
	headers?: Record<string, string>
): Promise<ClientSocket> {
	const socket: ClientSocket = io(url, {
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		timeout: timeoutMs,
		...(headers ? { extraHeaders: headers } : {})
	});
	openSockets.add(socket);
	socket.on('disconnect', () => openSockets.delete(socket));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.disconnect();
			reject(new Error(`socket did not connect to ${url} within ${timeoutMs} ms`));
		}, timeoutMs);
		socket.once('connect', () => {
			clearTimeout(timer);
			resolve(socket);
		});
		socket.once('connect_error', (e) => {
			clearTimeout(timer);
			socket.disconnect();
			reject(e);
		});
	});
}

/** Disconnects every client socket opened with connect(); call in afterEach/afterAll. */
export function closeClients(): void {
	for (const s of openSockets) s.disconnect();
	openSockets.clear();
}

/** Emits an event with an ack and resolves with the ack's result; rejects on timeout. */
export function emitAck<E extends ClientEvent>(
	socket: ClientSocket,
	event: E,
	payload: unknown,
	timeoutMs = DEFAULT_TIMEOUT_MS
): Promise<AckOf<E>> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`no ack for ${event} within ${timeoutMs} ms`)),
			timeoutMs
		);
		(socket.emit as unknown as (ev: string, ...args: unknown[]) => void)(
			event,
			payload,
			(res: AckOf<E>) => {
				clearTimeout(timer);
				resolve(res);
			}
		);
	});
}

type Listener = (...args: unknown[]) => void;
type LooseSocket = { on(ev: string, l: Listener): unknown; off(ev: string, l: Listener): unknown };

/** Resolves with the next `event` (matching `predicate`) the socket receives; rejects on timeout. */
export function waitFor<E extends ServerEvent>(
	socket: ClientSocket,
	event: E,
	predicate: (arg: EventArg<E>) => boolean = () => true,
	timeoutMs = DEFAULT_TIMEOUT_MS
): Promise<EventArg<E>> {
	const s = socket as unknown as LooseSocket;
	return new Promise((resolve, reject) => {
		const listener: Listener = (arg) => {
			if (!predicate(arg as EventArg<E>)) return;
			clearTimeout(timer);
			s.off(event, listener);
			resolve(arg as EventArg<E>);
		};
		const timer = setTimeout(() => {
			s.off(event, listener);
			reject(new Error(`no ${event} (matching) within ${timeoutMs} ms`));
		}, timeoutMs);
		s.on(event, listener);
	});
}

/**
 * Calls `fn` with every result of a question the socket is sent, in either form: with the reveal
 * (the second argument of its room:view) or on its own (player:result, as on rejoining). Returns
 * the unsubscribe.
 */
export function onResult(socket: ClientSocket, fn: (r: PlayerResult) => void): () => void {
	const s = socket as unknown as LooseSocket;
	const withView: Listener = (_view, mine) => {
		if (mine) fn(mine as PlayerResult);
	};
	const alone: Listener = (r) => fn(r as PlayerResult);
	s.on('room:view', withView);
	s.on('player:result', alone);
	return () => {
		s.off('room:view', withView);
		s.off('player:result', alone);
	};
}

/** Resolves with the socket's next result of question `index`, in either form (see onResult). */
export function waitForResult(
	socket: ClientSocket,
	index: number,
	timeoutMs = DEFAULT_TIMEOUT_MS
): Promise<PlayerResult> {
	return new Promise((resolve, reject) => {
		const off = onResult(socket, (r) => {
			if (r.index !== index) return;
			clearTimeout(timer);
			off();
			resolve(r);
		});
		const timer = setTimeout(() => {
			off();
			reject(new Error(`no result of question ${index} within ${timeoutMs} ms`));
		}, timeoutMs);
	});
}

/** Resolves with every `event` (matching `predicate`) the socket receives within `ms`. */
export function collectFor<E extends ServerEvent>(
	socket: ClientSocket,
	event: E,
	ms: number,
	predicate: (arg: EventArg<E>) => boolean = () => true
): Promise<EventArg<E>[]> {
	const s = socket as unknown as LooseSocket;
	const got: EventArg<E>[] = [];
	const listener: Listener = (arg) => {
		if (predicate(arg as EventArg<E>)) got.push(arg as EventArg<E>);
	};
	s.on(event, listener);
	return new Promise((resolve) =>
		setTimeout(() => {
			s.off(event, listener);
			resolve(got);
		}, ms)
	);
}

/** Waits until `check` returns a truthy value, polling; rejects after `timeoutMs`. */
export async function until<T>(
	check: () => T | Promise<T>,
	timeoutMs = DEFAULT_TIMEOUT_MS,
	what = 'condition'
): Promise<T> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const v = await check();
		if (v) return v;
		if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(10);
	}
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves as `p` does, or rejects once `ms` have passed. */
export async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	try {
		return await Promise.race([
			p,
			new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
			})
		]);
	} finally {
		clearTimeout(timer);
	}
}

// ——— acks ———

type Ok<R> = Extract<R, { ok: true }>;

/** Asserts a successful ack and narrows it. */
export function expectOk<R extends AckResult>(res: R): Ok<R> {
	if (!res.ok) {
		expect.fail(`expected ok, got ${res.error.code}: ${res.error.message}`);
	}
	return res as Ok<R>;
}

/** Asserts a refused ack: a known error code (optionally one of `codes`) and a non-empty message. */
export function expectFail(res: AckResult, ...codes: ErrorCode[]): ErrorCode {
	expect(res, `expected a refusal, got ${JSON.stringify(res)}`).toMatchObject({ ok: false });
	if (res.ok) throw new Error('unreachable');
	expect(ERROR_CODES).toContain(res.error.code);
	expect(typeof res.error.message).toBe('string');
	expect(res.error.message.length).toBeGreaterThan(0);
	if (codes.length > 0) expect(codes).toContain(res.error.code);
	return res.error.code;
}

// ——— roles ———

export interface TestPlayer {
	socket: ClientSocket;
	token: string;
	playerId: string;
	nickname: string;
	self: PlayerSelf;
	view: RoomView;
}

export async function joinPlayer(url: string, pin: string, nickname: string): Promise<TestPlayer> {
	const socket = await connect(url);
	const res = expectOk(await emitAck(socket, 'player:join', { pin, nickname }));
	return {
		socket,
		token: res.token,
		playerId: res.self.playerId,
		nickname,
		self: res.self,
		view: res.view
	};
}

/** Joins `n` players one after another, nicknamed `${prefix}1`…`${prefix}n`. */
export async function makePlayers(
	url: string,
	pin: string,
	n: number,
	prefix = 'Player'
): Promise<TestPlayer[]> {
	const out: TestPlayer[] = [];
	for (let i = 1; i <= n; i++) out.push(await joinPlayer(url, pin, `${prefix}${i}`));
	return out;
}

export interface TestHost {
	socket: ClientSocket;
	view: RoomView;
	players: PlayerSummary[];
}

export async function attachHost(url: string, pin: string, secret: string): Promise<TestHost> {
	const socket = await connect(url);
	const res = expectOk(await emitAck(socket, 'host:attach', { pin, secret }));
	return { socket, view: res.view, players: res.players };
}

/** A big screen on the room (a quick room's screen needs only the PIN). */
export async function attachScreen(
	url: string,
	pin: string
): Promise<{ socket: ClientSocket; view: RoomView }> {
	const socket = await connect(url);
	const res = expectOk(await emitAck(socket, 'screen:attach', { pin }));
	return { socket, view: res.view };
}

/** Sends a host command and returns the new view; fails the test if it is refused. */
export async function command(
	host: TestHost | ClientSocket,
	cmd: Parameters<ClientToServerEvents['host:command']>[0]
): Promise<RoomView> {
	const socket = 'players' in host ? host.socket : host;
	return expectOk(await emitAck(socket, 'host:command', cmd)).view;
}
