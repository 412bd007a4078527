// Body limits per route: 64 KB for everything but the bank upload. A body over its limit is refused
// before anything reads it (by its Content-Length), or after no more than the limit has been read
// (chunked); the refusal comes in the form its client reads; a small chunked body is handed on whole.
import { describe, expect, it } from 'vitest';
import {
	ADAPTER_BODY_LIMIT,
	bodyLimit,
	DEFAULT_BODY_LIMIT,
	limitBody,
	UPLOAD_BODY_LIMIT
} from '$lib/server/http/body-limits';
import { MAX_UPLOAD_BYTES } from '$lib/server/bank-io/read-upload';

const KB = 1024;

/** A body that counts what is read of it: `size` bytes in 16 KB chunks. */
function countingBody(size: number) {
	const read = { bytes: 0 };
	let left = size;
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (left <= 0) return controller.close();
			const n = Math.min(16 * KB, left);
			left -= n;
			read.bytes += n;
			controller.enqueue(new Uint8Array(n).fill(0x61));
		}
	});
	return { stream, read };
}

function post(path: string, body: BodyInit, headers: Record<string, string> = {}): Request {
	return new Request(`http://anda.test${path}`, {
		method: 'POST',
		body,
		headers,
		duplex: 'half'
	} as RequestInit);
}

describe('bodyLimit', () => {
	it('is 64 KB everywhere but the bank upload, which takes a 10 MB file and its envelope', () => {
		for (const path of ['/api/rooms', '/login', '/host/quizzes/q-1', '/api/banks/import/commit']) {
			expect(bodyLimit(path), path).toBe(64 * KB);
		}
		expect(bodyLimit('/api/banks/import/preview')).toBe(UPLOAD_BODY_LIMIT);
		expect(UPLOAD_BODY_LIMIT).toBeGreaterThanOrEqual(MAX_UPLOAD_BYTES + 64 * KB);
		expect(ADAPTER_BODY_LIMIT).toBe(Math.max(DEFAULT_BODY_LIMIT, UPLOAD_BODY_LIMIT));
	});
});

describe('limitBody', () => {
	it('refuses a declared length over the limit without reading a byte', async () => {
		const { stream, read } = countingBody(10 * 1024 * KB);
		const req = post('/api/rooms', stream, {
			'content-type': 'application/json',
			'content-length': String(10 * 1024 * KB)
		});
		const url = new URL(req.url);
		const check = await limitBody(req, url, 'zh');
		expect(check.ok).toBe(false);
		if (check.ok) return;
		expect(check.response.status).toBe(413);
		expect(await check.response.json()).toEqual({ message: '请求内容过大：这里最多接受 64 KB' });
		expect(read.bytes).toBeLessThanOrEqual(16 * KB); // at most what the stream itself queued
	});

	it('reads a chunked body no further than the limit, then refuses it', async () => {
		const { stream, read } = countingBody(10 * 1024 * KB);
		const req = post('/login', stream, { 'content-type': 'application/x-www-form-urlencoded' });
		const check = await limitBody(req, new URL(req.url), 'en');
		expect(check.ok).toBe(false);
		if (check.ok) return;
		expect(check.response.status).toBe(413);
		expect(check.response.headers.get('content-type')).toContain('text/plain');
		expect(await check.response.text()).toBe('Request body too large: at most 64 KB here');
		expect(read.bytes).toBeLessThanOrEqual(64 * KB + 32 * KB);
	});

	it('answers an enhanced form action in the shape its page reads', async () => {
		const req = post('/login', 'x'.repeat(65 * KB), {
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true',
			accept: 'application/json'
		});
		const check = await limitBody(req, new URL(req.url), 'zh');
		if (check.ok) throw new Error('not refused');
		expect(await check.response.json()).toEqual({
			type: 'error',
			error: { message: '请求内容过大：这里最多接受 64 KB' }
		});
	});

	it('hands on a small chunked body whole, and leaves bodies within the limit alone', async () => {
		const { stream } = countingBody(40 * KB);
		const req = post('/api/rooms', stream, { 'content-type': 'application/json' });
		const check = await limitBody(req, new URL(req.url), 'zh');
		if (!check.ok) throw new Error('refused');
		expect((await check.request.arrayBuffer()).byteLength).toBe(40 * KB);
		expect(check.request.headers.get('content-type')).toBe('application/json');

		const body = '{"quizId":"q"}';
		const declared = post('/api/rooms', body, {
			'content-type': 'application/json',
			'content-length': String(body.length)
		});
		const same = await limitBody(declared, new URL(declared.url), 'zh');
		expect(same.ok && same.request).toBe(declared);
		const upload = post('/api/banks/import/preview', countingBody(1024 * KB).stream);
		const untouched = await limitBody(upload, new URL(upload.url), 'zh');
		expect(untouched.ok && untouched.request).toBe(upload);
	});
});
