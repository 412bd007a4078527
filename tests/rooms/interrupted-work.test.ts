// Work a store outage interrupts is finished, exactly once, by whichever process holds the clock:
// scoring a closed question, and saving the finished game. The stores here fail on command.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RoomError } from '../../src/lib/server/rooms/errors';
import { demoQuiz, roomHarness, settle, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
	h = await roomHarness();
});
afterEach(async () => {
	await h.dispose();
});

/** Makes `method` of `target` throw while `down()` is true, as a dropped connection would. */
function failWhile<T extends object>(target: T, method: keyof T, down: () => boolean) {
	const original = (target[method] as (...a: unknown[]) => Promise<unknown>).bind(target);
	(target as Record<keyof T, unknown>)[method] = (...args: unknown[]) =>
		down() ? Promise.reject(new Error(`${String(method)}: connection refused`)) : original(...args);
}

async function openQuestion() {
	const { pin } = await h.service.createRoom(demoQuiz);
	const a = (await h.service.players.join(pin, 'a')).player.id;
	await h.service.players.connected(pin, a, true);
	await h.service.transitions.apply(pin, { type: 'start' });
	await h.advance(4000);
	await h.service.answers.answer(pin, a, 0, { choices: [1] });
	return { pin, a };
}

describe('interrupted work is finished once the store answers again', () => {
	it('a question closed while the store failed is scored later, its results announced once', async () => {
		let down = true;
		failWhile(h.live, 'commitScores', () => down);
		const { pin, a } = await openQuestion();
		await settle(); // a was the only one online: the question closes, scoring fails

		const view = await h.service.view(pin);
		expect([view.phase, view.reveal, view.scoring]).toEqual(['reveal', null, true]);
		expect(h.broadcast.of('results')).toEqual([]);
		expect(await h.live.getScored(pin, 0)).toBeNull();
		// Moving on before the scores exist would show standings without them: refused.
		await expect(h.service.transitions.apply(pin, { type: 'next' })).rejects.toMatchObject({
			code: 'STALE'
		});

		await h.advance(1500); // the clock retried at least once: still down
		expect(h.broadcast.of('results')).toEqual([]);
		down = false;
		await h.advance(8000); // the next retry (backed off) finds the store back

		const after = await h.service.view(pin);
		expect(after.scoring).toBeUndefined();
		expect(after.reveal?.distribution).toEqual({ counts: [0, 1, 0], answered: 1, correct: 1 });
		expect(h.broadcast.of('results')).toEqual([{ type: 'results', pin, index: 0 }]);
		expect((await h.service.views.results(pin, 0, [a])).get(a)).toMatchObject({
			correct: true,
			points: 900, // round(1000 × (1 − 4000 / 40000))
			rank: 1
		});
		await h.advance(10_000);
		expect(h.broadcast.of('results')).toHaveLength(1);
		expect((await h.service.transitions.apply(pin, { type: 'next' })).phase).toBe('leaderboard');
	});

	it('a game ended while the database is down is saved when it is back, and kept live till then', async () => {
		let down = true;
		failWhile(h.records, 'beginGame', () => down);
		const { pin, a } = await openQuestion();
		await settle();

		const ended = await h.service.transitions.apply(pin, { type: 'end' });
		expect(ended.phase).toBe('ended');
		expect((await h.service.view(pin)).saving).toBe(true);
		expect(await h.records.latestGameByPin(pin)).toBeNull();
		expect(await h.live.activePins()).toContain(pin);
		// The host's retry is not an error storm: the room has ended, the save goes on regardless.
		await expect(h.service.transitions.apply(pin, { type: 'end' })).rejects.toBeInstanceOf(
			RoomError
		);

		await h.advance(3000);
		expect(await h.records.latestGameByPin(pin)).toBeNull();
		down = false;
		await h.advance(20_000);

		const game = await h.records.latestGameByPin(pin);
		expect(game?.answers).toEqual([expect.objectContaining({ playerId: a, points: 900 })]);
		expect((await h.service.view(pin)).saving).toBeUndefined();
		expect(await h.live.activePins()).not.toContain(pin);
		expect(h.clock.holds(pin)).toBe(false);
	});
});
