// Load benchmark for one live room: N player bots (spread over forked worker processes) join a
// room, a host in this process drives the quiz for Q questions, and the report gives joins,
// answers lost, latencies and the server's CPU time per player per question. The same run is then
// made against a floor (room-floor.ts: the same quiz on bare Socket.IO) and Anda's figures are
// divided by the floor's.
//
//   npm run build && npm run bench:room -- --players 1000 [--questions Q] [--quiz quick-demo]
//        [--procs P] [--redis URL[,URL…] [--cluster]] [--procs-server K] [--port 4600] [--no-floor]
//        [--url http://127.0.0.1:3000 [--server-pid PID]] [--timeout 300] [--ramp 200]
//        [--think 0] [--ack-timeout 30] [--storm MS] [--rounds R] [--floor-redis]
//
// --storm MS: a join storm instead of the ramp — every bot arrives at its own moment, spread evenly
// over MS, without waiting for the others (10,000 players in 5 s: --players 10000 --storm 5000).
//
// --floor-redis (with --redis): a second floor, the same quiz on bare Socket.IO that also keeps what
// it acks in that Redis through the `redis` package (room-floor.ts, FLOOR_REDIS_URL), so that Anda's
// Redis mode is set beside the same durable work on the bare libraries as well as beside the bare
// floor. It runs after the floor in every round, and the tables gain its column and ratios.
//
// --rounds R: R rounds of Anda and the floor back to back, the order swapped every round (Anda
// first, then the floor first, …) so that a drift over the minutes favours neither. The table
// gives each figure's median over the rounds, then each round's own Anda/floor and their median:
// on a shared machine one run may meet a busy minute its partner did not, and each run reports the
// machine's steal and the CPU of processes outside the bench so that such a minute shows.
//
// Without --url the bench starts Anda itself: K production servers (build-server/main.js) on
// 127.0.0.1, ports --port, --port+1, …, in memory mode or on one Redis (--redis, required when
// K > 1, with a key prefix of the run's own, dropped at the end); the per-address caps are lifted
// (every bot is 127.0.0.1). The bots are spread evenly over the K servers; the room is created and
// hosted on the first. With --url the bench plays against a server already running there (start it
// with JOINS_PER_IP_PER_ROOM=0 SOCKETS_PER_IP=0). Bots only ever connect to 127.0.0.1.
// Exit code: 0 when every game ran to the end with every player joined and no answer lost, else 1.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import type { AckResult, AnswerProgress, RoomView } from '../../src/lib/protocol';
import { compareTable, median, roundRatioTable, type CompareLine } from './compare';
import {
	assertLoopback,
	emptyCounters,
	type Counters,
	type ParentMessage,
	type Samples,
	type WorkerMessage
} from './ipc';
import {
	cpuMs,
	cpuTimes,
	listenerPid,
	localRedisPid,
	machineTimes,
	rssMb,
	writeSyscalls
} from './proc-stat';
import { commandDelta, dropPrefix, readCommandStats, type CommandDelta } from './redis-stats';
import type { RoomServerMessage } from './room-ipc';
import { capacityFor, DEFAULT_BUDGET, type RoomCost } from './room-capacity';
import {
	cpuPerPlayerQuestionUs,
	machinePhase,
	planWorkers,
	sumKnown,
	type MachinePhase,
	type MachineSample
} from './room-measure';
import { serverNodeFlags } from './server-command';
import { Signal } from './signal';
import { codes, fmtMs, latencyLine, row, spread } from './stats';

const MAX_SOCKETS_PER_PROC = 2500;

// ——— options ———

function usage(msg?: string): never {
	if (msg) console.error(`bench:room: ${msg}`);
	console.error(
		'usage: npm run bench:room -- --players N [--questions Q] [--quiz quick-demo] [--procs P]\n' +
			'         [--redis URL[,URL…] [--cluster]] [--procs-server K] [--port 4600] [--no-floor]\n' +
			'         [--url http://127.0.0.1:3000 [--server-pid PID]] [--timeout 300] [--ramp 200]\n' +
			'         [--think MS] [--ack-timeout S] [--storm MS] [--rounds R] [--floor-redis]'
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
			questions: { type: 'string' },
			url: { type: 'string' },
			quiz: { type: 'string', default: 'quick-demo' },
			procs: { type: 'string' },
			redis: { type: 'string' },
			cluster: { type: 'boolean', default: false },
			'procs-server': { type: 'string', default: '1' },
			port: { type: 'string', default: '4600' },
			'no-floor': { type: 'boolean', default: false },
			'floor-redis': { type: 'boolean', default: false },
			'server-pid': { type: 'string' },
			timeout: { type: 'string', default: '300' },
			ramp: { type: 'string', default: '200' },
			storm: { type: 'string', default: '0' },
			think: { type: 'string', default: '0' },
			'ack-timeout': { type: 'string', default: '30' },
			rounds: { type: 'string', default: '1' },
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
const askedQuestions =
	parsed.questions === undefined ? null : positiveInt('questions', parsed.questions);
if (askedQuestions === 0) usage('--questions must be at least 1');
const quizId = parsed.quiz!;
const timeoutS = Math.max(10, positiveInt('timeout', parsed.timeout));
const rampTotal = Math.max(1, positiveInt('ramp', parsed.ramp));
const stormMs = positiveInt('storm', parsed.storm);
const thinkMs = positiveInt('think', parsed.think);
const ackTimeoutMs = Math.max(1, positiveInt('ack-timeout', parsed['ack-timeout'])) * 1000;
const rounds = positiveInt('rounds', parsed.rounds);
if (rounds < 1 || rounds > 10) usage('--rounds must be from 1 to 10');
const serverProcs = positiveInt('procs-server', parsed['procs-server']);
if (serverProcs < 1 || serverProcs > 16) usage('--procs-server must be from 1 to 16');
const basePort = positiveInt('port', parsed.port);
if (basePort < 1024 || basePort + serverProcs + 1 > 65535) usage('--port must be from 1024 up');
const redisUrl = parsed.redis;
// A cluster is named by one or more of its nodes, comma-separated, as REDIS_URL is.
const redisUrls = redisUrl?.split(',') ?? [];
for (const url of redisUrls) {
	try {
		if (!['127.0.0.1', 'localhost'].includes(new URL(url).hostname)) throw new Error();
	} catch {
		usage('--redis must be redis:// URLs on this machine (127.0.0.1)');
	}
}
const cluster = parsed.cluster === true;
if (cluster && !redisUrl) usage("--cluster needs --redis naming the cluster's nodes");
const floorRedis = parsed['floor-redis'] === true;
if (floorRedis && (!redisUrl || cluster || redisUrls.length > 1))
	usage('--floor-redis needs --redis with one URL (no --cluster)');
if (floorRedis && parsed['no-floor']) usage('--floor-redis and --no-floor exclude each other');
// Memory mode keeps a room in one process: K processes only share a room through Redis.
if (serverProcs > 1 && !redisUrl) usage('--procs-server above 1 needs --redis URL');
let externalUrl: string | null = null;
if (parsed.url !== undefined) {
	if (serverProcs > 1) usage('--url plays against one running server: drop --procs-server');
	try {
		externalUrl = assertLoopback(parsed.url).origin;
	} catch (e) {
		usage((e as Error).message);
	}
}
const wantedProcs = positiveInt('procs', parsed.procs, Math.ceil(players / 1000));
const plan = planWorkers(players, serverProcs, Math.max(1, wantedProcs), MAX_SOCKETS_PER_PROC);
if (parsed.procs !== undefined && plan.length !== wantedProcs) {
	console.error(
		`bench:room: using ${plan.length} bot procs (at most ${MAX_SOCKETS_PER_PROC} sockets each, the same number per server)`
	);
}
const mode = cluster ? 'redis-cluster' : redisUrl ? 'redis' : 'memory';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
if (!externalUrl) {
	for (const built of ['build-server/main.js', 'build/handler.js']) {
		if (!existsSync(join(repoRoot, built))) {
			console.error(`bench:room: ${built} is missing: run \`npm run build\` first`);
			process.exit(2);
		}
	}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const changes = new Signal();
const notify = () => changes.notify();
const waitUntil = (pred: () => boolean, ms: number) => changes.waitUntil(pred, ms);
const children = new Set<ChildProcess>();
const exited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;
function track(child: ChildProcess): ChildProcess {
	children.add(child);
	child.on('exit', () => {
		children.delete(child);
		notify();
	});
	return child;
}
const serverFlags = serverNodeFlags(repoRoot);
const tsxFork = (script: string, env: NodeJS.ProcessEnv = process.env, flags: string[] = []) =>
	track(
		fork(`${here}${script}`, [], {
			cwd: repoRoot,
			execArgv: ['--import', 'tsx', ...flags],
			env,
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		})
	);
process.on('exit', () => {
	for (const c of children) c.kill('SIGKILL');
});

// ——— the servers ———

type Kind = 'anda' | 'floor' | 'floor+redis';
/** The floors in the order each round runs them, and the names the tables give them. */
const FLOOR_NAMES: Record<Exclude<Kind, 'anda'>, string> = {
	floor: 'floor',
	'floor+redis': 'floor+Redis'
};
/** Whether a kind of run keeps its data in the bench's Redis (whose CPU and commands it reports). */
const onRedis = (kind: Kind) => kind === 'floor+redis' || (kind === 'anda' && !!redisUrl);

interface Servers {
	urls: string[];
	/** Per process; null when unknown (an external server not found by its port). */
	pids: (number | null)[];
	stop(): Promise<void>;
}

async function stopChild(c: ChildProcess) {
	if (exited(c)) return;
	c.kill('SIGTERM');
	if (!(await waitUntil(() => exited(c), 10_000))) c.kill('SIGKILL');
	await waitUntil(() => exited(c), 2000);
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
	const until = Date.now() + 60_000;
	while (Date.now() < until && !exited(child)) {
		try {
			const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	throw new Error(
		`the server at ${url} was not ready in 60 s${exited(child) ? ' (it exited)' : ''}`
	);
}

let redisPrefix: string | null = null;

/** K production servers, started one after the other (the first migrates the shared records). */
async function startAnda(): Promise<Servers> {
	if (externalUrl) {
		const pid =
			parsed['server-pid'] !== undefined
				? positiveInt('server-pid', parsed['server-pid'])
				: listenerPid(Number(new URL(externalUrl).port || 80), 'bench:room');
		return { urls: [externalUrl], pids: [pid], stop: async () => {} };
	}
	const records = mkdtempSync(join(tmpdir(), 'anda-bench-room-'));
	const env: NodeJS.ProcessEnv = {
		...process.env,
		HOST: '127.0.0.1',
		LOG_LEVEL: 'warn',
		NODE_ENV: 'production',
		SQLITE_PATH: join(records, 'records.sqlite'),
		BANKS_DIR: join(repoRoot, 'question-banks'),
		// Every bot is 127.0.0.1: the per-address caps would be the only finding.
		JOINS_PER_IP_PER_ROOM: '0',
		SOCKETS_PER_IP: '0'
	};
	delete env.DATABASE_URL;
	delete env.ORIGIN;
	if (redisUrl) {
		env.REDIS_URL = redisUrl;
		if (cluster) env.ANDA_REDIS_CLUSTER = '1';
		else delete env.ANDA_REDIS_CLUSTER;
		redisPrefix = `anda-bench-room-${randomBytes(4).toString('hex')}`;
		env.REDIS_PREFIX = redisPrefix;
	} else delete env.REDIS_URL;
	const procs: ChildProcess[] = [];
	const urls: string[] = [];
	const stop = async () => {
		await Promise.all(procs.map(stopChild));
		rmSync(records, { recursive: true, force: true });
		if (redisPrefix) await dropPrefix(redisUrls, redisPrefix, 'bench:room');
	};
	try {
		for (let k = 0; k < serverProcs; k++) {
			const port = basePort + k;
			const child = track(
				spawn(process.execPath, [...serverFlags, join(repoRoot, 'build-server/main.js')], {
					cwd: repoRoot,
					env: { ...env, PORT: String(port) },
					stdio: ['ignore', 'inherit', 'inherit']
				})
			);
			procs.push(child);
			const url = `http://127.0.0.1:${port}`;
			await waitReady(url, child);
			urls.push(url);
		}
	} catch (e) {
		await stop();
		throw e;
	}
	return { urls, pids: procs.map((c) => c.pid ?? null), stop };
}

async function startFloor(questions: number, durable: boolean): Promise<Servers> {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(basePort + serverProcs),
		FLOOR_QUESTIONS: String(questions)
	};
	const prefix = durable ? `anda-bench-floor-${randomBytes(4).toString('hex')}` : null;
	if (prefix) Object.assign(env, { FLOOR_REDIS_URL: redisUrl, FLOOR_REDIS_PREFIX: prefix });
	const child = tsxFork('room-floor.ts', env, serverFlags);
	const stop = async () => {
		await stopChild(child);
		if (prefix) await dropPrefix(redisUrls, prefix, 'bench:room');
	};
	let ready: { url: string; pid: number } | null = null;
	let failed: string | null = null;
	child.on('message', (m: RoomServerMessage) => {
		if (m.type === 'ready') ready = m;
		else failed = m.message;
		notify();
	});
	await waitUntil(() => ready !== null || failed !== null || exited(child), 60_000);
	if (!ready) {
		await stop();
		throw new Error(`the floor did not start: ${failed ?? 'no answer in 60 s'}`);
	}
	const { url, pid } = ready as { url: string; pid: number };
	return { urls: [url], pids: [pid], stop };
}

// ——— one run against one set of servers ———

interface Worker {
	proc: number;
	server: number;
	child: ChildProcess;
	count: number;
	counters: Counters;
	samples: Samples | null;
	ready: boolean;
	ramped: boolean;
}

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

// Contest-day parts (a round's intro, a stake) come before their question.
const PHASE_ORDER: Record<RoomView['phase'], number> = {
	lobby: 0,
	intro: 1,
	stake: 2,
	question: 3,
	reveal: 4,
	leaderboard: 5,
	podium: 6,
	ended: 7
};
/** Views only move forward in this run; the furthest seen is the room's phase. */
const viewKey = (v: RoomView) =>
	v.phase === 'podium' || v.phase === 'ended'
		? 1e9 + PHASE_ORDER[v.phase]
		: v.index * 10 + PHASE_ORDER[v.phase];

/** A server process's counters at one moment (null where /proc could not be read). */
interface ProcSample {
	cpu: number | null;
	sys: number | null;
	writes: number | null;
}

interface RunResult {
	kind: Kind;
	round: number;
	counters: Counters;
	samples: Samples;
	questions: number;
	/** Players joined per server process. */
	joinedPerServer: number[];
	/** Server CPU ms per process during the join phase and during the game. */
	joinCpu: (number | null)[];
	gameCpu: (number | null)[];
	/** The game's kernel-mode share of gameCpu, and the join phase's of joinCpu. */
	gameSysCpu: (number | null)[];
	joinSysCpu: (number | null)[];
	/** Write system calls the servers made during the game. */
	gameWrites: (number | null)[];
	/** … and during the join phase. */
	joinWrites: (number | null)[];
	joinWallMs: number | null;
	gameWallMs: number | null;
	redisCpuMs: number | null;
	redisCommands: CommandDelta | null;
	/** The machine over the join phase and over the game; null where /proc/stat is unreadable. */
	joinMachine: MachinePhase | null;
	gameMachine: MachinePhase | null;
	rss: (number | null)[];
	pids: (number | null)[];
	closes: string[];
	forcedCloses: number;
	commandTimes: { what: string; ms: number }[];
	hostErrors: string[];
	failure: string | null;
}

class RoomRun {
	private readonly workers: Worker[] = [];
	private latest: RoomView | null = null;
	private progress: AnswerProgress | null = null;
	private host: Socket | null = null;
	private stage = 'starting';
	private stopping = false;
	private pin = '';
	private quizQuestions = 0;
	private questions = 0;
	private forcedCloses = 0;
	private readonly hostErrors: string[] = [];
	private readonly commandTimes: { what: string; ms: number }[] = [];
	private readonly opened = new Map<number, number>();
	private readonly closed = new Map<number, number>();

	constructor(
		private readonly kind: Kind,
		private readonly round: number,
		private readonly servers: Servers
	) {}

	private log(msg: string) {
		console.error(`  ${this.kind}: ${msg}`);
	}

	/** Each server process's CPU (total and kernel) and write syscalls so far. */
	private sample = (): ProcSample[] =>
		this.servers.pids.map((p) => {
			const t = cpuTimes(p);
			return { cpu: t && t.user + t.system, sys: t && t.system, writes: writeSyscalls(p) };
		});

	private seeView = (v: RoomView) => {
		if (!this.latest || viewKey(v) > viewKey(this.latest)) {
			this.latest = v;
			if (v.phase === 'question') this.opened.set(v.index, performance.now());
			if (v.phase === 'reveal' && !this.closed.has(v.index)) {
				this.closed.set(v.index, performance.now());
			}
			notify();
		}
	};

	private ack<T extends object>(event: string, payload: unknown): Promise<AckResult<T>> {
		return new Promise((resolve) => {
			this.host!.timeout(ackTimeoutMs).emit(
				event,
				payload,
				(err: Error | null, res: AckResult<T>) =>
					resolve(err ? { ok: false, error: { code: 'INTERNAL', message: 'ack timeout' } } : res)
			);
		});
	}

	private async command(type: 'start' | 'next' | 'end'): Promise<boolean> {
		const from = this.latest?.phase ?? '?';
		const t0 = performance.now();
		const res = await this.ack<{ view: RoomView }>('host:command', { type });
		this.commandTimes.push({
			what: `${type} ${from}→${res.ok ? res.view.phase : 'error'}`,
			ms: performance.now() - t0
		});
		if (res.ok) {
			this.seeView(res.view);
			return true;
		}
		this.hostErrors.push(`${type}: ${res.error.code} ${res.error.message}`);
		return false;
	}

	private async createRoom(): Promise<{ pin: string; hostSecret: string }> {
		const res = await fetch(`${this.servers.urls[0]}/api/rooms`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ quizId }),
			signal: AbortSignal.timeout(10_000)
		});
		if (!res.ok) throw new Error(`POST /api/rooms → ${res.status} ${await res.text()}`);
		return (await res.json()) as { pin: string; hostSecret: string };
	}

	private async connectHost(secret: string) {
		const host = io(this.servers.urls[0], {
			path: '/socket.io',
			transports: ['websocket'],
			forceNew: true,
			reconnection: false,
			timeout: 10_000
		});
		this.host = host;
		host.on('room:view', this.seeView);
		host.on('question:progress', (p: AnswerProgress) => {
			const was = this.progress;
			if (!was || p.index > was.index || p.answered > was.answered) this.progress = p;
			notify();
		});
		host.on('disconnect', (reason) => {
			if (!this.stopping) this.hostErrors.push(`host socket disconnected: ${reason}`);
		});
		await new Promise<void>((resolve, reject) => {
			host.once('connect', resolve);
			host.once('connect_error', reject);
		});
		const res = await this.ack<{ view: RoomView }>('host:attach', { pin: this.pin, secret });
		if (!res.ok) throw new Error(`host:attach → ${res.error.code} ${res.error.message}`);
		this.seeView(res.view);
		this.quizQuestions = res.view.questionCount;
		this.questions = Math.min(askedQuestions ?? Infinity, this.quizQuestions);
	}

	private total = () => sumCounters(this.workers.map((w) => w.counters));

	private forkWorkers(): Promise<boolean> {
		for (const [p, { server, count }] of plan.entries()) {
			const w: Worker = {
				proc: p,
				// The floor is one process: the workers planned for K servers all go to it.
				server: server % this.servers.urls.length,
				child: tsxFork('bots.ts'),
				count,
				counters: emptyCounters(),
				samples: null,
				ready: false,
				ramped: false
			};
			this.workers.push(w);
			w.child.on('message', (msg: WorkerMessage) => {
				if (msg.type === 'ready') w.ready = true;
				else w.counters = msg.counters;
				if (msg.type === 'ramped') w.ramped = true;
				if (msg.type === 'report') w.samples = msg.samples;
				notify();
			});
			w.child.on('exit', (code, signal) => {
				if (!this.stopping) this.log(`worker ${p} exited early (${signal ?? code})`);
			});
		}
		return waitUntil(() => this.workers.every((w) => w.ready || exited(w.child)), 60_000);
	}

	/** `mark` is called once the workers have loaded, as the joins begin. */
	private async ramp(mark: () => void): Promise<void> {
		if (!(await this.forkWorkers())) throw new Error('bot workers did not start in 60 s');
		this.stage = 'joining';
		mark();
		const window = Math.max(1, Math.ceil(rampTotal / this.workers.length));
		for (const w of this.workers) {
			if (!w.child.connected) continue;
			const init: ParentMessage = {
				type: 'init',
				url: this.servers.urls[w.server]!,
				pin: this.pin,
				proc: w.proc,
				count: w.count,
				window,
				stormMs,
				thinkMs,
				ackTimeoutMs
			};
			w.child.send(init);
		}
		const ticker = setInterval(() => {
			const c = this.total();
			this.log(`joining… ${c.joined} joined, ${c.joinFailed} failed of ${players}`);
		}, 2000);
		try {
			await waitUntil(
				() => this.stopping || this.workers.every((w) => w.ramped || exited(w.child)),
				Infinity
			);
		} finally {
			clearInterval(ticker);
		}
	}

	private async play(joined: number): Promise<void> {
		this.stage = 'game';
		if (!(await this.command('start'))) throw new Error(`start refused: ${this.hostErrors.at(-1)}`);
		let guard = 0;
		const bound = this.quizQuestions * 10 + 20;
		while (this.latest!.phase !== 'ended') {
			if (this.stopping) throw new Error('stopped by --timeout');
			if (++guard > bound) throw new Error('the host loop is not advancing');
			const v = this.latest!;
			this.stage = `${v.phase} ${v.index + 1}/${this.questions}`;
			if (v.phase === 'question') {
				const index = v.index;
				const moved = () => this.latest!.phase !== 'question' || this.latest!.index !== index;
				const allAnswered = () =>
					this.progress !== null &&
					this.progress.index === index &&
					this.progress.answered >= joined;
				// The server closes the question once everyone answered, or at its deadline.
				const graceMs = v.paused ? ackTimeoutMs : v.remainingMs + 5000;
				await waitUntil(() => moved() || allAnswered() || this.stopping, graceMs);
				if (this.stopping) throw new Error('stopped by --timeout');
				if (!moved() && allAnswered()) await waitUntil(moved, 3000);
				if (!moved()) {
					this.forcedCloses++;
					await this.command('next');
				}
				continue;
			}
			// Past the last question asked for: the quiz may have more, the run ends here.
			const last = v.phase !== 'lobby' && v.index + 1 >= this.questions;
			if (last && this.questions < this.quizQuestions) {
				if (!(await this.command('end'))) await sleep(200);
				continue;
			}
			if (!(await this.command(v.phase === 'lobby' ? 'start' : 'next'))) await sleep(200);
		}
		this.stage = 'ended';
	}

	/** Stops the run's workers and host (bounded); the servers are the caller's. */
	stop(): void {
		this.stopping = true;
		notify();
	}

	async execute(): Promise<RunResult> {
		const urls = this.servers.urls;
		// Every node's CPU, summed: on a cluster the room's shard does most, the others a little.
		const rpids = onRedis(this.kind) ? redisUrls.map((u) => localRedisPid(u)) : [];
		const redisCpu = () => (rpids.length ? sumKnown(rpids.map((p) => cpuMs(p))) : null);
		// The machine beside what the bench knows it runs: the servers and Redis (read by the caller
		// at the same moment), the workers, this process.
		const machine = (servers: ProcSample[], redis: number | null): MachineSample | null => {
			const t = machineTimes();
			const own = process.cpuUsage();
			const known = sumKnown([
				sumKnown(servers.map((p) => p.cpu)),
				redis ?? 0,
				sumKnown(this.workers.map((w) => (exited(w.child) ? 0 : cpuMs(w.child.pid)))),
				(own.user + own.system) / 1000
			]);
			return t && known !== null ? { ...t, known } : null;
		};
		const m: {
			/** Samples at the end of the ramp, at the start command and at the game's end. */
			ramp?: ProcSample[];
			start?: ProcSample[];
			end?: ProcSample[];
			rampAt?: number;
			startAt?: number;
			endAt?: number;
			redisStart?: number | null;
			redisEnd?: number | null;
			rss?: (number | null)[];
			machineRamp?: MachineSample | null;
			machineStart?: MachineSample | null;
			machineEnd?: MachineSample | null;
		} = {};
		let cmdBefore: Record<string, number> | null = null;
		let redisCommands: CommandDelta | null = null;
		let failure: string | null = null;
		try {
			this.stage = 'creating the room';
			const room = await this.createRoom();
			this.pin = room.pin;
			await this.connectHost(room.hostSecret);
			this.log(
				`room ${this.pin} on ${urls.join(', ')}: ${this.questions} of ${this.quizQuestions} questions; ${players} players over ${plan.length} procs`
			);
			this.stage = 'starting workers';
			await this.ramp(() => {
				m.ramp = this.sample();
				m.rampAt = performance.now();
				m.machineRamp = machine(m.ramp, redisCpu());
			});
			const joined = this.total().joined;
			if (joined === 0) throw new Error('no player joined');
			this.log(`${joined} joined; starting the game`);
			if (onRedis(this.kind)) cmdBefore = await readCommandStats(redisUrls);
			m.start = this.sample();
			m.startAt = performance.now();
			m.redisStart = redisCpu();
			m.machineStart = machine(m.start, m.redisStart);
			await this.play(joined);
			m.end = this.sample();
			m.endAt = performance.now();
			m.redisEnd = redisCpu();
			m.machineEnd = machine(m.end, m.redisEnd);
			this.log('the game ended');
			m.rss = this.servers.pids.map((p) => rssMb(p));
			if (cmdBefore) {
				const after = await readCommandStats(redisUrls);
				if (after) redisCommands = commandDelta(cmdBefore, after);
			}
			// Give results and late acks a moment to land before the workers report.
			await sleep(500);
		} catch (e) {
			failure = `${(e as Error).message} (stage: ${this.stage})`;
		}
		// Collect the workers' samples (bounded), then stop them and the host.
		for (const w of this.workers) {
			if (w.child.connected) w.child.send({ type: 'report' } satisfies ParentMessage);
		}
		await waitUntil(() => this.workers.every((w) => w.samples !== null || exited(w.child)), 5000);
		this.stopping = true;
		for (const w of this.workers) {
			if (w.child.connected) w.child.send({ type: 'exit' } satisfies ParentMessage);
		}
		await waitUntil(() => this.workers.every((w) => exited(w.child)), 3000);
		for (const w of this.workers) if (!exited(w.child)) w.child.kill('SIGKILL');
		this.host?.disconnect();

		const diff = (key: keyof ProcSample, a?: ProcSample[], b?: ProcSample[]) =>
			this.servers.pids.map((_, k) => {
				const from = a?.[k]?.[key];
				const to = b?.[k]?.[key];
				return from != null && to != null ? to - from : null;
			});
		const all = (key: keyof Samples) => this.workers.flatMap((w) => w.samples?.[key] ?? []);
		const joinedPerServer = urls.map((_, k) =>
			this.workers.filter((w) => w.server === k).reduce((n, w) => n + w.counters.joined, 0)
		);
		const closes = [...this.opened.keys()]
			.sort((a, b) => a - b)
			.map((i) => {
				const close = this.closed.get(i);
				return close === undefined ? '–' : `${((close - this.opened.get(i)!) / 1000).toFixed(2)} s`;
			});
		if (!failure && this.workers.some((w) => w.samples === null))
			failure = 'a worker sent no report';
		return {
			kind: this.kind,
			round: this.round,
			counters: this.total(),
			samples: {
				connectMs: all('connectMs'),
				joinMs: all('joinMs'),
				arriveMs: all('arriveMs'),
				fanoutMs: all('fanoutMs'),
				answerMs: all('answerMs')
			},
			questions: this.questions,
			joinedPerServer,
			joinCpu: diff('cpu', m.ramp, m.start),
			gameCpu: diff('cpu', m.start, m.end),
			gameSysCpu: diff('sys', m.start, m.end),
			joinSysCpu: diff('sys', m.ramp, m.start),
			gameWrites: diff('writes', m.start, m.end),
			joinWrites: diff('writes', m.ramp, m.start),
			joinWallMs: m.rampAt !== undefined && m.startAt !== undefined ? m.startAt - m.rampAt : null,
			gameWallMs: m.startAt !== undefined && m.endAt !== undefined ? m.endAt - m.startAt : null,
			redisCpuMs: m.redisStart != null && m.redisEnd != null ? m.redisEnd - m.redisStart : null,
			redisCommands,
			joinMachine: machinePhase(m.machineRamp, m.machineStart),
			gameMachine: machinePhase(m.machineStart, m.machineEnd),
			rss: m.rss ?? this.servers.pids.map(() => null),
			pids: this.servers.pids,
			closes,
			forcedCloses: this.forcedCloses,
			commandTimes: this.commandTimes,
			hostErrors: this.hostErrors,
			failure:
				failure ?? (this.stage === 'ended' ? null : `the game did not end (stage: ${this.stage})`)
		};
	}
}

// ——— the report ———

const us = (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v)} µs`;
const joinedOf = (r: RunResult) => r.joinedPerServer.reduce((a, b) => a + b, 0);
const lostOf = (r: RunResult) => r.counters.answersSent - r.counters.answersOk;
const gameUs = (r: RunResult) =>
	cpuPerPlayerQuestionUs(sumKnown(r.gameCpu), joinedOf(r), r.questions);
const joinUs = (r: RunResult) => cpuPerPlayerQuestionUs(sumKnown(r.joinCpu), joinedOf(r), 1);
const pct = (r: RunResult, key: keyof Samples, q: 'p50' | 'p99') => {
	const s = spread(r.samples[key]);
	return s.n ? s[q] : null;
};

/** A phase's CPU (summed over processes) in user or kernel mode, per player (and question). */
function modeUs(
	r: RunResult,
	cpu: (number | null)[],
	sysCpu: (number | null)[],
	mode: 'user' | 'kernel',
	questions: number
): number | null {
	const total = sumKnown(cpu);
	const sys = sumKnown(sysCpu);
	if (total === null || sys === null) return null;
	return cpuPerPlayerQuestionUs(mode === 'kernel' ? sys : total - sys, joinedOf(r), questions);
}

/** The game's CPU per player per question spent in user or kernel mode. */
const splitUs = (r: RunResult, mode: 'user' | 'kernel') =>
	modeUs(r, r.gameCpu, r.gameSysCpu, mode, r.questions);

/** The join phase's CPU per player joined spent in user or kernel mode. */
const joinSplitUs = (r: RunResult, mode: 'user' | 'kernel') =>
	modeUs(r, r.joinCpu, r.joinSysCpu, mode, 1);

/** A count of the game over its joined players × questions (null without either). */
function perPlayerQuestion(r: RunResult, n: number | null): number | null {
	const d = joinedOf(r) * r.questions;
	return n !== null && d > 0 ? n / d : null;
}

/** What a joined player received per question, in bytes (acks included). */
const bytesPer = (r: RunResult) => perPlayerQuestion(r, r.counters.bytesIn);

/** Frames pushed to a joined player per question (acks aside), the game's end included. */
const framesPer = (r: RunResult) =>
	perPlayerQuestion(
		r,
		Object.values(r.counters.frames).reduce((a, b) => a + b, 0)
	);

const LINES: CompareLine<RunResult>[] = [
	{ label: 'players joined', value: joinedOf, show: String },
	{ label: 'answers lost', value: lostOf, show: String },
	{ label: 'CPU/player/question', value: gameUs, show: us, ratio: true },
	{ label: 'join CPU/player', value: joinUs, show: us, ratio: true },
	{ label: 'answer ack p50', value: (r) => pct(r, 'answerMs', 'p50'), show: fmtMs, ratio: true },
	{ label: 'answer ack p99', value: (r) => pct(r, 'answerMs', 'p99'), show: fmtMs, ratio: true },
	{ label: 'fan-out p50', value: (r) => pct(r, 'fanoutMs', 'p50'), show: fmtMs, ratio: true },
	{ label: 'fan-out p99', value: (r) => pct(r, 'fanoutMs', 'p99'), show: fmtMs, ratio: true },
	{ label: 'join ack p99', value: (r) => pct(r, 'joinMs', 'p99'), show: fmtMs, ratio: true },
	{
		label: 'arrival→joined p99',
		value: (r) => pct(r, 'arriveMs', 'p99'),
		show: fmtMs,
		ratio: true
	},
	{ label: 'join failures', value: (r) => r.counters.joinFailed, show: String },
	{ label: 'frames/player/question', value: framesPer, show: (v) => v.toFixed(2), ratio: true },
	{
		label: 'bytes/player/question',
		value: bytesPer,
		show: (v) => String(Math.round(v)),
		ratio: true
	},
	{ label: 'user CPU/player/q', value: (r) => splitUs(r, 'user'), show: us, ratio: true },
	{ label: 'kernel CPU/player/q', value: (r) => splitUs(r, 'kernel'), show: us, ratio: true },
	{ label: 'join user CPU/player', value: (r) => joinSplitUs(r, 'user'), show: us, ratio: true },
	{
		label: 'join kernel CPU/player',
		value: (r) => joinSplitUs(r, 'kernel'),
		show: us,
		ratio: true
	},
	{
		label: 'game wall time',
		value: (r) => r.gameWallMs,
		show: (v) => `${(v / 1000).toFixed(1)} s`
	}
];

function printRun(r: RunResult) {
	const c = r.counters;
	const joined = joinedOf(r);
	const lost = lostOf(r);
	console.log('');
	console.log(`— ${r.kind}${rounds > 1 ? ` #${r.round}` : ''} —`);
	row('players joined', `${joined} / ${players}`);
	row('answers sent', `${c.answersSent}`);
	row('answers acked', `${c.answersOk}`);
	const lostWhy = [codes(c.answerErrors), c.answersUnacked ? `unacked ${c.answersUnacked}` : '']
		.filter(Boolean)
		.join(', ');
	row('answers lost', lost ? `${lost}  (${lostWhy})` : '0');
	const total = sumKnown(r.gameCpu);
	row(
		'server CPU',
		total === null
			? 'unknown (server PID not found, or the game did not finish)'
			: `${Math.round(total)} ms total · ${us(gameUs(r) ?? NaN)} per player per question`
	);
	const user = splitUs(r, 'user');
	const kernel = splitUs(r, 'kernel');
	if (user !== null && kernel !== null) {
		const writes = perPlayerQuestion(r, sumKnown(r.gameWrites));
		row(
			'  of which',
			`user ${us(user)} · kernel ${us(kernel)}${writes === null ? '' : ` · ${writes.toFixed(2)} write syscalls`} per player per question`
		);
	}
	if (r.pids.length > 1) {
		r.pids.forEach((pid, k) => {
			const cpu = r.gameCpu[k] ?? null;
			const per = cpuPerPlayerQuestionUs(cpu, r.joinedPerServer[k]!, r.questions);
			row(
				`  process ${k + 1}${k === 0 ? ' (host)' : ''}`,
				`${r.joinedPerServer[k]} players · ${cpu === null ? '?' : Math.round(cpu)} ms · ${per === null ? '?' : us(per)} per own player per question · join ${r.joinCpu[k] == null ? '?' : Math.round(r.joinCpu[k]!)} ms · pid ${pid ?? '?'}`
			);
		});
	}
	row('join latency', latencyLine(r.samples.joinMs));
	row('arrival → joined', latencyLine(r.samples.arriveMs));
	row('question fan-out', latencyLine(r.samples.fanoutMs));
	row('answer ack latency', latencyLine(r.samples.answerMs));
	row('connect latency', latencyLine(r.samples.connectMs));
	row('question views', `${c.questionViews} / ${joined * r.questions}`);
	row('player results', `${c.results} / ${joined * r.questions}`);
	const per = framesPer(r);
	if (per !== null) {
		const byEvent = Object.entries(c.frames)
			.sort((a, b) => b[1] - a[1])
			.map(([event, n]) => `${event} ${perPlayerQuestion(r, n)!.toFixed(2)}`)
			.join(' · ');
		row('frames per player', `${per.toFixed(2)} per question  (${byEvent})`);
		row('bytes per player', `${Math.round(bytesPer(r) ?? 0)} per question, acks included`);
	}
	if (r.closes.length) row('question open→reveal', `${r.closes.join(' · ')}  (at the host)`);
	if (r.forcedCloses)
		row('forced closes', `${r.forcedCloses}  (the server did not close on its own)`);
	if (r.commandTimes.length) {
		const slowest = r.commandTimes.reduce((a, b) => (b.ms > a.ms ? b : a));
		row(
			'host command ack',
			`${latencyLine(r.commandTimes.map((t) => t.ms))}  (slowest: ${slowest.what})`
		);
	}
	if (r.joinWallMs !== null) {
		const cpu = sumKnown(r.joinCpu);
		row(
			'join phase',
			`${(r.joinWallMs / 1000).toFixed(1)} s${cpu === null ? '' : ` · server CPU ${Math.round(cpu)} ms (connect + join)`}`
		);
		const writes = sumKnown(r.joinWrites);
		if (writes !== null && joined > 0) {
			row('  join writes', `${(writes / joined).toFixed(2)} write syscalls per player joined`);
		}
	}
	if (r.redisCpuMs !== null) row('redis CPU', `${Math.round(r.redisCpuMs)} ms during the game`);
	if (r.redisCommands && r.questions) {
		const d = r.redisCommands;
		const q = r.questions;
		row(
			'redis commands',
			`${d.total} in the game · ${Math.round(d.total / q)} per question · top: ${d.top.map(([cmd, n]) => `${cmd} ${n}`).join(', ')}`
		);
		row(
			'cross-process msgs',
			`${d.publish} PUBLISH/SPUBLISH in the game · ${Math.round(d.publish / q)} per question`
		);
	}
	const machineLine = (p: MachinePhase) =>
		`steal ${Math.round(p.steal)} ms · outside the bench ${Math.round(p.outside)} ms`;
	if (r.joinMachine || r.gameMachine) {
		row(
			'machine',
			[
				r.joinMachine && `join phase: ${machineLine(r.joinMachine)}`,
				r.gameMachine && `game: ${machineLine(r.gameMachine)}`
			]
				.filter(Boolean)
				.join('  ·  ')
		);
	}
	const rss = r.rss.filter((v) => v !== null);
	if (rss.length) row('server RSS', `${rss.join(' · ')} MB at the end of the game`);
	if (c.joinFailed) row('join failures', `${c.joinFailed}  (${codes(c.joinErrors)})`);
	if (c.answersDuplicate) row('duplicate answers', `${c.answersDuplicate}`);
	if (c.disconnects) row('bot disconnects', `${c.disconnects}`);
	for (const e of r.hostErrors) row('host error', e);
	if (r.failure) console.log(`${r.kind} INCOMPLETE: ${r.failure}`);
}

/** The capacity model (room-capacity.ts) fed with Anda's costs, the median over its runs. */
function printCapacity(runs: RunResult[]) {
	const game = median(runs.map(gameUs));
	const join = median(runs.map(joinUs));
	if (game === null || join === null) return;
	const redisUs = median(
		runs.map((r) =>
			r.redisCpuMs === null ? null : cpuPerPlayerQuestionUs(r.redisCpuMs, joinedOf(r), r.questions)
		)
	);
	const cost: RoomCost = {
		serverUsPerPlayerQuestion: game,
		serverUsPerJoin: join,
		redisUsPerPlayerQuestion: redisUs
	};
	const b = DEFAULT_BUDGET;
	console.log('');
	console.log(
		`capacity model from ${runs.length > 1 ? "these runs' medians" : 'this run'} (a question's work within ${b.burstMs / 1000} s, arrivals within ${b.arrivalMs / 1000} s, ${b.utilisation * 100} % of a core per process):`
	);
	for (const n of [100_000, 1_000_000]) {
		const c = capacityFor(cost, n);
		const redis =
			c.redisMsPerQuestion === null
				? ''
				: ` · Redis ${Math.round(c.redisMsPerQuestion)} ms per question on the room's shard${c.redisFits ? '' : ' (over budget: the room must span slots)'}`;
		row(
			`  ${n.toLocaleString('en')} players`,
			`${c.processes} processes (questions ${c.forQuestions}, arrivals ${c.forArrivals})${redis}`
		);
	}
}

function printReport(results: RunResult[]): boolean {
	const questions = results[0]?.questions ?? '?';
	console.log('');
	console.log(
		`bench:room  mode=${mode}  players=${players}  bot procs=${plan.length}  server procs=${serverProcs}  questions=${questions}${stormMs ? `  storm=${stormMs} ms` : ''}${rounds > 1 ? `  rounds=${rounds} (medians)` : ''}  cores=${cpus().length}`
	);
	for (const r of results) printRun(r);
	console.log('');
	const runsOf = (k: Kind) => results.filter((r) => r.kind === k);
	const floors = (Object.keys(FLOOR_NAMES) as (keyof typeof FLOOR_NAMES)[]).filter(
		(k) => runsOf(k).length > 0
	);
	const columns = [runsOf('anda'), ...floors.map(runsOf)];
	const names = floors.map((k) => FLOOR_NAMES[k]);
	for (const l of compareTable(LINES, columns, { floors: names })) console.log(l);
	const inRound = (kind: Kind, k: number) =>
		results.find((r) => r.kind === kind && r.round === k + 1) ?? null;
	for (const f of rounds > 1 ? floors : []) {
		const byRound = Array.from({ length: rounds }, (_, k) => ({
			anda: inRound('anda', k),
			floor: inRound(f, k)
		}));
		console.log('');
		for (const l of roundRatioTable(LINES, byRound, { floor: FLOOR_NAMES[f] })) console.log(l);
	}
	const andaRuns = results.filter((r) => r.kind === 'anda');
	if (andaRuns.length) printCapacity(andaRuns);
	console.log('');
	console.log(
		"CPU/player/question: the server processes' CPU (summed) from the start command to the end,\n" +
			'over players × questions; join CPU/player: their CPU over the join phase (connect + join) per\n' +
			"player. fan-out: the bot's clock minus the view's serverNow. The floor is one process with the\n" +
			'same bot workers. With Redis, commands and PUBLISHes are Redis-wide (INFO commandstats before\n' +
			'and after the game, INFO itself left out): any other client of that Redis is counted too.'
	);
	return results.every((r) => r.failure === null && joinedOf(r) === players && lostOf(r) === 0);
}

// ——— main ———

let aborting = false;
function abort(why: string, code: number) {
	if (aborting) return;
	aborting = true;
	console.error(`bench:room: ${why}; stopping`);
	for (const c of children) c.kill('SIGKILL');
	const drop = redisPrefix ? dropPrefix(redisUrls, redisPrefix, 'bench:room') : Promise.resolve();
	void Promise.race([drop, sleep(5000)]).then(() => process.exit(code));
}
// Each run is bounded by --timeout; the whole bench by all runs' and the start-ups'.
const hardTimeoutS = rounds * (2 * timeoutS + 180);
const hardTimer = setTimeout(
	() => abort(`hard timeout after ${hardTimeoutS} s`, 1),
	hardTimeoutS * 1000
);
process.on('SIGINT', () => abort('interrupted', 130));
process.on('SIGTERM', () => abort('terminated', 143));

async function runOn(
	kind: Kind,
	round: number,
	start: () => Promise<Servers>
): Promise<RunResult | null> {
	let servers: Servers;
	try {
		servers = await start();
	} catch (e) {
		console.error(`bench:room: ${kind}: ${(e as Error).message}`);
		return null;
	}
	const run = new RoomRun(kind, round, servers);
	const timer = setTimeout(() => {
		console.error(`bench:room: ${kind} run timed out after ${timeoutS} s`);
		run.stop();
	}, timeoutS * 1000);
	try {
		return await run.execute();
	} finally {
		clearTimeout(timer);
		await servers.stop();
	}
}

console.error(
	`bench:room: ${players} players over ${plan.length} bot procs, ${externalUrl ?? `${serverProcs} Anda process(es) from :${basePort}`}, mode ${mode}${parsed['no-floor'] ? '' : ', then the floor'}${floorRedis ? ' and the floor on Redis' : ''}`
);
const results: RunResult[] = [];
let ok = true;
let floorQuestions = askedQuestions;
for (let round = 1; round <= rounds; round++) {
	const kinds: Kind[] = parsed['no-floor'] ? ['anda'] : ['anda', 'floor'];
	if (round % 2 === 0) kinds.reverse();
	if (floorRedis) kinds.push('floor+redis');
	for (const kind of kinds) {
		if (rounds > 1) console.error(`bench:room: round ${round} of ${rounds}: ${kind}`);
		// The floor plays as many questions as Anda's quiz gave; before Anda has run, as asked.
		const r =
			kind === 'anda'
				? await runOn('anda', round, startAnda)
				: await runOn(kind, round, () => startFloor(floorQuestions || 3, kind === 'floor+redis'));
		if (r === null) {
			ok = false;
			continue;
		}
		if (kind === 'anda' && r.questions) floorQuestions = r.questions;
		results.push(r);
	}
}
clearTimeout(hardTimer);
ok = printReport(results) && ok;
process.exit(ok ? 0 : 1);
