// The contest pages' calls to /api/contests/…: JSON in, `{ ok, … }` or `{ ok: false, error }` out.
// A refusal is an answer (shown to the participant); a network failure or a 5xx is retried with
// backoff, with `onRetry` told each time so that the page can say it is retrying.
import type { ContestErrorCode } from '$lib/protocol';

export type Reply<T> =
	{ ok: true; data: T } | { ok: false; code: ContestErrorCode | string; message: string };

const NETWORK_MESSAGE = '网络不稳定，请检查网络后重试';
const BACKOFF_MS = [500, 1000, 2000, 4000, 8000];

export interface CallOptions {
	body?: unknown;
	/** Retries on network failures and 5xx replies (answers are idempotent: the last one wins). */
	retry?: boolean;
	onRetry?: (attempt: number) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function once<T>(url: string, body: unknown): Promise<Reply<T> | null> {
	try {
		const res = await fetch(url, {
			method: body === undefined ? 'GET' : 'POST',
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			cache: 'no-store'
		});
		if (res.status >= 500) return null;
		const data = (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
		if (data.ok) return { ok: true, data: data as T };
		return {
			ok: false,
			code: data.error?.code ?? 'BAD_REQUEST',
			message: data.error?.message ?? '请求未成功'
		};
	} catch {
		return null;
	}
}

export async function call<T>(url: string, opts: CallOptions = {}): Promise<Reply<T>> {
	const tries = opts.retry ? BACKOFF_MS.length + 1 : 1;
	for (let i = 0; i < tries; i++) {
		const reply = await once<T>(url, opts.body);
		if (reply) return reply;
		if (i < tries - 1) {
			opts.onRetry?.(i + 1);
			await sleep(BACKOFF_MS[i] ?? 8000);
		}
	}
	return { ok: false, code: 'NETWORK', message: NETWORK_MESSAGE };
}

export const contestUrl = (slug: string, path = '') =>
	`/api/contests/${encodeURIComponent(slug)}${path}`;
