// Q&A frames lost while a process was cut off from Redis come back once it reconnects. Two
// processes serve one event on one Redis; process B reaches Redis through a proxy that the test
// cuts (tests/support/faults/tcp-proxy.ts). Meanwhile process A approves questions and takes a
// vote: A's phones see them at once, B's phones and panel cannot (Redis pub/sub keeps nothing).
// When the proxy lets B in again, B's adapter subscribes again and B re-sends, to its own
// sockets, the current public and moderator views, the vote tally and each asker's questions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
	QaModeratorView,
	QaOwnQuestion,
	QaPublicView,
	QaVotesFrame
} from '../../src/lib/protocol';
import {
	closeClients,
	emitAck,
	expectOk,
	liveModes,
	requireMode,
	startTestServer,
	until,
	waitFor,
	type TestServer
} from '../support/server';
import { ask, dropQaState, joinPhone, openEvent, panel, qaOrgs, type QaOrgs } from '../support/qa';
import { TcpProxy } from '../support/faults/tcp-proxy';

const modes = await liveModes('qa-resync');
const redis = modes.find((m) => m.name === 'redis')!;

/** The first frame that `pick` finds, waited for. */
async function arrived<T>(pick: () => T | undefined, what: string): Promise<T> {
	return (await until(pick, 10_000, what)) as T;
}

/** Whether the store answers within a moment (a cut-off client queues its commands instead). */
async function answers(server: TestServer): Promise<boolean> {
	const late = new Promise<false>((r) => setTimeout(() => r(false), 200));
	return Promise.race([server.ctx.qaStore.ping().then(() => true), late]).catch(() => false);
}

describe.skipIf(redis.skip)('Q&A resync after a process lost Redis', () => {
	let a: TestServer;
	let b: TestServer;
	let proxy: TcpProxy;
	let orgs: QaOrgs;
	let code: string;
	const dir = mkdtempSync(join(tmpdir(), 'anda-qa-resync-'));

	beforeAll(async () => {
		requireMode(redis);
		const target = new URL(redis.redisUrl!);
		proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 6379) });
		// One record file: the panel's account signs in on either process.
		const sqlitePath = join(dir, 'records.sqlite');
		a = await startTestServer({ redisUrl: redis.redisUrl, sqlitePath });
		b = await startTestServer({ redisUrl: proxy.redisUrl, sqlitePath });
		orgs = await qaOrgs(a);
		code = await openEvent(a, orgs, { preModeration: true });
	});
	afterAll(async () => {
		closeClients();
		proxy?.restore();
		await dropQaState(a, [code]);
		await b?.close();
		await a?.close();
		await proxy?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('phones, panels and askers on the cut-off process get what they missed once it is back', async () => {
		const hostOnA = await panel(a, orgs.owner, code);
		const phoneOnA = await joinPhone(a, code);
		const askerOnA = await joinPhone(a, code);
		const phoneOnB = await joinPhone(b, code);
		const askerOnB = await joinPhone(b, code);
		const panelOnB = await panel(b, orgs.colleague, code);
		const fromA = await ask(askerOnA, '停电时电梯里被困怎么办？');
		const fromB = await ask(askerOnB, '家里燃气报警器多久换一次？');

		const views: QaPublicView[] = [];
		const panels: QaModeratorView[] = [];
		const votes: QaVotesFrame[] = [];
		const mine: QaOwnQuestion[] = [];
		phoneOnB.socket.on('qa:view', (v) => views.push(v));
		phoneOnB.socket.on('qa:votes', (f) => votes.push(f));
		panelOnB.socket.on('qa:moderator', (v) => panels.push(v));
		askerOnB.socket.on('qa:mine', (q) => mine.push(q));

		proxy.cut();
		await until(async () => !(await answers(b)), 5000, 'process B cut off from Redis');

		const bothOnA = waitFor(phoneOnA.socket, 'qa:view', (v) => v.questions.length === 2);
		for (const q of [fromA, fromB]) {
			expectOk(await emitAck(hostOnA.socket, 'qa:moderate', { type: 'approve', questionId: q.id }));
		}
		await bothOnA;
		const counted = waitFor(phoneOnA.socket, 'qa:votes', (f) => f.votes[fromB.id] === 1);
		expectOk(await emitAck(phoneOnA.socket, 'qa:vote', { questionId: fromB.id }));
		await counted;
		// Published while B was away: none of it reached B's sockets.
		expect(views.filter((v) => v.questions.length > 0)).toEqual([]);
		expect(panels).toEqual([]);
		expect(mine).toEqual([]);

		proxy.restore();
		const view = await arrived(
			() => views.find((v) => v.questions.length === 2),
			'the public view on B'
		);
		expect(new Set(view.questions.map((q) => q.id))).toEqual(new Set([fromA.id, fromB.id]));
		expect(view.questions.find((q) => q.id === fromB.id)?.votes).toBe(1);
		const mod = await arrived(
			() => panels.find((v) => v.questions.every((q) => q.status === 'published')),
			'the moderator view on B'
		);
		expect(mod.questions).toHaveLength(2);
		const tally = await arrived(
			() => votes.find((f) => f.votes[fromB.id] === 1),
			'the vote tally on B'
		);
		expect(tally.seq).toBeGreaterThanOrEqual(view.votesSeq);
		const own = await arrived(
			() => mine.find((q) => q.id === fromB.id && q.status === 'published'),
			'the asker on B told their question is published'
		);
		expect(own.text).toBe(fromB.text);
		// The asker on B is told about their own question only.
		expect(mine.every((q) => q.id === fromB.id)).toBe(true);
	}, 60_000);
});
