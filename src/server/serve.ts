// One Anda process: an HTTP server that listens at once and answers `/healthz` and `/readyz`
// itself, while the stores are awaited (start-up.ts); once they are up and migrated, the pages
// handler and the Socket.IO gateway take over. The production entry (main.ts) passes SvelteKit's
// handler; the fault tests pass a small one, so that they run this same code without a build.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applySecurityHeaders } from '../lib/server/http/security-headers';
import { setAppContext, type AppConfig, type AppContext } from '../lib/server/app-context';
import { Readiness } from '../lib/server/lifecycle/readiness';
import { startAppContext } from '../lib/server/lifecycle/start-up';
import { log } from '../lib/server/log';
import { attachGateway, type Gateway } from '../lib/server/realtime/gateway';
import { answerHealth, answerStarting, refuseUpgrade } from './health-routes';

/** Pending connections the kernel may queue before the server accepts them. */
const ACCEPT_BACKLOG = 4096;

export type PagesHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface ServeOptions {
	config: AppConfig;
	/** The pages (SvelteKit's handler in production); served once start-up is done. */
	pages: PagesHandler;
	port: number;
	host: string;
	/** Origins allowed to open sockets besides the page's own host (ORIGIN). */
	allowedOrigins?: string[];
	/** Stamped on every request with the protocol it arrived on (see main.ts), if set. */
	protocolHeader?: string;
	/** Where to tell the operator to create the first account. */
	publicOrigin?: string;
}

export interface Running {
	ctx: AppContext;
	gateway: Gateway;
}

export interface Served {
	readiness: Readiness;
	/** Resolves once the process serves pages and sockets; rejects only if shut down before. */
	running: Promise<Running>;
	/** Stops serving (readiness turns 503 first) and closes the stores. */
	shutdown(signal: string): Promise<void>;
}

export function serve(opts: ServeOptions): Served {
	const readiness = new Readiness();
	const abort = new AbortController();
	let pages: PagesHandler | null = null;

	const server = createServer((req, res) => {
		if (opts.protocolHeader) req.headers[opts.protocolHeader] = 'http';
		// Every answer, static files and health included; SvelteKit's own (a page's CSP) replace these.
		applySecurityHeaders(
			(n) => res.hasHeader(n),
			(n, v) => res.setHeader(n, v)
		);
		if (answerHealth(req, res, readiness)) return;
		if (pages) pages(req, res);
		else answerStarting(req, res);
	});
	const upgradeWhileStarting = (_req: IncomingMessage, socket: { end(data: string): void }) =>
		refuseUpgrade(socket);
	server.on('upgrade', upgradeWhileStarting);

	// A livestream's audience arrives at once when the QR code is shown: connections beyond the
	// accept queue are dropped by the kernel and retried by the phone seconds later, so the queue
	// is as long as the kernel allows (net.core.somaxconn caps it), not Node's default 511.
	server.listen({ port: opts.port, host: opts.host, backlog: ACCEPT_BACKLOG }, () => {
		const { port } = server.address() as AddressInfo;
		log.info(
			{ port, host: opts.host },
			`listening on ${opts.host}:${port}; /healthz and /readyz answer while the stores are awaited`
		);
	});

	const starting = startAppContext(opts.config, { readiness, signal: abort.signal });
	// Pages read the context through appContext(): they must get this one, never start another.
	setAppContext(starting);

	const running = starting.then(async (ctx): Promise<Running> => {
		const gateway = await attachGateway(server, ctx, { allowedOrigins: opts.allowedOrigins });
		// From here the gateway takes socket upgrades and the pages every other request.
		server.off('upgrade', upgradeWhileStarting);
		pages = opts.pages;
		readiness.ready(ctx.stores);
		announce(ctx, server.address() as AddressInfo, opts.publicOrigin);
		return { ctx, gateway };
	});
	// A shutdown during start-up rejects `running`; that is not an error worth a line.
	running.catch((err: unknown) => {
		if (!abort.signal.aborted) log.error({ err }, 'start-up failed');
	});

	let stopping: Promise<void> | null = null;
	return {
		readiness,
		running,
		shutdown(signal) {
			stopping ??= (async () => {
				readiness.draining();
				log.info({ signal }, `${signal}: draining (clients are told to reconnect), then closing`);
				abort.abort(new Error(`${signal} during start-up`));
				const up = await running.catch(() => null);
				server.closeIdleConnections();
				if (up) await up.gateway.close();
				server.close();
				if (up) await up.ctx.close();
			})();
			return stopping;
		}
	};
}

function announce(ctx: AppContext, address: AddressInfo, publicOrigin: string | undefined) {
	const live = ctx.live.kind === 'redis' ? 'Redis' : 'memory (embedded)';
	const records =
		ctx.records.kind === 'postgres' ? 'PostgreSQL' : `SQLite (${ctx.config.sqlitePath})`;
	const port = address.port;
	log.info(
		{ port, live, records },
		`Anda is running on http://localhost:${port}  · live state: ${live} · records: ${records}`
	);
	// A fresh install has no account yet: say where the first (admin) one is created.
	void ctx.auth
		.needsSetup()
		.then((fresh) => {
			if (fresh) {
				const base = publicOrigin || `http://localhost:${port}`;
				log.info(`No account yet: create the admin account at ${base}/setup`);
			}
		})
		.catch((err: unknown) => log.error({ err }, 'setup check failed'));
}

/** The process's signals: SIGTERM/SIGINT shut down; a stray rejection is logged, not fatal. */
export function handleSignals(served: Served): void {
	const stop = (signal: string) =>
		void served.shutdown(signal).then(
			() => process.exit(0),
			(err: unknown) => {
				log.error({ err }, 'shutdown failed');
				process.exit(1);
			}
		);
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
	// A store that drops mid-operation must not take the process (and every room it serves) down:
	// the rooms' pending work is resumed by their clocks, so a stray rejection is logged, not fatal.
	process.on('unhandledRejection', (reason) => {
		log.error({ err: reason }, 'unhandled rejection (carrying on)');
	});
}
