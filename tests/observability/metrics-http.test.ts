// GET /metrics over real HTTP, through the route module: off (404) without METRICS_TOKEN, 401
// without or with a wrong bearer token, 200 in Prometheus text format with the right one.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../../src/routes/metrics/+server';

type Event = Parameters<typeof GET>[0];

let server: Server;
let base: string;
const previous = process.env.METRICS_TOKEN;

beforeAll(async () => {
	server = createServer(async (req, res) => {
		const headers = new Headers();
		for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
		const request = new Request(`http://127.0.0.1${req.url}`, { headers });
		const response = await GET({ request } as Event);
		res.writeHead(response.status, Object.fromEntries(response.headers));
		res.end(await response.text());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
	if (previous === undefined) delete process.env.METRICS_TOKEN;
	else process.env.METRICS_TOKEN = previous;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const scrape = (authorization?: string) =>
	fetch(`${base}/metrics`, { headers: authorization ? { authorization } : {} });

describe('GET /metrics', () => {
	it('is off without METRICS_TOKEN, even with a token presented', async () => {
		delete process.env.METRICS_TOKEN;
		expect((await scrape()).status).toBe(404);
		expect((await scrape('Bearer anything')).status).toBe(404);
		process.env.METRICS_TOKEN = '';
		expect((await scrape('Bearer ')).status).toBe(404);
	});

	it('refuses a missing, wrong, or differently-shaped token with 401', async () => {
		process.env.METRICS_TOKEN = 's3cret-token';
		for (const auth of [
			undefined,
			'Bearer wrong',
			'Bearer s3cret-tokenX',
			'Bearer s3cret',
			'Basic czNjcmV0LXRva2Vu',
			's3cret-token',
			'Bearer'
		]) {
			const res = await scrape(auth);
			expect(res.status, String(auth)).toBe(401);
			expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
			expect(await res.text()).not.toContain('anda_');
		}
	});

	it('serves the metrics with the right token', async () => {
		process.env.METRICS_TOKEN = 's3cret-token';
		const res = await scrape('Bearer s3cret-token');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(res.headers.get('cache-control')).toBe('no-store');
		const text = await res.text();
		for (const name of [
			'anda_sockets_connected',
			'anda_live_rooms',
			'anda_answers_received_total',
			'anda_socket_ack_duration_seconds',
			'anda_live_store_duration_seconds',
			'nodejs_eventloop_lag_seconds'
		]) {
			expect(text).toContain(`# TYPE ${name} `);
		}
	});
});
