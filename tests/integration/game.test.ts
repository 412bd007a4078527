// A whole game over real sockets, in both live-store modes: join, every question type, scoring by
// the server-stamped answer time, streaks, reveal, leaderboard, podium, and the durable record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerInput } from '../../src/lib/domain/answer';
import { replayGame, type ClosedQuestion } from '../../src/lib/domain/round-scoring';
import type { PlayerResult, RoomView } from '../../src/lib/protocol';
import { CORRECT, EXPLANATIONS, FILLIN_ACCEPTED, fixtureQuiz, SOURCES } from '../support/quizzes';
import {
	attachHost,
	attachScreen,
	closeClients,
	command,
	connect,
	emitAck,
	expectOk,
	liveModes,
	makePlayers,
	requireMode,
	startTestServer,
	until,
	waitFor,
	waitForResult,
	type EventArg,
	type TestHost,
	type TestPlayer,
	type TestServer
} from '../support/server';

const modes = await liveModes('game.test.ts');

const quiz = fixtureQuiz;
const LIMIT_MS = 5000;

/** What each of the three players answers, per question; the first answer of P1 is resent. */
const PLAN: AnswerInput[][] = [
	[{ choices: [2] }, { choices: [2] }, { choices: [0] }],
	[{ choices: [3, 0] }, { choices: [0] }, { choices: [0, 3] }],
	[{ choices: [1] }, { choices: [1] }, { choices: [0] }],
	[
		{ text: 'zorblaxquencher7781' },
		{ text: 'ＱＵＩＢＢＬＥＴＯＮ　ＦＯＡＭ　３３９２' },
		{ text: 'water' }
	],
	[{ choices: [0] }, { choices: [1] }, { choices: [1] }]
];
const CORRECTNESS: (boolean | null)[][] = [
	[true, true, false],
	[true, false, true],
	[true, true, false],
	[true, true, false],
	[null, null, null]
];
const DISTRIBUTION = [
	{ counts: [1, 0, 2, 0], answered: 3, correct: 2 },
	{ counts: [3, 0, 0, 2], answered: 3, correct: 2 },
	{ counts: [1, 2], answered: 3, correct: 2 },
	{ counts: [2, 1], answered: 3, correct: 2 },
	{ counts: [1, 2, 0], answered: 3, correct: 0 }
];
const BASE_POINTS = [1000, 2000, 1000, 1000, 0];

/** The scoring rule, written out independently of the domain module. */
function expectedPoints(base: number, elapsedMs: number, limitMs: number): number {
	const t = Math.min(Math.max(elapsedMs, 0), limitMs);
	return Math.round(base * (1 - t / (2 * limitMs)));
}
const bonusFor = (streak: number) => Math.min(Math.max(streak - 1, 0) * 100, 500);

/** The room:view frame revealing question `index` to a player, with the result it carries. */
function revealFrame(p: TestPlayer, index: number): Promise<[RoomView, PlayerResult]> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no reveal of ${index}`)), 5000);
		const listener = (view: RoomView, mine?: PlayerResult) => {
			if (view.phase !== 'reveal' || view.index !== index) return;
			clearTimeout(timer);
			p.socket.off('room:view', listener);
			if (mine) resolve([view, mine]);
			else reject(new Error(`${p.nickname}: the reveal of ${index} came without a result`));
		};
		p.socket.on('room:view', listener);
	});
}

describe.each(modes)('a whole game with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`game (${mode.name})`, () => {
		let server: TestServer;
		let pin: string;
		let hostSecret: string;
		let host: TestHost;
		let players: TestPlayer[] = [];
		/** Scores and streaks the test expects, kept independently of the server. */
		const expected = new Map<string, { score: number; streak: number; correct: number }>();
		/** The last result each player was shown, per question. */
		const shown = new Map<string, PlayerResult[]>();

		beforeAll(async () => {
			requireMode(mode);
			server = await startTestServer({ redisUrl: mode.redisUrl });
			expect(server.ctx.live.kind).toBe(mode.name);
			({ pin, hostSecret } = await server.createRoom(quiz));
		});

		afterAll(async () => {
			closeClients();
			await server?.close();
		});

		it('admits a host with the secret and three players, reporting arrivals to the host', async () => {
			host = await attachHost(server.url, pin, hostSecret);
			expect(host.view).toMatchObject({ pin, phase: 'lobby', index: -1, playerCount: 0 });
			expect(host.players).toEqual([]);

			const deltas: EventArg<'room:players'>[] = [];
			host.socket.on('room:players', (d) => deltas.push(d));
			players = await makePlayers(server.url, pin, 3, 'P');
			for (const p of players) {
				expect(p.view).toMatchObject({ pin, phase: 'lobby', question: null, reveal: null });
				expect(p.self).toMatchObject({ nickname: p.nickname, score: 0, streak: 0, answered: null });
				expected.set(p.playerId, { score: 0, streak: 0, correct: 0 });
				shown.set(p.playerId, []);
			}
			expect(new Set(players.map((p) => p.playerId)).size).toBe(3);

			await until(() => deltas.at(-1)?.count === 3, 3000, 'room:players count 3');
			const joined = new Set(deltas.flatMap((d) => d.joined.map((j) => j.id)));
			expect(joined).toEqual(new Set(players.map((p) => p.playerId)));
			for (const d of deltas) expect(d.left).toEqual([]);
			const summaries = deltas.flatMap((d) => d.joined);
			for (const p of players) {
				expect(summaries).toContainEqual({
					id: p.playerId,
					nickname: p.nickname,
					online: true,
					score: 0
				});
			}
		});

		it('runs every question type to the podium, scoring by server-stamped time', async () => {
			const screen = await attachScreen(server.url, pin);
			// Every view each phone is sent, to check which steps reach phones.
			const phoneViews = players.map((p) => {
				const got: RoomView[] = [];
				p.socket.on('room:view', (v) => got.push(v));
				return got;
			});
			for (let i = 0; i < quiz.questions.length; i++) {
				const q = quiz.questions[i]!;

				// Open the question: start for the first, next (from the leaderboard) after that.
				const opened = players.map((p) =>
					waitFor(p.socket, 'room:view', (v) => v.phase === 'question' && v.index === i)
				);
				const hostView = await command(host, { type: i === 0 ? 'start' : 'next' });
				expect(hostView).toMatchObject({ phase: 'question', index: i, limitMs: LIMIT_MS });
				for (const view of await Promise.all(opened)) {
					expect(view.reveal).toBeNull();
					expect(view.leaderboard).toBeNull();
					expect(view.paused).toBe(false);
					expect(view.remainingMs).toBeGreaterThan(0);
					expect(view.remainingMs).toBeLessThanOrEqual(LIMIT_MS);
					// Exactly the public fields: no key, no accepted answers, no explanation.
					expect(view.question).toEqual({
						index: i,
						total: quiz.questions.length,
						type: q.type,
						stem: q.stem,
						options: q.type === 'truefalse' || q.type === 'fillin' ? [] : q.options,
						points: BASE_POINTS[i],
						timeLimit: LIMIT_MS / 1000
					});
				}

				// Each phone gets the reveal and its own result in one frame.
				const framed = players.map((p) => revealFrame(p, i));
				const revealed = framed.map((f) => f.then(([view]) => view));
				const results = framed.map((f) => f.then(([, mine]) => mine));

				// P1 answers, then resends (a different answer): counted once, the first one kept.
				const [p1, p2, p3] = players as [TestPlayer, TestPlayer, TestPlayer];
				const first = expectOk(
					await emitAck(p1.socket, 'player:answer', { index: i, answer: PLAN[i]![0] })
				);
				expect(first).toEqual({ ok: true, index: i, duplicate: false });
				const again = expectOk(
					await emitAck(p1.socket, 'player:answer', { index: i, answer: PLAN[i]![2] })
				);
				expect(again).toEqual({ ok: true, index: i, duplicate: true });
				expect(await server.ctx.live.answerCount(pin, i)).toBe(1);
				expect((await server.ctx.live.getState(pin))?.phase).toBe('question');

				const rest = await Promise.all(
					[p2, p3].map((p, k) =>
						emitAck(p.socket, 'player:answer', { index: i, answer: PLAN[i]![k + 1] })
					)
				);
				for (const r of rest) expect(r).toEqual({ ok: true, index: i, duplicate: false });

				// Everyone answered: the question closes without waiting for its deadline.
				const reveals = await Promise.all(revealed);
				const view = reveals[0]!;
				expect(view.question?.index).toBe(i);
				expect(view.reveal).toEqual({
					index: i,
					correct: CORRECT[i],
					accepted: q.type === 'fillin' ? FILLIN_ACCEPTED : [],
					distribution: DISTRIBUTION[i],
					explanation: EXPLANATIONS[i],
					source: SOURCES[i]
				});
				for (const v of reveals) expect(v.reveal).toEqual(view.reveal);

				// The exact server-stamped times decide the points.
				const stored = await server.ctx.live.listAnswers(pin, i);
				expect(stored).toHaveLength(3);
				const scored = await server.ctx.live.getScored(pin, i);
				expect(scored?.limitMs).toBe(LIMIT_MS);
				const got = await Promise.all(results);
				players.forEach((p, k) => {
					const a = stored.find((s) => s.playerId === p.playerId);
					expect(a, `stored answer of ${p.nickname}`).toBeDefined();
					expect(a!.answer).toEqual(PLAN[i]![k]);
					expect(a!.elapsedMs).toBeGreaterThanOrEqual(0);
					expect(a!.elapsedMs).toBeLessThan(LIMIT_MS);

					const e = expected.get(p.playerId)!;
					const correct = CORRECTNESS[i]![k]!;
					let points = 0;
					let bonus = 0;
					if (correct === true) {
						e.streak += 1;
						e.correct += 1;
						bonus = bonusFor(e.streak);
						points = expectedPoints(BASE_POINTS[i]!, a!.elapsedMs, LIMIT_MS) + bonus;
					} else if (correct === false) {
						e.streak = 0;
					}
					e.score += points;

					const r = got[k]!;
					expect(r, `result of ${p.nickname} for question ${i}`).toMatchObject({
						index: i,
						answered: true,
						correct,
						points,
						bonus,
						streak: e.streak,
						score: e.score,
						playerCount: 3
					});
					shown.get(p.playerId)!.push(r);
				});
				// Ranks: a permutation of 1..3, higher scores ranked first.
				expect(got.map((r) => r.rank).sort()).toEqual([1, 2, 3]);
				for (const a of got) {
					for (const b of got) if (a.score > b.score) expect(a.rank!).toBeLessThan(b.rank!);
				}

				// Streak bonus on consecutive correct answers (P1 is right on every scored question).
				if (i === 1) expect(got[0]).toMatchObject({ streak: 2, bonus: 100 });
				if (i === 3) expect(got[1]).toMatchObject({ streak: 2, bonus: 100 });

				// Leaderboard: on the host's panel and the big screen; a phone keeps its result.
				const board = [host.socket, screen.socket].map((s) =>
					waitFor(s, 'room:view', (v) => v.phase === 'leaderboard' && v.index === i)
				);
				const lb = await command(host, { type: 'next' });
				expect(lb.phase).toBe('leaderboard');
				expect(lb.question).toBeNull();
				expect(lb.reveal).toBeNull();
				const rows = lb.leaderboard!;
				expect(rows.map((r) => r.rank)).toEqual([1, 2, 3]);
				for (const row of rows) {
					expect(row.score).toBe(expected.get(row.playerId)!.score);
					expect(row.rank).toBe(got[players.findIndex((p) => p.playerId === row.playerId)]!.rank);
				}
				for (const v of await Promise.all(board)) expect(v.leaderboard).toEqual(rows);
			}

			// Podium, then the end.
			const podium = await command(host, { type: 'next' });
			expect(podium.phase).toBe('podium');
			const final = podium.leaderboard!;
			expect(new Map(final.map((r) => [r.playerId, r.score]))).toEqual(
				new Map([...expected.entries()].map(([id, e]) => [id, e.score]))
			);
			expect(final.map((r) => r.rank)).toEqual([1, 2, 3]);
			for (let k = 1; k < final.length; k++) {
				expect(final[k]!.score).toBeLessThanOrEqual(final[k - 1]!.score);
			}
			const ended = players.map((p) =>
				waitFor(p.socket, 'room:view', (v: RoomView) => v.phase === 'ended')
			);
			const end = await command(host, { type: 'next' });
			expect(end.phase).toBe('ended');
			// A quick room's results are public by link, so phones offer it.
			expect(end.publicResults).toBe(true);
			expect(end.leaderboard).toEqual(podium.leaderboard);
			await Promise.all(ended);

			// Every phone saw each question and its reveal, then the podium and the end, and was
			// never sent the leaderboard step.
			for (const views of phoneViews) {
				const steps = views.map((v) => `${v.phase}:${v.index}`);
				for (let i = 0; i < quiz.questions.length; i++) {
					expect(steps).toContain(`question:${i}`);
					expect(steps).toContain(`reveal:${i}`);
				}
				expect(steps).toContain(`podium:${quiz.questions.length - 1}`);
				expect(steps.some((s) => s.startsWith('leaderboard'))).toBe(false);
			}

			// P1: right every time, so the streak grew to 4 and the poll left it alone.
			expect(expected.get(players[0]!.playerId)).toMatchObject({ streak: 4, correct: 4 });
		});

		it('saves the game, and replaying its stored answers reproduces every score', async () => {
			const game = await server.ctx.records.latestGameByPin(pin);
			expect(game).not.toBeNull();
			expect(game!.pin).toBe(pin);
			expect(game!.players).toHaveLength(3);
			for (const p of players) {
				const rec = game!.players.find((r) => r.id === p.playerId);
				const last = shown.get(p.playerId)!.at(-1)!;
				expect(rec).toMatchObject({
					nickname: p.nickname,
					score: last.score,
					correctCount: expected.get(p.playerId)!.correct,
					rank: last.rank,
					kicked: false
				});
				expect(rec!.score).toBe(expected.get(p.playerId)!.score);
			}

			// Every answer is on record with the points its player was shown.
			expect(game!.answers).toHaveLength(quiz.questions.length * 3);
			for (const a of game!.answers) {
				const r = shown.get(a.playerId)![a.questionIndex]!;
				expect(a.points).toBe(r.points);
				expect(a.correct).toBe(r.correct);
			}
			expect(game!.questions.map((q) => q.limitMs)).toEqual(quiz.questions.map(() => LIMIT_MS));

			const closed: ClosedQuestion[] = game!.questions
				.filter((q) => q.limitMs !== null)
				.map((q) => ({
					index: q.index,
					limitMs: q.limitMs!,
					answers: game!.answers.filter((a) => a.questionIndex === q.index)
				}));
			const replay = replayGame(
				game!.questions.map((q) => q.question),
				game!.settings,
				closed,
				game!.players.map((p) => p.id)
			);
			for (const s of replay) {
				const rec = game!.players.find((p) => p.id === s.id)!;
				expect(s.score, `replayed score of ${rec.nickname}`).toBe(rec.score);
				expect(s.correctCount).toBe(rec.correctCount);
				expect(s.totalTimeMs).toBe(rec.totalTimeMs);
			}
		});

		it('gives tied players the same ranks in their results as on the leaderboard', async () => {
			// Nobody answers: everyone has 0 points and 0 time, a full tie broken only by id.
			const room = await server.createRoom(quiz);
			const tieHost = await attachHost(server.url, room.pin, room.hostSecret);
			const tied = await makePlayers(server.url, room.pin, 3, 'T');
			await command(tieHost, { type: 'start' });
			const results = tied.map((p) => waitForResult(p.socket, 0));
			const closed = await command(tieHost, { type: 'next' });
			expect(closed.reveal?.distribution).toEqual({
				counts: [0, 0, 0, 0],
				answered: 0,
				correct: 0
			});
			const got = await Promise.all(results);
			for (const r of got) {
				expect(r).toMatchObject({
					answered: false,
					correct: false,
					points: 0,
					score: 0,
					streak: 0
				});
			}
			const board = (await command(tieHost, { type: 'next' })).leaderboard!;
			expect(board.map((row) => row.rank)).toEqual([1, 2, 3]);
			tied.forEach((p, k) => {
				const row = board.find((x) => x.playerId === p.playerId)!;
				expect(got[k]!.rank, `${p.nickname}: result rank vs leaderboard`).toBe(row.rank);
			});
			for (const p of tied) {
				const self = expectOk(
					await emitAck(await connect(server.url), 'player:resume', {
						pin: room.pin,
						token: p.token
					})
				).self;
				expect(self.rank).toBe(board.find((x) => x.playerId === p.playerId)!.rank);
			}
		});
	});
});
