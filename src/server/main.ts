// Production entry: one HTTP server serves the SvelteKit pages (adapter-node's handler) and the
// Socket.IO gateway (see serve.ts, which also answers /healthz and /readyz and waits for the
// stores). Handles PORT, HOST and graceful shutdown.
import { configFromEnv } from '../lib/server/app-context';
import { ADAPTER_BODY_LIMIT } from '../lib/server/http/body-limits';
import { configuredOrigin } from '../lib/server/http/public-origin';
import { log } from '../lib/server/log';
import { captureContextStores, contextOnlyWhileBusy } from './request-context';
import { handleSignals, serve, type PagesHandler } from './serve';

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

const handlerUrl = new URL('../build/handler.js', import.meta.url).href;
// SvelteKit's request stores cost every promise of the process while enabled (request-context.ts).
const { value: handler, stores } = await captureContextStores(
	async () => ((await import(handlerUrl)) as { handler: PagesHandler }).handler
);
log.debug({ stores: stores.length }, 'request stores captured from the pages handler');

handleSignals(
	serve({
		config: configFromEnv(),
		pages: contextOnlyWhileBusy(handler, stores),
		port,
		host,
		allowedOrigins: origin ? [origin] : [],
		protocolHeader: stampProtocol ? STAMP : undefined,
		publicOrigin: origin ?? undefined
	})
);
