// Who buzzed first is decided by the live store in one atomic step, also when the buzzes reach it
// through several processes: four racer processes, each with its own Redis connection, append 50
// members each to one race log from the same instant.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoomState } from '../../src/lib/domain/room';
import type { RaceOutcome } from '../../src/lib/server/live/port';
import { RedisLiveStore } from '../../src/lib/server/live/redis';
import type { RacerReport } from '../support/buzz-racer';
import { makeQuiz } from '../support/quizzes';
import { liveModes, requireMode } from '../support/server';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RACER = fileURLToPath(new URL('../support/buzz-racer.ts', import.meta.url));
const PROCESSES = 4;
const PER_PROCESS = 50;
const KILL_AFTER_MS = 30_000;
/** Time for every racer to start and connect before the common instant. */
const START_LEAD_MS = 3000;
const LAGGING_CLOCK_MS = 50;

const redis = (await liveModes('buzz-race')).find((m) => m.name === 'redis')!;

/** Runs one racer; resolves with its report, rejects if it fails or outlives KILL_AFTER_MS. */
function race(args: string[]): Promise<RacerReport[]> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', RACER, ...args], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		let err = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
		child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			if (code !== 0) return reject(new Error(`racer exited ${code ?? signal}: ${err}`));
			try {
				resolve(JSON.parse(out.trim()) as RacerReport[]);
			} catch {
				reject(new Error(`racer printed no report: ${out} ${err}`));
			}
		});
	});
}

describe.skipIf(redis.skip)('the buzz race across processes (Redis)', () => {
	// A prefix of its own: no server clock sharing this Redis sees the room.
	const prefix = `anda-buzz-${randomUUID().slice(0, 8)}`;
	let store: RedisLiveStore;
	beforeAll(async () => {
		requireMode(redis);
		store = await RedisLiveStore.connect(redis.redisUrl!, { prefix });
	});
	afterAll(async () => {
		await store?.close();
		// The racers' heartbeats and the clock's indexes live under the prefix too.
		const raw = createClient({ url: redis.redisUrl });
		raw.on('error', () => {});
		await raw.connect();
		const keys: string[] = [];
		for await (const batch of raw.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) {
			keys.push(...batch);
		}
		if (keys.length > 0) await raw.del(keys);
		await raw.quit();
	});

	it(
		'gives exactly one first place and places 1..200 in the order of the log',
		{ timeout: KILL_AFTER_MS + 10_000 },
		async () => {
			const quiz = makeQuiz({ id: 'itest-buzz' });
			const pin = String(100_000 + Math.floor(Math.random() * 900_000));
			const state = createRoomState({
				pin,
				quizId: quiz.id,
				title: quiz.title,
				settings: quiz.settings,
				questionCount: quiz.questions.length,
				now: Date.now()
			});
			const room = {
				state,
				quiz,
				hostSecretHash: 'buzz',
				ownerUserId: null,
				orgId: null,
				coHostIds: [],
				screenToken: null
			};
			expect(await store.createRoom(room)).toBe(true);
			await store.markInactive(pin);
			const log = '0:o1';
			try {
				const startAt = String(Date.now() + START_LEAD_MS);
				const reports = await Promise.all(
					Array.from({ length: PROCESSES }, (_, p) =>
						race([
							...[redis.redisUrl!, prefix, pin, log, startAt, `proc${p}`, String(PER_PROCESS)],
							// One racer's clock lags: the log's times must still never go backwards.
							p === 0 ? String(LAGGING_CLOCK_MS) : '0'
						])
					)
				);
				const all = reports.flat();
				expect(all).toHaveLength(PROCESSES * PER_PROCESS);
				const outcomes = all.map((r) => r.outcome as RaceOutcome);
				expect(outcomes.every((o) => o !== null && !o.duplicate)).toBe(true);
				expect(outcomes.filter((o) => o.position === 1)).toHaveLength(1);
				expect(outcomes.map((o) => o.position).sort((a, b) => a - b)).toEqual(
					Array.from({ length: PROCESSES * PER_PROCESS }, (_, i) => i + 1)
				);

				const entries = await store.readRace(pin, log);
				expect(entries).toHaveLength(PROCESSES * PER_PROCESS);
				for (const { member, outcome } of all) {
					expect(entries[outcome!.position - 1]).toEqual({ member, at: outcome!.at });
					// Every racer saw the same winner.
					expect(outcome!.first).toEqual(entries[0]);
				}
				for (let i = 1; i < entries.length; i++) {
					expect(entries[i]!.at).toBeGreaterThanOrEqual(entries[i - 1]!.at);
				}
				// The processes did race: the log is not merely their runs one after another.
				const owner = entries.map((e) => e.member.split('-')[0]);
				const switches = owner.filter((o, i) => i > 0 && o !== owner[i - 1]).length;
				expect(switches).toBeGreaterThan(PROCESSES - 1);
			} finally {
				await store.deleteRoom(pin);
			}
			expect(await store.readRace(pin, log)).toEqual([]);
		}
	);
});
