// The per-process cache of players' identities (live/identity-cache.ts): a room's identities are
// fetched once, later only those of players not seen yet; players gone from the room are dropped,
// an id the store does not find is left out, and rooms beyond the cap go, the longest unread first.
import { describe, expect, it } from 'vitest';
import { IdentityCache } from '../../src/lib/server/live/identity-cache';

/** A store of identities that records what it was asked for. */
function source(known: Record<string, string>) {
	const asked: string[][] = [];
	const fetch = async (ids: string[]) => {
		asked.push(ids);
		return ids.map((id) => known[id] ?? null);
	};
	return { asked, fetch };
}

describe('identity cache', () => {
	it('fetches a room once, then only the newcomers', async () => {
		const cache = new IdentityCache<string>();
		const s = source({ a: 'A', b: 'B', c: 'C' });
		expect([...(await cache.of('1', ['a', 'b'], s.fetch))]).toEqual([
			['a', 'A'],
			['b', 'B']
		]);
		expect([...(await cache.of('1', ['a', 'b', 'c'], s.fetch))].sort()).toEqual([
			['a', 'A'],
			['b', 'B'],
			['c', 'C']
		]);
		await cache.of('1', ['a', 'b', 'c'], s.fetch);
		expect(s.asked).toEqual([['a', 'b'], ['c']]);
	});

	it('leaves out what the store does not find, and asks for it again next time', async () => {
		const cache = new IdentityCache<string>();
		const s = source({ a: 'A' });
		expect([...(await cache.of('1', ['a', 'ghost'], s.fetch)).keys()]).toEqual(['a']);
		await cache.of('1', ['a', 'ghost'], s.fetch);
		expect(s.asked).toEqual([['a', 'ghost'], ['ghost']]);
	});

	it('drops players no longer listed (a PIN reused by a new room)', async () => {
		const cache = new IdentityCache<string>();
		const s = source({ a: 'A', b: 'B', x: 'X' });
		await cache.of('1', ['a', 'b'], s.fetch);
		expect([...(await cache.of('1', ['x'], s.fetch)).keys()]).toEqual(['x']);
		expect([...(await cache.of('1', ['x'], s.fetch)).keys()]).toEqual(['x']);
		expect(s.asked).toEqual([['a', 'b'], ['x']]);
	});

	it('keeps at most its cap of rooms, the longest unread going first; forget drops one', async () => {
		const cache = new IdentityCache<string>(2);
		const s = source({ a: 'A' });
		await cache.of('1', ['a'], s.fetch);
		await cache.of('2', ['a'], s.fetch);
		await cache.of('1', ['a'], s.fetch); // 1 read again: 2 is now the longest unread
		await cache.of('3', ['a'], s.fetch); // 2 goes
		s.asked.length = 0;
		await cache.of('1', ['a'], s.fetch);
		await cache.of('3', ['a'], s.fetch);
		expect(s.asked).toEqual([]);
		await cache.of('2', ['a'], s.fetch);
		expect(s.asked).toEqual([['a']]);
		cache.forget('2');
		await cache.of('2', ['a'], s.fetch);
		expect(s.asked).toEqual([['a'], ['a']]);
	});
});
