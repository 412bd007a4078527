// Work a store outage interrupts is finished, exactly once, by whichever process holds the clock:
// scoring a closed question (also when its commit stopped between chunks), and saving the finished
// game. The stores here fail on command.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ranked as rankedByRule, rankTable } from '../../src/lib/domain/ranking';
import { scoreQuestion, type PlayerStanding } from '../../src/lib/domain/round-scoring';
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
		// Finished by the clock, the reveal still carries what the store holds.
		expect(h.broadcast.handed.get(`${pin}:0`)).toEqual(await h.live.getResults(pin, 0, [a]));
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

describe('a score commit cut short between its chunks', () => {
	it('is finished by the clock, every player scored once, exactly as a recomputation says', async () => {
		// Chunks of 4 players: 30 players commit in 8 calls, of which the store takes 3.
		await h.dispose();
		h = await roomHarness({}, { scoreChunk: 4 });
		const { pin } = await h.service.createRoom(demoQuiz);
		const ids: string[] = [];
		for (let i = 0; i < 30; i++) {
			const id = (await h.service.players.join(pin, `p${i}`)).player.id;
			await h.service.players.connected(pin, id, true);
			ids.push(id);
		}
		await h.service.transitions.apply(pin, { type: 'start' });
		// Question 0 scored cleanly: the interrupted one starts from varied standings.
		for (const [i, id] of ids.entries()) {
			await h.advance(100);
			if (i % 5 !== 0)
				await h.service.answers.answer(pin, id, 0, { choices: [i % 3 === 0 ? 0 : 1] });
		}
		await h.advance(20_000);
		expect(await h.live.getScored(pin, 0)).not.toBeNull();
		await h.service.transitions.apply(pin, { type: 'next' });
		await h.service.transitions.apply(pin, { type: 'next' });
		expect((await h.service.view(pin)).index).toBe(1);

		let down = true;
		let chunks = 0;
		const apply = h.live.applyScores.bind(h.live);
		h.live.applyScores = (p, index, entries) => {
			if (index === 1 && down && ++chunks > 3) {
				return Promise.reject(new Error('applyScores: connection refused'));
			}
			return apply(p, index, entries);
		};
		for (const [i, id] of ids.entries()) {
			await h.advance(150);
			if (i % 4 !== 1)
				await h.service.answers.answer(pin, id, 1, { choices: [i % 7 === 0 ? 0 : 1] });
		}
		await h.advance(10_000); // the deadline: the question closes, its commit stops after 3 chunks
		expect(await h.live.getScored(pin, 1)).toBeNull();
		const through = (await h.live.listPlayers(pin)).map((p) => p.scoredThrough);
		expect(through.filter((t) => t === 1)).toHaveLength(12);
		expect(through.filter((t) => t === 0)).toHaveLength(18);

		down = false;
		await h.advance(10_000); // the clock's retry finds the store back
		const scored = await h.live.getScored(pin, 1);
		expect(scored).not.toBeNull();
		expect(h.broadcast.of('results').map((f) => f.index)).toEqual([0, 1]);

		// Recomputed from the stored answers alone, both questions in order from zero.
		let standings: PlayerStanding[] = ids.map((id) => ({
			id,
			score: 0,
			streak: 0,
			correctCount: 0,
			totalTimeMs: 0
		}));
		let last: ReturnType<typeof scoreQuestion> | null = null;
		for (const index of [0, 1]) {
			const limitMs = (await h.live.getScored(pin, index))!.limitMs;
			const answers = await h.live.listAnswers(pin, index);
			last = scoreQuestion(
				demoQuiz.questions[index]!,
				demoQuiz.settings,
				limitMs,
				answers,
				standings
			);
			standings = last.standings;
		}
		const players = new Map((await h.live.listPlayers(pin)).map((p) => [p.id, p]));
		for (const s of standings) {
			expect(players.get(s.id)).toMatchObject({
				score: s.score,
				streak: s.streak,
				correctCount: s.correctCount,
				totalTimeMs: s.totalTimeMs,
				scoredThrough: 1
			});
		}
		expect(scored!.distribution).toEqual(last!.distribution);
		const rankOf = rankTable(standings);
		const results = await h.live.getResults(pin, 1, ids);
		expect(results).toEqual(
			last!.results.map((r) => ({ ...r, rank: rankOf.get(r.playerId) ?? null }))
		);
		const board = await h.live.leaderboard(pin, 100);
		expect(board.map((p) => p.id)).toEqual(rankedByRule(standings).map((s) => s.id));
		for (const id of ids) expect(await h.live.rankOf(pin, id)).toBe(rankOf.get(id));
	});
});
