// A livestream's audience arrives at once: the server's accept queue is as long as the kernel allows,
// not Node's default 511, so a join storm is queued rather than dropped (bench:room --storm).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AndaProcess } from '../support/faults/anda-process';

/** The backlog of the socket listening on `port`: ss shows it as Send-Q of a listening socket. */
function listenBacklog(port: number): number {
	const out = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' }).trim();
	const fields = out.split(/\s+/);
	return Number(fields[2]);
}

describe('accept queue', () => {
	const dir = mkdtempSync(join(tmpdir(), 'anda-backlog-'));
	let anda: AndaProcess | null = null;
	afterAll(async () => {
		await anda?.kill();
		rmSync(dir, { recursive: true, force: true });
	});

	it('listens with a backlog of 4096, or the kernel cap if lower', async () => {
		anda = await AndaProcess.start({
			env: { SQLITE_PATH: join(dir, 'anda.sqlite'), BANKS_DIR: 'question-banks' }
		});
		const somaxconn = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
		expect(listenBacklog(Number(new URL(anda.url).port))).toBe(Math.min(4096, somaxconn));
	}, 30_000);
});
