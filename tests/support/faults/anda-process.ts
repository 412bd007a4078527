// An Anda server in a child process of its own, so that a crash is observable (the process
// exits) and a fault cannot take the test runner down with it. Its JSON log lines are kept for
// assertions. `source` runs tests/support/faults/anda-server.ts through tsx (no build needed);
// `built` runs the production build, build-server/main.js (after `npm run build`).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCE_ENTRY = fileURLToPath(new URL('./anda-server.ts', import.meta.url));
const BUILT_ENTRY = fileURLToPath(new URL('../../../build-server/main.js', import.meta.url));

export type Entry = 'source' | 'built';

export interface LogLine {
	level: number;
	msg: string;
	[field: string]: unknown;
}

export interface AndaProcessOptions {
	/** The stores and settings: DATABASE_URL, REDIS_URL, SQLITE_PATH, BANKS_DIR… */
	env: Record<string, string | undefined>;
	entry?: Entry;
	/** How long to wait for the server to listen. */
	timeoutMs?: number;
}

export class AndaProcess {
	readonly lines: LogLine[] = [];
	/** Output that is not a JSON log line (a crash's stack trace goes to stderr). */
	private other = '';
	private waiters = new Set<() => void>();

	private constructor(
		private readonly child: ChildProcess,
		private port = 0
	) {
		let buffered = '';
		child.stdout!.setEncoding('utf8');
		child.stdout!.on('data', (chunk: string) => {
			buffered += chunk;
			let nl: number;
			while ((nl = buffered.indexOf('\n')) !== -1) {
				this.take(buffered.slice(0, nl));
				buffered = buffered.slice(nl + 1);
			}
		});
		child.stderr!.setEncoding('utf8');
		child.stderr!.on('data', (chunk: string) => {
			this.other += chunk;
			this.notify();
		});
		child.on('exit', () => this.notify());
	}

	static async start(opts: AndaProcessOptions): Promise<AndaProcess> {
		const entry = opts.entry ?? 'source';
		if (entry === 'built' && !existsSync(BUILT_ENTRY)) {
			throw new Error(`${BUILT_ENTRY} is missing: run \`npm run build\` first`);
		}
		const args = entry === 'built' ? [BUILT_ENTRY] : ['--import', 'tsx', SOURCE_ENTRY];
		const env: NodeJS.ProcessEnv = { ...process.env };
		// The runner's own settings must not leak in (vitest's would silence the log).
		for (const k of ['VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'DATABASE_URL', 'REDIS_URL']) {
			delete env[k];
		}
		Object.assign(env, {
			PORT: '0',
			HOST: '127.0.0.1',
			LOG_LEVEL: 'info',
			LOG_FORMAT: 'json',
			NODE_ENV: 'production'
		});
		for (const [k, v] of Object.entries(opts.env)) {
			if (v === undefined) delete env[k];
			else env[k] = v;
		}
		const child = spawn(process.execPath, args, {
			cwd: ROOT,
			env,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const proc = new AndaProcess(child);
		try {
			const line = await proc.waitForLine((l) => l.msg.startsWith('listening on'), opts.timeoutMs);
			proc.port = Number(line.port);
		} catch (e) {
			await proc.kill();
			throw e;
		}
		return proc;
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get pid(): number {
		return this.child.pid ?? -1;
	}

	/** Whether the process has exited (crashed, unless stop() was called). */
	get exited(): boolean {
		return this.child.exitCode !== null || this.child.signalCode !== null;
	}

	/** The exit and anything it wrote outside the log, for a failing test's message. */
	describe(): string {
		const how = this.exited
			? `exited (code ${this.child.exitCode}, signal ${this.child.signalCode})`
			: 'running';
		return `Anda process ${this.pid} ${how}${this.other ? `; stderr:\n${this.other.slice(-4000)}` : ''}`;
	}

	/** Resolves with the first log line (from the start) that matches; rejects on timeout or exit. */
	waitForLine(match: (line: LogLine) => boolean, timeoutMs = 20_000, from = 0): Promise<LogLine> {
		return new Promise((resolve, reject) => {
			const check = () => {
				const found = this.lines.slice(from).find(match);
				if (found) return done(() => resolve(found));
				if (this.exited) return done(() => reject(new Error(this.describe())));
			};
			const timer = setTimeout(
				() =>
					done(() =>
						reject(new Error(`no matching log line within ${timeoutMs} ms; ${this.describe()}`))
					),
				timeoutMs
			);
			const done = (settle: () => void) => {
				clearTimeout(timer);
				this.waiters.delete(check);
				settle();
			};
			this.waiters.add(check);
			check();
		});
	}

	/** Graceful stop (SIGTERM), then SIGKILL if it takes over `graceMs`. Resolves on exit. */
	async stop(graceMs = 5000): Promise<void> {
		if (this.exited) return;
		const exited = new Promise((r) => this.child.once('close', r));
		this.child.kill('SIGTERM');
		const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
	}

	/** Kills it dead (SIGKILL). */
	async kill(): Promise<void> {
		if (this.exited) return;
		const exited = new Promise((r) => this.child.once('close', r));
		this.child.kill('SIGKILL');
		await exited;
	}

	private take(text: string) {
		if (!text.trim()) return;
		try {
			const parsed = JSON.parse(text) as LogLine;
			if (typeof parsed.msg === 'string') {
				this.lines.push(parsed);
				return this.notify();
			}
		} catch {
			// not a log line
		}
		this.other += `${text}\n`;
		this.notify();
	}

	private notify() {
		for (const w of [...this.waiters]) w();
	}
}

/** GET (or another method) with a bounded wait; resolves with the status and text body. */
export async function request(
	url: string,
	init: RequestInit & { timeoutMs?: number } = {}
): Promise<{ status: number; text: string; json: () => unknown }> {
	const res = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 5000) });
	const text = await res.text();
	return { status: res.status, text, json: () => JSON.parse(text) as unknown };
}
