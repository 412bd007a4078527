// Host authority: the PIN alone grants nothing. Then the host's own controls: lock, late joins,
// pause, resume, add-time and skip, observed through the views and the stored state.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RoomState } from '../../src/lib/domain/room';
import type { HostCommandPayload } from '../../src/lib/protocol';
import { slowQuiz } from '../support/quizzes';
import {
	attachHost,
	closeClients,
	collectFor,
	command,
	connect,
	emitAck,
	expectFail,
	expectOk,
	joinPlayer,
	liveModes,
	requireMode,
	sleep,
	startTestServer,
	waitFor,
	type TestHost,
	type TestPlayer,
	type TestServer
} from '../support/server';

const modes = await liveModes('host-auth.test.ts');

const LIMIT_MS = 120_000;

const EVERY_COMMAND: HostCommandPayload[] = [
	{ type: 'start' },
	{ type: 'next' },
	{ type: 'skip' },
	{ type: 'pause' },
	{ type: 'resume' },
	{ type: 'addTime', seconds: 60 },
	{ type: 'end' },
	{ type: 'lock' },
	{ type: 'unlock' },
	{ type: 'lateJoin', allow: false }
];

describe.each(modes)('host authority with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`host auth (${mode.name})`, () => {
		let server: TestServer;
		let pin: string;
		let secret: string;
		let player: TestPlayer;

		beforeAll(async () => {
			requireMode(mode);
			server = await startTestServer({ redisUrl: mode.redisUrl });
		});
		afterAll(async () => {
			closeClients();
			await server?.close();
		});
		beforeEach(async () => {
			({ pin, hostSecret: secret } = await server.createRoom(slowQuiz));
			player = await joinPlayer(server.url, pin, 'Alice');
		});
		afterEach(() => closeClients());

		const state = async (): Promise<RoomState> => (await server.ctx.live.getState(pin))!;

		describe('knowing the PIN grants nothing', () => {
			it('refuses host:attach with a wrong secret, and commands and kicks without it', async () => {
				const before = await state();
				const other = await server.createRoom(slowQuiz);
				const intruder = await connect(server.url);

				for (const bad of [
					'x'.repeat(16),
					secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A'),
					other.hostSecret,
					secret.toUpperCase() === secret ? secret.toLowerCase() : secret.toUpperCase()
				]) {
					expectFail(await emitAck(intruder, 'host:attach', { pin, secret: bad }), 'NOT_HOST');
					expect(await state()).toEqual(before);
				}
				// Still not a host after failing: every command and a kick are refused.
				for (const cmd of EVERY_COMMAND) {
					expectFail(await emitAck(intruder, 'host:command', cmd), 'NOT_HOST');
					expect(await state()).toEqual(before);
				}
				expectFail(await emitAck(intruder, 'host:kick', { playerId: player.playerId }), 'NOT_HOST');
				expect((await server.ctx.live.getPlayer(pin, player.playerId))?.kicked).toBe(false);
				expect(await state()).toEqual(before);
				// The other room's host cannot steer this room either.
				const otherHost = await attachHost(server.url, other.pin, other.hostSecret);
				const otherBefore = (await server.ctx.live.getState(other.pin))!;
				await command(otherHost, { type: 'lock' });
				expect(await state()).toEqual(before);
				expect((await server.ctx.live.getState(other.pin))!.version).toBe(otherBefore.version + 1);
			});

			it('refuses host commands from a player socket and a screen socket', async () => {
				const before = await state();
				for (const cmd of EVERY_COMMAND) {
					expectFail(await emitAck(player.socket, 'host:command', cmd), 'NOT_HOST');
				}
				expectFail(
					await emitAck(player.socket, 'host:kick', { playerId: player.playerId }),
					'NOT_HOST'
				);
				expect(await state()).toEqual(before);

				const screen = await connect(server.url);
				expectOk(await emitAck(screen, 'screen:attach', { pin }));
				for (const cmd of EVERY_COMMAND) {
					expectFail(await emitAck(screen, 'host:command', cmd), 'NOT_HOST');
				}
				expectFail(await emitAck(screen, 'host:kick', { playerId: player.playerId }), 'NOT_HOST');
				expect(await state()).toEqual(before);
				expect((await server.ctx.live.getPlayer(pin, player.playerId))?.kicked).toBe(false);

				// The real host, attached, can.
				const host = await attachHost(server.url, pin, secret);
				const view = await command(host, { type: 'lock' });
				expect(view.locked).toBe(true);
				expect((await state()).version).toBe(before.version + 1);
			});
		});

		describe('room controls', () => {
			let host: TestHost;
			beforeEach(async () => {
				host = await attachHost(server.url, pin, secret);
			});

			it('refuses joins while locked and admits them again once unlocked', async () => {
				const locked = await command(host, { type: 'lock' });
				expect(locked.locked).toBe(true);
				const late = await connect(server.url);
				expectFail(await emitAck(late, 'player:join', { pin, nickname: 'Bob' }), 'ROOM_LOCKED');
				expect(await server.ctx.live.playerCount(pin)).toBe(1);
				// A returning player is not a new join.
				const back = await connect(server.url);
				expectOk(await emitAck(back, 'player:resume', { pin, token: player.token }));

				expect((await command(host, { type: 'unlock' })).locked).toBe(false);
				const res = expectOk(await emitAck(late, 'player:join', { pin, nickname: 'Bob' }));
				expect(res.self.nickname).toBe('Bob');
				expect(await server.ctx.live.playerCount(pin)).toBe(2);
			});

			it('refuses late joins after the start when the host turned them off', async () => {
				const off = await command(host, { type: 'lateJoin', allow: false });
				expect(off.allowLateJoin).toBe(false);
				// Still the lobby: joining is fine.
				await joinPlayer(server.url, pin, 'Early');
				await command(host, { type: 'start' });
				const late = await connect(server.url);
				expectFail(await emitAck(late, 'player:join', { pin, nickname: 'Late' }), 'GAME_STARTED');
				expect(await server.ctx.live.playerCount(pin)).toBe(2);
				// Returning players may always come back.
				const back = await connect(server.url);
				const res = expectOk(await emitAck(back, 'player:resume', { pin, token: player.token }));
				expect(res.view.phase).toBe('question');

				expect((await command(host, { type: 'lateJoin', allow: true })).allowLateJoin).toBe(true);
				expectOk(await emitAck(late, 'player:join', { pin, nickname: 'Late' }));
			});

			it('pauses, resumes and adds time, as the views and the deadline show', async () => {
				const open = await command(host, { type: 'start' });
				expect(open).toMatchObject({ phase: 'question', paused: false, limitMs: LIMIT_MS });
				const s0 = await state();

				const seen = waitFor(player.socket, 'room:view', (v) => v.paused);
				const paused = await command(host, { type: 'pause' });
				expect(paused.paused).toBe(true);
				expect((await seen).paused).toBe(true);
				const frozen = paused.remainingMs;
				expect(frozen).toBeGreaterThan(LIMIT_MS - 2000);
				expect(frozen).toBeLessThanOrEqual(LIMIT_MS);

				// Time stands still while paused, and answers wait.
				await sleep(300);
				expect((await server.ctx.rooms.view(pin)).remainingMs).toBe(frozen);
				expectFail(
					await emitAck(player.socket, 'player:answer', { index: 0, answer: { choices: [2] } }),
					'PAUSED'
				);
				expectFail(await emitAck(host.socket, 'host:command', { type: 'pause' }), 'ALREADY_PAUSED');

				const resumed = await command(host, { type: 'resume' });
				expect(resumed.paused).toBe(false);
				expect(resumed.remainingMs).toBeLessThanOrEqual(frozen);
				expect(resumed.remainingMs).toBeGreaterThan(frozen - 1000);
				const s1 = await state();
				expect(s1.deadline - s0.deadline).toBeGreaterThanOrEqual(290);
				expect(s1.pausedMs).toBeGreaterThanOrEqual(290);
				expectFail(await emitAck(host.socket, 'host:command', { type: 'resume' }), 'NOT_PAUSED');

				const more = await command(host, { type: 'addTime', seconds: 30 });
				expect(more.limitMs).toBe(LIMIT_MS + 30_000);
				expect(more.remainingMs).toBeGreaterThan(resumed.remainingMs + 28_000);
				expect(more.remainingMs).toBeLessThanOrEqual(resumed.remainingMs + 30_000);
				expect((await state()).deadline).toBe(s1.deadline + 30_000);

				// Answer time excludes the pause.
				const res = expectOk(
					await emitAck(player.socket, 'player:answer', { index: 0, answer: { choices: [2] } })
				);
				expect(res.duplicate).toBe(false);
				const [stored] = await server.ctx.live.listAnswers(pin, 0);
				const wall = stored!.receivedAt - s0.openedAt;
				expect(stored!.elapsedMs).toBe(wall - s1.pausedMs);
			});

			it('skips to the next question without a reveal or scores', async () => {
				await command(host, { type: 'start' });
				const other = await joinPlayer(server.url, pin, 'Bob');
				expectOk(
					await emitAck(player.socket, 'player:answer', { index: 0, answer: { choices: [2] } })
				);
				const views = collectFor(player.socket, 'room:view', 400);
				const results = collectFor(player.socket, 'player:result', 400);
				const next = await command(host, { type: 'skip' });
				expect(next).toMatchObject({ phase: 'question', index: 1, reveal: null });
				expect(next.question?.index).toBe(1);

				const got = await views;
				expect(got.map((v) => [v.phase, v.index])).toEqual([['question', 1]]);
				expect(await results).toEqual([]);
				expect(await server.ctx.live.getScored(pin, 0)).toBeNull();
				expect((await server.ctx.live.getPlayer(pin, player.playerId))?.score).toBe(0);
				// Answers for the skipped question are no longer accepted.
				expectFail(
					await emitAck(other.socket, 'player:answer', { index: 0, answer: { choices: [2] } }),
					'WRONG_QUESTION'
				);
			});
		});
	});
});
