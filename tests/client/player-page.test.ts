// The host's page of players under batched arrivals and departures: the newest page takes the
// arrivals and stays within its size, other pages and searches only lose who left and count what
// they do not show, and the work done follows the batch, not the room.
import { describe, expect, it } from 'vitest';
import {
	applyPlayersDelta,
	firstPage,
	holdsEveryone,
	isLive,
	onlineAfter,
	pageFrom,
	type PlayerPageState
} from '../../src/lib/client/player-page';
import type { PlayerSummary } from '../../src/lib/protocol';

const player = (n: number, online = true): PlayerSummary => ({
	id: `p${n}`,
	nickname: `玩家${n}`,
	online,
	score: 0
});
/** Players n..m, newest (highest) first, as a page holds them. */
const newestFirst = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => player(to - i));
const ids = (s: PlayerPageState) => s.players.map((p) => p.id);

describe('player page', () => {
	it('puts arrivals at the top of the newest page, newest first, within the page size', () => {
		const s = firstPage(newestFirst(1, 3), 3);
		const next = applyPlayersDelta(s, { joined: [player(4), player(5)], left: [], count: 5 }, 4);
		expect(ids(next)).toEqual(['p5', 'p4', 'p3', 'p2']);
		expect(next.total).toBe(5);
		expect(next.unseen).toBe(0);
		expect(s.players).toHaveLength(3); // the old state is left as it was
	});

	it('keeps only the newest page size of a batch bigger than the page', () => {
		const s = firstPage([], 0);
		const joined = Array.from({ length: 500 }, (_, i) => player(i + 1));
		const next = applyPlayersDelta(s, { joined, left: [], count: 500 }, 100);
		expect(next.players).toHaveLength(100);
		expect(next.players[0]!.id).toBe('p500');
		expect(next.players[99]!.id).toBe('p401');
		expect(next.total).toBe(500);
	});

	it('drops who left, and an arrival that left in the same batch never shows', () => {
		const s = firstPage(newestFirst(1, 4), 4);
		const next = applyPlayersDelta(s, { joined: [player(5)], left: ['p2', 'p5'], count: 3 }, 10);
		expect(ids(next)).toEqual(['p4', 'p3', 'p1']);
		expect(next.total).toBe(3);
	});

	it('replaces a player the page already shows instead of listing them twice', () => {
		const s = firstPage(newestFirst(1, 2), 2);
		const back = { ...player(1), online: false, score: 30 };
		const next = applyPlayersDelta(s, { joined: [back], left: [], count: 2 }, 10);
		expect(next.players).toEqual([back, player(2)]);
	});

	it('an older page keeps its players, loses who left and counts the arrivals it does not show', () => {
		const s = pageFrom({ players: newestFirst(1, 3), offset: 100, total: 103 }, null);
		expect(isLive(s)).toBe(false);
		let next = applyPlayersDelta(s, { joined: [player(200)], left: ['p2'], count: 103 }, 100);
		expect(ids(next)).toEqual(['p3', 'p1']);
		expect(next.total).toBe(103);
		expect(next.unseen).toBe(1);
		next = applyPlayersDelta(
			next,
			{ joined: [player(201), player(202)], left: [], count: 105 },
			100
		);
		expect(next.unseen).toBe(3);
		expect(next.total).toBe(105);
	});

	it('a search keeps its matches and its count, less who left from it', () => {
		const s = pageFrom({ players: [player(12), player(120)], offset: 0, total: 11 }, '玩家12');
		expect(isLive(s)).toBe(false);
		const next = applyPlayersDelta(
			s,
			{ joined: [player(129)], left: ['p120', 'p77'], count: 300 },
			100
		);
		expect(ids(next)).toEqual(['p12']);
		expect(next.total).toBe(10);
		expect(next.query).toBe('玩家12');
		expect(next.unseen).toBe(1);
	});

	it('marks a search cut short by the server', () => {
		expect(pageFrom({ players: [], offset: 0, total: 3, partial: true }, 'x').partial).toBe(true);
		expect(pageFrom({ players: [], offset: 0, total: 3 }, 'x').partial).toBe(false);
	});

	it('holds everyone only on the newest page of a room that fits in it', () => {
		expect(holdsEveryone(firstPage(newestFirst(1, 3), 3))).toBe(true);
		expect(holdsEveryone(firstPage(newestFirst(1, 3), 250))).toBe(false);
		expect(holdsEveryone(pageFrom({ players: newestFirst(1, 3), offset: 0, total: 3 }, 'x'))).toBe(
			false
		);
	});

	it('does the work of the batch and the page, not of the room', () => {
		// A page of 100 in a room of 10,000; a batch of 50. Counting the page's reads: a proxy
		// that would see every element touched.
		let reads = 0;
		const page = newestFirst(9901, 10000);
		const counted = new Proxy(page, {
			get(target, key, receiver) {
				if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
				return Reflect.get(target, key, receiver);
			}
		});
		const s = firstPage(counted, 10_000);
		const joined = Array.from({ length: 50 }, (_, i) => player(10_001 + i));
		const next = applyPlayersDelta(s, { joined, left: ['p9950'], count: 10_049 }, 100);
		expect(next.players).toHaveLength(100);
		expect(next.players[0]!.id).toBe('p10050');
		expect(next.total).toBe(10_049);
		expect(reads).toBeLessThanOrEqual(page.length);
	});

	it('moves the online count with arrivals and departures, within the room', () => {
		const delta = {
			joined: [player(1), player(2, false), player(3)],
			left: ['p3', 'p9'],
			count: 9
		};
		// p1 arrives online, p2 offline, p3 arrives and leaves, p9 leaves.
		expect(onlineAfter(5, delta)).toBe(4);
		expect(onlineAfter(0, { joined: [], left: ['p1', 'p2'], count: 3 })).toBe(0);
		expect(onlineAfter(3, { joined: [player(4)], left: [], count: 3 })).toBe(3);
	});
});
