// Identical reads of one turn share one trip to the store; a later turn reads afresh, and a failed
// read fails every caller that shared it.
import { describe, expect, it } from 'vitest';
import { TurnReads } from '../../src/lib/server/kernel/turn-reads';

const nextTurn = () => new Promise<void>((r) => setImmediate(r));

describe('TurnReads', () => {
	it('answers the callers of one turn with one read per key', async () => {
		const reads: string[] = [];
		let value = 1;
		const turn = new TurnReads<number>(async (key) => {
			reads.push(key);
			return value;
		});
		const first = await Promise.all([turn.get('a'), turn.get('a'), turn.get('b'), turn.get('a')]);
		expect(first).toEqual([1, 1, 1, 1]);
		expect(reads).toEqual(['a', 'b']);

		// A write made before asking is seen: the next turn's callers get a read of their own.
		value = 2;
		await nextTurn();
		expect(await Promise.all([turn.get('a'), turn.get('a')])).toEqual([2, 2]);
		expect(reads).toEqual(['a', 'b', 'a']);
	});

	it('reads only once every caller of the turn has asked', async () => {
		let value = 'old';
		const turn = new TurnReads<string>(async () => value);
		const early = turn.get('k');
		value = 'new'; // changed after the first caller asked, before the read went out
		const late = turn.get('k');
		expect(await Promise.all([early, late])).toEqual(['new', 'new']);
	});

	it('fails every caller of a failed read, and reads again afterwards', async () => {
		let fail = true;
		const turn = new TurnReads<string>(async () => {
			if (fail) throw new Error('store down');
			return 'ok';
		});
		const results = await Promise.allSettled([turn.get('k'), turn.get('k')]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
		fail = false;
		expect(await turn.get('k')).toBe('ok');
	});
});
