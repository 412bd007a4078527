// Production entry: one HTTP server serves the SvelteKit pages (adapter-node's handler) and the
// Socket.IO gateway (see serve.ts, which also answers /healthz and /readyz and waits for the
// stores). Handles PORT, HOST and graceful shutdown.
import { configFromEnv } from '../lib/server/app-context';
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

// Question-bank uploads may be up to 10 MB (the importer refuses more with a clear message);
// adapter-node's default body limit of 512 KB would cut them off first with a bare 413.
process.env.BODY_SIZE_LIMIT ??= '11M';

const handlerUrl = new URL('../build/handler.js', import.meta.url).href;
const { handler } = (await import(handlerUrl)) as { handler: PagesHandler };

handleSignals(
	serve({
		config: configFromEnv(),
		pages: handler,
		port,
		host,
		allowedOrigins: process.env.ORIGIN ? [process.env.ORIGIN] : [],
		protocolHeader: stampProtocol ? STAMP : undefined,
		publicOrigin: process.env.ORIGIN || undefined
	})
);
