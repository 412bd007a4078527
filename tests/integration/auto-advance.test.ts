// A timed schedule run by the room's clock: after the reveal and the leaderboard times pass, the
// next question opens with nobody pressing a button.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CORRECT, Q, makeQuiz } from '../support/quizzes';
import {
	attachHost,
	attachScreen,
	closeClients,
	command,
	emitAck,
	expectOk,
	liveModes,
	makePlayers,
	requireMode,
	startTestServer,
	waitFor,
	type TestServer
} from '../support/server';

const modes = await liveModes('auto-advance');

describe.each(modes)('auto-advance with the $name live store', (mode) => {
	let server: TestServer | null = null;
	beforeAll(() => requireMode(mode));
	afterEach(async () => {
		closeClients();
		await server?.close();
		server = null;
	});

	it.skipIf(mode.skip)(
		'moves from reveal to leaderboard to the next question by itself',
		async () => {
			server = await startTestServer({ redisUrl: mode.redisUrl });
			const { pin, hostSecret } = await server.createRoom(makeQuiz({ id: 'itest-auto' }));
			const host = await attachHost(server.url, pin, hostSecret);
			const [player] = await makePlayers(server.url, pin, 1);
			const screen = await attachScreen(server.url, pin);
			const view = await command(host, {
				type: 'autoAdvance',
				settings: { revealSec: 2, leaderboardSec: 2 }
			});
			expect(view.autoAdvance).toEqual({ revealSec: 2, leaderboardSec: 2 });

			await command(host, { type: 'start' });
			const reveal = waitFor(player!.socket, 'room:view', (v) => v.phase === 'reveal');
			expectOk(
				await emitAck(player!.socket, 'player:answer', {
					index: Q.single,
					answer: { choices: CORRECT[Q.single] }
				})
			);
			const r = await reveal;
			expect(r.phaseRemainingMs).toBeGreaterThan(1000);
			expect(r.phaseRemainingMs).toBeLessThanOrEqual(2000);

			const started = Date.now();
			const board = await waitFor(
				screen.socket,
				'room:view',
				(v) => v.phase === 'leaderboard',
				4000
			);
			expect(board.leaderboard?.[0]?.playerId).toBe(player!.playerId);
			const nextQ = await waitFor(
				player!.socket,
				'room:view',
				(v) => v.phase === 'question' && v.index === Q.multiple,
				4000
			);
			expect(nextQ.question?.index).toBe(Q.multiple);
			// Two timed phases of 2 s each passed before the question opened.
			expect(Date.now() - started).toBeGreaterThanOrEqual(3500);
		}
	);
});
