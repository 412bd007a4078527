// Fault scenarios on real processes: two Anda processes on one Redis serve one room; Redis or the
// process driving the room's clock is killed (-9) at a chosen moment. Each run reports what a
// user would have lost: processes that crashed (or had a rejection nobody handled), a question
// left unscored, acked answers missing from the finished game, players who got no result; and
// how long the room's clock took to move again. Used by tests/faults/*.test.ts (a few bounded
// runs) and by `npm run faults:redis` (ten runs each, printed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import type { RoomView } from '../../../src/lib/protocol';
import { RedisLiveStore } from '../../../src/lib/server/live/redis';
import { openRecordStore } from '../../../src/lib/server/records/open';
import { CORRECT, Q, makeQuiz } from '../quizzes';
import {
	attachHost,
	closeClients,
	command,
	emitAck,
	joinPlayer,
	onResult,
	waitFor,
	type TestHost,
	type TestPlayer
} from '../server';
import { findRedisServer, RedisProcess } from './redis-process';
import { IpcAnda } from './ipc-anda';

export interface FaultReport {
	scenario: 'redis-kill-at-close' | 'clock-holder-kill';
	players: number;
	/** Anda processes that exited, or reported an unhandled rejection or uncaught exception. */
	crashed: number;
	unhandled: number;
	/** 1 when the question never got its reveal. */
	unscored: number;
	/** Answers acked to players but missing from the finished game's record. */
	ackedLost: number;
	/** Connected players who never received their result for the question. */
	resultsMissing: number;
	/** redis-kill: from Redis answering again to the reveal. clock-holder-kill: from the deadline. */
	revealAfterMs: number | null;
	/** clock-holder-kill: how late the question closed after its deadline. */
	closedLateMs: number | null;
	/** clock-holder-kill: online count shown to the host once the dead process's sockets are gone. */
	onlineAfter: number | null;
	note: string;
}

export interface ScenarioOptions {
	players: number;
	/** Port of the scenario's own redis-server (a free one if unset). */
	redisPort?: number;
	/** redis-kill: ms after the deadline at which Redis is killed. */
	killDelayMs?: number;
	/** redis-kill: how long Redis stays down. */
	downMs?: number;
	/** The room clock's lease and sweep (the product's defaults unless set). */
	clock?: { leaseMs?: number; sweepMs?: number };
	log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const TIME_LIMIT_S = 5;

interface Stage {
	redis: RedisProcess;
	a: IpcAnda;
	b: IpcAnda;
	prefix: string;
	sqlitePath: string;
	dir: string;
}

async function setUp(opts: ScenarioOptions): Promise<Stage> {
	const dir = mkdtempSync(join(tmpdir(), 'anda-fault-'));
	const found = findRedisServer();
	if ('missing' in found) throw new Error(found.missing);
	const redis = await RedisProcess.create(found.path, opts.redisPort, { aof: true });
	await redis.start();
	const prefix = `anda-fault-${randomUUID().slice(0, 8)}`;
	const sqlitePath = join(dir, 'records.sqlite');
	const child = { redisUrl: redis.url, redisPrefix: prefix, sqlitePath, clock: opts.clock };
	const a = await IpcAnda.start(child);
	const b = await IpcAnda.start(child);
	return { redis, a, b, prefix, sqlitePath, dir };
}

async function tearDown(stage: Stage): Promise<void> {
	closeClients();
	if (process.env.ANDA_FAULT_LOG) {
		for (const [name, p] of [
			['A', stage.a],
			['B', stage.b]
		] as const) {
			process.stderr.write(`--- ${name} (${p.owner})\n${p.log.join('')}`);
		}
	}
	await Promise.all([stage.a.kill(), stage.b.kill()]);
	await stage.redis.dispose();
	rmSync(stage.dir, { recursive: true, force: true });
}

/** Joins n players, spread evenly over the given processes. */
async function joinAll(urls: string[], pin: string, n: number): Promise<TestPlayer[]> {
	const out: TestPlayer[] = [];
	for (let i = 0; i < n; i++) out.push(await joinPlayer(urls[i % urls.length]!, pin, `P${i + 1}`));
	return out;
}

/** Every player answers the open question correctly; returns the ids whose answer was acked. */
async function answerAll(players: TestPlayer[]): Promise<Set<string>> {
	const acked = new Set<string>();
	await Promise.all(
		players.map(async (p) => {
			const res = await emitAck(
				p.socket,
				'player:answer',
				{ index: Q.single, answer: { choices: CORRECT[Q.single] } },
				10_000
			).catch(() => null);
			if (res?.ok) acked.add(p.playerId);
		})
	);
	return acked;
}

async function leaseHolder(redisUrl: string, prefix: string, pin: string): Promise<string | null> {
	const c = createClient({ url: redisUrl });
	c.on('error', () => {});
	await c.connect();
	try {
		return (await c.hGet(`${prefix}:{clock}:owners`, pin)) ?? null;
	} finally {
		await c.close().catch(() => {});
	}
}

/** Ends the game from `host` and reads its record: the acked answers it is missing. */
async function lostFromRecord(
	stage: Stage,
	host: TestHost,
	pin: string,
	acked: Set<string>
): Promise<number> {
	await command(host, { type: 'end' });
	const records = await openRecordStore({ sqlitePath: stage.sqlitePath });
	try {
		// Saving is retried by the room's clock; give it a bounded while.
		for (let i = 0; i < 100; i++) {
			const game = await records.latestGameByPin(pin);
			if (game) {
				const kept = new Set(
					game.answers.filter((x) => x.questionIndex === Q.single).map((x) => x.playerId)
				);
				return [...acked].filter((id) => !kept.has(id)).length;
			}
			await sleep(100);
		}
		return acked.size;
	} finally {
		await records.close();
	}
}

function crashes(stage: Stage, survivors: IpcAnda[]): { crashed: number; unhandled: number } {
	const all = [stage.a, stage.b];
	const unhandled = all.reduce((n, p) => n + p.unhandled.length, 0);
	const crashed =
		survivors.filter((p) => !p.alive).length +
		all.filter((p) => p.uncaught.length > 0 || p.unhandled.length > 0).length;
	return { crashed, unhandled };
}

/**
 * Redis is killed -9 `killDelayMs` after the open question's deadline (while a process is
 * closing it), stays down `downMs`, and comes back with its AOF. The question must be scored
 * exactly once, every connected player must get a result, and the game's record must hold every
 * acked answer.
 */
export async function redisKillAtClose(opts: ScenarioOptions): Promise<FaultReport> {
	const stage = await setUp(opts);
	const log = opts.log ?? (() => {});
	try {
		const quiz = makeQuiz({ id: `fault-${randomUUID().slice(0, 6)}`, timeLimit: TIME_LIMIT_S });
		const { pin, hostSecret } = await stage.a.createRoom(quiz);
		const host = await attachHost(stage.a.url, pin, hostSecret);
		const players = await joinAll([stage.a.url, stage.b.url], pin, opts.players);
		const results = new Set<string>();
		for (const p of players) {
			onResult(p.socket, (r) => {
				if (r.index === Q.single) results.add(p.playerId);
			});
		}
		const opened = waitFor(host.socket, 'room:view', (v) => v.phase === 'question', 5000);
		await command(host, { type: 'start' });
		const view = await opened;
		const deadline = Date.now() + view.remainingMs;
		const acked = await answerAll(players.slice(0, Math.ceil(players.length * 0.9)));
		log(`  ${acked.size} answers acked; Redis dies ${opts.killDelayMs ?? 0} ms after the deadline`);

		let revealAt: number | null = null;
		host.socket.on('room:view', (v: RoomView) => {
			if (revealAt === null && v.phase === 'reveal' && v.index === Q.single) revealAt = Date.now();
		});
		await sleep(Math.max(0, deadline - Date.now() + (opts.killDelayMs ?? 0)));
		await stage.redis.kill();
		await sleep(opts.downMs ?? 1200);
		await stage.redis.start();
		const backAt = Date.now();
		for (let i = 0; i < 150 && (revealAt === null || results.size < players.length); i++) {
			await sleep(100);
		}
		const unscored = revealAt === null ? 1 : 0;
		const ackedLost = unscored ? acked.size : await lostFromRecord(stage, host, pin, acked);
		return {
			scenario: 'redis-kill-at-close',
			players: players.length,
			...crashes(stage, [stage.a, stage.b]),
			unscored,
			ackedLost,
			resultsMissing: players.length - results.size,
			revealAfterMs: revealAt === null ? null : Math.max(0, revealAt - backAt),
			closedLateMs: null,
			onlineAfter: null,
			note: [...stage.a.unhandled, ...stage.b.unhandled].slice(0, 2).join(' | ')
		};
	} finally {
		await tearDown(stage);
	}
}

/**
 * The process holding the room's clock lease is killed -9 shortly before the open question's
 * deadline; the other process must take the clock over and close the question soon after its
 * deadline, deliver every remaining player's result, and drop the dead process's players from
 * the online count.
 */
export async function clockHolderKill(opts: ScenarioOptions): Promise<FaultReport> {
	const stage = await setUp(opts);
	try {
		const quiz = makeQuiz({ id: `fault-${randomUUID().slice(0, 6)}`, timeLimit: TIME_LIMIT_S });
		const { pin, hostSecret } = await stage.a.createRoom(quiz);
		// A host on each process: whichever survives keeps watching.
		const hosts = [
			await attachHost(stage.a.url, pin, hostSecret),
			await attachHost(stage.b.url, pin, hostSecret)
		];
		const players = await joinAll([stage.a.url, stage.b.url], pin, opts.players);
		const opened = waitFor(hosts[0]!.socket, 'room:view', (v) => v.phase === 'question', 5000);
		await command(hosts[0]!, { type: 'start' });
		const view = await opened;
		const deadline = Date.now() + view.remainingMs;
		const holder = await leaseHolder(stage.redis.url, stage.prefix, pin);
		const [dead, survivor] = holder === stage.b.owner ? [stage.b, stage.a] : [stage.a, stage.b];
		const host = hosts[dead === stage.a ? 1 : 0]!;
		// Players were dealt to A and B in turn (joinAll).
		const onA = (i: number) => i % 2 === 0;
		const remaining = players.filter((_, i) => onA(i) === (survivor === stage.a));
		const results = new Set<string>();
		for (const p of remaining) {
			onResult(p.socket, (r) => {
				if (r.index === Q.single) results.add(p.playerId);
			});
		}
		let revealAt: number | null = null;
		let online: number | null = null;
		host.socket.on('room:view', (v: RoomView) => {
			if (revealAt === null && v.phase === 'reveal' && v.index === Q.single) revealAt = Date.now();
		});
		await answerAll(remaining.slice(0, Math.ceil(remaining.length / 2)));
		await sleep(Math.max(0, deadline - Date.now() - 400));
		await dead.kill();
		for (let i = 0; i < 150 && (revealAt === null || results.size < remaining.length); i++) {
			await sleep(100);
		}
		// Presence of the dead process expires with its heartbeat; read the count as the host's
		// panel does, from the live store, until it settles.
		const store = await RedisLiveStore.connect(stage.redis.url, { prefix: stage.prefix });
		try {
			for (let i = 0; i < 150 && online !== remaining.length; i++) {
				online = await store.onlineCount(pin);
				if (online !== remaining.length) await sleep(100);
			}
		} finally {
			await store.close();
		}
		return {
			scenario: 'clock-holder-kill',
			players: players.length,
			...crashes(stage, [survivor]),
			unscored: revealAt === null ? 1 : 0,
			ackedLost: 0,
			resultsMissing: remaining.length - results.size,
			revealAfterMs: revealAt === null ? null : revealAt - deadline,
			closedLateMs: revealAt === null ? null : Math.max(0, revealAt - deadline),
			onlineAfter: online,
			note: `holder ${dead === stage.a ? 'A' : 'B'} killed; ${remaining.length} players remain`
		};
	} finally {
		await tearDown(stage);
	}
}
