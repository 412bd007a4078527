// An Anda process of a browser test's own, to stop and start again on the same port: the built
// production entry, as `npm run serve` runs it, with its own record file (and Redis if asked).
// Playwright's webServer cannot be restarted from a test; these can.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A port nobody listens on now (the OS picks it), for a process to be restarted on. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

export interface AndaProcess {
	readonly url: string;
	/** Stops the process with `signal` (SIGTERM: graceful; SIGKILL: a crash) and waits for it. */
	stop(signal?: NodeJS.Signals): Promise<void>;
	/** Starts it again on the same port, with the same settings and record file. */
	restart(): Promise<void>;
	/** Stops it if running and removes its files. */
	dispose(): Promise<void>;
}

const READY_MS = 30_000;

async function answering(url: string): Promise<boolean> {
	try {
		return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
	} catch {
		return false;
	}
}

export async function startAnda(opts: { redisUrl?: string } = {}): Promise<AndaProcess> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const dir = mkdtempSync(join(tmpdir(), 'anda-e2e-proc-'));
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		SQLITE_PATH: join(dir, 'anda.sqlite'),
		LOG_LEVEL: 'warn'
	};
	delete env.REDIS_URL;
	delete env.DATABASE_URL;
	if (opts.redisUrl) env.REDIS_URL = opts.redisUrl;

	let child: ChildProcess | null = null;
	let output = '';
	async function launch() {
		const proc = spawn(process.execPath, ['build-server/main.js'], {
			env,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child = proc;
		proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
		proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
		const end = Date.now() + READY_MS;
		while (!(await answering(url))) {
			if (proc.exitCode !== null) throw new Error(`Anda exited (${proc.exitCode}): ${output}`);
			if (Date.now() > end) throw new Error(`Anda did not answer on ${url}: ${output}`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	async function stop(signal: NodeJS.Signals = 'SIGTERM') {
		const proc = child;
		child = null;
		if (!proc || proc.exitCode !== null) return;
		const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
		proc.kill(signal);
		await exited;
	}

	await launch();
	return {
		url,
		stop,
		restart: launch,
		async dispose() {
			await stop('SIGKILL');
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
