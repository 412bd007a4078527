// A whole contest day (知识竞赛) over real sockets: three teams and an audience member through 必答,
// 轮流必答, 抢答, 风险题 and a 加赛 decided by sudden death, on memory and on Redis. What each client
// receives is checked: refusals with their codes, the buzzer's order, stakes locked at opening, the
// team scoreboard, and the final standings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawOrder } from '../../src/lib/domain/rounds/draw';
import { replayContest } from '../../src/lib/domain/rounds/score-round';
import { teamBoard } from '../../src/lib/domain/rounds/teams';
import type { RoomView } from '../../src/lib/protocol';
import {
	DAY,
	RIGHT,
	TEAM_NAMES,
	WRONG,
	contestDayQuiz,
	explanationOf,
	joinSeat
} from '../support/contest-day';
import {
	attachHost,
	closeClients,
	command,
	connect,
	emitAck,
	expectFail,
	expectOk,
	liveModes,
	requireMode,
	startTestServer,
	waitFor,
	type TestHost,
	type TestPlayer,
	type TestServer,
	until
} from '../support/server';

const modes = await liveModes('contest-day');

for (const mode of modes) {
	describe.skipIf(mode.skip)(`a contest day (${mode.name})`, () => {
		let server: TestServer;
		beforeAll(async () => {
			if (mode.name === 'redis') requireMode(mode);
			server = await startTestServer({ redisUrl: mode.redisUrl });
		});
		afterAll(async () => {
			closeClients();
			await server.close();
		});

		it('plays every round type with three teams and an audience', async () => {
			const { pin, hostSecret } = await server.createRoom(contestDayQuiz());
			const host: TestHost = await attachHost(server.url, pin, hostSecret);

			// Before joining, a phone learns the teams.
			const phone = await connect(server.url);
			const info = expectOk(await emitAck(phone, 'player:teams', { pin }));
			expect(info.teams.map((t) => t.name)).toStrictEqual(TEAM_NAMES);
			expect(info.audience).toBe(true);
			expectFail(await emitAck(phone, 'player:join', { pin, nickname: '无队' }), 'TEAM_REQUIRED');
			expectFail(
				await emitAck(phone, 'player:join', { pin, nickname: '错队', teamId: 't9' }),
				'TEAM_NOT_FOUND'
			);

			const a = await joinSeat(server.url, pin, '张安全', { teamId: 't1' });
			const b = await joinSeat(server.url, pin, '李生产', { teamId: 't2' });
			const c = await joinSeat(server.url, pin, '王设备', { teamId: 't3' });
			const x = await joinSeat(server.url, pin, '观众甲', { audience: true });
			expect(a.self.team).toMatchObject({ teamId: 't1', teamName: '安全部', audience: false });
			expect(x.self.team).toMatchObject({ teamId: null, audience: true });
			const byTeam: Record<string, TestPlayer> = { t1: a, t2: b, t3: c };
			// Everything the phones receive, to check that no explanation arrives before its reveal.
			const frames: { event: string; body: string }[] = [];
			for (const p of [a, b, c, x]) {
				p.socket.onAny((event: string, body: unknown) =>
					frames.push({ event, body: JSON.stringify(body) })
				);
			}

			// The electronic draw: its order is the seed's, redone by anyone.
			const drawn = await command(host, { type: 'draw' });
			const draw = drawn.rounds!.draw!;
			expect(draw.seed).toMatch(/^[0-9a-f]{8}$/);
			const order = drawOrder(['t1', 't2', 't3'], draw.seed);
			expect(draw.order).toStrictEqual(order.map((id) => TEAM_NAMES[Number(id.slice(1)) - 1]));

			// Round 1, 必答: the intro first, then everyone answers (audience included).
			const intro = await command(host, { type: 'start' });
			expect(intro.phase).toBe('intro');
			expect(intro.rounds!.round).toMatchObject({ title: '第一轮 必答题', questionsInRound: 1 });
			expect(intro.question).toBeNull();
			await command(host, { type: 'next' });
			await answerAll(
				host,
				[
					[a, RIGHT],
					[b, RIGHT],
					[c, WRONG],
					[x, RIGHT]
				],
				DAY.all
			);
			const board1 = await command(host, { type: 'next' });
			expect(board1.phase).toBe('leaderboard');
			expect(scores(board1)).toStrictEqual({ 安全部: 100, 生产部: 100, 设备部: 0 });
			expect(board1.leaderboard!.find((r) => r.nickname === '观众甲')).toMatchObject({
				score: 100,
				team: null
			});

			// Round 2, 轮流必答: one question per team, in the drawn order.
			expect((await command(host, { type: 'next' })).rounds!.round!.title).toBe('第二轮 轮流必答');
			for (const [k, index] of DAY.turn.entries()) {
				const v = await command(host, { type: 'next' });
				expect(v).toMatchObject({ phase: 'question', index });
				const turn = order[k]!;
				expect(v.rounds!.eligible!.map((t) => t.id)).toStrictEqual([turn]);
				const other = byTeam[order[(k + 1) % 3]!]!;
				expectFail(await answer(other, index, RIGHT), 'NOT_YOUR_TURN');
				expectFail(await answer(x, index, RIGHT), 'NOT_YOUR_ROUND');
				// The question closes once the team whose turn it is has answered.
				await answerAll(host, [[byTeam[turn]!, RIGHT]], index);
				await command(host, { type: 'next' }); // leaderboard
			}
			expect(scores(await command(host, { type: 'next' }))).toMatchObject({ 安全部: 200 });

			// Round 3, 抢答: early buzzes cost 50; first by receipt wins; a wrong answer passes it on.
			// Listening before the question opens: the buzzer opens a second later, maybe before an ack.
			const buzzerOpen = waitFor(
				host.socket,
				'room:view',
				(v) => v.rounds?.buzz?.phase === 'open',
				6000
			);
			const buzzQ = await command(host, { type: 'next' });
			expect(buzzQ).toMatchObject({ phase: 'question', index: DAY.buzz });
			expect(buzzQ.rounds!.buzz!.phase).toBe('arming');
			const early = await emitAck(b.socket, 'player:buzz', { index: DAY.buzz });
			expect(expectFail(early, 'TOO_EARLY')).toBe('TOO_EARLY');
			expect(early.ok === false && early.error.message).toContain('扣 50 分');
			expectFail(await answer(a, DAY.buzz, RIGHT), 'NOT_ANSWERING');
			await buzzerOpen;
			const first = expectOk(await emitAck(a.socket, 'player:buzz', { index: DAY.buzz }));
			const second = expectOk(await emitAck(c.socket, 'player:buzz', { index: DAY.buzz }));
			expect(first).toMatchObject({ position: 1, won: true });
			expect(second).toMatchObject({ position: 2, won: false });
			expect(second.marginMs).toBeGreaterThanOrEqual(0);
			expectFail(await answer(c, DAY.buzz, RIGHT), 'NOT_ANSWERING');
			const reopened = waitFor(
				host.socket,
				'room:view',
				(v) => v.rounds?.buzz?.phase === 'open' && v.rounds.buzz.tried === 1
			);
			expectOk(await answer(a, DAY.buzz, WRONG));
			await reopened;
			expectFail(await emitAck(a.socket, 'player:buzz', { index: DAY.buzz }), 'ALREADY_TRIED');
			expect(expectOk(await emitAck(c.socket, 'player:buzz', { index: DAY.buzz }))).toMatchObject({
				position: 1,
				won: true
			});
			const revealed = waitFor(host.socket, 'room:view', (v) => v.phase === 'reveal');
			expectOk(await answer(c, DAY.buzz, RIGHT));
			const buzzReveal = await revealed;
			expect(buzzReveal.rounds!.buzz!.winner!.nickname).toBe('王设备');
			const afterBuzz = await command(host, { type: 'next' });
			expect(scores(afterBuzz)).toStrictEqual({ 安全部: 200, 生产部: 150, 设备部: 200 });

			// Round 4, 风险题: stakes are chosen before the question opens and locked by opening it.
			expect((await command(host, { type: 'next' })).phase).toBe('intro');
			expectFail(await stake(a, 10), 'WRONG_PHASE'); // not yet: the round's card is showing
			const stakePhase = await command(host, { type: 'next' });
			expect(stakePhase).toMatchObject({ phase: 'stake', index: DAY.wager, question: null });
			expect(stakePhase.rounds!.stakes).toMatchObject({ values: [10, 20, 30], locked: false });
			expectFail(await stake(a, 25), 'BAD_STAKE');
			expectFail(await stake(x, 10), 'NO_STAKE_HOLDER');
			expect(expectOk(await stake(a, 30)).stake).toBe(30);
			expectOk(await stake(b, 20));
			expectOk(await stake(c, 30));
			const opened = await command(host, { type: 'next' });
			expect(opened.phase).toBe('question');
			expect(opened.rounds!.stakes!.lines.map((l) => l.stake)).toStrictEqual([30, 20, 30]);
			expectFail(await stake(a, 10), 'LOCKED');
			expectFail(await answer(x, DAY.wager, RIGHT), 'NOT_YOUR_ROUND');
			await answerAll(
				host,
				[
					[a, RIGHT],
					[b, WRONG],
					[c, RIGHT]
				],
				DAY.wager
			);
			const afterWager = await command(host, { type: 'next' });
			expect(afterWager.rounds!.podiumNext).toBe(false); // a tie: the 加赛 comes next
			expect(scores(afterWager)).toStrictEqual({ 安全部: 230, 生产部: 130, 设备部: 230 });

			// 加赛: only the two tied teams play, sudden death; the reserve's second question is not needed.
			const tiebreak = await command(host, { type: 'next' });
			expect(tiebreak.phase).toBe('intro');
			expect(tiebreak.rounds!.tied).toStrictEqual(['安全部', '设备部']);
			const tq = await command(host, { type: 'next' });
			expect(tq.rounds!.eligible!.map((t) => t.name)).toStrictEqual(['安全部', '设备部']);
			expectFail(await answer(b, DAY.tiebreak[0], RIGHT), 'NOT_YOUR_TURN');
			await answerAll(
				host,
				[
					[a, RIGHT],
					[c, WRONG]
				],
				DAY.tiebreak[0]
			);
			// Settled: the reserve's second question is not needed, and the host is told so.
			expect((await command(host, { type: 'next' })).rounds!.podiumNext).toBe(true);
			const podium = await command(host, { type: 'next' });
			expect(podium.phase).toBe('podium');
			expect(podium.rounds!.teams!.map((t) => [t.name, t.score, t.rank])).toStrictEqual([
				['安全部', 330, 1],
				['设备部', 230, 2],
				['生产部', 130, 3]
			]);
			const self = expectOk(await emitAck(a.socket, 'player:resume', { pin, token: a.token }));
			expect(self.self.team).toMatchObject({ teamName: '安全部', teamRank: 1 });

			for (let i = 0; i < 7; i++) {
				const revealAt = frames.findIndex(
					(f) =>
						f.event === 'room:view' &&
						f.body.includes('"phase":"reveal"') &&
						f.body.includes(`"index":${i},`)
				);
				expect(revealAt, `question ${i} revealed`).toBeGreaterThan(0);
				expect(frames[revealAt]!.body).toContain(explanationOf(i)); // the search can find it
				const early = frames.slice(0, revealAt).filter((f) => f.body.includes(explanationOf(i)));
				expect(early, `question ${i}'s explanation before its reveal`).toStrictEqual([]);
			}

			// The archive recomputes: stored answers, buzzes and stakes give every stored score again.
			await command(host, { type: 'next' }); // ended
			const game = (await until(
				() => server.ctx.records.latestGameByPin(pin),
				5000,
				'the record'
			))!;
			expect(game.draw).toMatchObject({ seed: draw.seed, order });
			expect(game.teams.map((t) => t.name)).toStrictEqual(TEAM_NAMES);
			expect(game.questions[DAY.buzz]!.extra).toMatchObject({
				round: 'buzz',
				early: [b.playerId],
				judged: [
					{ playerId: a.playerId, right: false },
					{ playerId: c.playerId, right: true }
				]
			});
			expect(game.questions[DAY.wager]!.extra!.stakes).toStrictEqual({ t1: 30, t2: 20, t3: 30 });
			expect(game.questions[DAY.tiebreak[1]]!.limitMs).toBeNull(); // never played
			const closed = game.questions
				.filter((q) => q.limitMs !== null)
				.map((q) => ({
					index: q.index,
					limitMs: q.limitMs!,
					extra: q.extra ?? {},
					answers: game.answers.filter((x) => x.questionIndex === q.index)
				}));
			const replayed = replayContest(
				game.questions.map((q) => q.question),
				game.settings,
				game.rounds ?? undefined,
				closed,
				game.players.map((p) => ({ id: p.id, teamId: p.teamId, audience: p.audience })),
				true
			);
			const stored = new Map(game.players.map((p) => [p.id, p.score]));
			for (const r of replayed) expect(r.score, r.id).toBe(stored.get(r.id));
			expect(Object.fromEntries(game.players.map((p) => [p.nickname, p.score]))).toStrictEqual({
				张安全: 330,
				李生产: 130,
				王设备: 230,
				观众甲: 100
			});
			const rows = teamBoard(game.teams, game.players, game.teamScoring ?? 'sum');
			expect(rows.map((t) => t.score)).toStrictEqual([330, 230, 130]);
		});
	});
}

function answer(p: TestPlayer, index: number, choices: number[]) {
	return emitAck(p.socket, 'player:answer', { index, answer: { choices } });
}

function stake(p: TestPlayer, value: number) {
	return emitAck(p.socket, 'player:stake', { index: DAY.wager, stake: value });
}

/** Everyone listed answers; resolves once the question closes on its own (all have answered). */
async function answerAll(host: TestHost, answers: [TestPlayer, number[]][], index: number) {
	const closed = waitFor(
		host.socket,
		'room:view',
		(v) => v.phase === 'reveal' && v.index === index
	);
	for (const [p, choices] of answers) expectOk(await answer(p, index, choices));
	return closed;
}

function scores(v: RoomView): Record<string, number> {
	return Object.fromEntries((v.rounds?.teams ?? []).map((t) => [t.name, t.score]));
}
