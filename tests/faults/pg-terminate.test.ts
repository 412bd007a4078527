// Issue 8, item 1: terminating the record pool's PostgreSQL backends (as a DBA, a failover or a
// connection limit would) crashed the process with an unhandled 'error' event. A real Anda process
// on a database of its own: its backends are terminated three times (several at once), and after
// each it is alive, logs one line per lost connection, and serves a request that reads the
// database.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AndaProcess, request } from '../support/faults/anda-process';
import { faultNeeds, sharedPgUrl } from '../support/faults/requirements';
import { until } from '../support/server';

const needs = await faultNeeds('pg-terminate', { sharedPostgres: true });
const database = `anda_fault_${randomBytes(6).toString('hex')}`;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: sharedPgUrl('postgres') });
	client.on('error', () => {});
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end().catch(() => {});
	}
}

/** Opens a quick room: reads the quiz from the record store. */
async function openRoom(anda: AndaProcess) {
	return request(`${anda.url}/api/rooms`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ quizId: 'quick-demo' })
	});
}

describe.skipIf(needs.skip)('PostgreSQL backends terminated under a running process', () => {
	let anda: AndaProcess | null = null;

	beforeAll(async () => {
		needs.check();
		await admin((c) => c.query(`CREATE DATABASE ${database}`));
		anda = await AndaProcess.start({
			env: { DATABASE_URL: sharedPgUrl(database), BANKS_DIR: 'question-banks' }
		});
		const up = anda;
		await until(async () => (await request(`${up.url}/readyz`)).status === 200, 20_000, 'ready');
	});

	afterAll(async () => {
		await anda?.stop();
		await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
	});

	it('keeps serving: the pool replaces the dead connections', async () => {
		const proc = anda!;
		const lost = () =>
			proc.lines.filter((l) => l.msg.startsWith('PostgreSQL connection lost')).length;
		for (let round = 1; round <= 3; round++) {
			// Several requests at once, so that the pool holds several idle connections.
			const opened = await Promise.all([openRoom(proc), openRoom(proc), openRoom(proc)]);
			expect(opened.map((r) => r.status)).toEqual([201, 201, 201]);
			const before = lost();
			const terminated = await admin(async (c) => {
				const r = await c.query(
					'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
					[database]
				);
				return r.rowCount ?? 0;
			});
			expect(terminated, `round ${round}: backends terminated`).toBeGreaterThan(0);
			// One line per lost connection, then the process carries on.
			await until(
				() => proc.exited || lost() >= before + terminated,
				5000,
				'the lost connections logged'
			);
			expect(proc.exited, proc.describe()).toBe(false);
			expect((await request(`${proc.url}/healthz`)).status).toBe(200);
			const again = await openRoom(proc);
			expect(again.status, again.text).toBe(201);
			const pin = (again.json() as { pin: string }).pin;
			// Results of a game not finished yet: a database read that finds nothing, not a 500.
			expect((await request(`${proc.url}/results/${pin}`)).status).toBe(404);
		}
		expect(proc.lines.filter((l) => l.msg.includes('unhandled')).length).toBe(0);
		expect(proc.exited, proc.describe()).toBe(false);
	});
});
