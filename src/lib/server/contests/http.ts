// The contest endpoints' common glue: the participant's identity (a signed cookie per contest, or
// the same token in a header for clients that keep no cookies), the client's address and agent,
// JSON bodies read with a cap and checked by their schema, and refusals as
// `{ ok: false, error: { code, message } }` with a status that says what kind of refusal it is.
import { json, type Cookies, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { ERROR_MESSAGES, type ErrorCode } from '../../protocol';
import { clientInfo } from '../auth/kit';
import { clientKey } from '../http/client-ip';
import { readCappedBody } from '../http/read-body';
import { isSessionError } from '../kernel/session-error';
import { log } from '../log';
import type { ClientMeta } from './contest-play';

/** A contest body is a few hundred bytes; anything far larger is not one. */
const MAX_BODY = 16 * 1024;
/** The identity outlives the contest's longest window (a year) with room to spare. */
const COOKIE_DAYS = 400;
export const TOKEN_HEADER = 'x-contest-token';

export const contestCookie = (slug: string) => `anda_contest_${slug}`;

export function tokenOf(
	event: Pick<RequestEvent, 'cookies' | 'request'>,
	slug: string
): string | null {
	return event.request.headers.get(TOKEN_HEADER) || event.cookies.get(contestCookie(slug)) || null;
}

export function setToken(cookies: Cookies, url: URL, slug: string, token: string): void {
	cookies.set(contestCookie(slug), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: COOKIE_DAYS * 86_400
	});
}

export function clientMeta(event: RequestEvent): ClientMeta {
	const info = clientInfo(event);
	return { ip: clientKey(info.ip), userAgent: (info.userAgent ?? '').slice(0, 300) };
}

const STATUS: Partial<Record<ErrorCode, number>> = {
	BAD_REQUEST: 400,
	CONTEST_ENTRY_INVALID: 400,
	CONTEST_BAD_ANSWER: 400,
	CONTEST_NOT_ENTERED: 401,
	CONTEST_NOT_ON_ROSTER: 403,
	CONTEST_NOT_FOUND: 404,
	CONTEST_NOT_PUBLISHED: 404,
	CONTEST_ATTEMPT_NOT_FOUND: 404,
	CONTEST_QUESTION_NOT_FOUND: 404,
	CONTEST_TOO_MANY_ENTRIES: 429,
	RATE_LIMITED: 429,
	CONTEST_BUSY: 503
};

export function refusal(code: ErrorCode, message?: string, status?: number): Response {
	return json(
		{ ok: false, error: { code, message: message ?? ERROR_MESSAGES[code] } },
		{ status: status ?? STATUS[code] ?? 409 }
	);
}

/** Runs an endpoint's work; expected refusals become their JSON answer, faults a logged 500. */
export async function answer(work: () => Promise<Response>): Promise<Response> {
	try {
		return await work();
	} catch (e) {
		if (isSessionError(e)) return refusal(e.code, e.message);
		log.error({ err: e }, 'contest endpoint failed');
		return refusal('INTERNAL', undefined, 500);
	}
}

/** The JSON body checked by `schema`; a refusal Response when it is missing, too big or wrong. */
export async function bodyOf<T extends z.ZodType>(
	request: Request,
	schema: T
): Promise<{ ok: true; body: z.output<T> } | { ok: false; response: Response }> {
	if (!request.headers.get('content-type')?.toLowerCase().startsWith('application/json')) {
		return { ok: false, response: refusal('BAD_REQUEST', '请求格式不正确：需要 JSON', 415) };
	}
	const raw = await readCappedBody(request, MAX_BODY);
	if (raw === null) return { ok: false, response: refusal('BAD_REQUEST', '请求内容过大', 413) };
	let data: unknown;
	try {
		data = JSON.parse(raw.toString('utf8') || 'null');
	} catch {
		return { ok: false, response: refusal('BAD_REQUEST', '请求格式不正确：不是有效的 JSON') };
	}
	const parsed = schema.safeParse(data);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where = issue?.path.length ? `（${issue.path.join('.')}）` : '';
		return { ok: false, response: refusal('BAD_REQUEST', `请求格式不正确${where}`) };
	}
	return { ok: true, body: parsed.data };
}

export const ok = (data: object, status = 200) => json({ ok: true, ...data }, { status });
