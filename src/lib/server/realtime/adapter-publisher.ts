// The classic Socket.IO Redis adapter (one Redis) sends every broadcast with `pubClient.publish(…)`
// and never looks at the promise it returns. A PUBLISH in flight when the connection to Redis drops
// rejects, and nothing handles that rejection: a process would count an unhandled rejection for
// each broadcast caught in the cut. Here the adapter's publisher handles them: failed publishes are
// logged, at most one line per few seconds with how many failed (the frames are lost either way;
// once the adapter is back, the resync sends every room's view again, see adapter-resync.ts). The
// sharded adapter (a cluster) sends SPUBLISH and catches its own failures; wrapping its client's
// unused `publish` costs nothing, so every adapter client gets the same treatment.
import type { RedisClient } from '../live/redis-client';
import { log } from '../log';

const LOG_EVERY_MS = 5000;

/** `pub`, whose `publish` rejections are logged instead of being left unhandled. */
export function quietPublisher(pub: RedisClient): RedisClient {
	const publish = pub.publish.bind(pub) as (...args: unknown[]) => Promise<unknown>;
	let failed = 0;
	let loggedAt = -Infinity;
	const quiet = (...args: unknown[]) => {
		const sent = publish(...args);
		sent.catch((e: unknown) => {
			failed++;
			if (Date.now() - loggedAt < LOG_EVERY_MS) return;
			log.warn(
				{ err: e, failed },
				'redis adapter: publishes failed (frames to other processes lost)'
			);
			loggedAt = Date.now();
			failed = 0;
		});
		return sent;
	};
	(pub as unknown as { publish: typeof quiet }).publish = quiet;
	return pub;
}
