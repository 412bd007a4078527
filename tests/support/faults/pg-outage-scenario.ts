// Issue 8, item 4, as a repeatable scenario: PostgreSQL goes down just before the host ends a game.
// A PostgreSQL of its own, an Anda process on it, a quick room of the shipped "quick-demo" quiz
// with N players who answer every question; PostgreSQL is stopped dead (`-m immediate`), the host
// ends the game, PostgreSQL comes back after a pause, and the game must then be saved exactly once
// with every acknowledged answer, the host and screen having been told "saving" meanwhile.
//
// Used by tests/faults/pg-outage.test.ts (one bounded run) and scripts/faults/pg-outage.ts (many).
// Only socket.io-client and the process helpers here: no test runner, so a script can run it.
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { AckResult, RoomView } from '../../../src/lib/protocol';
import { AndaProcess, request, type Entry } from './anda-process';
import { PostgresCluster, type PostgresBinaries } from './postgres-cluster';
import { RedisProcess } from './redis-process';

export interface PgOutageOptions {
	postgres: PostgresBinaries;
	/** Players in the room, each answering every question. */
	players?: number;
	/** How long PostgreSQL stays down after the host's end command. */
	outageMs?: number;
	/** How long to wait, once PostgreSQL is back, for the game to be saved. */
	saveTimeoutMs?: number;
	/** Live state in a Redis of the run's own (this redis-server binary) instead of memory. */
	redisServer?: string;
	entry?: Entry;
	/** Progress lines. */
	say?: (line: string) => void;
}

export interface PgOutageResult {
	/** 1 if the Anda process exited during the run. */
	crashed: number;
	/** 1 if the game was not saved within the wait. */
	unsaved: number;
	/** Copies of the game in the record store (must be 1). */
	savedCopies: number;
	/** Answers the server acknowledged, and those of them missing from the saved game. */
	acked: number;
	lost: number;
	/** What the host's end command got back: `ok` (with `saving`) or an error code. */
	endAck: string;
	/** Whether the host's and the screen's views said "saving" while PostgreSQL was down. */
	savingShown: { host: boolean; screen: boolean };
	/** From PostgreSQL first accepting a connection again to the host being told it is saved. */
	backToSavedMs: number | null;
	/** The results page's status, and whether it lists the players. */
	resultsStatus: number;
	resultsListPlayers: boolean;
	/** Lines the process logged about unhandled rejections (carried on, but worth knowing). */
	unhandledRejections: number;
	/** What went wrong, if anything did (the figures above then say how bad). */
	problems: string[];
}

type Client = Socket;

/** A socket watching one room: the latest view, and a wait for a view that matches. */
class Watcher {
	latest: RoomView | null = null;
	private seen: RoomView[] = [];
	private waiters = new Set<() => void>();
	constructor(readonly socket: Client) {
		socket.on('room:view', (v: RoomView) => {
			this.latest = v;
			this.seen.push(v);
			for (const w of [...this.waiters]) w();
		});
	}
	saw(match: (v: RoomView) => boolean): boolean {
		return this.seen.some(match);
	}
	next(match: (v: RoomView) => boolean, timeoutMs: number, what: string): Promise<RoomView> {
		const from = this.seen.length;
		return new Promise((resolve, reject) => {
			const check = () => {
				const v = this.seen.slice(from).find(match);
				if (!v) return;
				clearTimeout(timer);
				this.waiters.delete(check);
				resolve(v);
			};
			const timer = setTimeout(() => {
				this.waiters.delete(check);
				reject(new Error(`no view where ${what} within ${timeoutMs} ms`));
			}, timeoutMs);
			this.waiters.add(check);
		});
	}
}

function connect(url: string): Promise<Client> {
	const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('socket did not connect within 5 s')), 5000);
		socket.once('connect', () => {
			clearTimeout(timer);
			resolve(socket);
		});
		socket.once('connect_error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
	});
}

function ack<T extends object = object>(
	socket: Client,
	event: string,
	payload: unknown,
	timeoutMs = 10_000
): Promise<AckResult<T>> {
	return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<AckResult<T>>;
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
	const end = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The game as saved: its finished copies under the PIN (a batched save under way is not one), and the (player, question) of each answer. */
async function savedGame(url: string, pin: string) {
	const client = new pg.Client({ connectionString: url });
	client.on('error', () => {});
	await client.connect();
	try {
		const games = await client.query<{ id: string }>(
			'SELECT id FROM games WHERE pin = $1 AND saving IS NULL',
			[pin]
		);
		const answers = games.rows[0]
			? await client.query<{ player_id: string; question_index: number }>(
					'SELECT player_id, question_index FROM game_answers WHERE game_id = $1',
					[games.rows[0].id]
				)
			: { rows: [] };
		return {
			copies: games.rowCount ?? 0,
			answers: new Set(answers.rows.map((a) => `${a.player_id}#${a.question_index}`))
		};
	} finally {
		await client.end().catch(() => {});
	}
}

/** When a connection to `url` first succeeds, trying every 20 ms (bounded to a minute). */
async function firstAccepted(url: string): Promise<number> {
	const end = Date.now() + 60_000;
	while (Date.now() < end) {
		const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
		client.on('error', () => {});
		try {
			await client.connect();
			const at = Date.now();
			await client.end().catch(() => {});
			return at;
		} catch {
			await client.end().catch(() => {});
			await sleep(20);
		}
	}
	throw new Error('PostgreSQL did not accept a connection within a minute of starting');
}

export async function runPgOutage(opts: PgOutageOptions): Promise<PgOutageResult> {
	const players = opts.players ?? 50;
	const outageMs = opts.outageMs ?? 3000;
	const saveTimeoutMs = opts.saveTimeoutMs ?? 60_000;
	const say = opts.say ?? (() => {});
	const result: PgOutageResult = {
		crashed: 0,
		unsaved: 1,
		savedCopies: 0,
		acked: 0,
		lost: 0,
		endAck: 'none',
		savingShown: { host: false, screen: false },
		backToSavedMs: null,
		resultsStatus: 0,
		resultsListPlayers: false,
		unhandledRejections: 0,
		problems: []
	};
	const sockets: Client[] = [];
	const cluster = await PostgresCluster.create(opts.postgres);
	let redis: RedisProcess | null = null;
	let anda: AndaProcess | null = null;
	let pin = '';
	const acked = new Set<string>();
	try {
		await cluster.start();
		if (opts.redisServer) {
			redis = await RedisProcess.create(opts.redisServer);
			await redis.start();
		}
		anda = await AndaProcess.start({
			entry: opts.entry,
			env: { DATABASE_URL: cluster.url(), REDIS_URL: redis?.url, BANKS_DIR: 'question-banks' }
		});
		const url = anda.url;
		await until(async () => (await request(`${url}/readyz`)).status === 200, 30_000, 'ready');

		const opened = await request(`${url}/api/rooms`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ quizId: 'quick-demo' })
		});
		if (opened.status !== 201) throw new Error(`opening the room: ${opened.status} ${opened.text}`);
		const room = opened.json() as { pin: string; hostSecret: string };
		pin = room.pin;
		const hostSecret = room.hostSecret;

		const host = new Watcher(await connect(url));
		sockets.push(host.socket);
		const attached = await ack<{ view: RoomView }>(host.socket, 'host:attach', {
			pin,
			secret: hostSecret
		});
		if (!attached.ok) throw new Error(`host:attach: ${attached.error.code}`);
		const screen = new Watcher(await connect(url));
		sockets.push(screen.socket);
		const screenAttached = await ack(screen.socket, 'screen:attach', { pin });
		if (!screenAttached.ok) throw new Error(`screen:attach: ${screenAttached.error.code}`);

		// Players join in batches (a crowd arriving, not one at a time).
		const crowd: { id: string; nickname: string; watch: Watcher }[] = [];
		for (let i = 0; i < players; i += 50) {
			const batch = await Promise.all(
				Array.from({ length: Math.min(50, players - i) }, async (_, j) => {
					const nickname = `P${i + j + 1}`;
					const watch = new Watcher(await connect(url));
					sockets.push(watch.socket);
					const joined = await ack<{ self: { playerId: string } }>(watch.socket, 'player:join', {
						pin,
						nickname
					});
					if (!joined.ok) throw new Error(`player:join ${nickname}: ${joined.error.code}`);
					return { id: joined.self.playerId, nickname, watch };
				})
			);
			crowd.push(...batch);
		}
		say(`room ${pin}: ${crowd.length} players joined`);

		const questionCount = attached.view.questionCount;
		for (let q = 0; q < questionCount; q++) {
			const opens = crowd.map((p) =>
				p.watch.next((v) => v.phase === 'question' && v.index === q, 10_000, `question ${q} open`)
			);
			if (q === 0) await ack(host.socket, 'host:command', { type: 'start' });
			else {
				await ack(host.socket, 'host:command', { type: 'next' }); // leaderboard
				await ack(host.socket, 'host:command', { type: 'next' }); // the next question
			}
			const views = await Promise.all(opens);
			const revealed = host.next(
				(v) => v.phase === 'reveal' && v.index === q && v.reveal !== null,
				15_000,
				`question ${q} revealed`
			);
			await Promise.all(
				crowd.map(async (p, i) => {
					const question = views[i]!.question;
					const answer = question?.type === 'fillin' ? { text: '灭火器' } : { choices: [0] };
					const r = await ack<{ duplicate: boolean }>(p.watch.socket, 'player:answer', {
						index: q,
						answer
					});
					if (r.ok && !r.duplicate) acked.add(`${p.id}#${q}`);
				})
			);
			// Everyone online answered: the question closes and is scored without waiting.
			await revealed;
		}
		result.acked = acked.size;
		say(`${acked.size} answers acked over ${questionCount} questions`);

		// The database goes away just before the host ends the game.
		await cluster.stop('immediate');
		const screenSaving = screen.next((v) => v.phase === 'ended', 10_000, 'the screen sees the end');
		const ended = await ack<{ view: RoomView }>(host.socket, 'host:command', { type: 'end' });
		if (ended.ok) {
			result.endAck = ended.view.saving ? 'ok (saving)' : 'ok';
			result.savingShown.host = ended.view.phase === 'ended' && ended.view.saving === true;
		} else {
			result.endAck = ended.error.code;
			result.problems.push(`end refused: ${ended.error.code} ${ended.error.message}`);
		}
		const screenView = await screenSaving.catch(() => null);
		result.savingShown.screen = screenView?.saving === true;
		result.savingShown.host ||= host.saw((v) => v.phase === 'ended' && v.saving === true);
		const saved = host
			.next((v) => v.phase === 'ended' && !v.saving, outageMs + saveTimeoutMs, 'saved')
			.then(() => Date.now());
		const screenSaved = screen.next(
			(v) => v.phase === 'ended' && !v.saving,
			outageMs + saveTimeoutMs,
			'saved (screen)'
		);
		saved.catch(() => {});
		screenSaved.catch(() => {});
		await sleep(outageMs);
		if (anda.exited) throw new Error('the process died while PostgreSQL was down');

		// "Back" is when a client first gets in, polled every 20 ms: pg_ctl itself notices later.
		const accepting = firstAccepted(cluster.url());
		await cluster.start();
		const back = await accepting;
		say(`PostgreSQL back after ${outageMs} ms`);
		try {
			result.backToSavedMs = (await saved) - back;
			await screenSaved;
		} catch (e) {
			result.problems.push((e as Error).message);
		}

		const page = await request(`${url}/results/${pin}`, { headers: { accept: 'text/html' } });
		result.resultsStatus = page.status;
		// Whole nicknames (P1 is not P10), in the page's HTML or its data.
		result.resultsListPlayers = crowd.every((p) =>
			new RegExp(`\\b${p.nickname}(?!\\d)`).test(page.text)
		);
		if (page.status !== 200) result.problems.push(`results page: ${page.status}`);
	} catch (e) {
		result.problems.push((e as Error).message);
	} finally {
		result.acked = acked.size;
		// What the record store holds, however far the run got (every acked answer counts as
		// lost unless it is in the saved game).
		if (pin) {
			try {
				await cluster.start();
				const game = await savedGame(cluster.url(), pin);
				result.savedCopies = game.copies;
				result.unsaved = game.copies > 0 ? 0 : 1;
				result.lost = [...acked].filter((k) => !game.answers.has(k)).length;
				if (game.copies > 1) result.problems.push(`${game.copies} copies of the game saved`);
			} catch (e) {
				result.lost = acked.size;
				result.problems.push(`reading the record store: ${(e as Error).message}`);
			}
		}
		for (const s of sockets) s.disconnect();
		if (anda) {
			result.crashed = anda.exited ? 1 : 0;
			if (result.crashed) result.problems.push(anda.describe());
			result.unhandledRejections = anda.lines.filter((l) => l.msg.startsWith('unhandled')).length;
			await anda.stop();
		}
		await cluster.dispose();
		await redis?.dispose();
	}
	return result;
}
