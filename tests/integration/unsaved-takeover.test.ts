// Issue 8, item 4 (Redis): a game ended while its record could not be written is not lost when
// the process driving it dies. The live state keeps it "saving"; another process on the same
// Redis takes the room's clock over and writes the record, once, with every acked answer.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORRECT, Q, makeQuiz } from '../support/quizzes';
import {
	attachHost,
	closeClients,
	emitAck,
	expectOk,
	liveModes,
	makePlayers,
	requireMode,
	startTestServer,
	until,
	waitFor,
	command,
	type TestServer
} from '../support/server';

const modes = await liveModes('unsaved-takeover');
const redis = modes.find((m) => m.name === 'redis')!;
const clock = { leaseMs: 800, sweepMs: 150, retryMs: 200 };

describe.skipIf(redis.skip)('an unsaved game outlives its process (Redis)', () => {
	const servers: TestServer[] = [];
	const dir = mkdtempSync(join(tmpdir(), 'anda-unsaved-'));
	beforeAll(() => requireMode(redis));
	afterEach(async () => {
		closeClients();
		for (const s of servers.splice(0)) await s.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('another process saves the game its dead holder could not', async () => {
		// Both processes write to one record file, as they would to one PostgreSQL.
		const sqlitePath = join(dir, 'records.sqlite');
		const a = await startTestServer({ redisUrl: redis.redisUrl, clock, sqlitePath });
		servers.push(a);
		// A's database refuses every save, as PostgreSQL down would.
		a.ctx.records.beginGame = () => Promise.reject(new Error('database down'));
		const { pin, hostSecret } = await a.createRoom(makeQuiz({ id: 'itest-unsaved' }));
		const host = await attachHost(a.url, pin, hostSecret);
		const players = await makePlayers(a.url, pin, 3, 'U');
		const opened = waitFor(host.socket, 'room:view', (v) => v.phase === 'question');
		await command(host, { type: 'start' });
		await opened;
		// Everyone answers: the question closes and is scored before the host ends the game.
		const revealed = waitFor(host.socket, 'room:view', (v) => v.phase === 'reveal');
		for (const p of players) {
			expectOk(
				await emitAck(p.socket, 'player:answer', {
					index: Q.single,
					answer: { choices: CORRECT[Q.single] }
				})
			);
		}
		await revealed;
		const saving = waitFor(host.socket, 'room:view', (v) => v.phase === 'ended' && !!v.saving);
		await command(host, { type: 'end' });
		await saving;
		expect(await a.ctx.records.latestGameByPin(pin)).toBeNull();

		// A dies holding the room; B, started afterwards, finds the unsaved game and saves it.
		await a.crash();
		servers.splice(servers.indexOf(a), 1);
		const b = await startTestServer({ redisUrl: redis.redisUrl, clock, sqlitePath });
		servers.push(b);
		const game = (await until(() => b.ctx.records.latestGameByPin(pin), 10_000, 'the saved game'))!;
		expect(
			game.answers
				.filter((x) => x.questionIndex === Q.single)
				.map((x) => x.playerId)
				.sort()
		).toEqual(players.map((p) => p.playerId).sort());
		await until(async () => !(await b.ctx.live.getState(pin))?.pendingSave, 5000, 'saved state');
	}, 30_000);
});
