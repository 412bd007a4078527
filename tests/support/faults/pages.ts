// The pages an Anda process under fault gets instead of SvelteKit's built handler (the tests run
// before the build): the real route modules for opening a quick room and for the results page,
// called with a signed-out visitor's request, answering JSON (the page's data) instead of HTML.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isHttpError, type RequestEvent } from '@sveltejs/kit';
import { POST as openRoom } from '../../../src/routes/api/rooms/+server';
import { load as loadResults } from '../../../src/routes/results/[id]/+page.server';
import { log } from '../../../src/lib/server/log';
import type { PagesHandler } from '../../../src/server/serve';

function send(res: ServerResponse, status: number, body: unknown) {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const c of req) chunks.push(c as Buffer);
	return Buffer.concat(chunks);
}

/** A signed-out visitor's request event for a route module; only what the routes read. */
function event(url: URL, request: Request, params: Record<string, string>): RequestEvent {
	return {
		url,
		request,
		params,
		locals: { user: null, session: null, lang: 'zh', requestId: 'fault-test', log }
	} as unknown as RequestEvent;
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	if (req.method === 'POST' && url.pathname === '/api/rooms') {
		const request = new Request(url, {
			method: 'POST',
			headers: { 'content-type': String(req.headers['content-type'] ?? '') },
			body: new Uint8Array(await readBody(req))
		});
		const response = await openRoom(event(url, request, {}) as Parameters<typeof openRoom>[0]);
		send(res, response.status, await response.json());
		return;
	}
	const results = /^\/results\/([^/]+)$/.exec(url.pathname);
	if (req.method === 'GET' && results) {
		const params = { id: decodeURIComponent(results[1]!) };
		const data = await loadResults(
			event(url, new Request(url), params) as Parameters<typeof loadResults>[0]
		);
		send(res, 200, data);
		return;
	}
	send(res, 404, { message: 'not found' });
}

export const faultPages: PagesHandler = (req, res) => {
	route(req, res).catch((e: unknown) => {
		if (isHttpError(e)) return send(res, e.status, e.body);
		// What SvelteKit does with an unexpected error: a 500, logged.
		log.error({ err: e, path: req.url }, 'page failed');
		send(res, 500, { message: 'Internal Error' });
	});
};
