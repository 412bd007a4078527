// The organisation word store's contract: a list saved is read back as saved, replaced whole,
// cleared, and never another organisation's.
import { expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { OrgWordStore } from '../../src/lib/server/records/org-words/port';
import { contractSuite, type ContractTarget, type Opened } from './harness';

export interface OrgWordStoreUnderTest extends Opened {
	store: OrgWordStore;
}

const org = () => `org-${randomBytes(4).toString('hex')}`;

export function registerOrgWordStoreContract(target: ContractTarget<OrgWordStoreUnderTest>): void {
	contractSuite('org word store', target, { lifetime: 'suite' }, (current) => {
		const store = () => current().store;

		it('1. an organisation that saved nothing has no words', async () => {
			expect(await store().orgWords(org())).toEqual([]);
		});

		it('2. a list is read back in its order, replaced whole, and cleared by an empty one', async () => {
			const o = org();
			await store().setOrgWords(o, ['化工园区', 'Zhang San', '某某路 12 号'], 1);
			expect(await store().orgWords(o)).toEqual(['化工园区', 'Zhang San', '某某路 12 号']);
			await store().setOrgWords(o, ['新词'], 2);
			expect(await store().orgWords(o)).toEqual(['新词']);
			await store().setOrgWords(o, [], 3);
			expect(await store().orgWords(o)).toEqual([]);
		});

		it('3. one organisation’s words are never another’s', async () => {
			const [a, b] = [org(), org()];
			await store().setOrgWords(a, ['甲方的词'], 1);
			await store().setOrgWords(b, ['乙方的词'], 1);
			expect(await store().orgWords(a)).toEqual(['甲方的词']);
			expect(await store().orgWords(b)).toEqual(['乙方的词']);
		});

		it('4. saves racing for one organisation leave one whole list', async () => {
			const o = org();
			const lists = Array.from({ length: 8 }, (_, i) => [`词${i}`, `词${i}-2`]);
			await Promise.all(lists.map((l, i) => store().setOrgWords(o, l, i)));
			expect(lists).toContainEqual(await store().orgWords(o));
		});
	});
}
