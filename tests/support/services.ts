// Reachability checks for the external services the integration suites need. A suite whose service
// is down skips with one line on stderr, or fails when ANDA_REQUIRE_SERVICES=1 (CI).
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import pg from 'pg';
import { redactUrl } from '../../src/lib/server/redact-url';

export const REQUIRE_SERVICES = process.env.ANDA_REQUIRE_SERVICES === '1';

const TIMEOUT_MS = 1000;

/** A service URL fit for a log line: any password masked. */
export const redacted = redactUrl;

/** Whether a PostgreSQL server accepts a connection and a query at this URL. */
export async function postgresAvailable(url: string): Promise<boolean> {
	const client = new pg.Client({
		connectionString: url,
		connectionTimeoutMillis: TIMEOUT_MS,
		query_timeout: TIMEOUT_MS
	});
	// A failed connection still emits 'error' later on some paths; keep it from going unhandled.
	client.on('error', () => {});
	try {
		await client.connect();
		await client.query('SELECT 1');
		return true;
	} catch {
		return false;
	} finally {
		await client.end().catch(() => {});
	}
}

/** RESP encoding, so that passwords with spaces survive. */
function command(...args: string[]): string {
	return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/** Whether a Redis server answers PING with +PONG at this URL (redis:// or rediss://). */
export function redisAvailable(url: string): Promise<boolean> {
	let u: URL;
	try {
		u = new URL(url);
	} catch {
		return Promise.resolve(false);
	}
	const host = u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
	const port = Number(u.port || 6379);
	const password = decodeURIComponent(u.password);
	const user = decodeURIComponent(u.username);
	return new Promise((resolve) => {
		let reply = '';
		// eslint-disable-next-line prefer-const -- assigned after the callbacks that close over it
		let socket: Socket;
		const done = (ok: boolean) => {
			clearTimeout(timer);
			socket.destroy();
			resolve(ok);
		};
		const timer = setTimeout(() => done(false), TIMEOUT_MS);
		const onConnect = () => {
			const auth = password ? command('AUTH', ...(user ? [user] : []), password) : '';
			socket.write(auth + 'PING\r\n');
		};
		socket =
			u.protocol === 'rediss:'
				? tlsConnect({ host, port, servername: host }, onConnect)
				: tcpConnect({ host, port }, onConnect);
		socket.setEncoding('utf8');
		socket.on('data', (chunk: string) => {
			reply += chunk;
			if (reply.startsWith('-')) done(false);
			else if (reply.includes('+PONG\r\n')) done(true);
		});
		socket.on('error', () => done(false));
		socket.on('close', () => done(false));
	});
}
