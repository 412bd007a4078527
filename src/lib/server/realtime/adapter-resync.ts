// After the Socket.IO adapter's subscriber lost Redis and is back, what the other processes
// published meanwhile is gone (pub/sub keeps nothing): the local rooms and Q&A events are re-sent.
import { log } from '../log';

/**
 * Each time the adapter's subscriber is ready again after losing Redis, the local rooms and Q&A
 * events are brought up to date (SocketBroadcast.resync, QaSocketBroadcast.resync), and once more
 * a little later: another process may publish in the moment before the subscriptions are
 * restored. Registered once the subscriber has connected, so that every 'ready' it hears is a
 * reconnection. A cluster subscriber holds one connection per shard it listens on, some opened
 * later (a room's first socket on a shard), and tells of each apart: a connection that is ready
 * again after reconnecting is the cue there.
 */
export function resyncOnReconnect(sub: Subscriber, cluster: boolean, resync: () => Promise<void>) {
	const again = () => {
		log.info('redis adapter back: resyncing local rooms and Q&A events');
		void resync();
		setTimeout(() => void resync(), RESYNC_AGAIN_MS).unref();
	};
	if (!cluster) {
		sub.on('ready', again);
		return;
	}
	// The cluster client names each connection in its events by one frozen object of its own.
	const lost = new WeakSet<object>();
	sub.on('node-reconnecting', (node) => lost.add(node));
	sub.on('node-ready', (node) => {
		if (!lost.delete(node)) return; // a first connection: nothing was missed on it
		again();
	});
}

/** The adapter's subscriber: a client ('ready') or a cluster client ('node-…', per connection). */
export type Subscriber = { on(ev: string, f: (node: object) => void): unknown };
const RESYNC_AGAIN_MS = 1500;
