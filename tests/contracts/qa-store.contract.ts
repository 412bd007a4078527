// The Q&A store contract: numbered rules every Q&A store (memory, Redis, any next one) must keep.
// Events use random codes and are deleted after each rule. A new implementation gets the whole
// suite with one call of `registerQaStoreContract(target)`.
import { randomInt } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { newQaCode, type QaEvent } from '../../src/lib/domain/qa/event';
import type { QaPoll, QaPollAnswer } from '../../src/lib/domain/qa/poll';
import type { QaStatus } from '../../src/lib/domain/qa/question';
import type { QaStore } from '../../src/lib/server/live/qa-port';
import { qaEvent, qaQuestion, T0 } from '../support/qa-fixtures';
import { contractSuite, type ContractTarget, type Opened } from './harness';

export interface QaFixture extends Opened {
	store: QaStore;
	/** A second handle on the same data: another process (Redis), the same store (memory). */
	peer(): Promise<{ store: QaStore; dispose(): Promise<void> }>;
}

export type QaStoreTarget = ContractTarget<QaFixture>;

export function qaPoll(id: string, over: Partial<QaPoll> = {}): QaPoll {
	return {
		id,
		kind: 'single',
		question: '家里应该备哪种灭火器？',
		options: ['干粉', '水基', '二氧化碳'],
		maxChoices: 1,
		open: true,
		resultsVisible: false,
		createdAt: T0,
		updatedAt: T0,
		version: 1,
		...over
	};
}

const picks = (...choices: number[]): QaPollAnswer => ({ choices, words: [] });
const says = (...words: string[]): QaPollAnswer => ({ choices: [], words });

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
				votes: 1,
				showCounts: true
			});
			expect(await store().vote(code, 'q0', 'p1')).toEqual({
				status: 'ok',
				changed: false,
				votes: 1,
				showCounts: true
			});
			expect(await store().vote(code, 'q0', 'p2')).toEqual({
				status: 'ok',
				changed: true,
				votes: 2,
				showCounts: true
			});
			expect(await store().votedBy(code, 'p1')).toEqual(['q0']);
			expect(await store().unvote(code, 'q0', 'p1')).toEqual({
				status: 'ok',
				changed: true,
				votes: 1,
				showCounts: true
			});
			expect(await store().unvote(code, 'q0', 'p1')).toEqual({
				status: 'ok',
				changed: false,
				votes: 1,
				showCounts: true
			});
			expect(await store().unvote(code, 'q0', 'p9')).toEqual({
				status: 'ok',
				changed: false,
				votes: 1,
				showCounts: true
			});
			expect(await store().votedBy(code, 'p1')).toEqual([]);
			expect(await store().voteCounts(code)).toEqual({ q0: 1 });
			expect(await store().unvote(code, 'q0', 'p2')).toEqual({
				status: 'ok',
				changed: true,
				votes: 0,
				showCounts: true
			});
			expect(await store().voteCounts(code)).toEqual({});
		});

		// 5. Only questions the audience sees take votes: pending, rejected and archived ones, unknown
		//    ids and unknown events are refused, and nothing is counted. Each outcome says whether the
		//    event shows counts.
		it('5 · votes on what the audience cannot see are refused', async () => {
			const code = await withQuestions(['pending', 'rejected', 'archived', 'answered']);
			for (const id of ['q0', 'q1', 'q2']) {
				expect(await store().vote(code, id, 'p1')).toEqual({
					status: 'QA_CANNOT_VOTE',
					changed: false,
					votes: 0,
					showCounts: true
				});
			}
			expect((await store().vote(code, 'q3', 'p1')).status).toBe('ok');
			expect((await store().vote(code, 'nope', 'p1')).status).toBe('QA_QUESTION_NOT_FOUND');
			expect((await store().vote('ZZZZZZ', 'q0', 'p1')).status).toBe('QA_NOT_FOUND');
			expect(await store().voteCounts(code)).toEqual({ q3: 1 });
			expect(await store().votedBy(code, 'p1')).toEqual(['q3']);
		});

		// 5b. A vote reads the event in the same step: a closed event refuses votes and taking them
		//     back (the counts stay as they were), and every outcome carries the event's
		//     showVoteCounts as it is now.
		it('5b · a closed event refuses votes and unvotes; outcomes follow the count setting', async () => {
			const code = await withQuestions(['published', 'published']);
			expect(await store().vote(code, 'q0', 'p1')).toEqual({
				status: 'ok',
				changed: true,
				votes: 1,
				showCounts: true
			});
			const event = (await store().getEvent(code))!;
			const hidden = { ...event, settings: { ...event.settings, showVoteCounts: false } };
			expect(
				await store().casEvent(code, event.version, { ...hidden, version: event.version + 1 })
			).toBe(true);
			expect((await store().vote(code, 'q1', 'p1')).showCounts).toBe(false);
			const closed = { ...hidden, closed: true, version: event.version + 2 };
			expect(await store().casEvent(code, event.version + 1, closed)).toBe(true);
			for (const op of ['vote', 'unvote'] as const) {
				expect(await store()[op](code, 'q0', 'p2')).toEqual({
					status: 'QA_CLOSED',
					changed: false,
					votes: 0,
					showCounts: false
				});
			}
			expect((await store().unvote(code, 'q0', 'p1')).status).toBe('QA_CLOSED');
			expect(await store().voteCounts(code)).toEqual({ q0: 1, q1: 1 });
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

		// 6b. Votes sent at the same moment (an adapter may carry them in one call) each get their
		//     own outcome: a refused one among them changes nothing for the others.
		it('6b · votes at the same moment each get their own outcome', async () => {
			const code = await withQuestions(['published', 'pending', 'published']);
			await store().ban(code, 'banned-voter');
			const outs = await Promise.all([
				store().vote(code, 'q0', 'p1'),
				store().vote(code, 'q1', 'p1'),
				store().vote(code, 'missing', 'p1'),
				store().vote(code, 'q0', 'banned-voter'),
				store().vote(code, 'q0', 'p2'),
				store().vote(code, 'q0', 'p1'),
				store().unvote(code, 'q2', 'p3'),
				store().vote(code, 'q2', 'p3')
			]);
			expect(outs.map((o) => [o.status, o.changed])).toEqual([
				['ok', true],
				['QA_CANNOT_VOTE', false],
				['QA_QUESTION_NOT_FOUND', false],
				['QA_BANNED', false],
				['ok', true],
				['ok', false],
				['ok', false],
				['ok', true]
			]);
			expect(outs[4]!.votes).toBe(2);
			expect(await store().voteCounts(code)).toEqual({ q0: 2, q2: 1 });
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
			expect(await store().ban(code, 'bad')).toEqual({
				changed: true,
				votes: { q0: 1, q1: 1 },
				polls: []
			});
			expect(await store().ban(code, 'bad')).toEqual({ changed: false, votes: {}, polls: [] });
			expect(await store().banned(code)).toEqual(['bad']);
			expect(await store().voteCounts(code)).toEqual({ q0: 1, q1: 1 });
			expect(await store().votedBy(code, 'bad')).toEqual([]);
			expect((await store().vote(code, 'q2', 'bad')).status).toBe('QA_BANNED');
			expect((await store().unvote(code, 'q0', 'bad')).status).toBe('QA_BANNED');
			expect(await store().ban(code, 'asker-q2')).toEqual({ changed: true, votes: {}, polls: [] });
			expect((await store().vote(code, 'q2', 'good')).status).toBe('QA_CANNOT_VOTE');
			expect(await store().ban('ZZZZZZ', 'x')).toEqual({ changed: false, votes: {}, polls: [] });
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
				votes: 1,
				showCounts: true
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

		/** An event with one poll (open unless said otherwise) on show. */
		async function withPoll(over: Partial<QaPoll> = {}): Promise<string> {
			const code = await newEvent({ pollId: 'p' });
			expect(await store().addPoll(code, qaPoll('p', over), 50)).toBe(true);
			return code;
		}

		// 12. addPoll adds a new id below the event's cap; polls round-trip, casPoll checks the
		//     version; deletePoll refuses the poll on show and frees the rest with its answers.
		it('12 · addPoll, getPoll, listPolls, casPoll, deletePoll', async () => {
			const code = await newEvent();
			const p = qaPoll('a', {
				kind: 'words',
				options: [],
				maxChoices: 3,
				question: '<b>一个词</b>'
			});
			expect(await store().addPoll(code, p, 2)).toBe(true);
			expect(await store().addPoll(code, qaPoll('a'), 2)).toBe(false);
			expect(await store().addPoll(code, qaPoll('b'), 2)).toBe(true);
			expect(await store().addPoll(code, qaPoll('c'), 2)).toBe(false);
			expect(await store().addPoll('ZZZZZZ', qaPoll('d'), 2)).toBe(false);
			expect(await store().getPoll(code, 'a')).toEqual(p);
			expect(await store().getPoll(code, 'c')).toBeNull();
			expect((await store().listPolls(code)).map((x) => x.id).sort()).toEqual(['a', 'b']);
			const next = { ...p, open: false, resultsVisible: true, version: 2 };
			expect(await store().casPoll(code, 2, next)).toBe(false);
			expect(await store().casPoll(code, 1, next)).toBe(true);
			expect(await store().casPoll(code, 1, { ...next, version: 3 })).toBe(false);
			expect(await store().getPoll(code, 'a')).toEqual(next);
			const e = (await store().getEvent(code))!;
			expect(await store().casEvent(code, e.version, { ...e, pollId: 'b', version: 2 })).toBe(true);
			expect(await store().deletePoll(code, 'b')).toBe('QA_POLL_ON_SHOW');
			expect(await store().deletePoll(code, 'a')).toBe('ok');
			expect(await store().deletePoll(code, 'a')).toBe('QA_POLL_NOT_FOUND');
			expect(await store().getPoll(code, 'a')).toBeNull();
			// A poll re-created under a deleted id starts without answers.
			expect(await store().addPoll(code, qaPoll('a'), 2)).toBe(true);
			expect(await store().pollTally(code, 'a')).toEqual({ seq: 0, respondents: 0, counts: {} });
		});

		// 13. An answer counts once per participant: a repeat of the same answer is `changed: false`
		//     and moves nothing; a different answer replaces the earlier one (its counts move); the
		//     participant's answers are read back; the sequence grows only with a change.
		it('13 · respond replaces an answer, a repeat is idempotent', async () => {
			const code = await withPoll({ kind: 'multiple', maxChoices: 3 });
			expect(await store().respond(code, 'p', 'x', picks(0, 2))).toEqual({
				status: 'ok',
				changed: true,
				seq: 1,
				respondents: 1
			});
			expect(await store().respond(code, 'p', 'x', picks(0, 2))).toEqual({
				status: 'ok',
				changed: false,
				seq: 1,
				respondents: 1
			});
			await store().respond(code, 'p', 'y', picks(0));
			expect(await store().pollTally(code, 'p')).toEqual({
				seq: 2,
				respondents: 2,
				counts: { '0': 2, '2': 1 }
			});
			expect(await store().respond(code, 'p', 'x', picks(1))).toMatchObject({
				status: 'ok',
				changed: true,
				seq: 3,
				respondents: 2
			});
			expect(await store().pollTally(code, 'p')).toEqual({
				seq: 3,
				respondents: 2,
				counts: { '0': 1, '1': 1 }
			});
			expect(await store().responsesOf(code, 'x')).toEqual({ p: picks(1) });
			expect(await store().responsesOf(code, 'nobody')).toEqual({});
		});

		// 14. 200 participants answering at once are counted exactly; all of them changing their
		//     answer at once moves every count exactly; all repeating it at once changes nothing.
		it('14 · 200 concurrent respondents are counted exactly', async () => {
			const code = await withPoll();
			const who = Array.from({ length: 200 }, (_, i) => `r${i}`);
			const first = await Promise.all(
				who.map((p, i) => store().respond(code, 'p', p, picks(i % 3)))
			);
			expect(first.every((o) => o.status === 'ok' && o.changed)).toBe(true);
			expect(new Set(first.map((o) => o.seq)).size).toBe(200);
			expect(await store().pollTally(code, 'p')).toEqual({
				seq: 200,
				respondents: 200,
				counts: { '0': 67, '1': 67, '2': 66 }
			});
			await Promise.all(who.map((p) => store().respond(code, 'p', p, picks(2))));
			const again = await Promise.all(who.map((p) => store().respond(code, 'p', p, picks(2))));
			expect(again.filter((o) => o.changed)).toEqual([]);
			expect(await store().pollTally(code, 'p')).toEqual({
				seq: 200 + 134,
				respondents: 200,
				counts: { '2': 200 }
			});
		});

		// 15. A word cloud counts each (normalised) word once per participant who gave it.
		it('15 · words are counted per word and participant', async () => {
			const code = await withPoll({ kind: 'words', options: [], maxChoices: 3 });
			await store().respond(code, 'p', 'a', says('灭火器', 'aed'));
			await store().respond(code, 'p', 'b', says('灭火器'));
			await store().respond(code, 'p', 'c', says('aed', 'k:x', '_seq'));
			expect(await store().pollTally(code, 'p')).toEqual({
				seq: 3,
				respondents: 3,
				counts: { 灭火器: 2, aed: 2, 'k:x': 1, _seq: 1 }
			});
			await store().respond(code, 'p', 'b', says('逃生'));
			expect((await store().pollTally(code, 'p')).counts).toEqual({
				灭火器: 1,
				aed: 2,
				'k:x': 1,
				_seq: 1,
				逃生: 1
			});
		});

		// 16. Answers are taken only while the poll is open, on show and the event not closed, from
		//     participants not banned; refusals count nothing.
		it('16 · a closed poll, a poll off the show, a closed event and a ban are refused', async () => {
			const refused = (status: string) => ({ status, changed: false, seq: 0, respondents: 0 });
			const closedPoll = await withPoll({ open: false });
			expect(await store().respond(closedPoll, 'p', 'x', picks(0))).toEqual(
				refused('QA_POLL_CLOSED')
			);
			const offShow = await newEvent({ pollId: null });
			await store().addPoll(offShow, qaPoll('p'), 50);
			expect(await store().respond(offShow, 'p', 'x', picks(0))).toEqual(refused('QA_POLL_CLOSED'));
			const closedEvent = await newEvent({ pollId: 'p', closed: true });
			await store().addPoll(closedEvent, qaPoll('p'), 50);
			expect(await store().respond(closedEvent, 'p', 'x', picks(0))).toEqual(refused('QA_CLOSED'));
			const code = await withPoll();
			await store().ban(code, 'bad');
			expect(await store().respond(code, 'p', 'bad', picks(0))).toEqual(refused('QA_BANNED'));
			expect(await store().respond(code, 'nope', 'x', picks(0))).toEqual(
				refused('QA_POLL_NOT_FOUND')
			);
			expect(await store().respond('ZZZZZZ', 'p', 'x', picks(0))).toEqual(refused('QA_NOT_FOUND'));
			for (const c of [closedPoll, offShow, closedEvent, code]) {
				expect(await store().pollTally(c, 'p')).toEqual({ seq: 0, respondents: 0, counts: {} });
			}
		});

		// 17. A ban takes back the participant's answers to every poll in the same step, and says
		//     which polls' results changed; concurrent answers and bans stay exact.
		it('17 · ban takes the answers back', async () => {
			const code = await withPoll({ kind: 'multiple', maxChoices: 2 });
			await store().addPoll(code, qaPoll('w', { kind: 'words', options: [], maxChoices: 1 }), 50);
			await store().addPoll(code, qaPoll('z'), 50);
			await store().respond(code, 'p', 'bad', picks(0, 1));
			await store().respond(code, 'p', 'good', picks(0));
			const e = (await store().getEvent(code))!;
			await store().casEvent(code, e.version, { ...e, pollId: 'w', version: e.version + 1 });
			await store().respond(code, 'w', 'bad', says('脏话'));
			const out = await store().ban(code, 'bad');
			expect(out.changed).toBe(true);
			expect(out.polls.sort()).toEqual(['p', 'w']);
			expect(await store().pollTally(code, 'p')).toEqual({
				seq: 3,
				respondents: 1,
				counts: { '0': 1 }
			});
			expect(await store().pollTally(code, 'w')).toEqual({ seq: 2, respondents: 0, counts: {} });
			expect(await store().responsesOf(code, 'bad')).toEqual({});

			const many = Array.from({ length: 100 }, (_, i) => `v${i}`);
			await Promise.all([
				...many.map((p) => store().respond(code, 'w', p, says('逃生'))),
				store().ban(code, 'v7'),
				store().ban(code, 'v8')
			]);
			expect(await store().pollTally(code, 'w')).toMatchObject({
				respondents: 98,
				counts: { 逃生: 98 }
			});
		});

		// 18. A deleted event is gone with its polls and their answers.
		it('18 · deleteEvent frees the polls', async () => {
			const code = await withPoll();
			await store().respond(code, 'p', 'x', picks(1));
			await store().deleteEvent(code);
			expect(await store().createEvent(qaEvent(code, { pollId: 'p' }))).toBe(true);
			expect(await store().listPolls(code)).toEqual([]);
			expect(await store().addPoll(code, qaPoll('p'), 50)).toBe(true);
			expect(await store().pollTally(code, 'p')).toEqual({ seq: 0, respondents: 0, counts: {} });
			expect(await store().responsesOf(code, 'x')).toEqual({});
		});
	});
}
