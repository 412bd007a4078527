// Load benchmark for one live room: N player bots (spread over forked worker processes) join a
// room on a running server, a host in this process drives the quiz to the end, and the report
// gives joins, answers lost, latencies and the server's CPU time per player per question.
//
//   npm run bench:room -- --players 1000 [--url http://127.0.0.1:3000] [--quiz quick-demo]
//                         [--procs P] [--redis URL] [--server-pid PID] [--timeout 300]
//                         [--ramp 200] [--think 0] [--ack-timeout 30]
//
// The server must already be running (`JOINS_PER_IP_PER_ROOM=0 SOCKETS_PER_IP=0 npm run serve`, with
// or without REDIS_URL: every bot comes from 127.0.0.1, one address). `--redis` only
// labels the run (and, for a local Redis, adds its CPU time). Bots only ever connect to 127.0.0.1.
// Exit code: 0 when the game ran to the end with every player joined and no answer lost, else 1.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import type { AckResult, AnswerProgress, RoomView } from '../../src/lib/protocol';
import {
	assertLoopback,
	emptyCounters,
	type Counters,
	type ParentMessage,
	type Samples,
	type WorkerMessage
} from './ipc';
import { cpuMs, listenerPid, localRedisPid, rssMb } from './proc-stat';
import { Signal } from './signal';
import { codes, latencyLine, row } from './stats';

const MAX_SOCKETS_PER_PROC = 2500;

// ——— options ———

function usage(msg?: string): never {
	if (msg) console.error(`bench:room: ${msg}`);
	console.error(
		'usage: npm run bench:room -- --players N [--url http://127.0.0.1:3000] [--quiz quick-demo]\n' +
			'         [--procs P] [--redis URL] [--server-pid PID] [--timeout 300] [--ramp 200]\n' +
			'         [--think MS] [--ack-timeout S]'
	);
	process.exit(2);
}

function positiveInt(name: string, raw: string | undefined, fallback?: number): number {
	if (raw === undefined) {
		if (fallback === undefined) usage(`--${name} is required`);
		return fallback;
	}
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 0) usage(`--${name} must be a non-negative integer`);
	return n;
}

let parsed: ReturnType<typeof parseOptions>;
function parseOptions() {
	return parseArgs({
		options: {
			players: { type: 'string', short: 'n' },
			url: { type: 'string', default: 'http://127.0.0.1:3000' },
			quiz: { type: 'string', default: 'quick-demo' },
			procs: { type: 'string' },
			redis: { type: 'string' },
			'server-pid': { type: 'string' },
			timeout: { type: 'string', default: '300' },
			ramp: { type: 'string', default: '200' },
			think: { type: 'string', default: '0' },
			'ack-timeout': { type: 'string', default: '30' },
			help: { type: 'boolean', short: 'h' }
		},
		strict: true
	}).values;
}
try {
	parsed = parseOptions();
} catch (e) {
	usage((e as Error).message);
}
if (parsed.help) usage();

const players = positiveInt('players', parsed.players);
if (players < 1) usage('--players must be at least 1');
let baseUrl: URL;
try {
	baseUrl = assertLoopback(parsed.url!);
} catch (e) {
	usage((e as Error).message);
}
const url = baseUrl.origin;
const quizId = parsed.quiz!;
const timeoutS = positiveInt('timeout', parsed.timeout);
const rampTotal = Math.max(1, positiveInt('ramp', parsed.ramp));
const thinkMs = positiveInt('think', parsed.think);
const ackTimeoutMs = Math.max(1, positiveInt('ack-timeout', parsed['ack-timeout'])) * 1000;
let procs = positiveInt('procs', parsed.procs, Math.ceil(players / 1000));
procs = Math.min(players, Math.max(1, procs));
if (Math.ceil(players / procs) > MAX_SOCKETS_PER_PROC) {
	const need = Math.ceil(players / MAX_SOCKETS_PER_PROC);
	console.error(
		`bench:room: ${procs} procs would exceed ${MAX_SOCKETS_PER_PROC} sockets each; using ${need}`
	);
	procs = need;
}
const mode = parsed.redis ? 'redis' : 'memory';

// ——— the server's CPU time, from /proc ———

function serverPid(): number | null {
	if (parsed['server-pid'] !== undefined) return positiveInt('server-pid', parsed['server-pid']);
	const port = Number(baseUrl.port || 80);
	return listenerPid(port, 'bench:room');
}

const redisPid = () => localRedisPid(parsed.redis);

// ——— statistics and the report ———

function sumCounters(list: Counters[]): Counters {
	const total = emptyCounters();
	for (const c of list) {
		for (const key of Object.keys(total) as (keyof Counters)[]) {
			const v = c[key];
			if (typeof v === 'number') (total[key] as number) += v;
			else {
				const map = total[key] as Record<string, number>;
				for (const [code, n] of Object.entries(v)) map[code] = (map[code] ?? 0) + n;
			}
		}
	}
	return total;
}

// ——— workers ———

interface Worker {
	proc: number;
	child: ChildProcess;
	count: number;
	counters: Counters;
	samples: Samples | null;
	ready: boolean;
	ramped: boolean;
	exited: boolean;
}

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const workers: Worker[] = [];
const changes = new Signal();
const notify = () => changes.notify();
const waitUntil = (pred: () => boolean, ms: number) => changes.waitUntil(pred, ms);

/** Forks the workers and resolves once each has loaded (or died). */
function forkWorkers(): Promise<boolean> {
	for (let p = 0; p < procs; p++) {
		const count = Math.floor(players / procs) + (p < players % procs ? 1 : 0);
		const child = fork(`${here}bots.ts`, [], {
			cwd: repoRoot,
			execArgv: ['--import', 'tsx'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		const w: Worker = {
			proc: p,
			child,
			count,
			counters: emptyCounters(),
			samples: null,
			ready: false,
			ramped: false,
			exited: false
		};
		workers.push(w);
		child.on('message', (msg: WorkerMessage) => {
			if (msg.type === 'ready') w.ready = true;
			else w.counters = msg.counters;
			if (msg.type === 'ramped') w.ramped = true;
			if (msg.type === 'report') w.samples = msg.samples;
			notify();
		});
		child.on('exit', (code, signal) => {
			w.exited = true;
			if (!finishing) console.error(`bench:room: worker ${p} exited early (${signal ?? code})`);
			notify();
		});
	}
	return waitUntil(() => workers.every((w) => w.ready || w.exited), Infinity);
}

function startRamp(pin: string) {
	const window = Math.max(1, Math.ceil(rampTotal / procs));
	for (const w of workers) {
		if (!w.child.connected) continue;
		const init: ParentMessage = {
			type: 'init',
			url,
			pin,
			proc: w.proc,
			count: w.count,
			window,
			thinkMs,
			ackTimeoutMs
		};
		w.child.send(init);
	}
}

function stopWorkers(): Promise<void> {
	return Promise.all(
		workers.map(async (w) => {
			if (w.exited) return;
			if (w.child.connected) w.child.send({ type: 'exit' } satisfies ParentMessage);
			if (!(await waitUntil(() => w.exited, 2000))) w.child.kill('SIGKILL');
		})
	).then(() => {});
}

process.on('exit', () => {
	for (const w of workers) if (!w.exited) w.child.kill('SIGKILL');
});

// ——— the host ———

const PHASE_ORDER: Record<RoomView['phase'], number> = {
	lobby: 0,
	question: 1,
	reveal: 2,
	leaderboard: 3,
	podium: 4,
	ended: 5
};
/** Views only move forward in this run; the furthest seen is the room's phase. */
const viewKey = (v: RoomView) =>
	v.phase === 'podium' || v.phase === 'ended'
		? 1e9 + PHASE_ORDER[v.phase]
		: v.index * 10 + PHASE_ORDER[v.phase];

let latest: RoomView | null = null;
let progress: AnswerProgress | null = null;
let host: Socket | null = null;

function seeView(v: RoomView) {
	if (!latest || viewKey(v) > viewKey(latest)) {
		latest = v;
		if (v.phase === 'question') questionOpened.set(v.index, performance.now());
		if (v.phase === 'reveal' && !questionClosed.has(v.index)) {
			questionClosed.set(v.index, performance.now());
		}
		notify();
	}
}

function ack<T extends object>(
	socket: Socket,
	event: string,
	payload: unknown,
	ms = ackTimeoutMs
): Promise<AckResult<T>> {
	return new Promise((resolve) => {
		socket.timeout(ms).emit(event, payload, (err: Error | null, res: AckResult<T>) => {
			if (err) resolve({ ok: false, error: { code: 'INTERNAL', message: 'ack timeout' } });
			else resolve(res);
		});
	});
}

async function command(type: 'start' | 'next'): Promise<boolean> {
	const from = latest?.phase ?? '?';
	const t0 = performance.now();
	const res = await ack<{ view: RoomView }>(host!, 'host:command', { type });
	commandTimes.push({
		what: `${type} ${from}→${res.ok ? res.view.phase : 'error'}`,
		ms: performance.now() - t0
	});
	if (res.ok) {
		seeView(res.view);
		return true;
	}
	hostErrors.push(`${type}: ${res.error.code} ${res.error.message}`);
	return false;
}

// ——— the run ———

let finishing = false;
let stage = 'starting';
let pin = '';
let questionCount = 0;
let joinedTotal = 0;
let forcedCloses = 0;
const hostErrors: string[] = [];
const commandTimes: { what: string; ms: number }[] = [];
const questionOpened = new Map<number, number>();
const questionClosed = new Map<number, number>();
const pid = serverPid();
const rpid = redisPid();
const marks: {
	rampStart?: number;
	gameStart?: number;
	gameEnd?: number;
	cpuRamp?: number | null;
	cpuStart?: number | null;
	cpuEnd?: number | null;
	redisStart?: number | null;
	redisEnd?: number | null;
	rssStart?: number | null;
	rssEnd?: number | null;
} = {};

async function createRoom(): Promise<{ pin: string; hostSecret: string }> {
	const res = await fetch(`${url}/api/rooms`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ quizId }),
		signal: AbortSignal.timeout(10_000)
	});
	if (!res.ok) throw new Error(`POST /api/rooms → ${res.status} ${await res.text()}`);
	return (await res.json()) as { pin: string; hostSecret: string };
}

async function connectHost(secret: string) {
	host = io(url, {
		path: '/socket.io',
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		timeout: 10_000
	});
	host.on('room:view', seeView);
	host.on('question:progress', (p: AnswerProgress) => {
		if (!progress || p.index > progress.index || p.answered > progress.answered) progress = p;
		notify();
	});
	host.on('disconnect', (reason) => {
		if (!finishing) hostErrors.push(`host socket disconnected: ${reason}`);
	});
	await new Promise<void>((resolve, reject) => {
		host!.once('connect', resolve);
		host!.once('connect_error', reject);
	});
	const res = await ack<{ view: RoomView }>(host, 'host:attach', { pin, secret });
	if (!res.ok) throw new Error(`host:attach → ${res.error.code} ${res.error.message}`);
	seeView(res.view);
	questionCount = res.view.questionCount;
}

async function rampPlayers() {
	stage = 'starting workers';
	await forkWorkers();
	stage = 'joining';
	marks.rampStart = performance.now();
	marks.cpuRamp = cpuMs(pid);
	startRamp(pin);
	const ticker = setInterval(() => {
		const c = sumCounters(workers.map((w) => w.counters));
		console.error(`  joining… ${c.joined} joined, ${c.joinFailed} failed of ${players}`);
	}, 2000);
	await waitUntil(() => workers.every((w) => w.ramped || w.exited), Infinity);
	clearInterval(ticker);
	joinedTotal = sumCounters(workers.map((w) => w.counters)).joined;
}

async function playGame() {
	if (joinedTotal === 0) throw new Error('no player joined');
	stage = 'game';
	marks.cpuStart = cpuMs(pid);
	marks.redisStart = cpuMs(rpid);
	marks.rssStart = rssMb(pid);
	marks.gameStart = performance.now();
	if (!(await command('start'))) throw new Error(`start refused: ${hostErrors.at(-1)}`);
	let guard = 0;
	while (latest!.phase !== 'ended') {
		if (finishing) await new Promise(() => {}); // finish() exits
		if (++guard > questionCount * 10 + 20) throw new Error('the host loop is not advancing');
		const v = latest!;
		stage = `${v.phase} ${v.index + 1}/${questionCount}`;
		if (v.phase === 'question') {
			const index = v.index;
			const moved = () => latest!.phase !== 'question' || latest!.index !== index;
			const allAnswered = () =>
				progress !== null && progress.index === index && progress.answered >= joinedTotal;
			// The server closes the question once everyone answered, or at its deadline.
			const graceMs = v.paused ? ackTimeoutMs : v.remainingMs + 5000;
			await waitUntil(() => moved() || allAnswered(), graceMs);
			if (!moved() && allAnswered()) await waitUntil(moved, 3000);
			if (!moved()) {
				forcedCloses++;
				await command('next');
			}
			continue;
		}
		if (!(await command(v.phase === 'lobby' ? 'start' : 'next'))) {
			await new Promise((r) => setTimeout(r, 200));
		}
	}
	marks.gameEnd = performance.now();
	marks.cpuEnd = cpuMs(pid);
	marks.redisEnd = cpuMs(rpid);
	marks.rssEnd = rssMb(pid);
	stage = 'ended';
}

async function finish(reason: string | null): Promise<never> {
	if (finishing) return new Promise<never>(() => {});
	finishing = true;
	clearTimeout(globalTimer);
	// Collect the workers' samples (bounded), then stop them and the host.
	for (const w of workers) {
		if (w.child.connected) w.child.send({ type: 'report' } satisfies ParentMessage);
	}
	await waitUntil(() => workers.every((w) => w.samples !== null || w.exited), 5000);
	await stopWorkers();
	host?.disconnect();
	const ok = printReport(reason);
	process.exit(ok ? 0 : 1);
}

function printReport(reason: string | null): boolean {
	const c = sumCounters(workers.map((w) => w.counters));
	const all = (key: keyof Samples) => workers.flatMap((w) => w.samples?.[key] ?? []);
	const lost = c.answersSent - c.answersOk;
	const questions = questionCount || '?';

	console.log('');
	console.log(
		`bench:room  mode=${mode}  players=${players}  procs=${procs}  questions=${questions}`
	);
	row('players joined', `${c.joined} / ${players}`);
	row('answers sent', `${c.answersSent}`);
	row('answers acked', `${c.answersOk}`);
	const lostWhy = [codes(c.answerErrors), c.answersUnacked ? `unacked ${c.answersUnacked}` : '']
		.filter(Boolean)
		.join(', ');
	row('answers lost', lost ? `${lost}  (${lostWhy})` : '0');

	const cpu = marks.cpuStart != null && marks.cpuEnd != null ? marks.cpuEnd - marks.cpuStart : null;
	const perPQ =
		cpu !== null && c.joined && questionCount ? (cpu * 1000) / (c.joined * questionCount) : null;
	row(
		'server CPU',
		cpu === null
			? pid === null
				? 'unknown (server PID not found; pass --server-pid)'
				: 'n/a (game did not finish)'
			: `${Math.round(cpu)} ms total · ${Math.round(perPQ!)} µs per player per question`
	);
	row('join latency', latencyLine(all('joinMs')));
	row('question fan-out', latencyLine(all('fanoutMs')));
	row('answer ack latency', latencyLine(all('answerMs')));
	row(
		'wall time',
		marks.gameStart !== undefined && marks.gameEnd !== undefined
			? `${((marks.gameEnd - marks.gameStart) / 1000).toFixed(1)} s`
			: 'n/a (game did not finish)'
	);

	// Details beyond the headline.
	console.log('');
	row('question views', `${c.questionViews} / ${c.joined * (questionCount || 0)}`);
	const closes = [...questionOpened.keys()]
		.sort((a, b) => a - b)
		.map((i) => {
			const open = questionOpened.get(i)!;
			const close = questionClosed.get(i);
			return close === undefined ? '–' : `${((close - open) / 1000).toFixed(2)} s`;
		});
	if (closes.length) row('question open→reveal', `${closes.join(' · ')}  (at the host)`);
	if (forcedCloses) row('forced closes', `${forcedCloses}  (the server did not close on its own)`);
	row('player results', `${c.results} / ${c.joined * (questionCount || 0)}`);
	row('connect latency', latencyLine(all('connectMs')));
	if (commandTimes.length) {
		const slowest = commandTimes.reduce((a, b) => (b.ms > a.ms ? b : a));
		row(
			'host command ack',
			`${latencyLine(commandTimes.map((c) => c.ms))}  (slowest: ${slowest.what})`
		);
	}
	if (marks.rampStart !== undefined && marks.gameStart !== undefined) {
		const rampCpu =
			marks.cpuRamp != null && marks.cpuStart != null
				? ` · server CPU ${Math.round(marks.cpuStart - marks.cpuRamp)} ms`
				: '';
		row('join phase', `${((marks.gameStart - marks.rampStart) / 1000).toFixed(1)} s${rampCpu}`);
	}
	if (marks.redisStart != null && marks.redisEnd != null) {
		row('redis CPU', `${Math.round(marks.redisEnd - marks.redisStart)} ms during the game`);
	}
	if (marks.rssStart != null) {
		row('server RSS', `${marks.rssStart} MB → ${marks.rssEnd ?? '?'} MB during the game`);
	}
	row(
		'server PID',
		pid === null ? 'not found' : `${pid}${rpid !== null ? ` · redis ${rpid}` : ''}`
	);
	if (c.joinFailed) row('join failures', `${c.joinFailed}  (${codes(c.joinErrors)})`);
	if (c.answersDuplicate) row('duplicate answers', `${c.answersDuplicate}`);
	if (c.disconnects) row('bot disconnects', `${c.disconnects}`);
	for (const e of hostErrors) row('host error', e);

	const complete = reason === null && stage === 'ended';
	if (!complete) console.log(`\nINCOMPLETE: ${reason ?? 'the game did not end'} (stage: ${stage})`);
	return complete && c.joined === players && lost === 0;
}

const globalTimer = setTimeout(
	() => void finish(`global timeout after ${timeoutS} s`),
	timeoutS * 1000
);
process.on('SIGINT', () => void finish('interrupted'));
process.on('SIGTERM', () => void finish('terminated'));

try {
	console.error(
		`bench:room: ${players} players over ${procs} procs → ${url} (quiz ${quizId}, mode ${mode}, server PID ${pid ?? '?'})`
	);
	const room = await createRoom();
	pin = room.pin;
	await connectHost(room.hostSecret);
	console.error(`  room ${pin}: ${questionCount} questions`);
	await rampPlayers();
	if (finishing) await new Promise(() => {}); // timed out while joining: finish() exits
	console.error(`  ${joinedTotal} joined; starting the game`);
	await playGame();
	// Give results and late acks a moment to land before the workers report.
	await new Promise((r) => setTimeout(r, 500));
	await finish(null);
} catch (e) {
	await finish((e as Error).message);
}
