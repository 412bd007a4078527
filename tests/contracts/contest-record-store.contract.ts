// The contest record store's contract: numbered rules every implementation must keep, registered
// against a target that opens a fresh store per rule (see harness.ts).
// tests/contest-record-store.contract.test.ts runs it on SQLite and a real PostgreSQL, where the
// concurrent starts of rule 8 are a real race between connections.
import { beforeEach, expect, it } from 'vitest';
import { answer, type Attempt } from '../../src/lib/domain/contest/attempt';
import { shanghaiDayKey } from '../../src/lib/domain/contest/calendar';
import { CONTEST_CAP_ERRORS } from '../../src/lib/domain/contest/caps';
import type { CountMode } from '../../src/lib/domain/contest/standings';
import type {
	AttemptRecord,
	ContestRecordStore,
	FinishAttemptInput,
	StartAttemptOutcome
} from '../../src/lib/server/records/contests/port';
import { contractSuite, type ContractTarget, type Opened } from './harness';
import {
	answerRows,
	CONTEST,
	contestRow,
	DAY,
	openAttempt,
	ORG_A,
	ORG_B,
	participant,
	RULES,
	settings,
	startInput,
	submitted,
	T0,
	TOTAL_TIME_S
} from './contest-record-store.fixtures';

export interface ContestRecordStoreUnderTest extends Opened {
	store: ContestRecordStore;
}

const A = { orgId: ORG_A };
const B = { orgId: ORG_B };
const HOUR = 3_600_000;

/** The record a start inserted; fails the rule when it was refused or resumed. */
function inserted(outcome: StartAttemptOutcome): AttemptRecord {
	if (!outcome.ok || 'resumed' in outcome) {
		throw new Error(`expected an inserted attempt, got ${JSON.stringify(outcome)}`);
	}
	return outcome.record;
}

export function registerContestRecordStoreContract(
	target: ContractTarget<ContestRecordStoreUnderTest>
): void {
	contractSuite('contest record store', target, { lifetime: 'test' }, (current) => {
		let store: ContestRecordStore;
		beforeEach(() => {
			store = current().store;
		});

		/** Starts an attempt and finishes it at `endAt` with `score`; the finish's outcome. */
		async function playOnce(
			id: string,
			participantId: string,
			score: number,
			timeMs: number,
			mode: CountMode,
			now = T0
		) {
			const record = inserted(await store.startAttempt(startInput(id, participantId, { now })));
			return store.finishAttempt(finishInput(record, now + timeMs, { score, timeMs, mode }));
		}

		// 1. A contest reads back exactly, by id in its organisation and by slug from anywhere; a
		//    taken id or slug writes nothing; the list is the organisation's, newest first.
		it('1. creates contests that read back exactly; a taken id or slug is refused', async () => {
			const row = contestRow(CONTEST);
			expect(await store.createContest(row)).toBe(true);
			const expected = {
				...row,
				status: 'draft',
				updatedAt: T0,
				publishedAt: null,
				closedEarlyAt: null,
				version: 1
			};
			expect(await store.getContest(CONTEST, A)).toStrictEqual(expected);
			expect(await store.getContestBySlug('anquan-c1')).toStrictEqual(expected);
			expect(await store.getContest(CONTEST, B)).toBeNull();
			expect(await store.getContestBySlug('nope')).toBeNull();
			expect(await store.getContestById(CONTEST)).toStrictEqual(expected);
			expect(await store.getContestById('nope')).toBeNull();

			expect(await store.createContest(contestRow('c2', { slug: 'anquan-c1', orgId: ORG_B }))).toBe(
				false
			);
			expect(await store.createContest(contestRow(CONTEST, { slug: 'other' }))).toBe(false);
			expect(await store.getContestBySlug('other')).toBeNull();

			await store.createContest(contestRow('c3', { createdAt: T0 + 10 }));
			await store.createContest(contestRow('c4', { createdAt: T0 + 5, orgId: ORG_B }));
			expect((await store.listContests(A, 10)).map((c) => c.id)).toStrictEqual(['c3', CONTEST]);
			expect((await store.listContests(A, 1)).map((c) => c.id)).toStrictEqual(['c3']);
		});

		// 2. An update is conditional on the version: the stale one is refused and changes nothing.
		it('2. updates a contest only at the expected version, in its organisation', async () => {
			await store.createContest(contestRow(CONTEST));
			const next = {
				settings: settings({ title: '安全知识周赛' }),
				status: 'published' as const,
				publishedAt: T0 + 100,
				closedEarlyAt: null
			};
			expect(await store.updateContest(CONTEST, B, 1, next, T0 + 100)).toBeNull();
			const updated = await store.updateContest(CONTEST, A, 1, next, T0 + 100);
			expect(updated).toMatchObject({ ...next, version: 2, updatedAt: T0 + 100, createdAt: T0 });
			expect(await store.getContest(CONTEST, A)).toStrictEqual(updated);
			const stale = { ...next, closedEarlyAt: T0 + 200 };
			expect(await store.updateContest(CONTEST, A, 1, stale, T0 + 200)).toBeNull();
			expect((await store.getContest(CONTEST, A))?.closedEarlyAt).toBeNull();
			expect(await store.updateContest('nope', A, 1, next, T0)).toBeNull();
		});

		// 3. A contest without participants can be deleted (with its units); one with any cannot.
		it('3. deletes a contest only while nobody has entered', async () => {
			await store.createContest(contestRow(CONTEST));
			await store.createContest(contestRow('c2'));
			await store.setUnits('c2', [{ name: '安监科', headcount: 3 }]);
			await store.createParticipant(participant('p1'));
			expect(await store.deleteDraft(CONTEST, A)).toBe(false);
			expect(await store.getContest(CONTEST, A)).not.toBeNull();
			expect(await store.deleteDraft('c2', B)).toBe(false);
			expect(await store.deleteDraft('c2', A)).toBe(true);
			expect(await store.getContest('c2', A)).toBeNull();
			expect(await store.listUnits('c2')).toStrictEqual([]);
			expect(await store.deleteDraft('c2', A)).toBe(false);
		});

		// 4. Units and rosters are replaced whole; roster units are counted per unit, by name.
		it('4. replaces units and rosters whole', async () => {
			await store.setUnits(CONTEST, [
				{ name: '运维部', headcount: 12 },
				{ name: '安监科', headcount: null }
			]);
			await store.setUnits(CONTEST, [
				{ name: '运维部', headcount: 15 },
				{ name: '后勤', headcount: 4 }
			]);
			await store.setUnits('c2', [{ name: '别的', headcount: 1 }]);
			expect(await store.listUnits(CONTEST)).toStrictEqual([
				{ name: '后勤', headcount: 4 },
				{ name: '运维部', headcount: 15 }
			]);

			await store.setRoster(ORG_A, [{ employeeNo: 'E1', name: '旧人', unit: '旧部门' }]);
			const roster = Array.from({ length: 300 }, (_, i) => ({
				employeeNo: `E${i}`,
				name: `员工${i}`,
				unit: i % 3 === 0 ? '安监科' : '运维部'
			}));
			await store.setRoster(ORG_A, roster);
			await store.setRoster(ORG_B, [{ employeeNo: 'E1', name: '乙', unit: '乙部' }]);
			expect(await store.rosterSize(ORG_A)).toBe(300);
			expect(await store.findRosterRow(ORG_A, 'E1')).toStrictEqual(roster[1]);
			expect(await store.findRosterRow(ORG_A, 'E300')).toBeNull();
			expect(await store.rosterUnits(ORG_A)).toStrictEqual([
				{ name: '安监科', headcount: 100 },
				{ name: '运维部', headcount: 200 }
			]);
			await store.setRoster(ORG_A, []);
			expect(await store.rosterSize(ORG_A)).toBe(0);
			expect(await store.rosterSize(ORG_B)).toBe(1);
		});

		// 5. A participant reads back exactly; a phone (or employee number) already in the contest
		//    is refused with the existing participant; no phone at all never clashes.
		it('5. creates participants; a taken phone or employee number returns the existing one', async () => {
			const p = participant('p1', { phone: '13800138000' });
			const created = await store.createParticipant(p);
			const { day: _day, ...entry } = p;
			const expected = {
				...entry,
				points: { points: 0, timeMs: 0, attempts: 0 },
				startedTotal: 0
			};
			expect(created).toStrictEqual({ ok: true, participant: expected });
			expect(await store.getParticipant(CONTEST, 'p1')).toStrictEqual(expected);
			expect(await store.getParticipant('c2', 'p1')).toBeNull();

			expect(
				await store.createParticipant(participant('p2', { phone: '13800138000' }))
			).toStrictEqual({ ok: false, reason: 'PHONE_TAKEN', existing: expected });
			expect(await store.getParticipant(CONTEST, 'p2')).toBeNull();
			// The same phone in another contest is another person.
			expect(
				(
					await store.createParticipant(
						participant('p3', { contestId: 'c2', phone: '13800138000' })
					)
				).ok
			).toBe(true);

			await store.createParticipant(participant('e1', { employeeNo: 'E7' }));
			const clash = await store.createParticipant(participant('e2', { employeeNo: 'E7' }));
			expect(clash).toMatchObject({ ok: false, reason: 'EMPLOYEE_TAKEN', existing: { id: 'e1' } });

			expect((await store.createParticipant(participant('n1'))).ok).toBe(true);
			expect((await store.createParticipant(participant('n2'))).ok).toBe(true);

			// Eight entries with one phone at once (a double-tapped form on a slow network): exactly
			// one is created and every other is told who holds the phone, also when its insert lost
			// the race to the unique constraint after its check found nothing.
			const raced = await Promise.all(
				Array.from({ length: 8 }, (_, i) =>
					store.createParticipant(participant(`r${i}`, { phone: '13900139000' }))
				)
			);
			const winners = raced.filter((o) => o.ok);
			expect(winners).toHaveLength(1);
			const winner = winners[0]?.ok ? winners[0].participant : null;
			for (const o of raced.filter((x) => !x.ok)) {
				expect(o).toStrictEqual({ ok: false, reason: 'PHONE_TAKEN', existing: winner });
			}
		});

		// 6. An invite is counted for the inviter on the invitee's day, only when the inviter is a
		//    participant of the same contest.
		it('6. counts an invite for an inviter of the same contest on that day', async () => {
			await store.createParticipant(participant('host'));
			await store.createParticipant(participant('x', { contestId: 'c2' }));
			const day = shanghaiDayKey(T0);
			await store.createParticipant(participant('f1', { invitedBy: 'host' }));
			await store.createParticipant(participant('f2', { invitedBy: 'host' }));
			await store.createParticipant(
				participant('f3', { invitedBy: 'host', createdAt: T0 + DAY, day: shanghaiDayKey(T0 + DAY) })
			);
			// Named by nobody of this contest: entered, no invite counted.
			const stray = await store.createParticipant(participant('f4', { invitedBy: 'x' }));
			expect(stray).toMatchObject({ ok: true, participant: { invitedBy: null } });
			expect((await store.getParticipant(CONTEST, 'f1'))?.invitedBy).toBe('host');
			expect(await store.invitesOn(CONTEST, 'host', day)).toBe(2);
			expect(await store.invitesOn(CONTEST, 'host', shanghaiDayKey(T0 + DAY))).toBe(1);
			expect(await store.invitesOn(CONTEST, 'x', day)).toBe(0);
			expect(await store.invitesOn('c2', 'x', day)).toBe(0);
		});

		// 7. A start inserts the attempt and counts it; a participant that does not exist is refused.
		it('7. starts an attempt that reads back exactly; an unknown participant is refused', async () => {
			await store.createParticipant(participant('p1'));
			const input = startInput('a1', 'p1');
			const outcome = await store.startAttempt(input);
			const record: AttemptRecord = {
				id: 'a1',
				contestId: CONTEST,
				participantId: 'p1',
				day: input.day,
				attempt: input.attempt,
				score: null,
				correct: null,
				tooFast: false,
				ip: input.ip,
				userAgent: input.userAgent,
				version: 1
			};
			expect(outcome).toStrictEqual({
				ok: true,
				record,
				decision: { ok: true, leftToday: 2, leftTotal: null }
			});
			expect(await store.getAttempt(CONTEST, 'a1')).toStrictEqual(record);
			expect(await store.getAttempt('c2', 'a1')).toBeNull();
			expect((await store.getParticipant(CONTEST, 'p1'))?.startedTotal).toBe(1);
			expect(await store.startedOn(CONTEST, 'p1', input.day)).toBe(1);
			expect(await store.startAttempt(startInput('a2', 'ghost'))).toStrictEqual({
				ok: false,
				decision: null,
				reason: 'NO_PARTICIPANT'
			});
			expect(await store.getAttempt(CONTEST, 'a2')).toBeNull();
		});

		// 8. Eight starts at once against a daily cap of 2 (the earlier attempts already due, so
		//    they do not resume): exactly two are inserted, the rest are refused with the cap.
		it('8. eight concurrent starts at a daily cap of 2 insert exactly two', async () => {
			await store.createParticipant(participant('p1'));
			// Attempts started TOTAL_TIME_S ago: due at `now`, so an open one does not block.
			const now = T0 + TOTAL_TIME_S * 1000;
			const outcomes = await Promise.all(
				Array.from({ length: 8 }, (_, i) =>
					store.startAttempt(startInput(`a${i}`, 'p1', { now, attempt: openAttempt(T0) }))
				)
			);
			const started = outcomes.filter((o) => o.ok);
			expect(started).toHaveLength(2);
			expect(started.every((o) => !('resumed' in o))).toBe(true);
			for (const o of outcomes.filter((x) => !x.ok)) {
				expect(o).toStrictEqual({
					ok: false,
					decision: {
						ok: false,
						code: 'CONTEST_DAILY_CAP',
						message: CONTEST_CAP_ERRORS.CONTEST_DAILY_CAP,
						retryAt: Date.UTC(2026, 5, 16, 16, 0, 0)
					}
				});
			}
			expect(await store.startedOn(CONTEST, 'p1', shanghaiDayKey(now))).toBe(2);
			expect((await store.getParticipant(CONTEST, 'p1'))?.startedTotal).toBe(2);
			expect(await store.attemptsOf(CONTEST, 'p1', 10)).toHaveLength(2);
		});

		// 9. Eight starts at once with a live attempt: one is inserted and the rest resume it.
		it('9. concurrent starts while an attempt is open resume that one attempt', async () => {
			await store.createParticipant(participant('p1'));
			const outcomes = await Promise.all(
				Array.from({ length: 8 }, (_, i) => store.startAttempt(startInput(`a${i}`, 'p1')))
			);
			const fresh = outcomes.filter((o) => o.ok && !('resumed' in o));
			expect(fresh).toHaveLength(1);
			const id = fresh[0]?.ok ? fresh[0].record.id : null;
			for (const o of outcomes.filter((x) => x.ok && 'resumed' in x)) {
				expect(o).toMatchObject({ ok: true, resumed: true, record: { id, version: 1 } });
			}
			expect((await store.getParticipant(CONTEST, 'p1'))?.startedTotal).toBe(1);
			// Just before the deadline it still resumes; at the deadline a new one starts.
			const open = fresh[0]?.ok ? fresh[0].record.attempt : openAttempt(T0);
			const late = await store.startAttempt(startInput('b1', 'p1', { now: open.deadline - 1 }));
			expect(late).toMatchObject({ ok: true, resumed: true, record: { id } });
			const due = await store.startAttempt(startInput('b2', 'p1', { now: open.deadline }));
			expect(inserted(due).id).toBe('b2');
		});

		// 10. The daily cap counts the Shanghai day: the next one starts afresh; invites add their
		//     bonus; the total cap is checked before the daily one.
		it('10. the next Shanghai day starts afresh, invites add bonus, the total cap holds', async () => {
			await store.createParticipant(participant('p1'));
			const rules = { ...RULES, attemptsTotal: 4, bonusPerInvite: 1, bonusPerDayMax: 1 };
			const at = (i: number, now: number) =>
				store.startAttempt(startInput(`a${i}`, 'p1', { now, rules, attempt: openAttempt(now) }));
			// Each attempt submitted before the next start, so none resumes.
			const finishAll = async () => {
				for (const a of await store.attemptsOf(CONTEST, 'p1', 10)) {
					if (a.attempt.status !== 'open') continue;
					const done = await store.finishAttempt(finishInput(a, a.attempt.startedAt + 1000));
					expect(done.ok).toBe(true);
				}
			};
			inserted(await at(1, T0));
			await finishAll();
			inserted(await at(2, T0 + 10_000));
			await finishAll();
			expect(await at(3, T0 + 20_000)).toMatchObject({
				ok: false,
				decision: { code: 'CONTEST_DAILY_CAP' }
			});
			// A friend enters through p1's link today: one more attempt today.
			await store.createParticipant(participant('f1', { invitedBy: 'p1' }));
			expect(inserted(await at(4, T0 + 30_000)).day).toBe(shanghaiDayKey(T0));
			await finishAll();

			// 14 hours later it is the next day in Shanghai (the UTC day is the same).
			const tomorrow = T0 + 14 * HOUR;
			const next = inserted(await at(5, tomorrow));
			expect(next.day).toBe('2026-06-17');
			await finishAll();
			expect(await at(6, tomorrow + 10_000)).toMatchObject({
				ok: false,
				decision: {
					code: 'CONTEST_TOTAL_CAP',
					message: CONTEST_CAP_ERRORS.CONTEST_TOTAL_CAP,
					retryAt: null
				}
			});
			expect((await store.getParticipant(CONTEST, 'p1'))?.startedTotal).toBe(4);
		});

		// 11. casAttempt replaces an open attempt at the expected version only.
		it('11. casAttempt replaces an open attempt at its version; a stale one is refused', async () => {
			await store.createParticipant(participant('p1'));
			const record = inserted(await store.startAttempt(startInput('a1', 'p1')));
			const step = answer(record.attempt, 0, { choices: [1] }, T0 + 5000);
			if (!step.ok) throw new Error(step.code);
			const saved = await store.casAttempt('a1', 1, step.attempt);
			expect(saved).toStrictEqual({ ...record, attempt: step.attempt, version: 2 });
			expect(await store.getAttempt(CONTEST, 'a1')).toStrictEqual(saved);
			const other = answer(record.attempt, 1, { choices: [0] }, T0 + 6000);
			if (!other.ok) throw new Error(other.code);
			expect(await store.casAttempt('a1', 1, other.attempt)).toBeNull();
			expect((await store.getAttempt(CONTEST, 'a1'))?.attempt).toStrictEqual(step.attempt);
			expect(await store.casAttempt('nope', 1, step.attempt)).toBeNull();
		});

		// 12. Finishing moves the participant's standing by the mode, writes the answer rows, and
		//     only once: a second finish (or a cas) at the old version is refused.
		it('12. finishAttempt moves points (best and sum), writes answers, and only once', async () => {
			await store.createParticipant(participant('best'));
			await store.createParticipant(participant('sum'));
			expect(await playOnce('b1', 'best', 60, 40_000, 'best')).toMatchObject({
				ok: true,
				before: { points: 0, timeMs: 0, attempts: 0 },
				after: { points: 60, timeMs: 40_000, attempts: 1 }
			});
			// One a day (the cap is 2): a lower score keeps the best; an equal one in less time replaces it.
			expect(await playOnce('b2', 'best', 40, 10_000, 'best', T0 + DAY)).toMatchObject({
				ok: true,
				after: { points: 60, timeMs: 40_000, attempts: 2 }
			});
			const third = await playOnce('b3', 'best', 60, 30_000, 'best', T0 + 2 * DAY);
			expect(third).toMatchObject({
				ok: true,
				before: { points: 60, timeMs: 40_000, attempts: 2 },
				after: { points: 60, timeMs: 30_000, attempts: 3 },
				participant: { id: 'best', points: { points: 60, timeMs: 30_000, attempts: 3 } }
			});
			expect((await store.getParticipant(CONTEST, 'best'))?.points).toStrictEqual({
				points: 60,
				timeMs: 30_000,
				attempts: 3
			});

			await playOnce('s1', 'sum', 60, 40_000, 'sum');
			await playOnce('s2', 'sum', 40, 10_000, 'sum', T0 + DAY);
			expect((await store.getParticipant(CONTEST, 'sum'))?.points).toStrictEqual({
				points: 100,
				timeMs: 50_000,
				attempts: 2
			});

			// The stored attempt is closed with its score; its answer rows are there, by index.
			const b1 = await store.getAttempt(CONTEST, 'b1');
			expect(b1).toMatchObject({
				score: 60,
				correct: 1,
				tooFast: false,
				version: 2,
				attempt: { status: 'submitted', endedAt: T0 + 40_000, endReason: 'submitted' }
			});
			expect(await store.answersOf('b1')).toStrictEqual(answerRows(T0));

			// Again at the version read before: STALE, nothing moves; an unknown id: NOT_FOUND.
			const again = await store.finishAttempt({
				...finishInput({ ...(b1 as AttemptRecord), version: 1 }, T0 + 40_000),
				mode: 'best'
			});
			expect(again).toStrictEqual({ ok: false, reason: 'STALE' });
			expect(
				await store.casAttempt('b1', 2, openAttempt(T0)),
				'a closed attempt takes no more changes'
			).toBeNull();
			expect((await store.getParticipant(CONTEST, 'best'))?.points.attempts).toBe(3);
			expect(await store.answersOf('b1')).toHaveLength(3);
			expect(
				await store.finishAttempt(finishInput({ ...(b1 as AttemptRecord), id: 'nope' }, T0))
			).toStrictEqual({ ok: false, reason: 'NOT_FOUND' });

			// Two finishes of one attempt at once: exactly one wins and the points move once.
			await store.createParticipant(participant('race'));
			const r = inserted(await store.startAttempt(startInput('r1', 'race')));
			const raced = await Promise.all([
				store.finishAttempt(finishInput(r, T0 + 1000, { score: 70 })),
				store.finishAttempt(finishInput(r, T0 + 1000, { score: 70 }))
			]);
			expect(raced.filter((o) => o.ok)).toHaveLength(1);
			expect((await store.getParticipant(CONTEST, 'race'))?.points.attempts).toBe(1);
			expect(await store.answersOf('r1')).toHaveLength(3);
		});

		// 13. dueAttempts: open attempts at or past their deadline, over every contest, oldest first.
		it('13. lists the open attempts that are due, oldest deadline first', async () => {
			await store.createParticipant(participant('p1'));
			await store.createParticipant(participant('p2'));
			await store.createParticipant(participant('q1', { contestId: 'c2' }));
			inserted(
				await store.startAttempt(
					startInput('a1', 'p1', { now: T0 + 1000, attempt: openAttempt(T0 + 1000) })
				)
			);
			inserted(await store.startAttempt(startInput('a2', 'p2')));
			inserted(
				await store.startAttempt(
					startInput('a3', 'q1', { contestId: 'c2', now: T0 + 500, attempt: openAttempt(T0 + 500) })
				)
			);
			const deadline = T0 + TOTAL_TIME_S * 1000;
			expect(await store.dueAttempts(deadline - 1, 10)).toStrictEqual([]);
			expect((await store.dueAttempts(deadline + 1000, 10)).map((a) => a.id)).toStrictEqual([
				'a2',
				'a3',
				'a1'
			]);
			expect((await store.dueAttempts(deadline + 1000, 2)).map((a) => a.id)).toStrictEqual([
				'a2',
				'a3'
			]);
			const a2 = await store.getAttempt(CONTEST, 'a2');
			await store.finishAttempt(finishInput(a2 as AttemptRecord, deadline));
			expect((await store.dueAttempts(deadline + 1000, 10)).map((a) => a.id)).toStrictEqual([
				'a3',
				'a1'
			]);
		});

		// 14. Hourly activity in Shanghai hours: new participants, starts and finishes per hour,
		//     only hours with activity, within [from, to).
		it('14. buckets activity by hour', async () => {
			const h = Date.UTC(2026, 5, 16, 2, 0, 0);
			await store.createParticipant(participant('p1', { createdAt: h + 5 * 60_000 }));
			await store.createParticipant(participant('p2', { createdAt: h + 59 * 60_000 }));
			await store.createParticipant(participant('p3', { createdAt: h + 2 * HOUR }));
			await store.createParticipant(participant('x', { contestId: 'c2', createdAt: h }));
			const a1 = inserted(
				await store.startAttempt(
					startInput('a1', 'p1', { now: h + 59 * 60_000, attempt: openAttempt(h + 59 * 60_000) })
				)
			);
			// Started in the first hour, finished in the second.
			await store.finishAttempt(finishInput(a1, h + HOUR + 30_000));
			inserted(
				await store.startAttempt(
					startInput('a2', 'p3', { now: h + 2 * HOUR + 1, attempt: openAttempt(h + 2 * HOUR + 1) })
				)
			);
			expect(await store.hourly(CONTEST, h - HOUR, h + 3 * HOUR)).toStrictEqual([
				{ hourStart: h, newParticipants: 2, attemptsStarted: 1, attemptsFinished: 0 },
				{ hourStart: h + HOUR, newParticipants: 0, attemptsStarted: 0, attemptsFinished: 1 },
				{ hourStart: h + 2 * HOUR, newParticipants: 1, attemptsStarted: 1, attemptsFinished: 0 }
			]);
			expect(await store.hourly(CONTEST, h + HOUR, h + 2 * HOUR)).toStrictEqual([
				{ hourStart: h + HOUR, newParticipants: 0, attemptsStarted: 0, attemptsFinished: 1 }
			]);
			expect(await store.hourly(CONTEST, h + 3 * HOUR, h + 4 * HOUR)).toStrictEqual([]);
		});

		// 15. Question figures over the ended attempts, most asked first.
		it('15. counts asked, answered and right per question', async () => {
			await store.createParticipant(participant('p1'));
			await store.createParticipant(participant('p2'));
			await playOnce('a1', 'p1', 33, 20_000, 'best');
			const a2 = inserted(await store.startAttempt(startInput('a2', 'p2')));
			await store.finishAttempt(
				finishInput(a2, T0 + 20_000, {
					answers: [
						{ index: 0, questionId: 'q-fire', answer: '{"choices":[2]}', right: true, at: T0 + 1 },
						{ index: 1, questionId: 'q-smoke', answer: '{"choices":[1]}', right: true, at: T0 + 2 }
					]
				})
			);
			// An open attempt has no rows yet.
			inserted(
				await store.startAttempt(
					startInput('a3', 'p1', { now: T0 + 30_000, attempt: openAttempt(T0 + 30_000) })
				)
			);
			expect(await store.answersOf('a3')).toStrictEqual([]);
			expect(await store.questionStats(CONTEST)).toStrictEqual([
				{ questionId: 'q-fire', asked: 2, answered: 2, right: 2 },
				{ questionId: 'q-exit', asked: 1, answered: 0, right: 0 },
				{ questionId: 'q-gas', asked: 1, answered: 1, right: 0 },
				{ questionId: 'q-smoke', asked: 1, answered: 1, right: 1 }
			]);
			expect(await store.questionStats('c2')).toStrictEqual([]);
		});

		// 16. Counts and the flagged list: too fast, or ended by the visibility limit.
		it('16. counts participants and attempts, and lists the flagged ones newest first', async () => {
			expect(await store.counts(CONTEST)).toStrictEqual({
				participants: 0,
				attemptsStarted: 0,
				attemptsFinished: 0,
				flagged: 0
			});
			for (const id of ['p1', 'p2', 'p3']) await store.createParticipant(participant(id));
			const a1 = inserted(await store.startAttempt(startInput('a1', 'p1')));
			await store.finishAttempt(finishInput(a1, T0 + 3000, { tooFast: true }));
			const a2 = inserted(await store.startAttempt(startInput('a2', 'p2')));
			const left: Attempt = {
				...a2.attempt,
				status: 'submitted',
				endedAt: T0 + 9000,
				endReason: 'visibility',
				visibilityChanges: 3
			};
			await store.finishAttempt({ ...finishInput(a2, T0 + 9000), attempt: left });
			const a3 = inserted(await store.startAttempt(startInput('a3', 'p3')));
			await store.finishAttempt(finishInput(a3, T0 + 60_000));
			inserted(
				await store.startAttempt(
					startInput('a4', 'p1', { now: T0 + 5000, attempt: openAttempt(T0 + 5000) })
				)
			);
			expect(await store.counts(CONTEST)).toStrictEqual({
				participants: 3,
				attemptsStarted: 4,
				attemptsFinished: 3,
				flagged: 2
			});
			expect((await store.flaggedAttempts(CONTEST, 10)).map((a) => a.id)).toStrictEqual([
				'a2',
				'a1'
			]);
			expect(await store.flaggedAttempts(CONTEST, 1)).toMatchObject([
				{ id: 'a2', attempt: { endReason: 'visibility', visibilityChanges: 3 } }
			]);
		});

		// 17. Keyset pages by id: participants and attempts, page after page, nothing twice.
		it('17. pages participants and attempts by id', async () => {
			const ids = Array.from({ length: 25 }, (_, i) => `p${String(i).padStart(3, '0')}`);
			for (const id of [...ids].reverse()) await store.createParticipant(participant(id));
			await store.createParticipant(participant('other', { contestId: 'c2' }));
			const seen: string[] = [];
			let after = '';
			for (;;) {
				const page = await store.participantsPage(CONTEST, after, 10);
				if (page.length === 0) break;
				seen.push(...page.map((p) => p.id));
				after = page[page.length - 1]?.id ?? after;
			}
			expect(seen).toStrictEqual(ids);
			expect((await store.participantsPage(CONTEST, 'p020', 10)).map((p) => p.id)).toStrictEqual([
				'p021',
				'p022',
				'p023',
				'p024'
			]);

			for (const [i, id] of ids.slice(0, 5).entries()) {
				inserted(await store.startAttempt(startInput(`a${i}`, id)));
			}
			expect((await store.attemptsPage(CONTEST, '', 3)).map((a) => a.id)).toStrictEqual([
				'a0',
				'a1',
				'a2'
			]);
			expect((await store.attemptsPage(CONTEST, 'a2', 3)).map((a) => a.id)).toStrictEqual([
				'a3',
				'a4'
			]);
			expect(await store.attemptsPage('c2', '', 3)).toStrictEqual([]);
		});

		// 18. The finished attempts page (for recomputing standings) skips open attempts.
		it('18. pages finished attempts by attempt id with their score and time', async () => {
			for (const id of ['p1', 'p2']) await store.createParticipant(participant(id));
			await playOnce('a1', 'p1', 67, 30_000, 'sum');
			inserted(await store.startAttempt(startInput('a2', 'p2')));
			await playOnce('a3', 'p1', 100, 20_000, 'sum', T0 + 100_000);
			expect(await store.finishedAttemptsPage(CONTEST, '', 10)).toStrictEqual([
				{ attemptId: 'a1', participantId: 'p1', score: 67, timeMs: 30_000 },
				{ attemptId: 'a3', participantId: 'p1', score: 100, timeMs: 20_000 }
			]);
			expect(await store.finishedAttemptsPage(CONTEST, 'a1', 10)).toStrictEqual([
				{ attemptId: 'a3', participantId: 'p1', score: 100, timeMs: 20_000 }
			]);
			expect(await store.finishedAttemptsPage(CONTEST, '', 1)).toHaveLength(1);
		});

		// 19. The frozen question set is replaced whole and reads back exactly, per contest; a
		//     deleted draft takes its set with it.
		it('19. keeps a question set per contest, replaced whole', async () => {
			const fire = {
				type: 'single' as const,
				stem: '发生火灾应拨打的电话是？',
				options: ['110', '119', '120'],
				answer: 'B' as const,
				explanation: '火警电话 119'
			};
			const lift = { type: 'truefalse' as const, stem: '火灾时可以乘电梯逃生。', answer: false };
			await store.createContest(contestRow(CONTEST));
			await store.createContest(contestRow('c2', { slug: 'anquan-c2' }));
			await store.setQuestions(CONTEST, [
				{ id: 'bank:1', question: fire },
				{ id: 'bank:0', question: lift }
			]);
			await store.setQuestions('c2', [{ id: 'other:0', question: lift }]);
			expect(await store.contestQuestions(CONTEST)).toStrictEqual([
				{ id: 'bank:0', question: lift },
				{ id: 'bank:1', question: fire }
			]);
			await store.setQuestions(CONTEST, [{ id: 'bank:2', question: fire }]);
			expect(await store.contestQuestions(CONTEST)).toStrictEqual([
				{ id: 'bank:2', question: fire }
			]);
			expect(await store.contestQuestions('c2')).toHaveLength(1);
			expect(await store.deleteDraft('c2', A)).toBe(true);
			expect(await store.contestQuestions('c2')).toStrictEqual([]);
		});

		// 20. Participants by ids: the contest's only, unknown ids left out, many at once.
		it('20. reads several participants at once, of the contest only', async () => {
			await store.createContest(contestRow(CONTEST));
			const ids = Array.from({ length: 620 }, (_, i) => `p${String(i).padStart(4, '0')}`);
			for (const id of ids) {
				const out = await store.createParticipant(participant(id, { phone: null }));
				expect(out.ok).toBe(true);
			}
			const some = await store.participantsByIds(CONTEST, ['p0003', 'p0001', 'nobody']);
			expect(some.map((p) => p.id).sort()).toStrictEqual(['p0001', 'p0003']);
			expect(await store.participantsByIds('c2', ['p0001'])).toStrictEqual([]);
			expect(await store.participantsByIds(CONTEST, [])).toStrictEqual([]);
			expect((await store.participantsByIds(CONTEST, ids)).length).toBe(620);
		});
	});
}

/** A finish of `record` submitted at `at`: score 33 (one of three right), in best mode. */
function finishInput(
	record: AttemptRecord,
	at: number,
	over: Partial<FinishAttemptInput> = {}
): FinishAttemptInput {
	return {
		id: record.id,
		version: record.version,
		// An attempt already closed (a repeated finish) is sent as stored.
		attempt: record.attempt.status === 'open' ? submitted(record.attempt, at) : record.attempt,
		score: 33,
		correct: 1,
		timeMs: at - record.attempt.startedAt,
		tooFast: false,
		answers: answerRows(record.attempt.startedAt),
		mode: 'best',
		...over
	};
}
