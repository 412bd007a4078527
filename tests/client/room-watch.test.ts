// The host panel's and screen's view of a room, driven by a fake socket's events.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { RoomWatch } from '../../src/lib/client/room-watch.svelte';
import type { AndaClientSocket } from '../../src/lib/client/socket';
import { questionView, view } from './room-view';

const player = (id: string) => ({ id, nickname: id, online: true, score: 0 });

describe('RoomWatch', () => {
	it('merges player deltas, counts answers per question and resets the count on a new one', () => {
		const socket = new EventEmitter();
		const watch = new RoomWatch();
		watch.listen(socket as unknown as AndaClientSocket);
		watch.applyView(view());
		watch.setPlayers([player('a')]);

		socket.emit('room:players', { joined: [player('b'), player('c')], left: ['a'], count: 2 });
		expect(watch.players.map((p) => p.id)).toEqual(['b', 'c']);
		expect(watch.playerCount).toBe(2);

		socket.emit('room:view', view({ phase: 'question', index: 0, remainingMs: 10_000 }));
		socket.emit('question:progress', { index: 0, answered: 1, online: 2 });
		expect(watch.answered).toBe(1);
		expect(watch.countdown.seconds).toBe(10);

		// A count for an older question is not shown against the new one.
		socket.emit('room:view', view({ phase: 'question', index: 1, remainingMs: 5_000 }));
		expect(watch.answered).toBe(0);
		socket.emit('question:progress', { index: 0, answered: 2, online: 2 });
		expect(watch.answered).toBe(0);

		watch.removePlayer('b');
		expect(watch.players.map((p) => p.id)).toEqual(['c']);
		watch.stop();
	});

	it('tells scoring and saving apart, and offers the results only once they are saved', () => {
		const watch = new RoomWatch();
		expect([watch.work, watch.resultsSaved]).toEqual([null, false]);
		watch.applyView(questionView({ phase: 'reveal', scoring: true }));
		expect([watch.work, watch.resultsSaved]).toEqual(['scoring', false]);
		watch.applyView(questionView({ phase: 'reveal' }));
		expect(watch.work).toBeNull();
		watch.applyView(view({ phase: 'ended', index: 2, saving: true }));
		expect([watch.work, watch.resultsSaved]).toEqual(['saving', false]);
		watch.applyView(view({ phase: 'ended', index: 2 }));
		expect([watch.work, watch.resultsSaved]).toEqual([null, true]);
	});
});
