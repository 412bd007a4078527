// A throwaway Redis of the fault tests' own: `redis-server` on its own port, started and killed
// by the test. No persistence, or with `aof` an append-only file fsynced on every write, so that
// what Redis acknowledged survives a kill -9 and a restart (as a production Redis should be set).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { redisAvailable } from '../services';
import { freePort } from './ports';

/** The redis-server binary (ANDA_REDIS_SERVER, PATH, /usr/bin), or why there is none. */
export function findRedisServer(): { path: string } | { missing: string } {
	const candidates = [
		process.env.ANDA_REDIS_SERVER,
		...(process.env.PATH ?? '').split(delimiter).map((d) => d && join(d, 'redis-server')),
		'/usr/bin/redis-server'
	];
	for (const c of candidates) {
		if (!c) continue;
		try {
			accessSync(c, constants.X_OK);
			return { path: c };
		} catch {
			// not this one
		}
	}
	return { missing: 'redis-server not found on PATH (Debian: apt-get install redis-server)' };
}

export class RedisProcess {
	private child: ChildProcess | null = null;
	private readonly dir = mkdtempSync(join(tmpdir(), 'anda-redis-'));

	private constructor(
		private readonly binary: string,
		readonly port: number,
		private readonly aof: boolean
	) {}

	static async create(
		binary: string,
		port?: number,
		opts: { aof?: boolean } = {}
	): Promise<RedisProcess> {
		return new RedisProcess(binary, port ?? (await freePort()), opts.aof ?? false);
	}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	/** Starts it and waits (bounded) until it answers PING. */
	async start(): Promise<void> {
		const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', ''];
		if (this.aof) args.push('--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir);
		else args.push('--appendonly', 'no', '--dir', this.dir);
		const child = spawn(this.binary, args, { stdio: 'ignore' });
		this.child = child;
		for (let i = 0; i < 100; i++) {
			if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
			if (await redisAvailable(this.url)) return;
			await new Promise((r) => setTimeout(r, 50));
		}
		throw new Error(`redis-server on port ${this.port} did not answer within 5 s`);
	}

	/** Kills it dead (SIGKILL) and waits for the exit. */
	async kill(): Promise<void> {
		const child = this.child;
		this.child = null;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGKILL');
		await exited;
	}

	async dispose(): Promise<void> {
		await this.kill();
		rmSync(this.dir, { recursive: true, force: true });
	}
}
