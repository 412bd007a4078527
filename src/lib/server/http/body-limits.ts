// Request body limits, in one place. Every body is small — a JSON call (`{ quizId }`), a sign-in
// form, a question from the quiz editor (at most ~50 KB even with every field full of Chinese
// text, percent-encoded) — except a question-bank upload. A body over its route's limit is
// answered 413 before anyone reads it: by its Content-Length when it declares one, else after
// reading no more than the limit (a chunked body).
//
// adapter-node has one global limit (BODY_SIZE_LIMIT), so the server entry sets it to the largest
// limit (a backstop that counts a chunked upload's bytes too) and `limitBody` in hooks.server.ts
// enforces the route's own. Hooks run under `vite dev` as well, so development behaves the same.
import type { Lang } from '../../i18n/lang';
import { readCappedBody } from './read-body';

const KB = 1024;
const MB = 1024 * KB;

/** Every route's limit unless listed below: JSON APIs and forms. */
export const DEFAULT_BODY_LIMIT = 64 * KB;

/**
 * The import preview takes a bank file of up to 10 MB (`MAX_UPLOAD_BYTES`, refused with its own
 * message by the importer) in its multipart envelope: 11 MB leaves room for the envelope.
 */
export const UPLOAD_BODY_LIMIT = 11 * MB;

/** Routes that take an upload. (The import commit is a small JSON body and keeps the default.) */
const UPLOAD_PATHS = new Set(['/api/banks/import/preview']);

/** adapter-node's BODY_SIZE_LIMIT: the largest limit of any route, in bytes. */
export const ADAPTER_BODY_LIMIT = UPLOAD_BODY_LIMIT;

/** The body limit of a request to `pathname`, in bytes. */
export function bodyLimit(pathname: string): number {
	return UPLOAD_PATHS.has(pathname.replace(/\/+$/, '')) ? UPLOAD_BODY_LIMIT : DEFAULT_BODY_LIMIT;
}

function size(bytes: number): string {
	return bytes >= MB ? `${bytes / MB} MB` : `${bytes / KB} KB`;
}

/** What a client that sent too much is told. */
export function tooLargeMessage(limit: number, lang: Lang): string {
	return lang === 'en'
		? `Request body too large: at most ${size(limit)} here`
		: `请求内容过大：这里最多接受 ${size(limit)}`;
}

/**
 * A 413 in the form the client reads: a form action called by `use:enhance` gets SvelteKit's
 * action result (its page shows the message), an API or JSON client `{ message }`, a plain form
 * post a line of text.
 */
function tooLarge(request: Request, url: URL, limit: number, lang: Lang): Response {
	const message = tooLargeMessage(limit, lang);
	const accept = request.headers.get('accept') ?? '';
	if (request.headers.get('x-sveltekit-action') === 'true') {
		return Response.json({ type: 'error', error: { message } }, { status: 413 });
	}
	if (url.pathname.startsWith('/api/') || accept.includes('application/json')) {
		return Response.json({ message }, { status: 413 });
	}
	return new Response(message, {
		status: 413,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
}

export type BodyCheck =
	{ ok: true; request: Request } | { ok: false; response: Response; declared: number | null };

/**
 * Checks a request's body against its route's limit. A declared length over the limit is refused
 * unread. A body without one is read up to the limit and handed on as a copy (it is small by then).
 */
export async function limitBody(request: Request, url: URL, lang: Lang): Promise<BodyCheck> {
	if (!request.body) return { ok: true, request };
	const limit = bodyLimit(url.pathname);
	const header = request.headers.get('content-length');
	if (header !== null) {
		const declared = Number(header);
		if (declared > limit) {
			return { ok: false, response: tooLarge(request, url, limit, lang), declared };
		}
		// Within the limit as declared; adapter-node refuses a body longer than it declares.
		return { ok: true, request };
	}
	// Chunked. An upload route keeps its stream: the route reads it with its own cap, and the
	// adapter's global limit is that route's limit.
	if (limit === ADAPTER_BODY_LIMIT) return { ok: true, request };
	const bytes = await readCappedBody(request, limit);
	if (bytes === null) {
		return { ok: false, response: tooLarge(request, url, limit, lang), declared: null };
	}
	const headers = new Headers(request.headers);
	headers.delete('transfer-encoding'); // the copy's body is whole
	const copy = new Request(request.url, {
		method: request.method,
		headers,
		body: new Uint8Array(bytes),
		signal: request.signal
	});
	return { ok: true, request: copy };
}
