// A forked Anda socket process with an IPC channel (anda-child.ts), for scenarios
// that need what HTTP does not give: rooms of a fixture quiz, and the process's clock owner id
// (to find which process holds a room's lease). Everything binds to 127.0.0.1; waits are bounded.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Quiz } from '../../../src/lib/domain/question';
import type { ChildMessage, ChildOptions, ParentMessage } from './anda-child';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function exited(child: ChildProcess, ms: number): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	await Promise.race([new Promise((r) => child.once('exit', r)), sleep(ms)]);
}

/** A forked Anda socket process (anda-child.ts). */
export class IpcAnda {
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

	static async start(opts: ChildOptions, timeoutMs = 20_000): Promise<IpcAnda> {
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
		const p = new IpcAnda(child);
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
