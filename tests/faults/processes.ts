// Processes a fault scenario owns and kills: a redis-server on its own port and data folder (AOF
// with fsync on every write, so that what Redis acknowledged survives a kill -9), and forked Anda
// socket processes. Everything binds to 127.0.0.1; every wait is bounded.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import type { Quiz } from '../../src/lib/domain/question';
import type { ChildMessage, ChildOptions, ParentMessage } from './anda-child';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function exited(child: ChildProcess, ms: number): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	await Promise.race([new Promise((r) => child.once('exit', r)), sleep(ms)]);
}

export class RedisProcess {
	private child: ChildProcess | null = null;
	constructor(
		readonly port: number,
		readonly dir: string
	) {}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	async start(timeoutMs = 5000): Promise<void> {
		this.child = spawn(
			'redis-server',
			[
				...['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir],
				...['--appendonly', 'yes', '--appendfsync', 'always', '--save', ''],
				...['--protected-mode', 'no', '--loglevel', 'warning']
			],
			{ stdio: 'ignore' }
		);
		const until = Date.now() + timeoutMs;
		while (Date.now() < until) {
			if (await this.answers()) return;
			await sleep(50);
		}
		throw new Error(`redis-server on ${this.port} did not answer within ${timeoutMs} ms`);
	}

	/** kill -9: no save, no goodbye to clients. */
	async kill(): Promise<void> {
		const child = this.child;
		this.child = null;
		if (!child) return;
		child.kill('SIGKILL');
		await exited(child, 3000);
	}

	private async answers(): Promise<boolean> {
		const c = createClient({ url: this.url, socket: { reconnectStrategy: false } });
		c.on('error', () => {});
		try {
			await c.connect();
			return (await c.ping()) === 'PONG';
		} catch {
			return false;
		} finally {
			await c.disconnect().catch(() => {});
		}
	}
}

/** A forked Anda socket process (tests/faults/anda-child.ts). */
export class AndaProcess {
	readonly unhandled: string[] = [];
	readonly uncaught: string[] = [];
	/** The process's log (LOG_LEVEL from the parent's ANDA_FAULT_LOG, else warnings only). */
	readonly log: string[] = [];
	url = '';
	owner = '';
	private constructor(private readonly child: ChildProcess) {
		child.stdout?.on('data', (b: Buffer) => this.log.push(b.toString()));
		child.stderr?.on('data', (b: Buffer) => this.log.push(b.toString()));
		child.on('message', (m: ChildMessage) => {
			if (m.type === 'unhandled') this.unhandled.push(m.message);
			if (m.type === 'uncaught') this.uncaught.push(m.message);
		});
	}

	static async start(opts: ChildOptions, timeoutMs = 20_000): Promise<AndaProcess> {
		const script = fileURLToPath(new URL('./anda-child.ts', import.meta.url));
		const child = fork(script, [], {
			execArgv: ['--import', 'tsx'],
			env: {
				...process.env,
				ANDA_CHILD: JSON.stringify(opts),
				LOG_LEVEL: process.env.ANDA_FAULT_LOG ?? 'warn'
			},
			stdio: ['ignore', 'pipe', 'pipe', 'ipc']
		});
		const p = new AndaProcess(child);
		const ready = await p.next((m) => m.type === 'ready', timeoutMs, 'ready');
		if (ready.type === 'ready') {
			p.url = ready.url;
			p.owner = ready.owner;
		}
		return p;
	}

	/** Whether the process is still running (false: it exited, i.e. crashed, or was killed). */
	get alive(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	async createRoom(quiz: Quiz): Promise<{ pin: string; hostSecret: string }> {
		const reply = this.next((m) => m.type === 'room', 10_000, 'createRoom');
		this.child.send({ type: 'createRoom', quiz } satisfies ParentMessage);
		const m = await reply;
		if (m.type !== 'room') throw new Error('no room');
		return { pin: m.pin, hostSecret: m.hostSecret };
	}

	async kill(): Promise<void> {
		this.child.kill('SIGKILL');
		await exited(this.child, 5000);
	}

	private next(
		match: (m: ChildMessage) => boolean,
		ms: number,
		what: string
	): Promise<ChildMessage> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				cleanup();
				reject(new Error(`Anda child: no ${what} within ${ms} ms`));
			}, ms);
			const onMessage = (m: ChildMessage) => {
				if (!match(m)) return;
				cleanup();
				resolve(m);
			};
			const onExit = (code: number | null) => {
				cleanup();
				reject(new Error(`Anda child exited (${code}) before ${what}`));
			};
			const cleanup = () => {
				clearTimeout(timer);
				this.child.off('message', onMessage);
				this.child.off('exit', onExit);
			};
			this.child.on('message', onMessage);
			this.child.once('exit', onExit);
		});
	}
}
