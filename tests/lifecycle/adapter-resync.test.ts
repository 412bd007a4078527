// When the adapter's subscriber is back after losing Redis, the local rooms are re-sent: on one
// Redis at each 'ready' after the first connection, on a cluster when a connection that was
// reconnecting is ready again (never for a shard's first connection, opened on demand).
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { resyncOnReconnect } from '../../src/lib/server/realtime/adapter-resync';

function counting() {
	const calls = { n: 0 };
	return { calls, resync: async () => void calls.n++ };
}

describe('resyncOnReconnect', () => {
	it('resyncs a single Redis subscriber at every ready it hears', () => {
		const sub = new EventEmitter();
		const { calls, resync } = counting();
		resyncOnReconnect(sub, false, resync);
		sub.emit('ready');
		sub.emit('ready');
		expect(calls.n).toBe(2);
	});

	it('resyncs a cluster subscriber only when a lost connection is ready again', () => {
		const sub = new EventEmitter();
		const { calls, resync } = counting();
		resyncOnReconnect(sub, true, resync);
		const shardA = Object.freeze({ host: '127.0.0.1', port: 7101 });
		const shardB = Object.freeze({ host: '127.0.0.1', port: 7102 });
		sub.emit('node-ready', shardB); // a shard's first connection, opened for a new room
		expect(calls.n).toBe(0);
		sub.emit('node-reconnecting', shardA);
		sub.emit('node-reconnecting', shardA); // retries while the node is away
		expect(calls.n).toBe(0);
		sub.emit('node-ready', shardA);
		expect(calls.n).toBe(1);
		sub.emit('node-ready', shardA); // nothing lost since
		expect(calls.n).toBe(1);
	});
});
