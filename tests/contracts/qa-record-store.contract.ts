// The Q&A record store's contract: numbered rules every implementation must keep, registered
// against a target that opens a fresh store per rule (see harness.ts).
// tests/qa-record-store.contract.test.ts runs it on SQLite and a real PostgreSQL.
import { beforeEach, expect, it } from 'vitest';
import {
	NO_COUNTS,
	type QaEventCounts,
	type QaRecordStore
} from '../../src/lib/server/records/qa/port';
import { contractSuite, type ContractTarget, type Opened } from './harness';
import { eventRow, moderatorView, ORG_A, ORG_B, T0 } from './qa-record-store.fixtures';

export interface QaRecordStoreUnderTest extends Opened {
	store: QaRecordStore;
}

const A = { orgId: ORG_A };
const B = { orgId: ORG_B };
const COUNTS: QaEventCounts = { questions: 3, answered: 1, votes: 3, askers: 3, polls: 2 };

export function registerQaRecordStoreContract(
	target: ContractTarget<QaRecordStoreUnderTest>
): void {
	contractSuite('Q&A record store', target, { lifetime: 'test' }, (current) => {
		let store: QaRecordStore;
		beforeEach(() => {
			store = current().store;
		});

		// 1. A new event reads back exactly, open, with zero counts and no snapshot.
		it('1. creates an open event that reads back exactly', async () => {
			const row = eventRow('ABC234', { startsAt: T0 + 60_000, endsAt: T0 + 7_200_000 });
			expect(await store.createEvent(row)).toBe(true);
			expect(await store.getEvent('ABC234', A)).toStrictEqual({
				...row,
				closedAt: null,
				counts: NO_COUNTS,
				archived: false
			});
			expect(await store.getSnapshot('ABC234', A)).toBeNull();
			expect(await store.getEvent('NOPE22', A)).toBeNull();
		});

		// 2. A code is taken once, whoever holds it: the second create is false and writes nothing.
		it('2. refuses a code that is taken, also by another organisation', async () => {
			await store.createEvent(eventRow('ABC234'));
			expect(await store.createEvent(eventRow('ABC234', { orgId: ORG_B, title: '别的' }))).toBe(
				false
			);
			expect((await store.getEvent('ABC234', A))?.title).toBe('专家云问诊');
			expect(await store.getEvent('ABC234', B)).toBeNull();
			// Two creates of one code at once: exactly one wins.
			const raced = await Promise.all([
				store.createEvent(eventRow('RACE22')),
				store.createEvent(eventRow('RACE22', { orgId: ORG_B }))
			]);
			expect(raced.filter(Boolean)).toHaveLength(1);
		});

		// 3. Archiving closes the event and keeps the moderator view and counts exactly.
		it('3. archives a closed event: closing time, counts and the snapshot exactly', async () => {
			await store.createEvent(eventRow('ABC234'));
			const view = moderatorView('ABC234');
			expect(
				await store.archive('ABC234', A, { closedAt: T0 + 500, counts: COUNTS, snapshot: view })
			).toBe(true);
			expect(await store.getEvent('ABC234', A)).toMatchObject({
				closedAt: T0 + 500,
				counts: COUNTS,
				archived: true
			});
			expect(await store.getSnapshot('ABC234', A)).toStrictEqual(view);
		});

		// 4. Archiving again (moderators tidying up after the close) replaces the snapshot and the
		//    counts and keeps the time it was closed.
		it('4. a second archive replaces snapshot and counts and keeps the closing time', async () => {
			await store.createEvent(eventRow('ABC234'));
			await store.archive('ABC234', A, {
				closedAt: T0 + 500,
				counts: COUNTS,
				snapshot: moderatorView('ABC234')
			});
			const tidied = moderatorView('ABC234', 4);
			const counts = { ...COUNTS, questions: 4 };
			await store.archive('ABC234', A, { closedAt: T0 + 900, counts, snapshot: tidied });
			expect(await store.getEvent('ABC234', A)).toMatchObject({ closedAt: T0 + 500, counts });
			expect(await store.getSnapshot('ABC234', A)).toStrictEqual(tidied);
		});

		// 5. Reopening marks the event open and keeps its snapshot until the next close replaces it,
		//    which sets a new closing time.
		it('5. reopen marks it open, keeps the snapshot; the next close replaces it', async () => {
			await store.createEvent(eventRow('ABC234'));
			const first = moderatorView('ABC234', 2);
			await store.archive('ABC234', A, { closedAt: T0 + 500, counts: COUNTS, snapshot: first });
			expect(await store.reopen('ABC234', A)).toBe(true);
			expect(await store.getEvent('ABC234', A)).toMatchObject({
				closedAt: null,
				archived: true,
				counts: COUNTS
			});
			expect(await store.getSnapshot('ABC234', A)).toStrictEqual(first);
			const second = moderatorView('ABC234', 5);
			await store.archive('ABC234', A, { closedAt: T0 + 800, counts: NO_COUNTS, snapshot: second });
			expect((await store.getEvent('ABC234', A))?.closedAt).toBe(T0 + 800);
			expect(await store.getSnapshot('ABC234', A)).toStrictEqual(second);
		});

		// 6. An organisation's list: its events only, newest first (then by code), at most `limit`,
		//    without reading any snapshot.
		it('6. lists an organisation’s events newest first, its own only', async () => {
			await store.createEvent(eventRow('OLD222', { createdAt: T0 }));
			await store.createEvent(eventRow('NEW222', { createdAt: T0 + 2000 }));
			await store.createEvent(eventRow('TIEAAA', { createdAt: T0 + 1000 }));
			await store.createEvent(eventRow('TIEBBB', { createdAt: T0 + 1000 }));
			await store.createEvent(eventRow('BBB222', { orgId: ORG_B, createdAt: T0 + 5000 }));
			await store.archive('OLD222', A, {
				closedAt: T0 + 9000,
				counts: COUNTS,
				snapshot: moderatorView('OLD222')
			});
			const listed = await store.listEvents(A, 10);
			expect(listed.map((e) => e.code)).toEqual(['NEW222', 'TIEBBB', 'TIEAAA', 'OLD222']);
			expect(listed[3]).toMatchObject({ closedAt: T0 + 9000, counts: COUNTS, archived: true });
			expect(listed[0]).toMatchObject({ closedAt: null, counts: NO_COUNTS, archived: false });
			expect(listed[0]).not.toHaveProperty('snapshot');
			expect((await store.listEvents(A, 2)).map((e) => e.code)).toEqual(['NEW222', 'TIEBBB']);
			expect((await store.listEvents(B, 10)).map((e) => e.code)).toEqual(['BBB222']);
			expect(await store.listEvents({ orgId: 'org-none' }, 10)).toEqual([]);
		});

		// 7. Another organisation reaches nothing: it reads null, and its archive, reopen and delete
		//    touch nothing (false). Only ownerOf says whose a code is.
		it('7. another organisation can neither read nor change an event', async () => {
			await store.createEvent(eventRow('ABC234'));
			const view = moderatorView('ABC234');
			await store.archive('ABC234', A, { closedAt: T0 + 500, counts: COUNTS, snapshot: view });
			expect(await store.getEvent('ABC234', B)).toBeNull();
			expect(await store.getSnapshot('ABC234', B)).toBeNull();
			expect(
				await store.archive('ABC234', B, {
					closedAt: T0 + 600,
					counts: NO_COUNTS,
					snapshot: moderatorView('ABC234', 0)
				})
			).toBe(false);
			expect(await store.reopen('ABC234', B)).toBe(false);
			expect(await store.deleteEvent('ABC234', B)).toBe(false);
			expect(await store.getEvent('ABC234', A)).toMatchObject({
				closedAt: T0 + 500,
				counts: COUNTS
			});
			expect(await store.getSnapshot('ABC234', A)).toStrictEqual(view);
			expect(await store.ownerOf('ABC234')).toBe(ORG_A);
			expect(await store.ownerOf('NOPE22')).toBeNull();
		});

		// 8. Deleting removes the row: the code reads as unknown and can be claimed again.
		it('8. deletes an event, and its code is free again', async () => {
			await store.createEvent(eventRow('ABC234'));
			expect(await store.deleteEvent('ABC234', A)).toBe(true);
			expect(await store.getEvent('ABC234', A)).toBeNull();
			expect(await store.ownerOf('ABC234')).toBeNull();
			expect(await store.deleteEvent('ABC234', A)).toBe(false);
			expect(await store.createEvent(eventRow('ABC234', { orgId: ORG_B }))).toBe(true);
			expect(await store.ownerOf('ABC234')).toBe(ORG_B);
		});

		// 9. Archive and reopen of an unknown code are false and create nothing.
		it('9. archive and reopen of an unknown code change nothing', async () => {
			expect(
				await store.archive('NOPE22', A, {
					closedAt: T0,
					counts: COUNTS,
					snapshot: moderatorView('NOPE22')
				})
			).toBe(false);
			expect(await store.reopen('NOPE22', A)).toBe(false);
			expect(await store.listEvents(A, 10)).toEqual([]);
		});

		// 10. A large event's snapshot (2,000 questions of 300 characters, about 1.5 MB) archives and
		//     reads back whole.
		it('10. keeps a large snapshot whole', async () => {
			await store.createEvent(eventRow('BIG222'));
			const view = moderatorView('BIG222', 2000);
			for (const q of view.questions) q.text = `${q.text}${'安'.repeat(300 - q.text.length)}`;
			await store.archive('BIG222', A, { closedAt: T0, counts: COUNTS, snapshot: view });
			expect(await store.getSnapshot('BIG222', A)).toStrictEqual(view);
		});
	});
}
