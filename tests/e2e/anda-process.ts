// An Anda process of a browser test's own, to stop and start again on the same port: the built
// production entry, as `npm run serve` runs it, with its own record file (and Redis if asked).
// Playwright's webServer cannot be restarted from a test; these can. The process itself is the
// fault tests' (tests/support/faults/anda-process.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AndaProcess } from '../support/faults/anda-process';
import { freePort } from '../support/faults/ports';

export interface RestartableAnda {
	readonly url: string;
	/** Its record file (a test may open the same records in-process, e.g. to set up an event). */
	readonly sqlitePath: string;
	/** Stops the process with `signal` (SIGTERM: graceful; SIGKILL: a crash) and waits for it. */
	stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
	/** Starts it again on the same port, with the same settings and record file. */
	restart(): Promise<void>;
	/** Stops it if running and removes its files. */
	dispose(): Promise<void>;
}

export async function startAnda(
	opts: { redisUrl?: string; redisPrefix?: string } = {}
): Promise<RestartableAnda> {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'anda-e2e-proc-'));
	const sqlitePath = join(dir, 'anda.sqlite');
	const env = {
		PORT: String(port),
		SQLITE_PATH: sqlitePath,
		REDIS_URL: opts.redisUrl,
		REDIS_PREFIX: opts.redisPrefix
	};
	// Started once the pages and sockets are served, not merely once it listens.
	const launch = async () => {
		const p = await AndaProcess.start({ env, entry: 'built' });
		await p.waitForLine((l) => l.msg.startsWith('Anda is running'), 30_000);
		return p;
	};
	let proc = await launch();
	return {
		url: `http://127.0.0.1:${port}`,
		sqlitePath,
		stop: (signal = 'SIGTERM') => (signal === 'SIGKILL' ? proc.kill() : proc.stop()),
		async restart() {
			proc = await launch();
		},
		async dispose() {
			await proc.kill();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
