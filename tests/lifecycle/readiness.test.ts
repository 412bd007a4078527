// What /readyz says while the process starts, runs and drains, and what /healthz says throughout;
// and the start-up's wait for its stores. Stores here are stand-ins that answer, fail or hang on
// command (the real ones are in tests/faults/start-up.test.ts).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Readiness, type StoreCheck } from '../../src/lib/server/lifecycle/readiness';
import { waitForStores } from '../../src/lib/server/lifecycle/start-up';
import { answerHealth, answerStarting } from '../../src/server/health-routes';

function store(name: string, behave: () => 'ok' | 'fail' | 'hang') {
	const s = {
		name,
		calls: 0,
		ping() {
			s.calls++;
			const b = behave();
			if (b === 'ok') return Promise.resolve();
			if (b === 'fail') return Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:5432'));
			return new Promise<void>(() => {});
		}
	};
	return s satisfies StoreCheck;
}

describe('readiness', () => {
	it('is not ready while starting, and names what it waits for', async () => {
		const r = new Readiness();
		expect(await r.report()).toEqual({
			code: 503,
			body: { status: 'starting', notReady: ['start-up'], checks: {} }
		});
		r.starting('Redis', 'ok');
		r.starting('PostgreSQL', 'waiting');
		expect(await r.report()).toEqual({
			code: 503,
			body: {
				status: 'starting',
				notReady: ['PostgreSQL'],
				checks: { Redis: 'ok', PostgreSQL: 'waiting' }
			}
		});
	});

	it('is ready while every store answers, and says which one does not', async () => {
		let now = 0;
		let pg: 'ok' | 'fail' | 'hang' = 'ok';
		const records = store('PostgreSQL', () => pg);
		const live = store('Redis', () => 'ok');
		const r = new Readiness({ timeoutMs: 20, cacheMs: 1000, now: () => now });
		r.ready([records, live]);
		expect(await r.report()).toEqual({
			code: 200,
			body: { status: 'ready', notReady: [], checks: { PostgreSQL: 'ok', Redis: 'ok' } }
		});

		pg = 'fail';
		now += 1000;
		const failed = await r.report();
		expect(failed).toEqual({
			code: 503,
			body: {
				status: 'degraded',
				notReady: ['PostgreSQL'],
				checks: { PostgreSQL: 'not answering', Redis: 'ok' }
			}
		});
		// Where the store is and why it failed go to the log only, not to an unauthenticated page.
		expect(JSON.stringify(failed)).not.toContain('10.0.0.5');

		pg = 'hang';
		now += 1000;
		expect((await r.report()).body.checks.PostgreSQL).toBe('no answer within 20 ms');
		pg = 'ok';
		now += 1000;
		expect((await r.report()).code).toBe(200);
	});

	it('pings each store at most once per cache period, however many probes arrive', async () => {
		let now = 0;
		const records = store('SQLite', () => 'ok');
		const r = new Readiness({ cacheMs: 1000, now: () => now });
		r.ready([records]);
		await Promise.all(Array.from({ length: 20 }, () => r.report()));
		now += 999;
		await r.report();
		expect(records.calls).toBe(1);
		now += 1;
		await r.report();
		expect(records.calls).toBe(2);
	});

	it('is not ready once draining, whatever the stores say', async () => {
		const r = new Readiness();
		r.ready([store('memory', () => 'ok')]);
		r.draining();
		expect(await r.report()).toEqual({
			code: 503,
			body: { status: 'draining', notReady: ['draining'], checks: {} }
		});
		r.ready([]); // a late start-up cannot undo a drain
		expect((await r.report()).code).toBe(503);
	});
});

describe('waiting for the stores at start-up', () => {
	it('tries again until every store answers, telling readiness each time', async () => {
		let failures = 3;
		const r = new Readiness();
		const states: string[] = [];
		const probe = async () => {
			states.push(String((await r.report()).body.checks.PostgreSQL));
			if (failures-- > 0) throw new Error('connect ECONNREFUSED');
		};
		await waitForStores(
			[
				{ name: 'PostgreSQL', url: 'postgres://u:pw@127.0.0.1:1/x', probe },
				{ name: 'Redis', url: 'redis://127.0.0.1:1', probe: async () => {} }
			],
			{ readiness: r, firstDelayMs: 1, maxDelayMs: 4 }
		);
		expect(states).toEqual(['undefined', 'waiting', 'waiting', 'waiting']);
		expect((await r.report()).body.checks).toEqual({ PostgreSQL: 'ok', Redis: 'ok' });
	});

	it('stops waiting when aborted (a shutdown during start-up)', async () => {
		const abort = new AbortController();
		const waiting = waitForStores(
			[{ name: 'PostgreSQL', url: 'postgres://x', probe: () => Promise.reject(new Error('down')) }],
			{ signal: abort.signal, firstDelayMs: 60_000 }
		);
		abort.abort(new Error('SIGTERM during start-up'));
		await expect(waiting).rejects.toThrow('SIGTERM during start-up');
	});
});

describe('/healthz and /readyz over HTTP', () => {
	let server: Server | null = null;
	afterEach(() => {
		server?.close();
		server = null;
	});

	async function serveWith(r: Readiness): Promise<string> {
		server = createServer((req, res) => {
			if (!answerHealth(req, res, r)) answerStarting(req, res);
		});
		await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	}

	it('answers probes before the pages, and 503 with Retry-After for everything else', async () => {
		const r = new Readiness();
		r.starting('PostgreSQL', 'waiting');
		const url = await serveWith(r);

		const health = await fetch(`${url}/healthz`);
		expect([health.status, await health.json()]).toEqual([200, { status: 'alive' }]);
		expect(health.headers.get('cache-control')).toBe('no-store');
		const ready = await fetch(`${url}/readyz?verbose=1`);
		expect(ready.status).toBe(503);
		expect(await ready.json()).toMatchObject({ status: 'starting', notReady: ['PostgreSQL'] });
		const head = await fetch(`${url}/readyz`, { method: 'HEAD' });
		expect([head.status, await head.text()]).toEqual([503, '']);
		const post = await fetch(`${url}/healthz`, { method: 'POST' });
		expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);

		const page = await fetch(`${url}/play/123456`, { headers: { accept: 'text/html' } });
		expect(page.status).toBe(503);
		expect(page.headers.get('retry-after')).toBe('2');
		expect(await page.text()).toContain('启动中');

		r.ready([store('SQLite', () => 'ok')]);
		expect((await fetch(`${url}/readyz`)).status).toBe(200);
	});
});
