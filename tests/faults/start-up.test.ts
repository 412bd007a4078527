// Issue 8, item 5: Anda exited at start when PostgreSQL was not up yet. Now a process whose stores
// are down waits for them (saying what it waits for and where, password masked), answers
// /healthz 200 and /readyz 503 naming what is missing meanwhile, and serves once they are up;
// /readyz turns 503 again when a store stops answering. PostgreSQL and Redis are the test's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AndaProcess, request } from '../support/faults/anda-process';
import { PostgresCluster } from '../support/faults/postgres-cluster';
import { RedisProcess } from '../support/faults/redis-process';
import { faultNeeds } from '../support/faults/requirements';
import { closeClients, connect, emitAck, until } from '../support/server';

const needs = await faultNeeds('start-up', { postgresBinaries: true, redisServer: true });

interface Ready {
	status: string;
	notReady: string[];
	checks: Record<string, string>;
}

async function readyz(anda: AndaProcess): Promise<{ code: number; body: Ready }> {
	const r = await request(`${anda.url}/readyz`);
	return { code: r.status, body: r.json() as Ready };
}

describe.skipIf(needs.skip)('start-up before the stores are up', () => {
	let pg: PostgresCluster | null = null;
	let redis: RedisProcess | null = null;
	const processes: AndaProcess[] = [];

	beforeAll(async () => {
		needs.check();
		pg = await PostgresCluster.create(needs.postgres!);
		redis = await RedisProcess.create(needs.redisServer!);
	});
	afterAll(async () => {
		closeClients();
		for (const p of processes) await p.kill();
		await pg?.dispose();
		await redis?.dispose();
	});

	it('waits for PostgreSQL and Redis, then serves; readiness follows the stores', async () => {
		const db = pg!;
		const rd = redis!;
		// A password in the URL (trust auth ignores it): it must never reach the log.
		const databaseUrl = db.url().replace('postgres@', 'postgres:Sekr1t-pw@');
		const anda = await AndaProcess.start({
			env: { DATABASE_URL: databaseUrl, REDIS_URL: rd.url, BANKS_DIR: 'question-banks' }
		});
		processes.push(anda);

		const waiting = await anda.waitForLine((l) => l.msg.startsWith('waiting for PostgreSQL at'));
		expect(waiting.msg).toContain(`postgres://postgres:***@127.0.0.1:${db.port}/postgres`);
		expect(waiting.msg).toMatch(/ECONNREFUSED/);
		await anda.waitForLine((l) => l.msg.startsWith(`waiting for Redis at ${rd.url}`));
		expect((await request(`${anda.url}/healthz`)).status).toBe(200);
		const starting = await readyz(anda);
		expect(starting.code).toBe(503);
		expect(starting.body).toMatchObject({ status: 'starting' });
		expect(starting.body.notReady.sort()).toEqual(['PostgreSQL', 'Redis']);
		const page = await request(`${anda.url}/results/123456`, { headers: { accept: 'text/html' } });
		expect(page.status).toBe(503);
		expect(page.text).toContain('启动中');

		await db.start();
		await until(
			async () => (await readyz(anda)).body.notReady.join() === 'Redis',
			15_000,
			'PostgreSQL seen'
		);
		expect((await readyz(anda)).code).toBe(503);
		await rd.start();
		await until(async () => (await readyz(anda)).code === 200, 15_000, 'ready');
		expect((await readyz(anda)).body).toEqual({
			status: 'ready',
			notReady: [],
			checks: { PostgreSQL: 'ok', Redis: 'ok' }
		});
		expect(anda.lines.some((l) => JSON.stringify(l).includes('Sekr1t-pw'))).toBe(false);

		// Pages and sockets work: a quick room opened from the shipped library, a player joins.
		const opened = await request(`${anda.url}/api/rooms`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ quizId: 'quick-demo' })
		});
		expect(opened.status, opened.text).toBe(201);
		const { pin } = opened.json() as { pin: string };
		const socket = await connect(anda.url);
		const joined = await emitAck(socket, 'player:join', { pin, nickname: '小王' });
		expect(joined).toMatchObject({ ok: true, view: { pin, phase: 'lobby' } });

		// A store that stops answering makes the process unready (and it says which), not dead.
		await db.stop('immediate');
		await until(
			async () => (await readyz(anda)).body.notReady.join() === 'PostgreSQL',
			5000,
			'PostgreSQL reported down'
		);
		expect(await readyz(anda)).toMatchObject({ code: 503, body: { status: 'degraded' } });
		await db.start();
		await until(async () => (await readyz(anda)).code === 200, 5000, 'ready again');
		await rd.kill();
		await until(
			async () => (await readyz(anda)).body.notReady.join() === 'Redis',
			5000,
			'Redis reported down'
		);
		expect((await request(`${anda.url}/healthz`)).status).toBe(200);
		expect(anda.exited, anda.describe()).toBe(false);
	});

	it('stops cleanly when told to while still waiting', async () => {
		await pg!.stop('immediate');
		const anda = await AndaProcess.start({ env: { DATABASE_URL: pg!.url() } });
		processes.push(anda);
		await anda.waitForLine((l) => l.msg.startsWith('waiting for PostgreSQL at'));
		await anda.stop();
		expect(anda.describe()).toContain('exited (code 0');
	});
});
