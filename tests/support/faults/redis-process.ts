// A throwaway Redis of the fault tests' own: `redis-server` on its own port, started and killed
// by the test. No persistence, or with `aof` an append-only file fsynced on every write, so that
// what Redis acknowledged survives a kill -9 and a restart (as a production Redis should be set).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { redisAvailable } from '../services';
import { freePort } from './ports';

/** A Redis binary (`name`: redis-server, redis-cli) from `envVar`, PATH or /usr/bin, or why none. */
export function findRedisBinary(
	name: string,
	envVar: string
): { path: string } | { missing: string } {
	const candidates = [
		process.env[envVar],
		...(process.env.PATH ?? '').split(delimiter).map((d) => d && join(d, name)),
		`/usr/bin/${name}`
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
	return { missing: `${name} not found on PATH (Debian: apt-get install redis-server)` };
}

/** The redis-server binary (ANDA_REDIS_SERVER, PATH, /usr/bin), or why there is none. */
export function findRedisServer(): { path: string } | { missing: string } {
	return findRedisBinary('redis-server', 'ANDA_REDIS_SERVER');
}

/** The redis-cli binary (ANDA_REDIS_CLI, PATH, /usr/bin): Debian ships it with redis-server. */
export function findRedisCli(): { path: string } | { missing: string } {
	return findRedisBinary('redis-cli', 'ANDA_REDIS_CLI');
}

export class RedisProcess {
	private child: ChildProcess | null = null;
	private readonly dir = mkdtempSync(join(tmpdir(), 'anda-redis-'));

	private constructor(
		private readonly binary: string,
		readonly port: number,
		private readonly aof: boolean,
		private readonly cluster: boolean
	) {}

	/** `cluster`: a node of a Redis Cluster (its node table in this process's own directory). */
	static async create(
		binary: string,
		port?: number,
		opts: { aof?: boolean; cluster?: boolean } = {}
	): Promise<RedisProcess> {
		const at = port ?? (await freePort());
		return new RedisProcess(binary, at, opts.aof ?? false, opts.cluster ?? false);
	}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	/** Starts it and waits (bounded) until it answers PING. */
	async start(): Promise<void> {
		const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', ''];
		if (this.aof) args.push('--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir);
		else args.push('--appendonly', 'no', '--dir', this.dir);
		if (this.cluster) {
			const table = join(this.dir, `nodes-${this.port}.conf`);
			args.push('--cluster-enabled', 'yes', '--cluster-config-file', table);
		}
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
