// A graceful shutdown (SIGTERM) that the pages survive. The players, the host panel and the screen
// run here as the pages run them — their session classes on socket.io-client with the pages'
// options — against a process that drains and a new process started on the same port (one client
// URL cannot reach another process; behind a load balancer the same reconnection would land on a
// survivor). With Redis the room lives on: everyone resumes, the answer in flight at the drain is
// acked by the old process, the one tapped in the gap by the new one, each stored once. Embedded,
// the room dies with the process, and the pages say so instead of blaming the PIN.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HostSession } from '../../src/lib/client/host-session.svelte';
import { PlayerSession } from '../../src/lib/client/player-session.svelte';
import { ScreenSession } from '../../src/lib/client/screen-session.svelte';
import { connectSocket } from '../../src/lib/client/socket';
import type { AnswerInput } from '../../src/lib/domain/answer';
import { memoryStorage } from '../client/fake-socket';
import { CORRECT, Q, makeQuiz } from '../support/quizzes';
import {
	attachHost,
	closeClients,
	command,
	liveModes,
	requireMode,
	sleep,
	startTestServer,
	until,
	type TestServer
} from '../support/server';

const modes = await liveModes('drain');
const redis = modes.find((m) => m.name === 'redis')!;
const clock = { leaseMs: 800, sweepMs: 150 };

const servers: TestServer[] = [];
const pages: { close(): void }[] = [];
afterEach(async () => {
	for (const p of pages.splice(0)) p.close();
	closeClients();
	for (const s of servers.splice(0)) await s.close();
});

async function server(opts: Parameters<typeof startTestServer>[0] = {}) {
	const s = await startTestServer(opts);
	servers.push(s);
	return s;
}

/** A phone: the player page's session on the pages' socket, joined under `nickname`. */
async function phone(url: string, pin: string, nickname: string) {
	const socket = connectSocket(url);
	const session = new PlayerSession(socket, pin, memoryStorage());
	session.listen();
	pages.push(session);
	await until(() => session.stage === 'nickname', 3000, `${nickname} connected`);
	await session.join(nickname);
	expect(session.stage).toBe('playing');
	const reasons: string[] = [];
	socket.on('disconnect', (r) => reasons.push(r));
	return { socket, session, reasons, id: session.self!.playerId };
}

/** Counts the answers a server's handlers pass to the store, per player; `delayMs` slows them. */
function countAnswers(s: TestServer, delayMs = 0) {
	const answers = s.ctx.rooms.answers;
	const original = answers.answer.bind(answers);
	const calls: string[] = [];
	answers.answer = async (pin: string, playerId: string, index: number, answer: AnswerInput) => {
		calls.push(playerId);
		if (delayMs) await sleep(delayMs);
		return original(pin, playerId, index, answer);
	};
	return calls;
}

describe.skipIf(redis.skip)(
	'a graceful shutdown with Redis: the pages reconnect and resume',
	() => {
		beforeAll(() => requireMode(redis));

		it('reconnects the phones, the host panel and the screen; acks the answer in flight and the one from the gap once', async () => {
			const a = await server({ redisUrl: redis.redisUrl, clock });
			const b = await server({ redisUrl: redis.redisUrl, clock });
			const { pin, hostSecret } = await a.createRoom(
				makeQuiz({ id: 'itest-drain', timeLimit: 60 })
			);
			const remote = await attachHost(b.url, pin, hostSecret); // a host on the surviving process

			const p1 = await phone(a.url, pin, 'P1');
			const p2 = await phone(a.url, pin, 'P2');
			// A third phone on the survivor does not answer: the question stays open until the host
			// closes it, whichever phone comes back first.
			const p3 = await phone(b.url, pin, 'P3');
			const panel = new HostSession(connectSocket(a.url), pin, () => hostSecret);
			panel.listen();
			pages.push(panel);
			const screen = new ScreenSession(connectSocket(a.url), pin);
			screen.listen();
			pages.push(screen);
			await until(() => panel.control === 'secret' && screen.watch.view, 3000, 'panel and screen');

			await command(remote, { type: 'start' });
			await until(() => p1.session.view?.phase === 'question', 3000, 'the question on P1');
			await until(() => p2.session.view?.phase === 'question', 3000, 'the question on P2');

			// P1's answer is still being handled when the drain begins.
			const onA = countAnswers(a, 300);
			p1.session.choose(CORRECT[Q.single]![0]!);
			await until(() => onA.length === 1, 3000, 'P1’s answer at the server');
			await a.shutdown();
			servers.splice(servers.indexOf(a), 1);

			// Acked before the connection closed, and the close was one the client retries.
			expect(p1.session.sent?.answer).toEqual({ choices: CORRECT[Q.single] });
			expect(p1.session.note).toBeNull();
			for (const p of [p1, p2]) expect(p.reasons).toEqual(['transport close']);
			expect(panel.online).toBe(false);

			// P2 taps while no process answers on that port.
			p2.session.choose(CORRECT[Q.single]![0]!);
			expect(p2.session.note).toEqual({ kind: 'queued' });

			const a2 = await server({ redisUrl: redis.redisUrl, clock, port: a.port });
			const onA2 = countAnswers(a2);
			await until(() => p2.session.sent !== null, 15_000, 'P2’s queued answer acked');
			await until(() => p1.session.online && panel.online && screen.watch.view, 15_000, 'all back');

			expect(onA).toEqual([p1.id]);
			expect(onA2).toEqual([p2.id]);
			const stored = await a2.ctx.live.listAnswers(pin, Q.single);
			expect(stored.map((x) => x.playerId).sort()).toEqual([p1.id, p2.id].sort());
			// The host panel steers again by its secret; it was never told it had no control.
			expect([panel.denied, panel.lost, panel.control]).toEqual([false, null, 'secret']);
			expect(screen.lost).toBeNull();

			// Presence counted the drained sockets out and the reconnected ones in: three online.
			// (A resumed phone is counted in once its resume lands: on a loaded machine, just after.)
			await until(async () => (await a2.ctx.live.onlineCount(pin)) === 3, 5000, 'three online');
			expect(p3.reasons).toEqual([]);
			// The room plays on: closed by the host, each phone gets its result.
			await command(remote, { type: 'next' });
			await until(
				() => [p1, p2, p3].every((p) => p.session.result?.index === Q.single),
				5000,
				'the results'
			);
			expect(p1.session.result?.correct).toBe(true);
			expect(p2.session.result?.correct).toBe(true);
			expect(p3.session.result?.answered).toBe(false);
			await until(() => panel.watch.view?.phase === 'reveal', 3000, 'the reveal on the panel');
			await a2.ctx.live.deleteRoom(pin);
		}, 40_000);
	}
);

describe('a restart of an embedded server: the room is gone, and the pages say why', () => {
	it('tells the phone and the host panel the room ended with the restart, and stops the countdown', async () => {
		const a = await server({ clock });
		const { pin, hostSecret } = await a.createRoom(
			makeQuiz({ id: 'itest-restart', timeLimit: 60 })
		);
		const p1 = await phone(a.url, pin, 'P1');
		const panel = new HostSession(connectSocket(a.url), pin, () => hostSecret);
		panel.listen();
		pages.push(panel);
		await until(() => panel.control === 'secret', 3000, 'the panel attached');
		await panel.send({ type: 'start' });
		await until(() => p1.session.view?.phase === 'question', 3000, 'the question');
		expect(panel.watch.countdown.seconds).toBeGreaterThan(50);

		await a.shutdown();
		servers.splice(servers.indexOf(a), 1);
		const a2 = await server({ clock, port: a.port });
		await until(() => p1.session.stage === 'gone', 15_000, 'the phone told');
		await until(() => panel.lost !== null, 15_000, 'the panel told');

		expect(p1.session.lost).toBe('restarted');
		expect(panel.lost).toBe('restarted');
		expect(panel.denied).toBe(false);
		const frozen = panel.watch.countdown.remainingMs;
		await sleep(250);
		expect(panel.watch.countdown.remainingMs).toBe(frozen);
		// Nothing was left behind to be joined by mistake under that PIN.
		expect(await a2.ctx.live.getRoom(pin)).toBeNull();
	}, 30_000);
});
