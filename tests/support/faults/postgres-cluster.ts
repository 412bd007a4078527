// A throwaway PostgreSQL server of the fault tests' own, on its own port and in its own temp
// directory, that a test can stop dead (`pg_ctl stop -m immediate`) and start again. The binaries
// are Debian's (/usr/lib/postgresql/<version>/bin), ANDA_PG_BIN's, or whatever is on PATH. As root
// (CI) the server runs as the `postgres` user, which PostgreSQL requires.
import { execFile } from 'node:child_process';
import {
	accessSync,
	chownSync,
	constants,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports';

const run = promisify(execFile);

export interface PostgresBinaries {
	initdb: string;
	pgCtl: string;
	/** The command prefix that runs them as the right user (runuser as root, nothing otherwise). */
	asUser: string[];
	/** The owner the data directory must have, as root. */
	owner: { uid: number; gid: number } | null;
}

function executable(path: string): boolean {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** Debian's versioned directories, newest first. */
function debianBinDirs(): string[] {
	try {
		return readdirSync('/usr/lib/postgresql')
			.filter((v) => /^\d+$/.test(v))
			.sort((a, b) => Number(b) - Number(a))
			.map((v) => `/usr/lib/postgresql/${v}/bin`);
	} catch {
		return [];
	}
}

function onPath(name: string): string | null {
	for (const dir of (process.env.PATH ?? '').split(delimiter)) {
		if (dir && executable(join(dir, name))) return join(dir, name);
	}
	return null;
}

function postgresUser(): { uid: number; gid: number } | null {
	try {
		for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
			const [name, , uid, gid] = line.split(':');
			if (name === 'postgres') return { uid: Number(uid), gid: Number(gid) };
		}
	} catch {
		// no passwd file: not a system this can run on as root
	}
	return null;
}

/** Where initdb and pg_ctl are, or why they cannot be used here. */
export function findPostgres(): PostgresBinaries | { missing: string } {
	const dirs = [process.env.ANDA_PG_BIN, ...debianBinDirs()].filter((d): d is string => !!d);
	let initdb: string | null = null;
	let pgCtl: string | null = null;
	for (const dir of dirs) {
		if (executable(join(dir, 'initdb')) && executable(join(dir, 'pg_ctl'))) {
			initdb = join(dir, 'initdb');
			pgCtl = join(dir, 'pg_ctl');
			break;
		}
	}
	initdb ??= onPath('initdb');
	pgCtl ??= onPath('pg_ctl');
	if (!initdb || !pgCtl) {
		return {
			missing:
				'PostgreSQL server binaries (initdb, pg_ctl) not found in ANDA_PG_BIN, /usr/lib/postgresql/*/bin or PATH (Debian: apt-get install postgresql)'
		};
	}
	if (process.getuid?.() !== 0) return { initdb, pgCtl, asUser: [], owner: null };
	const owner = postgresUser();
	const runuser =
		onPath('runuser') ?? (executable('/usr/sbin/runuser') ? '/usr/sbin/runuser' : null);
	if (!owner || !runuser) {
		return {
			missing:
				'running as root, but there is no `postgres` user or no runuser to run PostgreSQL as it'
		};
	}
	return { initdb, pgCtl, asUser: [runuser, '-u', 'postgres', '--'], owner };
}

export class PostgresCluster {
	private running = false;

	private constructor(
		private readonly bin: PostgresBinaries,
		private readonly dir: string,
		readonly port: number
	) {}

	private get data() {
		return join(this.dir, 'data');
	}

	/** A new, stopped cluster (trust auth, superuser `postgres`) that will listen on `port`. */
	static async create(bin: PostgresBinaries, port?: number): Promise<PostgresCluster> {
		const dir = mkdtempSync(join(tmpdir(), 'anda-pg-'));
		if (bin.owner) chownSync(dir, bin.owner.uid, bin.owner.gid);
		const cluster = new PostgresCluster(bin, dir, port ?? (await freePort()));
		try {
			await cluster.pg(bin.initdb, [
				'-D',
				cluster.data,
				'-A',
				'trust',
				'-U',
				'postgres',
				'-E',
				'UTF8',
				'--locale=C',
				'--no-sync'
			]);
		} catch (e) {
			rmSync(dir, { recursive: true, force: true });
			throw e;
		}
		return cluster;
	}

	/** A connection URL for database `db` (the cluster has `postgres` to begin with). */
	url(db = 'postgres'): string {
		return `postgres://postgres@127.0.0.1:${this.port}/${db}`;
	}

	/** Starts the server and waits until it accepts connections. */
	async start(): Promise<void> {
		if (this.running) return;
		// Durability settings off: the tests stop the server, never the machine.
		const options = [
			`-p ${this.port}`,
			`-k ${this.dir}`,
			'-c listen_addresses=127.0.0.1',
			'-c fsync=off',
			'-c full_page_writes=off',
			'-c shared_buffers=16MB',
			'-c max_connections=50'
		].join(' ');
		await this.pg(this.bin.pgCtl, [
			'-D',
			this.data,
			'-l',
			join(this.dir, 'server.log'),
			'-o',
			options,
			'-w',
			'-t',
			'30',
			'start'
		]);
		this.running = true;
	}

	/** Stops the server: `immediate` drops every connection at once, as a crash would. */
	async stop(mode: 'immediate' | 'fast' = 'immediate'): Promise<void> {
		if (!this.running) return;
		await this.pg(this.bin.pgCtl, ['-D', this.data, '-m', mode, '-w', '-t', '30', 'stop']);
		this.running = false;
	}

	/** Stops the server if it runs and removes its directory. */
	async dispose(): Promise<void> {
		await this.stop().catch(() => {});
		rmSync(this.dir, { recursive: true, force: true });
	}

	/** The server's own log, for a failing test's message. */
	serverLog(): string {
		try {
			return readFileSync(join(this.dir, 'server.log'), 'utf8');
		} catch {
			return '';
		}
	}

	private async pg(binary: string, args: string[]): Promise<void> {
		const [cmd, ...prefix] = [...this.bin.asUser, binary];
		try {
			await run(cmd!, [...prefix, ...args], { cwd: this.dir, timeout: 60_000 });
		} catch (e) {
			const err = e as Error & { stderr?: string; stdout?: string };
			throw new Error(
				`${binary} ${args.at(-1)} failed: ${err.message}\n${err.stderr ?? ''}${err.stdout ?? ''}`
			);
		}
	}
}
