// Production entry: one HTTP server serves the SvelteKit pages (adapter-node's handler) and the
// Socket.IO gateway. Handles PORT, HOST and graceful shutdown.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appContext } from '../lib/server/app-context';
import { ADAPTER_BODY_LIMIT } from '../lib/server/http/body-limits';
import { configuredOrigin } from '../lib/server/http/public-origin';
import { applySecurityHeaders } from '../lib/server/http/security-headers';
import { log } from '../lib/server/log';
import { attachGateway } from '../lib/server/realtime/gateway';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

// adapter-node takes a request's protocol to be https unless ORIGIN or PROTOCOL_HEADER says
// otherwise, and SvelteKit's CSRF check then refuses every form post made over plain HTTP (the
// browser's Origin is http://…). This server speaks plain HTTP, so when the operator has set
// neither, requests are stamped with the protocol they really arrived on (any client value is
// overwritten). Behind a TLS proxy, set ORIGIN (or PROTOCOL_HEADER) as before.
const STAMP = 'x-anda-protocol';
const stampProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (stampProtocol) process.env.PROTOCOL_HEADER = STAMP;

// adapter-node has one body limit for every route: the largest (a question-bank upload's), as a
// backstop. Each route's own limit, 64 KB for all but the upload, is enforced in hooks.server.ts
// (see src/lib/server/http/body-limits.ts).
process.env.BODY_SIZE_LIMIT ??= String(ADAPTER_BODY_LIMIT);
const origin = configuredOrigin();

const ctx = await appContext();
const handlerUrl = new URL('../build/handler.js', import.meta.url).href;
const { handler } = (await import(handlerUrl)) as {
	handler: (req: unknown, res: unknown, next?: () => void) => void;
};
const server = createServer((req, res) => {
	if (stampProtocol) req.headers[STAMP] = 'http';
	// Every answer, static files included; SvelteKit's own headers (a page's CSP) replace these.
	applySecurityHeaders(
		(n) => res.hasHeader(n),
		(n, v) => res.setHeader(n, v)
	);
	handler(req, res);
});
const gateway = await attachGateway(server, ctx, {
	allowedOrigins: origin ? [origin] : []
});

server.listen(port, host, () => {
	// The port bound, which differs from PORT when that is 0 (any free port, as tests ask for).
	const bound = (server.address() as AddressInfo).port;
	const live = ctx.live.kind === 'redis' ? 'Redis' : 'memory (embedded)';
	const records =
		ctx.records.kind === 'postgres' ? 'PostgreSQL' : `SQLite (${ctx.config.sqlitePath})`;
	log.info(
		{ port: bound, host, live, records },
		`Anda is running on http://localhost:${bound}  · live state: ${live} · records: ${records}`
	);
	// A fresh install has no account yet: say where the first (admin) one is created.
	void ctx.auth
		.needsSetup()
		.then((fresh) => {
			if (fresh) {
				const base = origin ?? `http://localhost:${bound}`;
				log.info(`No account yet: create the admin account at ${base}/setup`);
			}
		})
		.catch((err: unknown) => log.error({ err }, 'setup check failed'));
});

let stopping = false;
async function shutdown(signal: string) {
	if (stopping) return;
	stopping = true;
	const sockets = gateway.io.of('/').sockets.size;
	log.info(
		{ signal, sockets },
		`${signal}: draining (clients are told to reconnect), then closing`
	);
	server.closeIdleConnections();
	await gateway.close();
	server.close();
	await ctx.close();
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
// A store that drops mid-operation must not take the process (and every room it serves) down:
// the rooms' pending work is resumed by their clocks, so a stray rejection is logged, not fatal.
process.on('unhandledRejection', (reason) => {
	log.error({ err: reason }, 'unhandled rejection (carrying on)');
});
