// `/healthz` and `/readyz`, answered by the node HTTP server itself, before the pages: they must
// work while the stores are still awaited (the pages cannot load then) and cost nothing under a
// flood of probes. Everything else gets a short 503 "启动中" until start-up is done.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readiness } from '../lib/server/lifecycle/readiness';
import { log } from '../lib/server/log';

export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';

function pathOf(req: IncomingMessage): string {
	const url = req.url ?? '/';
	const q = url.indexOf('?');
	return q === -1 ? url : url.slice(0, q);
}

function sendJson(req: IncomingMessage, res: ServerResponse, code: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(code, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		'cache-control': 'no-store'
	});
	res.end(req.method === 'HEAD' ? undefined : text);
}

/** Answers the request if it is a health probe; returns whether it was. */
export function answerHealth(
	req: IncomingMessage,
	res: ServerResponse,
	readiness: Readiness
): boolean {
	const path = pathOf(req);
	if (path !== HEALTH_PATH && path !== READY_PATH) return false;
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		res.writeHead(405, { allow: 'GET, HEAD', 'content-length': 0 }).end();
		return true;
	}
	if (path === HEALTH_PATH) {
		// Alive: the process runs and its event loop turns. Nothing else is checked here, so that
		// an orchestrator does not restart a process only because its database is away.
		sendJson(req, res, 200, { status: 'alive' });
		return true;
	}
	readiness.report().then(
		(r) => sendJson(req, res, r.code, r.body),
		(err: unknown) => {
			log.error({ err }, 'readiness report failed');
			sendJson(req, res, 503, { status: 'degraded', notReady: ['readiness'], checks: {} });
		}
	);
	return true;
}

const STARTING_HTML =
	'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">' +
	'<meta name="viewport" content="width=device-width,initial-scale=1">' +
	'<meta http-equiv="refresh" content="3"><title>安答 · 启动中</title></head>' +
	'<body style="font-family:sans-serif;text-align:center;padding:3em 1em">' +
	'<p>启动中，请稍候…</p><p lang="en">Starting up, please wait…</p></body></html>';

/** What every other request gets until the stores are up: 503, try again in a moment. */
export function answerStarting(req: IncomingMessage, res: ServerResponse): void {
	const html = (req.headers.accept ?? '').includes('text/html');
	const body = html ? STARTING_HTML : '启动中 (starting up)';
	res.writeHead(503, {
		'content-type': html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
		'content-length': Buffer.byteLength(body),
		'retry-after': '2',
		'cache-control': 'no-store'
	});
	res.end(req.method === 'HEAD' ? undefined : body);
}

/** Socket upgrades before the socket server is attached: the same 503, on the raw socket. */
export function refuseUpgrade(socket: { end(data: string): void }): void {
	socket.end(
		'HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'
	);
}
