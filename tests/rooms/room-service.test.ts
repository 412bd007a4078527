// The room service on the memory store with a fake clock and a recording broadcast: no sockets,
// no network. What the transport would send is asserted frame by frame.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RoomError } from '../../src/lib/server/rooms/errors';
import { RoomService } from '../../src/lib/server/rooms/room-service';
import { countStoreCalls } from '../support/store-calls';
import { demoQuiz, roomHarness, settle, T0, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
	h = await roomHarness();
});
afterEach(async () => {
	await h.dispose();
});

async function roomWithPlayers(...nicknames: string[]) {
	const { pin, hostSecret } = await h.service.createRoom(demoQuiz);
	const players = [];
	for (const n of nicknames) {
		const joined = await h.service.players.join(pin, n);
		await h.service.players.connected(pin, joined.player.id, true);
		players.push(joined);
	}
	return { pin, hostSecret, players };
}

const refusal = (p: Promise<unknown>) =>
	p.then(
		() => 'accepted',
		(e: unknown) => (e instanceof RoomError ? e.code : `unexpected ${String(e)}`)
	);

describe('room service without sockets', () => {
	it('joins players, tells hosts, refuses a taken nickname and resumes by token', async () => {
		const { pin, players } = await roomWithPlayers('小明', '小红');
		expect(h.broadcast.of('joined').map((f) => [f.player.nickname, f.count])).toEqual([
			['小明', 1],
			['小红', 2]
		]);
		expect(await refusal(h.service.players.join(pin, '小明'))).toBe('NICKNAME_TAKEN');
		const back = await h.service.players.resume(pin, players[0]!.token);
		expect(back.id).toBe(players[0]!.player.id);
		expect(await refusal(h.service.players.resume(pin, 'x'.repeat(32)))).toBe('NOT_JOINED');
		expect((await h.service.players.list(pin)).map((p) => [p.nickname, p.online])).toEqual([
			['小明', true],
			['小红', true]
		]);
	});

	it('closes a question early once everyone online answered, scores by the rule, reports results', async () => {
		const { pin, players } = await roomWithPlayers('a', 'b');
		const [a, b] = players.map((p) => p!.player.id);
		await h.service.transitions.apply(pin, { type: 'start' });
		expect(h.clock.holds(pin)).toBe(true);
		await h.advance(5000);
		await h.service.answers.answer(pin, a!, 0, { choices: [1] });
		await settle();
		expect(h.broadcast.of('progress').at(-1)!.progress).toEqual({
			index: 0,
			answered: 1,
			online: 2
		});
		await h.advance(3000);
		expect((await h.service.answers.answer(pin, b!, 0, { choices: [0] })).duplicate).toBe(false);
		await settle();
		expect(h.broadcast.phases()).toEqual(['question', 'reveal']);
		expect(h.broadcast.of('results')).toEqual([{ type: 'results', pin, index: 0 }]);
		// The scoring process hands its players' results to the reveal as the store holds them.
		expect(h.broadcast.handed.get(`${pin}:0`)).toEqual(await h.live.getResults(pin, 0, [a!, b!]));
		const results = await h.service.views.results(pin, 0, [a!, b!]);
		// round(1000 × (1 − 5000 / 40000)) = 875 for a; b answered wrong.
		expect(results.get(a!)).toMatchObject({ correct: true, points: 875, rank: 1, playerCount: 2 });
		expect(results.get(b!)).toMatchObject({ correct: false, points: 0, rank: 2 });
		const reveal = h.broadcast.of('view').at(-1)!.view.reveal!;
		expect(reveal.distribution).toEqual({ counts: [1, 1, 0], answered: 2, correct: 1 });
	});

	it('players who answered and left: waits for those online without an answer, asking about one', async () => {
		const { pin, players } = await roomWithPlayers('a', 'b', 'c', 'd', 'e');
		const [a, b, c, d, e] = players.map((p) => p!.player.id);
		await h.service.transitions.apply(pin, { type: 'start' });
		await h.service.answers.answer(pin, a!, 0, { choices: [1] });
		await h.service.answers.answer(pin, b!, 0, { choices: [1] });
		await settle();
		await h.service.players.connected(pin, a!, false);
		await h.service.players.connected(pin, b!, false);
		const asked: [string | undefined, string | null][] = [];
		const first = h.live.firstUnanswered.bind(h.live);
		h.live.firstUnanswered = async (p, index, hint) => {
			const found = await first(p, index, hint);
			asked.push([hint, found]);
			return found;
		};
		const calls = countStoreCalls(h.live);

		// 3 answers for 3 online: d and e are still thinking, so the question stays open.
		await h.service.answers.answer(pin, c!, 0, { choices: [0] });
		await settle();
		expect((await h.service.view(pin)).phase).toBe('question');
		expect(asked).toHaveLength(1);
		const waiting = asked[0]![1]!;
		expect([d, e]).toContain(waiting);
		// The other one answers: the check asks about the one it found waiting, first.
		const other = waiting === d ? e! : d!;
		await h.service.answers.answer(pin, other, 0, { choices: [1] });
		await settle();
		expect(asked[1]).toEqual([waiting, waiting]);
		expect((await h.service.view(pin)).phase).toBe('question');
		// Neither check read every online id or every answer.
		expect([calls.all.get('onlineIds'), calls.all.get('listAnswers')]).toEqual([
			undefined,
			undefined
		]);

		await h.service.answers.answer(pin, waiting, 0, { choices: [1] });
		await settle();
		expect(asked[2]).toEqual([waiting, null]);
		expect(h.broadcast.phases()).toEqual(['question', 'reveal']);
	});

	it('the same answer sent twice counts once', async () => {
		const { pin, players } = await roomWithPlayers('a', 'b');
		const a = players[0]!.player.id;
		await h.service.transitions.apply(pin, { type: 'start' });
		await h.service.answers.answer(pin, a, 0, { choices: [1] });
		expect(await h.service.answers.answer(pin, a, 0, { choices: [2] })).toEqual({
			index: 0,
			duplicate: true
		});
		expect((await h.live.getAnswer(pin, 0, a))!.answer).toEqual({ choices: [1] });
	});

	it('the clock closes a question at its deadline, and a pause freezes it', async () => {
		const { pin, players } = await roomWithPlayers('a', 'b');
		await h.service.transitions.apply(pin, { type: 'start' });
		await h.service.answers.answer(pin, players[0]!.player.id, 0, { choices: [1] });
		await h.advance(4000);
		await h.service.transitions.apply(pin, { type: 'pause' });
		await h.advance(60_000); // paused: the 20 s deadline does not fire
		expect((await h.service.view(pin)).phase).toBe('question');
		expect((await h.service.view(pin)).remainingMs).toBe(16_000);
		await h.service.transitions.apply(pin, { type: 'resume' });
		await h.advance(15_000);
		expect((await h.service.view(pin)).phase).toBe('question');
		await h.advance(1100);
		expect((await h.service.view(pin)).phase).toBe('reveal');
		expect(h.broadcast.of('results').map((f) => f.index)).toEqual([0]);
	});

	it('auto-advance moves reveal and leaderboard on by themselves', async () => {
		const { pin } = await roomWithPlayers('a');
		await h.service.transitions.apply(pin, {
			type: 'autoAdvance',
			settings: { revealSec: 3, leaderboardSec: 4 }
		});
		await h.service.transitions.apply(pin, { type: 'start' });
		await h.advance(20_100);
		expect((await h.service.view(pin)).phase).toBe('reveal');
		await h.advance(3100);
		expect((await h.service.view(pin)).phase).toBe('leaderboard');
		await h.advance(4100);
		const v = await h.service.view(pin);
		expect([v.phase, v.index]).toEqual(['question', 1]);
	});

	it('ending archives the game with every answer and frees the clock', async () => {
		const { pin, players } = await roomWithPlayers('a');
		const a = players[0]!.player.id;
		await h.service.transitions.apply(pin, { type: 'start' });
		await h.advance(2000);
		await h.service.answers.answer(pin, a, 0, { choices: [1] });
		await settle();
		await h.service.transitions.apply(pin, { type: 'end' });
		const game = await h.records.latestGameByPin(pin);
		expect(game).toMatchObject({ pin, quizId: demoQuiz.id, createdAt: T0, orgId: null });
		expect(game!.answers).toEqual([
			expect.objectContaining({ playerId: a, elapsedMs: 2000, correct: true, points: 950 })
		]);
		expect(game!.players).toEqual([expect.objectContaining({ id: a, score: 950, rank: 1 })]);
		expect(await h.live.activePins()).not.toContain(pin);
		await settle();
		expect(h.clock.holds(pin)).toBe(false);
		expect(await refusal(h.service.transitions.apply(pin, { type: 'next' }))).toBe('WRONG_PHASE');
	});

	it('kicking tells the transport and refuses the kicked player’s answers', async () => {
		const { pin, players } = await roomWithPlayers('a', 'b');
		const b = players[1]!.player.id;
		await h.service.transitions.apply(pin, { type: 'start' });
		await h.service.players.kick(pin, b);
		expect(h.broadcast.of('kicked')).toEqual([{ type: 'kicked', pin, playerId: b }]);
		expect(h.broadcast.of('left').map((f) => f.count)).toEqual([1]);
		expect(await refusal(h.service.answers.answer(pin, b, 0, { choices: [1] }))).toBe('KICKED');
		expect(await refusal(h.service.players.kick(pin, b))).toBe('PLAYER_NOT_FOUND');
	});

	it('a quick room obeys its secret only', async () => {
		const { pin, hostSecret } = await roomWithPlayers();
		expect(await h.service.access.authorizeHost(pin, { secret: hostSecret })).toBe('secret');
		expect(await refusal(h.service.access.authorizeHost(pin, { secret: 'y'.repeat(32) }))).toBe(
			'NOT_HOST'
		);
		expect(await refusal(h.service.access.authorizeHost(pin, { userId: 'someone' }))).toBe(
			'NOT_HOST'
		);
	});

	it('an owned room: the owner, co-hosts who are members, nobody else', async () => {
		const members = new Set(['owner', 'colleague']);
		const service = new RoomService({
			live: h.live,
			records: h.records,
			now: h.now,
			broadcast: h.broadcast,
			isMember: async (orgId, userId) => orgId === 'org-1' && members.has(userId),
			users: {
				byEmail: async (email) =>
					email === 'c@example.org' ? { id: 'colleague', displayName: '同事' } : null,
				byId: async (id) => (id === 'colleague' ? { id, displayName: '同事' } : null)
			}
		});
		const { pin } = await service.createOwnedRoom(demoQuiz, { userId: 'owner', orgId: 'org-1' });
		expect(await service.access.authorizeHost(pin, { userId: 'owner' })).toBe('owner');
		expect(await refusal(service.access.authorizeHost(pin, { userId: 'colleague' }))).toBe(
			'NOT_HOST'
		);
		expect(await refusal(service.access.addCoHostByEmail(pin, 'owner', 'x@example.org'))).toBe(
			'NOT_MEMBER'
		);
		expect(await service.access.addCoHostByEmail(pin, 'owner', 'c@example.org')).toBe('同事');
		expect(await service.access.authorizeHost(pin, { userId: 'colleague' })).toBe('cohost');
		expect(await service.access.coHostNames(pin, 'owner')).toEqual(['同事']);
		expect(await refusal(service.access.addCoHostByEmail(pin, 'colleague', 'c@example.org'))).toBe(
			'NOT_HOST'
		);
		members.delete('colleague');
		expect(await refusal(service.access.authorizeHost(pin, { userId: 'colleague' }))).toBe(
			'NOT_HOST'
		);
		service.close();
	});
});
