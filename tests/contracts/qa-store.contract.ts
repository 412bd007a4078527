// The Q&A store contract: numbered rules every Q&A store (memory, Redis, any next one) must keep.
// Events use random codes and are deleted after each rule. A new implementation gets the whole
// suite with one call of `registerQaStoreContract(target)`.
import { randomInt } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { newQaCode, type QaEvent } from '../../src/lib/domain/qa/event';
import type { QaQuestion, QaStatus } from '../../src/lib/domain/qa/question';
import { DEFAULT_QA_SETTINGS } from '../../src/lib/domain/qa/settings';
import type { QaStore } from '../../src/lib/server/live/qa-port';
import { contractSuite, type ContractTarget, type Opened } from './harness';

export interface QaFixture extends Opened {
	store: QaStore;
	/** A second handle on the same data: another process (Redis), the same store (memory). */
	peer(): Promise<{ store: QaStore; dispose(): Promise<void> }>;
}

export type QaStoreTarget = ContractTarget<QaFixture>;

const T0 = 1_700_000_000_000;

export function qaEvent(code: string, over: Partial<QaEvent> = {}): QaEvent {
	return {
		code,
		orgId: 'org-1',
		createdBy: 'user-1',
		title: '专家云问诊',
		description: '',
		startsAt: null,
		endsAt: null,
		settings: DEFAULT_QA_SETTINGS,
		closed: false,
		pinnedId: null,
		upNext: [],
		staff: [],
		createdAt: T0,
		version: 1,
		...over
	};
}

export function qaQuestion(id: string, over: Partial<QaQuestion> = {}): QaQuestion {
	return {
		id,
		participantId: `asker-${id}`,
		authorName: null,
		text: `问题 ${id}`,
		label: null,
		status: 'published',
		held: [],
		rejectReason: null,
		starred: false,
		answer: null,
		createdAt: T0,
		updatedAt: T0,
		version: 1,
		...over
	};
}

export function registerQaStoreContract(target: QaStoreTarget): void {
	contractSuite('Q&A store', target, { lifetime: 'suite' }, (current) => {
		let codes: string[] = [];
		const store = () => current().store;

		afterEach(async () => {
			for (const code of codes) await store().deleteEvent(code);
			codes = [];
		});

		async function newEvent(over: Partial<QaEvent> = {}): Promise<string> {
			for (;;) {
				const code = newQaCode(randomInt);
				if (await store().createEvent(qaEvent(code, over))) {
					codes.push(code);
					return code;
				}
			}
		}

		async function withQuestions(statuses: QaStatus[]): Promise<string> {
			const code = await newEvent();
			for (const [i, status] of statuses.entries()) {
				expect(await store().addQuestion(code, qaQuestion(`q${i}`, { status }), 100)).toBe(true);
			}
			return code;
		}

		// 1. createEvent is create-if-absent: a second event under the same code is refused and the
		//    first kept; getEvent returns what was stored; unknown codes give null.
		it('1 · createEvent is NX and round-trips the event', async () => {
			const code = await newEvent({ title: '第一场' });
			expect(await store().createEvent(qaEvent(code, { title: '第二场' }))).toBe(false);
			expect(await store().getEvent(code)).toEqual(qaEvent(code, { title: '第一场' }));
			expect(await store().getEvent('ZZZZZZ')).toBeNull();
		});

		// 2. casEvent replaces the event only over the version it was read at.
		it('2 · casEvent checks the version', async () => {
			const code = await newEvent();
			const next = qaEvent(code, { version: 2, pinnedId: 'q1', upNext: ['q2', 'q3'] });
			expect(await store().casEvent(code, 2, next)).toBe(false);
			expect(await store().casEvent(code, 1, next)).toBe(true);
			expect(await store().casEvent(code, 1, qaEvent(code, { version: 2 }))).toBe(false);
			expect(await store().getEvent(code)).toEqual(next);
			expect(await store().casEvent('ZZZZZZ', 1, next)).toBe(false);
		});

		// 3. addQuestion adds a new id to an existing event below its cap; questions round-trip and
		//    casQuestion checks the version.
		it('3 · addQuestion, getQuestion, listQuestions, casQuestion', async () => {
			const code = await newEvent();
			const q = qaQuestion('a', {
				authorName: '张三',
				label: '消防',
				held: ['某词'],
				text: '<b>x</b>'
			});
			expect(await store().addQuestion(code, q, 2)).toBe(true);
			expect(await store().addQuestion(code, qaQuestion('a'), 2)).toBe(false);
			expect(await store().addQuestion(code, qaQuestion('b'), 2)).toBe(true);
			expect(await store().addQuestion(code, qaQuestion('c'), 2)).toBe(false);
			expect(await store().addQuestion('ZZZZZZ', qaQuestion('d'), 2)).toBe(false);
			expect(await store().getQuestion(code, 'a')).toEqual(q);
			expect(await store().getQuestion(code, 'c')).toBeNull();
			const listed = await store().listQuestions(code);
			expect(listed.map((x) => x.id).sort()).toEqual(['a', 'b']);
			const next = {
				...q,
				status: 'answered' as const,
				version: 2,
				answer: { text: '答', expert: null, at: T0 }
			};
			expect(await store().casQuestion(code, 2, next)).toBe(false);
			expect(await store().casQuestion(code, 1, next)).toBe(true);
			expect(await store().casQuestion(code, 1, { ...next, version: 3 })).toBe(false);
			expect(await store().getQuestion(code, 'a')).toEqual(next);
		});

		// 4. A vote counts once per participant: a repeat is `changed: false` with the same count;
		//    taking it back lowers the count once; taking back a vote never cast changes nothing.
		it('4 · vote is idempotent, unvote exact', async () => {
			const code = await withQuestions(['published']);
			expect(await store().vote(code, 'q0', 'p1')).toEqual({
				status: 'ok',
				changed: true,
				votes: 1
			});
			expect(await store().vote(code, 'q0', 'p1')).toEqual({
				status: 'ok',
				changed: false,
				votes: 1
			});
			expect(await store().vote(code, 'q0', 'p2')).toEqual({
				status: 'ok',
				changed: true,
				votes: 2
			});
			expect(await store().votedBy(code, 'p1')).toEqual(['q0']);
			expect(await store().unvote(code, 'q0', 'p1')).toEqual({
				status: 'ok',
				changed: true,
				votes: 1
			});
			expect(await store().unvote(code, 'q0', 'p1')).toEqual({
				status: 'ok',
				changed: false,
				votes: 1
			});
			expect(await store().unvote(code, 'q0', 'p9')).toEqual({
				status: 'ok',
				changed: false,
				votes: 1
			});
			expect(await store().votedBy(code, 'p1')).toEqual([]);
			expect(await store().voteCounts(code)).toEqual({ q0: 1 });
			expect(await store().unvote(code, 'q0', 'p2')).toEqual({
				status: 'ok',
				changed: true,
				votes: 0
			});
			expect(await store().voteCounts(code)).toEqual({});
		});

		// 5. Only questions the audience sees take votes: pending, rejected and archived ones, unknown
		//    ids and unknown events are refused, and nothing is counted.
		it('5 · votes on what the audience cannot see are refused', async () => {
			const code = await withQuestions(['pending', 'rejected', 'archived', 'answered']);
			for (const id of ['q0', 'q1', 'q2']) {
				expect(await store().vote(code, id, 'p1')).toEqual({
					status: 'QA_CANNOT_VOTE',
					changed: false,
					votes: 0
				});
			}
			expect((await store().vote(code, 'q3', 'p1')).status).toBe('ok');
			expect((await store().vote(code, 'nope', 'p1')).status).toBe('QA_QUESTION_NOT_FOUND');
			expect((await store().vote('ZZZZZZ', 'q0', 'p1')).status).toBe('QA_QUESTION_NOT_FOUND');
			expect(await store().voteCounts(code)).toEqual({ q3: 1 });
			expect(await store().votedBy(code, 'p1')).toEqual(['q3']);
		});

		// 6. 200 participants voting on one question at once: the count is exactly 200; each of them
		//    voting again at once changes nothing; half taking it back at once leaves exactly 100.
		it('6 · 200 concurrent votes are counted exactly', async () => {
			const code = await withQuestions(['published']);
			const voters = Array.from({ length: 200 }, (_, i) => `v${i}`);
			const first = await Promise.all(voters.map((p) => store().vote(code, 'q0', p)));
			expect(first.every((o) => o.status === 'ok' && o.changed)).toBe(true);
			expect(new Set(first.map((o) => o.votes)).size).toBe(200);
			expect(await store().voteCounts(code)).toEqual({ q0: 200 });
			const again = await Promise.all(voters.map((p) => store().vote(code, 'q0', p)));
			expect(again.filter((o) => o.changed)).toEqual([]);
			expect(await store().voteCounts(code)).toEqual({ q0: 200 });
			const back = await Promise.all(
				voters.slice(0, 100).map((p) => store().unvote(code, 'q0', p))
			);
			expect(back.every((o) => o.changed)).toBe(true);
			expect(await store().voteCounts(code)).toEqual({ q0: 100 });
		});

		// 7. A ban takes back every vote of the participant in the same step and reports the new
		//    counts; a banned participant can neither vote nor unvote, and nobody can vote on a
		//    banned asker's questions. Banning twice changes nothing.
		it('7 · ban takes the votes back and refuses further ones', async () => {
			const code = await withQuestions(['published', 'published', 'published']);
			for (const p of ['bad', 'good']) {
				await store().vote(code, 'q0', p);
				await store().vote(code, 'q1', p);
			}
			expect(await store().ban(code, 'bad')).toEqual({ changed: true, votes: { q0: 1, q1: 1 } });
			expect(await store().ban(code, 'bad')).toEqual({ changed: false, votes: {} });
			expect(await store().banned(code)).toEqual(['bad']);
			expect(await store().voteCounts(code)).toEqual({ q0: 1, q1: 1 });
			expect(await store().votedBy(code, 'bad')).toEqual([]);
			expect((await store().vote(code, 'q2', 'bad')).status).toBe('QA_BANNED');
			expect((await store().unvote(code, 'q0', 'bad')).status).toBe('QA_BANNED');
			expect(await store().ban(code, 'asker-q2')).toEqual({ changed: true, votes: {} });
			expect((await store().vote(code, 'q2', 'good')).status).toBe('QA_CANNOT_VOTE');
			expect(await store().ban('ZZZZZZ', 'x')).toEqual({ changed: false, votes: {} });
		});

		// 8. Votes and bans concurrent with each other stay exact: the count is the voters not banned.
		it('8 · concurrent votes and a ban', async () => {
			const code = await withQuestions(['published']);
			const voters = Array.from({ length: 100 }, (_, i) => `v${i}`);
			await Promise.all([
				...voters.map((p) => store().vote(code, 'q0', p)),
				store().ban(code, 'v7'),
				store().ban(code, 'v8')
			]);
			expect(await store().voteCounts(code)).toEqual({ q0: 98 });
		});

		// 9. A deleted event is gone with its questions and votes; a new event under its code starts
		//    empty. The identity secret is one long string, the same on every call.
		it('9 · deleteEvent frees everything; the identity secret is stable', async () => {
			const code = await withQuestions(['published']);
			await store().vote(code, 'q0', 'p1');
			await store().ban(code, 'p2');
			await store().deleteEvent(code);
			expect(await store().getEvent(code)).toBeNull();
			expect(await store().createEvent(qaEvent(code))).toBe(true);
			expect(await store().listQuestions(code)).toEqual([]);
			expect(await store().voteCounts(code)).toEqual({});
			expect(await store().banned(code)).toEqual([]);
			expect(await store().addQuestion(code, qaQuestion('q0'), 10)).toBe(true);
			expect(await store().votedBy(code, 'p1')).toEqual([]);
			expect(await store().vote(code, 'q0', 'p1')).toEqual({
				status: 'ok',
				changed: true,
				votes: 1
			});
			const secret = await store().identitySecret();
			expect(secret.length).toBeGreaterThanOrEqual(32);
			expect(await store().identitySecret()).toBe(secret);
		});

		// 10. The vote sequence grows with every vote, unvote and ban that changed a count, and
		//     with nothing else; it is read together with the counts.
		it('10 · voteTally: counts with a sequence that orders them', async () => {
			const code = await withQuestions(['published', 'published']);
			expect(await store().voteTally(code)).toEqual({ seq: 0, votes: {} });
			await store().vote(code, 'q0', 'p1');
			await store().vote(code, 'q0', 'p1');
			await store().vote(code, 'q1', 'p1');
			expect(await store().voteTally(code)).toEqual({ seq: 2, votes: { q0: 1, q1: 1 } });
			await store().unvote(code, 'q0', 'p2');
			await store().unvote(code, 'q0', 'p1');
			expect(await store().voteTally(code)).toEqual({ seq: 3, votes: { q1: 1 } });
			await store().ban(code, 'p2');
			expect((await store().voteTally(code)).seq).toBe(3);
			await store().ban(code, 'p1');
			expect(await store().voteTally(code)).toEqual({ seq: 4, votes: {} });
			await Promise.all(Array.from({ length: 50 }, (_, i) => store().vote(code, 'q0', `v${i}`)));
			expect(await store().voteTally(code)).toEqual({ seq: 54, votes: { q0: 50 } });
		});

		// 11. Two handles on the same data (two processes) see each other's votes and share the secret.
		it('11 · a peer shares events, votes and the identity secret', async () => {
			const peer = await current().peer();
			try {
				const code = await withQuestions(['published']);
				await Promise.all(
					Array.from({ length: 50 }, (_, i) =>
						(i % 2 ? store() : peer.store).vote(code, 'q0', `v${i}`)
					)
				);
				expect(await peer.store.voteCounts(code)).toEqual({ q0: 50 });
				expect(await peer.store.identitySecret()).toBe(await store().identitySecret());
			} finally {
				await peer.dispose();
			}
		});
	});
}
