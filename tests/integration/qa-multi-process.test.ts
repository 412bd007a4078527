// Two processes, one Q&A event (Redis): a token issued by one resumes on the other, a question
// approved on one reaches phones on the other, and votes cast on both are counted exactly, the
// phones ending on the exact count whichever process's frame arrives last (frames carry the
// store's vote sequence); the same holds for a poll's results.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaPollFrame, QaVotesFrame } from '../../src/lib/protocol';
import {
	closeClients,
	connect,
	emitAck,
	expectOk,
	liveModes,
	requireMode,
	startTestServer,
	until,
	waitFor,
	type TestServer
} from '../support/server';
import { ask, joinPhones, openEvent, panel, qaOrgs, type QaOrgs, dropQaState } from '../support/qa';

const modes = await liveModes('qa-multi-process');
const redis = modes.find((m) => m.name === 'redis')!;

describe.skipIf(redis.skip)('two processes, one Q&A event (Redis)', () => {
	let a: TestServer;
	let b: TestServer;
	let orgs: QaOrgs;
	let code: string;

	beforeAll(async () => {
		requireMode(redis);
		a = await startTestServer({ redisUrl: redis.redisUrl });
		b = await startTestServer({ redisUrl: redis.redisUrl });
		orgs = await qaOrgs(a);
		code = await openEvent(a, orgs, { preModeration: true });
	});
	afterAll(async () => {
		closeClients();
		await dropQaState(a, [code]);
		await a?.close();
		await b?.close();
	});

	it('shares identities, moderation and exact vote counts across processes', async () => {
		const onA = await joinPhones(a, code, 100);
		const onB = await joinPhones(b, code, 100);
		// A token from A is good on B: the identity secret is the store's.
		const moved = await connect(b.url);
		expectOk(await emitAck(moved, 'qa:resume', { code, token: onA[0]!.token }));

		const mod = await panel(a, orgs.colleague, code);
		const q = await ask(onB[0]!, '跨进程的问题');
		const seenOnB = waitFor(onB[1]!.socket, 'qa:view', (v) =>
			v.questions.some((x) => x.id === q.id)
		);
		expectOk(await emitAck(mod.socket, 'qa:moderate', { type: 'approve', questionId: q.id }));
		await seenOnB;

		// The count a phone ends on, applying each frame only if it is newer (as the pages do).
		const watcher = onB[2]!;
		let shown = -1;
		let seq = -1;
		watcher.socket.on('qa:votes', (f: QaVotesFrame) => {
			if (f.seq <= seq || f.votes[q.id] === undefined) return;
			seq = f.seq;
			shown = f.votes[q.id]!;
		});
		const acks = await Promise.all(
			[...onA, ...onB].map((p) => emitAck(p.socket, 'qa:vote', { questionId: q.id }, 10_000))
		);
		expect(acks.filter((x) => !(x.ok && x.changed))).toEqual([]);
		expect((await a.ctx.qaStore.voteCounts(code))[q.id]).toBe(200);
		await until(() => shown === 200, 10_000, 'the watcher’s count');
		expect((await b.ctx.qa.publicView(code)).questions[0]).toMatchObject({ id: q.id, votes: 200 });
	}, 60_000);

	it('counts a poll answered on both processes exactly, frames ordered by the results’ sequence', async () => {
		const onA = await joinPhones(a, code, 100);
		const onB = await joinPhones(b, code, 100);
		const mod = await panel(a, orgs.colleague, code);
		const made = expectOk(
			await emitAck(mod.socket, 'qa:poll', {
				type: 'create',
				kind: 'single',
				question: '跨进程的投票',
				options: ['是', '否']
			})
		);
		const pollId = made.poll!.id;
		const watcher = onB[0]!;
		const open = waitFor(watcher.socket, 'qa:view', (v) => v.poll?.open === true);
		expectOk(await emitAck(mod.socket, 'qa:poll', { type: 'open', pollId }));
		expectOk(await emitAck(mod.socket, 'qa:poll', { type: 'results', pollId, visible: true }));
		await open;

		// The results a phone ends on, applying each frame only if it is newer (as the pages will).
		let shown: number[] = [];
		let seq = -1;
		watcher.socket.on('qa:poll', (f: QaPollFrame) => {
			if (f.pollId !== pollId || f.seq <= seq || f.results.kind !== 'choice') return;
			seq = f.seq;
			shown = f.results.counts;
		});
		const phones = [...onA, ...onB];
		const acks = await Promise.all(
			phones.map((p, i) =>
				emitAck(p.socket, 'qa:respond', { pollId, choices: [i % 4 === 0 ? 1 : 0] }, 10_000)
			)
		);
		expect(acks.filter((x) => !x.ok)).toEqual([]);
		expect(await b.ctx.qaStore.pollTally(code, pollId)).toMatchObject({
			respondents: 200,
			counts: { '0': 150, '1': 50 }
		});
		await until(() => shown.join() === '150,50', 10_000, 'the watcher’s results');
		const view = await b.ctx.qa.publicView(code);
		expect(view.poll?.results).toEqual({ kind: 'choice', counts: [150, 50], respondents: 200 });
	}, 60_000);
});
