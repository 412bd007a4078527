// Load benchmark for one live Q&A event: N audience phones (spread over forked worker processes)
// join an event with pre-moderation on; askers ask, a moderator approves each question, everyone
// votes and some take votes back. It reports how long an approved question and a vote-count change
// take to reach every phone, whether the votes cast equal the votes counted, and the server's CPU.
// The same run is then made against a floor (qa-floor.ts: the same work on bare Socket.IO), and
// Anda's figures are divided by the floor's.
//
//   npm run build && npm run bench:qa -- --participants 5000 [--redis [--redis-url URL]]
//        [--questions 20] [--votes-each 10] [--vote-rate 2] [--unvote-share 0.2]
//        [--approve-gap 500] [--procs P] [--ramp 200] [--ack-timeout 30] [--timeout 900] [--no-floor]
//        [--rounds 1]
//
// The servers are children of this process on 127.0.0.1 (Anda: qa-server.ts, which runs the built
// pages and the production server code and creates the account, organisation and event through the
// services; no HTTP route creates events yet). Every phone comes from 127.0.0.1, so the per-address
// caps are lifted for the run. Exit code 0 when every phone joined, every question and vote was
// acked and reached every phone, and votes cast equal votes counted (Anda and floor); else 1.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import type { AckResult } from '../../src/lib/protocol';
import { compareTable, type CompareLine } from './compare';
import { dropPrefix } from './redis-stats';
import { cpuMs, localRedisPid, rssMb } from './proc-stat';
import {
	benchNow,
	emptyPhoneCounters,
	type PhoneCounters,
	type PhonesCommand,
	type PhonesMessage,
	type PhonesReport,
	type ServerMessage,
	type ServerReady
} from './qa-ipc';
import { phonesOffCount, questionReach, voteReach, type Approval } from './qa-measure';
import { Signal } from './signal';
import { bump, codes, fmtMs, spread, type Spread } from './stats';

const MAX_SOCKETS_PER_PROC = 4000;
const SOCKETS_PER_PROC = 2500;

// ——— options ———

function usage(msg?: string): never {
	if (msg) console.error(`bench:qa: ${msg}`);
	console.error(
		'usage: npm run bench:qa -- [--participants 5000] [--redis [--redis-url URL]] [--questions 20]\n' +
			'         [--votes-each 10] [--vote-rate 2] [--unvote-share 0.2] [--approve-gap 500]\n' +
			'         [--procs P] [--ramp 200] [--ack-timeout 30] [--timeout 900] [--no-floor] [--rounds 1]'
	);
	process.exit(2);
}

let opts: ReturnType<typeof parseOptions>;
function parseOptions() {
	return parseArgs({
		options: {
			participants: { type: 'string', short: 'n', default: '5000' },
			redis: { type: 'boolean', default: false },
			'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379' },
			questions: { type: 'string', default: '20' },
			'votes-each': { type: 'string', default: '10' },
			'vote-rate': { type: 'string', default: '2' },
			'unvote-share': { type: 'string', default: '0.2' },
			'approve-gap': { type: 'string', default: '500' },
			procs: { type: 'string' },
			ramp: { type: 'string', default: '200' },
			'ack-timeout': { type: 'string', default: '30' },
			timeout: { type: 'string', default: '900' },
			'no-floor': { type: 'boolean', default: false },
			rounds: { type: 'string', default: '1' },
			help: { type: 'boolean', short: 'h' }
		},
		strict: true
	}).values;
}
try {
	opts = parseOptions();
} catch (e) {
	usage((e as Error).message);
}
if (opts.help) usage();

function num(name: keyof typeof opts, min: number, max: number, integer = true): number {
	const n = Number(opts[name]);
	if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
		usage(`--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
	}
	return n;
}

const participants = num('participants', 1, 50_000);
const questionCount = num('questions', 1, 200);
if (questionCount > participants)
	usage('--questions cannot exceed --participants (one asker each)');
const votesEach = Math.min(num('votes-each', 0, 200), questionCount);
// The qaVote bucket refills 5 a second: stay under it, or refusals would be the finding.
const voteRate = num('vote-rate', 0.1, 4, false);
const unvoteShare = num('unvote-share', 0, 1, false);
const approveGapMs = num('approve-gap', 0, 10_000);
const rampTotal = num('ramp', 1, 10_000);
const ackTimeoutMs = num('ack-timeout', 1, 300) * 1000;
const timeoutS = num('timeout', 10, 24 * 3600);
// Anda and the floor take turns, round after round: on a shared machine one pair of runs may
// meet a busy minute the other did not; the table gives each figure's median over the rounds.
const rounds = num('rounds', 1, 20);
let procs =
	opts.procs === undefined
		? Math.ceil(participants / SOCKETS_PER_PROC)
		: num('procs', 1, Math.min(64, participants));
if (Math.ceil(participants / procs) > MAX_SOCKETS_PER_PROC) {
	procs = Math.ceil(participants / MAX_SOCKETS_PER_PROC);
	console.error(`bench:qa: at most ${MAX_SOCKETS_PER_PROC} sockets a process: using ${procs}`);
}
const redisUrl = opts.redis ? opts['redis-url']! : undefined;
if (redisUrl && !['127.0.0.1', 'localhost'].includes(new URL(redisUrl).hostname)) {
	usage('--redis-url must be on this machine (127.0.0.1)');
}
const mode = redisUrl ? 'redis' : 'memory';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
for (const built of ['build-server/main.js', 'build/handler.js']) {
	if (!existsSync(join(repoRoot, built))) {
		console.error(`bench:qa: ${built} is missing: run \`npm run build\` first`);
		process.exit(2);
	}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const changes = new Signal();
const children = new Set<ChildProcess>();
const tsxFork = (script: string, env: NodeJS.ProcessEnv = process.env) => {
	const child = fork(`${here}${script}`, [], {
		cwd: repoRoot,
		execArgv: ['--import', 'tsx'],
		env,
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	children.add(child);
	child.on('exit', () => {
		children.delete(child);
		changes.notify();
	});
	return child;
};
const exited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;

process.on('exit', () => {
	for (const c of children) c.kill('SIGKILL');
});

// ——— a run against one server ———

type Acked<T extends object> = AckResult<T> | { ok: false; error: { code: 'ACK_TIMEOUT' } };

type Kind = 'anda' | 'floor';

interface Worker {
	proc: number;
	child: ChildProcess;
	count: number;
	counters: PhoneCounters;
	seen: Record<string, number>;
	stage: PhonesMessage['type'] | 'forked';
	questionIds: string[];
	report: PhonesReport | null;
}

interface RunResult {
	kind: Kind;
	round: number;
	counters: PhoneCounters;
	approved: number;
	approveErrors: Record<string, number>;
	/** Per question: approve ack → the last phone has it (only questions every phone got). */
	questionLast: Spread;
	/** The same from the approve being sent (a server may broadcast before it acks). */
	questionLastFromSend: Spread;
	/** Every phone's receipt of every approved question, from the approve ack. */
	questionEach: Spread;
	questionsMissing: number;
	/** Per acked vote: ack → every phone shows a count at least the acked one. */
	voteLast: Spread;
	votesMissing: number;
	framesIncomplete: number;
	ackMs: Spread;
	joinMs: Spread;
	cast: number;
	counted: number | null;
	/** Questions whose final count on some phone is not the store's. */
	phonesOff: number | null;
	cpu: { idle: number; approve: number; vote: number; unvote: number; measured: number } | null;
	wall: { idle: number; approve: number; vote: number; unvote: number; measured: number };
	redisCpuMs: number | null;
	/** The phone workers' CPU time over the measured phases: near a core each, they are the limit. */
	phonesCpuMs: number | null;
	/** The machine's 1-minute load average at the start and end of the measured phases. */
	load: [number, number];
	rss: number | null;
	failure: string | null;
}

class Run {
	private server: ChildProcess | null = null;
	private ready: ServerReady | null = null;
	private moderator: Socket | null = null;
	private readonly workers: Worker[] = [];
	private stage = 'starting';
	/** With Redis: the run's own key prefix, dropped at the end (the Redis is shared). */
	private redisPrefix: string | null = null;

	get keyPrefix(): string | null {
		return this.redisPrefix;
	}
	private phonesCpuStart: number | null = null;
	private phonesCpuEnd: number | null = null;
	private readonly load: [number, number] = [NaN, NaN];

	constructor(
		private readonly kind: Kind,
		private readonly round: number
	) {}

	private get label() {
		return `bench:qa ${this.kind}`;
	}

	private log(msg: string) {
		console.error(`  ${this.kind}: ${msg}`);
	}

	private async startServer(): Promise<ServerReady> {
		const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'production' };
		let records: string | null = null;
		if (this.kind === 'anda') {
			records = mkdtempSync(join(tmpdir(), 'anda-bench-qa-'));
			Object.assign(env, {
				SQLITE_PATH: join(records, 'records.sqlite'),
				BANKS_DIR: join(repoRoot, 'question-banks'),
				// Every phone is 127.0.0.1: the per-address caps would be the only finding.
				JOINS_PER_IP_PER_ROOM: '0',
				SOCKETS_PER_IP: '0',
				QA_IDENTITIES_PER_IP_PER_HOUR: String(Math.max(1_000_000, participants * 10))
			});
			delete env.DATABASE_URL;
			if (redisUrl) {
				env.REDIS_URL = redisUrl;
				this.redisPrefix = `anda-bench-qa-${randomBytes(4).toString('hex')}`;
				env.REDIS_PREFIX = this.redisPrefix;
			} else delete env.REDIS_URL;
		}
		const child = tsxFork(this.kind === 'anda' ? 'qa-server.ts' : 'qa-floor.ts', env);
		if (records) child.on('exit', () => rmSync(records, { recursive: true, force: true }));
		this.server = child;
		let failed: string | null = null;
		child.on('message', (m: ServerMessage) => {
			if (m.type === 'ready') this.ready = m;
			if (m.type === 'failed') failed = m.message;
			changes.notify();
		});
		await changes.waitUntil(() => this.ready !== null || failed !== null || exited(child), 60_000);
		if (!this.ready) throw new Error(`server did not start: ${failed ?? 'no answer in 60 s'}`);
		return this.ready;
	}

	private cpu = () => cpuMs(this.server?.pid);

	private phonesCpu(): number | null {
		let sum = 0;
		for (const w of this.workers) {
			const t = cpuMs(w.child.pid);
			if (t === null) return null;
			sum += t;
		}
		return sum;
	}

	/** An ack, or ACK_TIMEOUT when none came in time. */
	private ack<T extends object>(event: string, payload: unknown): Promise<Acked<T>> {
		return new Promise((resolve) => {
			this.moderator!.timeout(ackTimeoutMs).emit(
				event,
				payload,
				(err: Error | null, res: AckResult<T>) =>
					resolve(err ? { ok: false, error: { code: 'ACK_TIMEOUT' } } : res)
			);
		});
	}

	private async connectModerator(): Promise<void> {
		const { url, cookie } = this.ready!;
		this.moderator = io(url, {
			path: '/socket.io',
			transports: ['websocket'],
			forceNew: true,
			reconnection: false,
			timeout: 10_000,
			...(cookie ? { extraHeaders: { cookie } } : {})
		});
		await new Promise<void>((resolve, reject) => {
			this.moderator!.once('connect', resolve);
			this.moderator!.once('connect_error', reject);
		});
		const res = await this.ack('qa:attach', { code: this.ready!.code });
		if (!res.ok) throw new Error(`qa:attach → ${res.error.code}`);
	}

	/** Each question's votes as the moderator's panel counts them: a fresh attach reads the store. */
	private async countedVotes(): Promise<Record<string, number> | null> {
		const res = await this.ack<{ view: { questions: { id: string; votes: number | null }[] } }>(
			'qa:attach',
			{ code: this.ready!.code }
		);
		if (!res.ok) return null;
		return Object.fromEntries(res.view.questions.map((q) => [q.id, q.votes ?? 0]));
	}

	private forkWorkers(): Promise<boolean> {
		for (let p = 0; p < procs; p++) {
			const count = Math.floor(participants / procs) + (p < participants % procs ? 1 : 0);
			const w: Worker = {
				proc: p,
				child: tsxFork('qa-bots.ts'),
				count,
				counters: emptyPhoneCounters(),
				seen: {},
				stage: 'forked',
				questionIds: [],
				report: null
			};
			this.workers.push(w);
			w.child.on('message', (m: PhonesMessage) => {
				if (m.type !== 'progress') w.stage = m.type;
				if ('counters' in m) w.counters = m.counters;
				if (m.type === 'progress') w.seen = m.seen;
				if (m.type === 'asked') w.questionIds = m.questionIds;
				if (m.type === 'report') w.report = m.report;
				changes.notify();
			});
		}
		return changes.waitUntil(() => this.workers.every((w) => w.stage !== 'forked'), 60_000);
	}

	private live = () => this.workers.filter((w) => !exited(w.child) && w.child.connected);

	private tell(w: Worker, cmd: PhonesCommand) {
		if (w.child.connected) w.child.send(cmd);
	}

	/** Sends to every worker and waits (bounded) until each has answered with `done`. */
	private async all(
		done: PhonesMessage['type'],
		cmd: (w: Worker) => PhonesCommand,
		ms: number
	): Promise<boolean> {
		for (const w of this.live()) this.tell(w, cmd(w));
		return changes.waitUntil(
			() => this.workers.every((w) => w.stage === done || exited(w.child)),
			ms
		);
	}

	private total(): PhoneCounters {
		const total = emptyPhoneCounters();
		for (const { counters: c } of this.workers) {
			for (const key of Object.keys(total) as (keyof PhoneCounters)[]) {
				const v = c[key];
				if (typeof v === 'number') (total[key] as number) += v;
				else
					for (const [code, n] of Object.entries(v))
						bump(total[key] as Record<string, number>, code, n);
			}
		}
		return total;
	}

	async execute(): Promise<RunResult> {
		const approvals: Approval[] = [];
		const approveErrors: Record<string, number> = {};
		const cpu: Partial<Record<'j' | 'a' | 'v' | 'u' | 'e' | 'i', number | null>> = {};
		const wall: Partial<Record<'j' | 'a' | 'v' | 'u' | 'e' | 'i', number>> = {};
		const mark = (k: keyof typeof cpu) => {
			cpu[k] = this.cpu();
			wall[k] = benchNow();
		};
		const rpid = this.kind === 'anda' ? localRedisPid(redisUrl) : null;
		let redisStart: number | null = null;
		let counted: Record<string, number> | null = null;
		let failure: string | null = null;
		let rss: number | null = null;
		try {
			this.stage = 'starting the server';
			const ready = await this.startServer();
			await this.connectModerator();
			this.log(`event ${ready.code} at ${ready.url}; ${participants} phones over ${procs} procs`);

			this.stage = 'joining';
			if (!(await this.forkWorkers())) throw new Error('workers did not start');
			const window = Math.max(1, Math.ceil(rampTotal / procs));
			const ticker = setInterval(() => {
				const c = this.total();
				this.log(`joining… ${c.joined} joined, ${c.joinFailed} failed of ${participants}`);
			}, 2000);
			await this.all(
				'joined',
				(w) => ({
					type: 'init',
					url: ready.url,
					code: ready.code,
					proc: w.proc,
					count: w.count,
					window,
					ackTimeoutMs
				}),
				Infinity
			);
			clearInterval(ticker);
			const joined = this.total().joined;
			if (joined === 0) throw new Error('no phone joined');
			this.log(`${joined} joined`);

			// Holding the sockets, nothing happening: what the phones cost at rest.
			mark('i');
			await sleep(2000);
			mark('j');

			this.stage = 'asking';
			let left = questionCount;
			const shares = this.workers.map((w, i) => {
				const n = Math.min(w.counters.joined, Math.ceil(left / (this.workers.length - i)));
				left -= n;
				return n;
			});
			await this.all(
				'asked',
				(w) => ({ type: 'ask', askers: shares[w.proc]! }),
				ackTimeoutMs + 5000
			);
			const ids = this.workers.flatMap((w) => w.questionIds);
			this.log(`${ids.length} questions asked; approving`);

			this.stage = 'approving';
			redisStart = cpuMs(rpid);
			mark('a');
			this.phonesCpuStart = this.phonesCpu();
			this.load[0] = loadavg()[0]!;
			for (const id of ids) {
				const sentAt = benchNow();
				const res = await this.ack('qa:moderate', { type: 'approve', questionId: id });
				if (res.ok) approvals.push({ id, sentAt, at: benchNow() });
				else bump(approveErrors, res.error.code);
				if (approveGapMs) await sleep(approveGapMs);
			}
			const seenBy = (id: string) => this.workers.reduce((n, w) => n + (w.seen[id] ?? 0), 0);
			await changes.waitUntil(() => approvals.every((a) => seenBy(a.id) >= joined), 15_000);

			this.stage = 'voting';
			mark('v');
			const published = approvals.map((a) => a.id);
			const voteBoundMs = (votesEach / voteRate) * 1000 + ackTimeoutMs + 20_000;
			await this.all(
				'voted',
				() => ({ type: 'vote', questionIds: published, each: votesEach, perSecond: voteRate }),
				voteBoundMs
			);
			// The last frame goes out within 250 ms of the last vote.
			await sleep(1000);
			this.log(`${this.total().votesChanged} votes; taking some back`);

			this.stage = 'unvoting';
			mark('u');
			await this.all(
				'unvoted',
				() => ({ type: 'unvote', share: unvoteShare, spreadMs: 1000 }),
				ackTimeoutMs + 20_000
			);
			await sleep(1000);
			mark('e');
			this.phonesCpuEnd = this.phonesCpu();
			this.load[1] = loadavg()[0]!;
			rss = rssMb(this.server!.pid);

			this.stage = 'counting';
			counted = await this.countedVotes();
			await this.all('report', () => ({ type: 'report' }), 20_000);
		} catch (e) {
			failure = `${(e as Error).message} (stage: ${this.stage})`;
			rss = null;
		} finally {
			await this.stop();
		}
		return this.result({
			approvals,
			approveErrors,
			counted,
			cpu,
			wall,
			failure,
			rpid,
			redisStart,
			rss
		});
	}

	private async stop(): Promise<void> {
		for (const w of this.live()) this.tell(w, { type: 'exit' });
		this.moderator?.disconnect();
		await changes.waitUntil(() => this.workers.every((w) => exited(w.child)), 3000);
		for (const w of this.workers) if (!exited(w.child)) w.child.kill('SIGKILL');
		const server = this.server;
		if (server && !exited(server)) {
			server.kill('SIGTERM');
			if (!(await changes.waitUntil(() => exited(server), 10_000))) server.kill('SIGKILL');
			await changes.waitUntil(() => exited(server), 2000);
		}
		if (this.redisPrefix) await dropPrefix([redisUrl!], this.redisPrefix, 'bench:qa');
	}

	private result(r: {
		approvals: Approval[];
		approveErrors: Record<string, number>;
		counted: Record<string, number> | null;
		cpu: Partial<Record<'j' | 'a' | 'v' | 'u' | 'e' | 'i', number | null>>;
		wall: Partial<Record<'j' | 'a' | 'v' | 'u' | 'e' | 'i', number>>;
		failure: string | null;
		rpid: number | null;
		redisStart: number | null;
		rss: number | null;
	}): RunResult {
		const c = this.total();
		const reports = this.workers.flatMap((w) => (w.report ? [w.report] : []));
		if (reports.length < this.workers.length && !r.failure) r.failure = 'a worker sent no report';

		const questions = questionReach(r.approvals, reports, c.joined);
		const votes = voteReach(reports, c.joined);

		const span = (from: 'j' | 'a' | 'v' | 'u' | 'i', to: 'j' | 'a' | 'v' | 'u' | 'e') => ({
			cpu: r.cpu[from] != null && r.cpu[to] != null ? r.cpu[to]! - r.cpu[from]! : null,
			wall: r.wall[from] != null && r.wall[to] != null ? r.wall[to]! - r.wall[from]! : NaN
		});
		const phases = {
			idle: span('i', 'j'),
			approve: span('a', 'v'),
			vote: span('v', 'u'),
			unvote: span('u', 'e'),
			measured: span('a', 'e')
		};
		const haveCpu = Object.values(phases).every((p) => p.cpu !== null);
		const redisEnd = cpuMs(r.rpid);
		return {
			kind: this.kind,
			round: this.round,
			counters: c,
			approved: r.approvals.length,
			approveErrors: r.approveErrors,
			questionLast: spread(questions.last),
			questionLastFromSend: spread(questions.lastFromSend),
			questionEach: spread(questions.each),
			questionsMissing: questions.missing,
			voteLast: spread(votes.last),
			votesMissing: votes.missing,
			framesIncomplete: votes.framesIncomplete,
			ackMs: spread(reports.flatMap((rep) => rep.ackMs)),
			joinMs: spread(reports.flatMap((rep) => rep.joinMs)),
			cast: c.votesChanged - c.unvotesChanged,
			counted: r.counted ? Object.values(r.counted).reduce((a, b) => a + b, 0) : null,
			phonesOff: r.counted ? phonesOffCount(reports, c.joined, r.counted).length : null,
			cpu: haveCpu
				? {
						idle: phases.idle.cpu!,
						approve: phases.approve.cpu!,
						vote: phases.vote.cpu!,
						unvote: phases.unvote.cpu!,
						measured: phases.measured.cpu!
					}
				: null,
			wall: {
				idle: phases.idle.wall,
				approve: phases.approve.wall,
				vote: phases.vote.wall,
				unvote: phases.unvote.wall,
				measured: phases.measured.wall
			},
			redisCpuMs: r.redisStart != null && redisEnd != null ? redisEnd - r.redisStart : null,
			phonesCpuMs:
				this.phonesCpuStart !== null && this.phonesCpuEnd !== null
					? this.phonesCpuEnd - this.phonesCpuStart
					: null,
			load: this.load,
			rss: r.rss,
			failure: r.failure
		};
	}
}

// ——— the report ———

type Line = CompareLine<RunResult>;

const us = (v: number) =>
	Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : Math.round(v)} µs` : '–';
const ms = (v: number) => fmtMs(v);
const int = (v: number) => String(v);

function cpuPerParticipantSecond(r: RunResult, phase: 'idle' | 'measured') {
	if (!r.cpu || !r.counters.joined) return null;
	return (r.cpu[phase] * 1000) / (r.counters.joined * (r.wall[phase] / 1000));
}

const LINES: Line[] = [
	{ label: 'participants connected', value: (r) => r.counters.joined, show: int },
	{ label: 'questions asked', value: (r) => r.counters.asked, show: int },
	{ label: 'questions approved', value: (r) => r.approved, show: int },
	{ label: 'votes cast (acked)', value: (r) => r.cast, show: int },
	{ label: 'votes counted', value: (r) => r.counted, show: int },
	{ label: 'phones off the count', value: (r) => r.phonesOff, show: (v) => `${v} questions` },
	{ label: 'question→all p50', value: (r) => r.questionLast.p50, show: ms, ratio: true },
	{ label: 'question→all p99', value: (r) => r.questionLast.p99, show: ms, ratio: true },
	{
		label: 'approve sent→all p50',
		value: (r) => r.questionLastFromSend.p50,
		show: ms,
		ratio: true
	},
	{
		label: 'approve sent→all p99',
		value: (r) => r.questionLastFromSend.p99,
		show: ms,
		ratio: true
	},
	{ label: 'question→each p50', value: (r) => r.questionEach.p50, show: ms, ratio: true },
	{ label: 'question→each p99', value: (r) => r.questionEach.p99, show: ms, ratio: true },
	{ label: 'vote→all p50', value: (r) => r.voteLast.p50, show: ms, ratio: true },
	{ label: 'vote→all p99', value: (r) => r.voteLast.p99, show: ms, ratio: true },
	{ label: 'vote ack p50', value: (r) => r.ackMs.p50, show: ms, ratio: true },
	{ label: 'vote ack p99', value: (r) => r.ackMs.p99, show: ms, ratio: true },
	{
		label: 'CPU/participant/s',
		value: (r) => cpuPerParticipantSecond(r, 'measured'),
		show: us,
		ratio: true
	},
	{
		label: 'CPU/participant/s idle',
		value: (r) => cpuPerParticipantSecond(r, 'idle'),
		show: us,
		// Ticks of 10 ms over 2 s: a ratio of two such readings says nothing.
		ratio: false
	},
	{
		label: 'CPU per approval',
		value: (r) => (r.cpu && r.approved ? r.cpu.approve / r.approved : null),
		show: ms,
		ratio: true
	},
	{
		label: 'CPU per vote',
		value: (r) =>
			r.cpu && r.counters.votesChanged ? (r.cpu.vote * 1000) / r.counters.votesChanged : null,
		show: us,
		ratio: true
	},
	{
		label: 'server CPU (measured)',
		value: (r) => r.cpu?.measured ?? null,
		show: (v) => `${Math.round(v)} ms`,
		ratio: true
	},
	{
		label: 'measured wall time',
		value: (r) => r.wall.measured,
		show: (v) => `${(v / 1000).toFixed(1)} s`
	}
];

function printReport(results: RunResult[]): boolean {
	const byKind = (kind: Kind) => results.filter((r) => r.kind === kind);
	const columns = [byKind('anda'), byKind('floor')].filter((runs) => runs.length > 0);
	console.log('');
	console.log(
		`bench:qa  mode=${mode}  participants=${participants}  procs=${procs}  questions=${questionCount}  ` +
			`votes=${votesEach} each at ${voteRate}/s  unvotes=${Math.round(unvoteShare * 100)}%` +
			(rounds > 1 ? `  rounds=${rounds} (medians)` : '')
	);
	console.log('');
	for (const l of compareTable(LINES, columns)) console.log(l);
	console.log('');
	console.log(
		'question→all: approve ack → the last phone has it in qa:view (per question); →each: every\n' +
			'phone receipt (negative: before the ack). vote→all: vote ack → every phone shows a count ≥\n' +
			'the acked one (qa:votes, batched every 250 ms). CPU: the server process over approve + vote +\n' +
			'unvote; per approval and per vote: the phase CPU (sockets held included) over its count.'
	);
	console.log('');
	let ok = true;
	for (const r of results) {
		const c = r.counters;
		const problems: string[] = [];
		if (r.failure) problems.push(r.failure);
		if (c.joined < participants)
			problems.push(`joined ${c.joined}/${participants} (${codes(c.joinErrors)})`);
		if (r.approved < questionCount) {
			problems.push(
				`approved ${r.approved}/${questionCount} (${codes({ ...c.askErrors, ...r.approveErrors })})`
			);
		}
		if (r.counted !== r.cast) problems.push(`votes cast ${r.cast} ≠ counted ${r.counted ?? '?'}`);
		if (r.phonesOff) problems.push(`${r.phonesOff} questions end on another count on some phone`);
		const voteErrs = codes({ ...c.voteErrors, ...c.unvoteErrors });
		if (voteErrs) problems.push(`vote errors: ${voteErrs}`);
		if (c.unacked) problems.push(`${c.unacked} votes unacked`);
		if (r.questionsMissing) problems.push(`${r.questionsMissing} questions missed by some phone`);
		if (r.votesMissing) problems.push(`${r.votesMissing} acked counts never reached every phone`);
		if (r.framesIncomplete) problems.push(`${r.framesIncomplete} vote frames missed by some phone`);
		if (c.disconnects) problems.push(`${c.disconnects} phones disconnected`);
		const detail = [
			`join p50 ${fmtMs(r.joinMs.p50)} p99 ${fmtMs(r.joinMs.p99)}`,
			`votes ${c.votesChanged} − unvotes ${c.unvotesChanged}`,
			r.cpu
				? `CPU ms: idle ${Math.round(r.cpu.idle)} (${(r.wall.idle / 1000).toFixed(1)} s) · approve ${Math.round(r.cpu.approve)} (${(r.wall.approve / 1000).toFixed(1)} s) · vote ${Math.round(r.cpu.vote)} (${(r.wall.vote / 1000).toFixed(1)} s) · unvote ${Math.round(r.cpu.unvote)} (${(r.wall.unvote / 1000).toFixed(1)} s)`
				: 'CPU n/a',
			r.redisCpuMs !== null ? `redis CPU ${Math.round(r.redisCpuMs)} ms` : '',
			r.phonesCpuMs !== null && r.cpu
				? `phones' CPU ${Math.round(r.phonesCpuMs)} ms (${Math.round((r.phonesCpuMs / r.wall.measured) * 100)}% of a core)`
				: '',
			`load ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)} (${cpus().length} cores)`,
			r.rss !== null ? `RSS ${r.rss} MB` : ''
		].filter(Boolean);
		console.log(`${r.kind}${rounds > 1 ? ` #${r.round}` : ''}: ${detail.join(' · ')}`);
		if (problems.length) {
			ok = false;
			console.log(`${r.kind} FAILED: ${problems.join('; ')}`);
		}
	}
	return ok;
}

// ——— main ———

/** Stops everything now: children killed, the run's Redis keys dropped (bounded), then exit. */
let current: Run | null = null;
let aborting = false;
function abort(why: string, code: number) {
	if (aborting) return;
	aborting = true;
	console.error(`bench:qa: ${why}; stopping`);
	for (const c of children) c.kill('SIGKILL');
	const prefix = current?.keyPrefix;
	const drop = prefix ? dropPrefix([redisUrl!], prefix, 'bench:qa') : Promise.resolve();
	void Promise.race([drop, sleep(5000)]).then(() => process.exit(code));
}
const hardTimer = setTimeout(() => abort(`hard timeout after ${timeoutS} s`, 1), timeoutS * 1000);
process.on('SIGINT', () => abort('interrupted', 130));
process.on('SIGTERM', () => abort('terminated', 143));

console.error(
	`bench:qa: ${participants} participants over ${procs} procs, mode ${mode}${opts['no-floor'] ? '' : ', then the floor'}`
);
const results: RunResult[] = [];
for (let round = 1; round <= rounds; round++) {
	for (const kind of (opts['no-floor'] ? ['anda'] : ['anda', 'floor']) as Kind[]) {
		current = new Run(kind, round);
		results.push(await current.execute());
	}
}
current = null;
clearTimeout(hardTimer);
const ok = printReport(results);
process.exit(ok ? 0 : 1);
