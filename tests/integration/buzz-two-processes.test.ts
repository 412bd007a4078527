// 抢答 across two server processes on one Redis: twenty phones, half on each process, buzz at the
// same moment. Exactly one wins the buzzer, every phone learns a distinct place, and the room's view
// (the screen's) lists the buzzes in the order their acks gave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quizSchema } from '../../src/lib/domain/question';
import {
	attachHost,
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

const modes = await liveModes('buzz-two-processes');
const redis = modes.find((m) => m.name === 'redis')!;

const buzzQuiz = quizSchema.parse({
	id: 'itest-buzz-race',
	title: '抢答赛',
	settings: { scoring: 'accuracy', timeLimit: 20, points: 100 },
	questions: [
		{
			type: 'single',
			stem: '安全帽的主要作用是？',
			options: ['防止头部受伤', '装饰', '保暖', '遮阳'],
			answer: 'A'
		}
	],
	rounds: [
		{
			type: 'buzz',
			count: 1,
			buzz: { armSec: 1, openSec: 20, answerSec: 20, passOnWrong: false, earlyPenalty: 0 }
		}
	]
});

describe.skipIf(redis.skip)('抢答 across two processes (Redis)', () => {
	const servers: TestServer[] = [];
	beforeAll(() => requireMode(redis));
	afterAll(async () => {
		closeClients();
		for (const s of servers.splice(0)) await s.close();
	});

	it('gives the buzzer to exactly one phone and a distinct place to every other', async () => {
		const a = await startTestServer({ redisUrl: redis.redisUrl });
		servers.push(a);
		const b = await startTestServer({ redisUrl: redis.redisUrl });
		servers.push(b);
		const { pin, hostSecret } = await a.createRoom(buzzQuiz);
		const host = await attachHost(a.url, pin, hostSecret);
		const phones = [
			...(await makePlayers(a.url, pin, 10, 'A')),
			...(await makePlayers(b.url, pin, 10, 'B'))
		];
		const open = waitFor(host.socket, 'room:view', (v) => v.rounds?.buzz?.phase === 'open', 5000);
		const intro = await command(host, { type: 'start' });
		expect(intro.phase).toBe('intro');
		await command(host, { type: 'next' });
		await open;

		// Listening before the buzzes: the view goes out once per burst, maybe before the last ack.
		const tenListed = waitFor(
			phones[19]!.socket,
			'room:view',
			(v) => (v.rounds?.buzz?.order.length ?? 0) === 10,
			5000
		);
		const acks = await Promise.all(
			phones.map((p) => emitAck(p.socket, 'player:buzz', { index: 0 }))
		);
		const replies = acks.map((r, i) => ({ ...expectOk(r), id: phones[i]!.playerId }));
		const winners = replies.filter((r) => r.won);
		expect(winners).toHaveLength(1);
		expect(winners[0]!.position).toBe(1);
		expect(replies.map((r) => r.position).sort((x, y) => x - y)).toStrictEqual(
			Array.from({ length: 20 }, (_, i) => i + 1)
		);
		// Margins grow with the place: the store stamps receipt times that never go back.
		const byPlace = [...replies].sort((x, y) => x.position - y.position);
		for (let i = 1; i < byPlace.length; i++) {
			expect(byPlace[i]!.marginMs).toBeGreaterThanOrEqual(byPlace[i - 1]!.marginMs);
		}

		// The view both processes serve shows the winner answering and the first ten in place order.
		const seen = await tenListed;
		expect(seen.rounds!.buzz!.answering!.playerId).toBe(winners[0]!.id);
		expect(seen.rounds!.buzz!.order.map((l) => l.playerId)).toStrictEqual(
			byPlace.slice(0, 10).map((r) => r.id)
		);
	});
});
