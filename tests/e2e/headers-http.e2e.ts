// Security headers and the Host header, against the built server. Every answer — pages, API JSON,
// data requests, the QR SVG, static files, Socket.IO polling, error pages — carries nosniff, a
// referrer policy, a permissions policy and a CSP that forbids framing; pages get SvelteKit's CSP
// with a fresh nonce each. Without ORIGIN, a QR code written from the request's Host is never
// cached; with ORIGIN (a second server started here with it), QR codes use ORIGIN whatever the
// Host says, and sockets are accepted from ORIGIN only, not from an Origin that merely equals Host.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, request, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import QRCode from 'qrcode';
import { io } from 'socket.io-client';
import { skipWithoutChromium } from './chromium';
import { BASE } from './accounts-support';

skipWithoutChromium();

const contexts: APIRequestContext[] = [];
async function client(baseURL = BASE): Promise<APIRequestContext> {
	const c = await request.newContext({ baseURL });
	contexts.push(c);
	return c;
}
test.afterAll(async () => {
	for (const c of contexts) await c.dispose();
});

function expectSecurityHeaders(res: APIResponse, what: string): Record<string, string> {
	const h = res.headers();
	expect(h['x-content-type-options'], what).toBe('nosniff');
	expect(h['referrer-policy'], what).toBe('same-origin');
	expect(h['permissions-policy'], what).toContain('camera=()');
	expect(h['x-frame-options'], what).toBe('DENY');
	expect(h['content-security-policy'], what).toContain("frame-ancestors 'none'");
	return h;
}

/** The QR code the server should draw for `url`, drawn the same way. */
function qrFor(url: string): Promise<string> {
	return QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

test('every kind of answer carries the security headers', async () => {
	const api = await client();
	const page = await api.get('/');
	const csp = expectSecurityHeaders(page, '/')['content-security-policy']!;
	expect(csp).toContain("default-src 'self'");
	expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
	expect(csp).toContain("object-src 'none'");
	// A fresh nonce per page, and it is the one on the page's script.
	const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
	expect(await page.text()).toContain(`nonce="${nonce}"`);
	const again = (await api.get('/')).headers()['content-security-policy']!;
	expect(/'nonce-([^']+)'/.exec(again)![1]).not.toBe(nonce);

	for (const path of ['/login', '/host', '/screen/123456', '/play/123456', '/j/123456']) {
		const res = await api.get(path);
		expectSecurityHeaders(res, path);
		expect(res.headers()['content-security-policy'], path).toContain("script-src 'self' 'nonce-");
	}

	// What is not a page: nothing may run or load in it.
	const opened = await api.post('/api/rooms', { data: { quizId: 'quick-demo' } });
	expect(opened.status()).toBe(201);
	const { pin } = (await opened.json()) as { pin: string };
	const nonPages: [string, APIResponse][] = [
		['POST /api/rooms', opened],
		['/api/quizzes/pool', await api.get('/api/quizzes/pool')],
		['/host/__data.json', await api.get('/host/__data.json')],
		[`/qr/${pin}`, await api.get(`/qr/${pin}`)],
		['/favicon.svg', await api.get('/favicon.svg')],
		['/_app/version.json', await api.get('/_app/version.json')],
		['Socket.IO polling', await api.get('/socket.io/?EIO=4&transport=polling')]
	];
	for (const [what, res] of nonPages) {
		expect(res.status(), what).toBeLessThan(300);
		const h = expectSecurityHeaders(res, what);
		expect(h['content-security-policy'], what).toBe("default-src 'none'; frame-ancestors 'none'");
	}
	// Errors too: a route that does not exist, a malformed URL, a refusal.
	for (const path of ['/no-such-page', '/%c0%ae%c0%ae/x', '/api/quizzes/quick-demo/export']) {
		const res = await api.get(path);
		expect(res.status(), path).toBeGreaterThanOrEqual(400);
		expectSecurityHeaders(res, path);
	}
});

test('without ORIGIN, a QR code drawn from the Host header is not cached', async () => {
	const api = await client();
	const res = await api.get('/qr/123456', { headers: { host: 'evil.example' } });
	expect(res.status()).toBe(200);
	expect(res.headers()['cache-control']).toBe('no-store');
	expect(await res.text()).toBe(await qrFor('http://evil.example/j/123456'));
});

// ——— a second server, with ORIGIN set ———

const ORIGIN = 'https://anda.example.org';

interface Spawned {
	url: string;
	proc: ChildProcess;
	dir: string;
}

/** Starts the built server on a free port with ORIGIN set; resolves once it says it listens. */
async function startWithOrigin(): Promise<Spawned> {
	const dir = mkdtempSync(join(tmpdir(), 'anda-origin-'));
	const proc = spawn(process.execPath, ['build-server/main.js'], {
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			ORIGIN,
			SQLITE_PATH: join(dir, 'records.sqlite'),
			LOG_LEVEL: 'info',
			LOG_FORMAT: 'json'
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('server with ORIGIN did not start')), 30_000);
		let buffered = '';
		proc.stdout!.on('data', (chunk: Buffer) => {
			buffered += chunk.toString('utf8');
			for (const line of buffered.split('\n')) {
				const m = /"port":(\d+)/.exec(line);
				if (m && line.includes('Anda is running')) {
					clearTimeout(timer);
					resolve(Number(m[1]));
				}
			}
		});
		proc.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
	});
	return { url: `http://127.0.0.1:${port}`, proc, dir };
}

async function stop(s: Spawned): Promise<void> {
	if (s.proc.exitCode === null) {
		const exited = new Promise((resolve) => s.proc.once('exit', resolve));
		s.proc.kill('SIGTERM');
		await exited;
	}
	rmSync(s.dir, { recursive: true, force: true });
}

/** Whether a socket with this Origin header is let in; resolves either way. */
function socketAccepted(url: string, origin: string): Promise<boolean> {
	const socket = io(url, {
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		timeout: 5000,
		extraHeaders: { origin }
	});
	return new Promise<boolean>((resolve) => {
		socket.once('connect', () => resolve(true));
		socket.once('connect_error', () => resolve(false));
	}).finally(() => socket.disconnect());
}

test('with ORIGIN set, QR codes and sockets trust ORIGIN only', async () => {
	const server = await startWithOrigin();
	try {
		const api = await client(server.url);
		for (const host of ['evil.example', new URL(server.url).host]) {
			const res = await api.get('/qr/123456', { headers: { host } });
			expect(res.status()).toBe(200);
			expect(await res.text(), `Host: ${host}`).toBe(await qrFor(`${ORIGIN}/j/123456`));
			expect(res.headers()['cache-control']).toBe('public, max-age=3600');
		}
		// An Origin equal to the Host header no longer gets in; ORIGIN does.
		expect(await socketAccepted(server.url, server.url)).toBe(false);
		expect(await socketAccepted(server.url, 'http://evil.example')).toBe(false);
		expect(await socketAccepted(server.url, ORIGIN)).toBe(true);
	} finally {
		await stop(server);
	}
	// The main server has no ORIGIN: a page of its own host is let in, another site is not.
	expect(await socketAccepted(BASE, BASE)).toBe(true);
	expect(await socketAccepted(BASE, 'http://evil.example')).toBe(false);
});
