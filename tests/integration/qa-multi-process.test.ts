// Two processes, one Q&A event (Redis): a token issued by one resumes on the other, a question
// approved on one reaches phones on the other, and votes cast on both are counted exactly, the
// phones ending on the exact count whichever process's frame arrives last (frames carry the
// store's vote sequence).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaVotesFrame } from '../../src/lib/protocol';
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
});
