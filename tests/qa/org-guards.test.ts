// Each organisation's word filter is read once and kept for a while: a hall's questions cost one
// read of the list, a save in this process is seen at once, other processes' saves within the TTL.
import { describe, expect, it } from 'vitest';
import { OrgGuards } from '../../src/lib/server/qa/org-guards';

function fixture() {
	const lists = new Map<string, string[]>([
		['a', ['某某化工厂']],
		['b', []]
	]);
	const reads: string[] = [];
	const clock = { now: 0 };
	let failing = false;
	const guards = new OrgGuards(
		async (orgId) => {
			reads.push(orgId);
			if (failing) throw new Error('database away');
			return lists.get(orgId) ?? [];
		},
		() => clock.now,
		30_000
	);
	return { guards, lists, reads, clock, fail: (f: boolean) => (failing = f) };
}

const held = async (g: OrgGuards, orgId: string, text: string) =>
	!(await g.guardFor(orgId)).check(text).ok;

describe('organisation word filters', () => {
	it('adds the organisation’s words to the built-in lists, for that organisation only', async () => {
		const { guards } = fixture();
		expect(await held(guards, 'a', '某某化工厂的排放')).toBe(true);
		expect(await held(guards, 'b', '某某化工厂的排放')).toBe(false);
		// The built-in lists hold everywhere.
		expect(await held(guards, 'b', '法轮功')).toBe(true);
	});

	it('reads a list once per TTL, again after a drop or once it expired', async () => {
		const { guards, lists, reads, clock } = fixture();
		await Promise.all([guards.guardFor('a'), guards.guardFor('a'), guards.guardFor('a')]);
		expect(reads).toEqual(['a']);
		lists.set('a', ['新词']);
		clock.now = 29_999;
		expect(await held(guards, 'a', '新词')).toBe(false);
		guards.drop('a');
		expect(await held(guards, 'a', '新词')).toBe(true);
		lists.set('a', []);
		clock.now = 29_999 + 30_000;
		expect(await held(guards, 'a', '新词')).toBe(false);
		expect(reads).toEqual(['a', 'a', 'a']);
	});

	it('keeps no failed read: the next question tries again', async () => {
		const { guards, fail } = fixture();
		fail(true);
		await expect(guards.guardFor('a')).rejects.toThrow('database away');
		fail(false);
		expect(await held(guards, 'a', '某某化工厂')).toBe(true);
	});
});
