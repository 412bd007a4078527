// The bank store's contract: numbered rules every implementation must keep, registered against a
// target that opens a fresh store per rule (see harness.ts). tests/bank-store.contract.test.ts runs
// it on SQLite and PostgreSQL; a new implementation gets the whole suite by one call.
import { beforeEach, expect, it } from 'vitest';
import { bankSchema, type Bank } from '../../src/lib/domain/question';
import type { BankStore } from '../../src/lib/server/records/banks/port';
import { syncShippedBanks } from '../../src/lib/server/records/banks/sync';
import { bigBank, fire, found, q, T0, traffic } from './bank-store.fixtures';
import { contractSuite, type ContractTarget, type Opened } from './harness';

export interface BankStoreUnderTest extends Opened {
	store: BankStore;
	/** The rows kept for a bank's questions, read around the port: none once the bank is gone. */
	questionRowsOf(bankId: string): Promise<unknown[]>;
}

export function registerBankStoreContract(target: ContractTarget<BankStoreUnderTest>): void {
	contractSuite('bank store', target, { lifetime: 'test' }, (current) => {
		let store: BankStore;
		beforeEach(() => {
			store = current().store;
		});

		// 1. A bank saves and reads back exactly, with its origin and time; unknown ids read as null.
		it('1. saves and reads back a bank exactly', async () => {
			await store.saveBank(fire, 'imported', T0);
			expect(await store.getBank('fire')).toStrictEqual({
				...fire,
				origin: 'imported',
				updatedAt: T0
			});
			// Without a description the key stays absent, as bankSchema leaves it.
			await store.saveBank(traffic, 'custom', T0 + 1);
			const back = await store.getBank('traffic');
			expect(back).toStrictEqual({ ...traffic, origin: 'custom', updatedAt: T0 + 1 });
			expect(back && 'description' in back).toBe(false);
			expect(bankSchema.parse(back)).toStrictEqual(traffic);
			expect(await store.getBank('missing')).toBeNull();
		});

		// 2. Saving the same id replaces the bank whole: title, origin, time and every question.
		it('2. saving the same id replaces the bank and all its questions', async () => {
			await store.saveBank(fire, 'shipped', T0);
			const { description: _dropped, ...rest } = fire;
			const smaller: Bank = { ...rest, title: '消防（修订）', questions: [q(fire, 2), q(fire, 0)] };
			await store.saveBank(smaller, 'custom', T0 + 5);
			expect(await store.getBank('fire')).toStrictEqual({
				...smaller,
				origin: 'custom',
				updatedAt: T0 + 5
			});
			expect(await store.findQuestions({ bankIds: ['fire'] })).toStrictEqual([
				{ bankId: 'fire', index: 0, question: q(fire, 2) },
				{ bankId: 'fire', index: 1, question: q(fire, 0) }
			]);
			const [summary] = await store.listBanks();
			expect(summary).toMatchObject({ questionCount: 2, categories: ['消防', '逃生'] });
		});

		// 3. listBanks: every bank with its question count and sorted distinct categories.
		it('3. lists banks with counts and categories', async () => {
			await store.saveBank(traffic, 'custom', T0 + 1);
			await store.saveBank(fire, 'shipped', T0);
			expect(await store.listBanks()).toStrictEqual([
				{
					id: 'traffic',
					title: 'Traffic',
					description: null,
					language: 'en',
					origin: 'custom',
					questionCount: 3,
					categories: ['Car', 'Road'],
					updatedAt: T0 + 1
				},
				{
					id: 'fire',
					title: '消防安全',
					description: '灭火与逃生',
					language: 'zh-CN',
					origin: 'shipped',
					questionCount: 5,
					categories: ['消防', '逃生'],
					updatedAt: T0
				}
			]);
		});

		// 4. An empty store lists nothing; deleting removes a bank and its questions, once.
		it('4. deletes a bank with its questions', async () => {
			expect(await store.listBanks()).toEqual([]);
			await store.saveBank(fire, 'imported', T0);
			await store.saveBank(traffic, 'imported', T0);
			expect(await store.deleteBank('fire')).toBe(true);
			expect(await store.deleteBank('fire')).toBe(false);
			expect(await store.deleteBank('missing')).toBe(false);
			expect(await store.getBank('fire')).toBeNull();
			expect(await store.findQuestions({ bankIds: ['fire'] })).toEqual([]);
			expect((await store.listBanks()).map((b) => b.id)).toEqual(['traffic']);
			// No orphans left behind (the cascade ran).
			const orphans = await current().questionRowsOf('fire');
			expect(orphans).toEqual([]);
			// The id can be used again.
			await store.saveBank(fire, 'custom', T0 + 9);
			expect((await store.getBank('fire'))?.questions).toHaveLength(5);
		});

		// 5. findQuestions: by bank, category, type, difficulty and their combinations, in bank then
		//    position order; empty filter lists mean "any"; no banks means nothing.
		it('5. finds questions by each filter and their combinations', async () => {
			await store.saveBank(traffic, 'shipped', T0);
			await store.saveBank(fire, 'shipped', T0);

			expect(await store.findQuestions({ bankIds: [] })).toEqual([]);
			expect(await store.findQuestions({ bankIds: ['missing'] })).toEqual([]);
			expect(await store.findQuestions({ bankIds: ['fire'] })).toStrictEqual(
				found(fire, 0, 1, 2, 3, 4)
			);
			// Bank order is by id, whatever order they are asked in; repeats are ignored.
			expect(await store.findQuestions({ bankIds: ['traffic', 'fire', 'fire'] })).toStrictEqual([
				...found(fire, 0, 1, 2, 3, 4),
				...found(traffic, 0, 1, 2)
			]);
			expect(
				await store.findQuestions({ bankIds: ['fire', 'traffic'], categories: [], types: [] })
			).toHaveLength(8);

			// Category (questions without one never match a category filter).
			expect(await store.findQuestions({ bankIds: ['fire'], categories: ['消防'] })).toStrictEqual(
				found(fire, 0, 1, 3)
			);
			expect(
				await store.findQuestions({ bankIds: ['fire', 'traffic'], categories: ['逃生', 'Road'] })
			).toStrictEqual([...found(fire, 2), ...found(traffic, 1)]);
			// Type.
			expect(
				await store.findQuestions({ bankIds: ['fire', 'traffic'], types: ['truefalse'] })
			).toStrictEqual([...found(fire, 2), ...found(traffic, 0, 2)]);
			expect(
				await store.findQuestions({ bankIds: ['fire'], types: ['single', 'multiple', 'poll'] })
			).toStrictEqual(found(fire, 0, 1, 4));
			// Difficulty (questions without one never match a difficulty filter).
			expect(
				await store.findQuestions({ bankIds: ['fire', 'traffic'], difficulties: [1] })
			).toStrictEqual([...found(fire, 0, 3), ...found(traffic, 1)]);
			expect(
				await store.findQuestions({ bankIds: ['fire', 'traffic'], difficulties: [2, 3] })
			).toStrictEqual([...found(fire, 1), ...found(traffic, 2)]);
			// Combinations.
			expect(
				await store.findQuestions({
					bankIds: ['fire', 'traffic'],
					categories: ['消防'],
					types: ['single', 'fillin'],
					difficulties: [1]
				})
			).toStrictEqual(found(fire, 0, 3));
			expect(
				await store.findQuestions({
					bankIds: ['fire', 'traffic'],
					categories: ['消防', 'Road'],
					types: ['single']
				})
			).toStrictEqual([...found(fire, 0), ...found(traffic, 1)]);
			expect(
				await store.findQuestions({
					bankIds: ['traffic'],
					categories: ['消防'],
					types: ['single']
				})
			).toEqual([]);
			expect(
				await store.findQuestions({ bankIds: ['fire'], types: ['truefalse'], difficulties: [1] })
			).toEqual([]);
		});

		// 6. A 20,000-question bank (the schema's maximum) saves in chunks, reads back exactly and
		//    can be replaced by a smaller one.
		it('6. saves, filters and replaces a 20,000-question bank', { timeout: 120_000 }, async () => {
			const big = bigBank('big', 20_000);
			await store.saveBank(big, 'imported', T0);
			await store.saveBank(fire, 'shipped', T0);
			const back = await store.getBank('big');
			expect(back?.questions).toHaveLength(20_000);
			expect(back).toStrictEqual({ ...big, origin: 'imported', updatedAt: T0 });
			const summary = (await store.listBanks()).find((b) => b.id === 'big');
			expect(summary?.questionCount).toBe(20_000);
			expect(summary?.categories).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `类别${i}`));

			const hits = await store.findQuestions({
				bankIds: ['big'],
				categories: ['类别0'],
				types: ['single'],
				difficulties: [2]
			});
			const expected = big.questions.flatMap((question, index) =>
				question.category === '类别0' && question.type === 'single' && question.difficulty === 2
					? [{ bankId: 'big', index, question }]
					: []
			);
			expect(expected.length).toBeGreaterThan(900);
			expect(hits).toStrictEqual(expected);

			await store.saveBank(bigBank('big', 10), 'imported', T0 + 1);
			expect((await store.getBank('big'))?.questions).toHaveLength(10);
			expect((await store.listBanks()).find((b) => b.id === 'big')?.questionCount).toBe(10);
		});

		// 7. Concurrent saves of the same bank leave exactly one complete version.
		it('7. concurrent replaces of one bank leave one whole version', async () => {
			const a = { ...bigBank('race', 300), title: 'A' };
			const b = { ...bigBank('race', 200), title: 'B' };
			await Promise.all([
				store.saveBank(a, 'imported', T0),
				store.saveBank(b, 'imported', T0 + 1),
				store.saveBank(a, 'imported', T0 + 2)
			]);
			const back = await store.getBank('race');
			expect(back?.questions).toHaveLength(back?.title === 'A' ? 300 : 200);
			const [summary] = await store.listBanks();
			expect(summary?.questionCount).toBe(back?.questions.length);
		});

		// 8. Syncing shipped banks saves them as 'shipped', drops shipped banks that are gone (only
		//    when asked to prune) and leaves imported and custom banks alone.
		it('8. syncs shipped banks', async () => {
			await store.saveBank({ ...traffic, id: 'old-shipped' }, 'shipped', T0);
			await store.saveBank({ ...traffic, id: 'mine' }, 'imported', T0);
			await syncShippedBanks(store, [fire], T0 + 1, false);
			expect((await store.listBanks()).map((b) => [b.id, b.origin])).toEqual([
				['mine', 'imported'],
				['old-shipped', 'shipped'],
				['fire', 'shipped']
			]);
			await syncShippedBanks(store, [fire, traffic], T0 + 2, true);
			expect((await store.listBanks()).map((b) => [b.id, b.origin, b.updatedAt])).toEqual([
				['mine', 'imported', T0],
				['traffic', 'shipped', T0 + 2],
				['fire', 'shipped', T0 + 2]
			]);
		});

		// ---- ownership (migration 0004): organisations A and B, and the shared scope ----------

		const A = { orgId: 'org-a' };
		const B = { orgId: 'org-b' };

		// 9. Each organisation reads its own banks and the shared library, never the other's:
		//    not by id, not in lists, not through findQuestions.
		it('9. scopes bank reads: own and shared, never another organisation’s', async () => {
			expect(await store.saveBank(fire, 'shipped', T0)).toBe(true);
			expect(await store.saveBank({ ...traffic, id: 'a-bank' }, 'imported', T0, A.orgId)).toBe(
				true
			);
			expect(await store.saveBank({ ...traffic, id: 'b-bank' }, 'imported', T0, B.orgId)).toBe(
				true
			);

			expect((await store.listBanks(A)).map((b) => [b.id, b.orgId])).toEqual([
				['a-bank', 'org-a'],
				['fire', undefined]
			]);
			expect((await store.listBanks(B)).map((b) => b.id)).toEqual(['b-bank', 'fire']);
			expect((await store.listBanks()).map((b) => b.id)).toEqual(['fire']);

			expect(await store.getBank('a-bank', A)).toStrictEqual({
				...traffic,
				id: 'a-bank',
				origin: 'imported',
				updatedAt: T0,
				orgId: 'org-a'
			});
			expect(await store.getBank('a-bank', B)).toBeNull();
			expect(await store.getBank('a-bank')).toBeNull();
			expect((await store.getBank('fire', B))?.questions).toHaveLength(5);

			// Another organisation's bank id contributes no questions, alone or mixed in.
			expect(await store.findQuestions({ bankIds: ['a-bank'] }, B)).toEqual([]);
			expect(await store.findQuestions({ bankIds: ['a-bank'] })).toEqual([]);
			expect(
				(await store.findQuestions({ bankIds: ['a-bank', 'b-bank', 'fire'] }, B)).map(
					(f) => f.bankId
				)
			).toEqual([...Array(3).fill('b-bank'), ...Array(5).fill('fire')]);
			expect(await store.findQuestions({ bankIds: ['a-bank'] }, A)).toHaveLength(3);

			// Existence is global (ids are unique across organisations), and says nothing more.
			expect(await store.bankExists('a-bank')).toBe(true);
			expect(await store.bankExists('nope')).toBe(false);
		});

		// 10. Writes happen only where the scope is the owner, in the query itself.
		it('10. refuses to replace or delete another owner’s bank', async () => {
			await store.saveBank(fire, 'shipped', T0);
			await store.saveBank({ ...traffic, id: 'a-bank' }, 'imported', T0, A.orgId);
			const hijack = { ...bigBank('a-bank', 2), title: '被 B 改了' };

			// B cannot overwrite A's bank by reusing its id, nor the shipped one; A cannot either.
			expect(await store.saveBank(hijack, 'custom', T0 + 1, B.orgId)).toBe(false);
			expect(await store.saveBank({ ...hijack, id: 'fire' }, 'custom', T0 + 1, B.orgId)).toBe(
				false
			);
			expect(await store.saveBank({ ...hijack, id: 'fire' }, 'custom', T0 + 1, A.orgId)).toBe(
				false
			);
			// Nor can the shipped-library sync (the shared scope) take over an organisation's bank.
			await syncShippedBanks(store, [{ ...fire }, { ...traffic, id: 'a-bank' }], T0 + 2, true);
			const a = await store.getBank('a-bank', A);
			expect(a).toMatchObject({ title: 'Traffic', origin: 'imported', orgId: 'org-a' });
			expect(a?.questions).toEqual(traffic.questions);
			expect(await store.getBank('fire')).toMatchObject({ title: '消防安全', origin: 'shipped' });

			// Deleting: only the owner; an organisation cannot delete a shared bank.
			expect(await store.deleteBank('a-bank', B)).toBe(false);
			expect(await store.deleteBank('a-bank')).toBe(false);
			expect(await store.deleteBank('fire', A)).toBe(false);
			expect(await store.getBank('a-bank', A)).not.toBeNull();
			expect(await store.getBank('fire')).not.toBeNull();
			expect(await store.findQuestions({ bankIds: ['a-bank'] }, A)).toHaveLength(3);

			// The owner replaces and deletes its own.
			expect(await store.saveBank(bigBank('a-bank', 4), 'imported', T0 + 3, A.orgId)).toBe(true);
			expect((await store.getBank('a-bank', A))?.questions).toHaveLength(4);
			expect(await store.deleteBank('a-bank', A)).toBe(true);
			expect(await store.bankExists('a-bank')).toBe(false);
		});
	});
}
