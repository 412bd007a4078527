// Request body limits against the built server: 64 KB everywhere but the question-bank upload.
// A 10 MB body to /api/rooms or /login is answered 413 with a message, whether it declares its
// length or comes chunked, without being parsed (an unparsed body cannot be "bad JSON" or "wrong
// password"); a bank file just under the importer's 10 MB still goes through.
import { request as httpRequest } from 'node:http';
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { skipWithoutChromium } from './chromium';
import { BASE, person, postForm, signUpHttp } from './accounts-support';

skipWithoutChromium();

const TEN_MB = 10 * 1024 * 1024;
const contexts: APIRequestContext[] = [];
async function client(): Promise<APIRequestContext> {
	const c = await request.newContext({ baseURL: BASE });
	contexts.push(c);
	return c;
}
test.afterAll(async () => {
	for (const c of contexts) await c.dispose();
});

/** POSTs `body` with Transfer-Encoding: chunked (no Content-Length), in 64 KB pieces. */
function postChunked(
	path: string,
	headers: Record<string, string>,
	body: Buffer
): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			`${BASE}${path}`,
			{ method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') })
				);
			}
		);
		// The server may answer before it has read everything; what it left unread is its to drop.
		req.on('error', reject);
		let at = 0;
		const step = 64 * 1024;
		const pump = () => {
			while (at < body.length) {
				const piece = body.subarray(at, at + step);
				at += step;
				if (!req.write(piece)) return void req.once('drain', pump);
			}
			req.end();
		};
		pump();
	});
}

const bigJson = () => Buffer.from(`{"quizId":"${'x'.repeat(TEN_MB)}"}`);
const bigForm = () => Buffer.from(`email=a%40b.c&password=${'p'.repeat(TEN_MB)}`);
const TOO_LARGE = /请求内容过大：这里最多接受 64 KB/;

test('a 10 MB body to /api/rooms is refused with 413 and a message, unparsed', async () => {
	const api = await client();
	const res = await api.post('/api/rooms', {
		headers: { 'content-type': 'application/json' },
		data: bigJson()
	});
	expect(res.status()).toBe(413);
	expect((await res.json()).message).toMatch(TOO_LARGE);

	const chunked = await postChunked(
		'/api/rooms',
		{ 'content-type': 'application/json' },
		bigJson()
	);
	expect(chunked.status).toBe(413);
	expect(JSON.parse(chunked.text).message).toMatch(TOO_LARGE);

	// In English for an English visitor.
	const en = await api.post('/api/rooms', {
		headers: { 'content-type': 'application/json', cookie: 'anda_lang=en' },
		data: bigJson()
	});
	expect((await en.json()).message).toBe('Request body too large: at most 64 KB here');

	// A body of the usual size still opens a room, chunked too.
	const small = await postChunked(
		'/api/rooms',
		{ 'content-type': 'application/json' },
		Buffer.from('{"quizId":"quick-demo"}')
	);
	expect(small.status).toBe(201);
	expect(JSON.parse(small.text).pin).toMatch(/^\d{6}$/);
});

test('a 10 MB form to /login is refused with 413 and a message, unparsed', async () => {
	const api = await client();
	const headers = { 'content-type': 'application/x-www-form-urlencoded', origin: BASE };
	const plain = await api.post('/login', {
		headers: { ...headers, accept: 'text/html' },
		data: bigForm(),
		maxRedirects: 0
	});
	expect(plain.status()).toBe(413);
	expect(await plain.text()).toMatch(TOO_LARGE);

	// Sent by the page's enhanced form: the action result the page shows as an error.
	const enhanced = await api.post('/login', {
		headers: { ...headers, accept: 'application/json', 'x-sveltekit-action': 'true' },
		data: bigForm()
	});
	expect(enhanced.status()).toBe(413);
	expect(await enhanced.json()).toEqual({
		type: 'error',
		error: { message: expect.stringMatching(TOO_LARGE) }
	});

	const chunked = await postChunked('/login', { ...headers, accept: 'text/html' }, bigForm());
	expect(chunked.status).toBe(413);
	expect(chunked.text).toMatch(TOO_LARGE);

	// An ordinary sign-in form is read as before (here: an unknown account).
	const normal = await postForm(api, '/login', {
		email: 'nobody@example.com',
		password: 'x'.repeat(12)
	});
	expect(normal.status()).toBe(400);
});

test('a bank file just under 10 MB still imports', async () => {
	const api = await client();
	await signUpHttp(api, person('bigimport'));
	expect(
		(
			await postForm(api, '/host/org?/create', {
				name: `大文件单位-${Date.now()}`,
				kind: 'enterprise'
			})
		).status()
	).toBe(200);
	const header = '题型,题目,选项A,选项B,答案,解析\n';
	const rows: string[] = [];
	let size = Buffer.byteLength(header);
	const target = TEN_MB - 64 * 1024;
	for (let n = 1; ; n++) {
		const row = `单选,Question ${n}: ${'which is safe? '.repeat(20)},Option one ${n},Option two ${n},A,${'because. '.repeat(30)}\n`;
		const bytes = Buffer.byteLength(row);
		if (size + bytes > target) break;
		rows.push(row);
		size += bytes;
	}
	const csv = Buffer.from(header + rows.join(''));
	expect(csv.length).toBeGreaterThan(TEN_MB - 128 * 1024);
	expect(csv.length).toBeLessThan(TEN_MB);
	const res = await api.post('/api/banks/import/preview', {
		multipart: { file: { name: 'big.csv', mimeType: 'text/csv', buffer: csv } },
		headers: { origin: BASE },
		timeout: 60_000
	});
	expect(res.status(), await res.text()).toBe(200);
	const { report, token } = await res.json();
	expect(report).toMatchObject({ total: rows.length, validCount: rows.length, errorCount: 0 });
	expect(token).toBeTruthy();
});
