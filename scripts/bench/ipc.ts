// Messages between the bench parent (scripts/bench/room.ts) and its bot workers (bots.ts).

export interface WorkerInit {
	type: 'init';
	url: string;
	pin: string;
	proc: number;
	/** How many bots this worker runs. */
	count: number;
	/** Joins in flight at once in this worker. */
	window: number;
	/**
	 * A join storm: each bot arrives at its own time, spread evenly over this many ms, whether or
	 * not the earlier ones got in (open loop, as a livestream's audience does); 0: the window's ramp.
	 */
	stormMs: number;
	/** Answer after a random delay of 0..thinkMs (0: at once). */
	thinkMs: number;
	ackTimeoutMs: number;
}

export type ParentMessage = WorkerInit | { type: 'report' } | { type: 'exit' };

/** Counters a worker keeps; summed by the parent. */
export interface Counters {
	connected: number;
	joined: number;
	joinFailed: number;
	/** Question views received (first per bot and question). */
	questionViews: number;
	answersSent: number;
	answersOk: number;
	/** Acked ok but flagged duplicate by the server. */
	answersDuplicate: number;
	/** Acked with an error, by error code. */
	answerErrors: Record<string, number>;
	/** No ack within the ack timeout, or the socket dropped first. */
	answersUnacked: number;
	results: number;
	disconnects: number;
	/** Join failures by cause. */
	joinErrors: Record<string, number>;
	/** Frames the server pushed to joined bots, by event (acks not included). */
	frames: Record<string, number>;
	/** UTF-8 bytes of the messages joined bots received, acks included (Engine.IO framing aside). */
	bytesIn: number;
}

export interface Samples {
	connectMs: number[];
	joinMs: number[];
	/** From the bot's first connect attempt to its join ack: what a person arriving waits. */
	arriveMs: number[];
	fanoutMs: number[];
	answerMs: number[];
}

export type WorkerMessage =
	| { type: 'ready' }
	| { type: 'progress'; proc: number; counters: Counters }
	| { type: 'ramped'; proc: number; counters: Counters }
	| { type: 'report'; proc: number; counters: Counters; samples: Samples };

export function emptyCounters(): Counters {
	return {
		connected: 0,
		joined: 0,
		joinFailed: 0,
		questionViews: 0,
		answersSent: 0,
		answersOk: 0,
		answersDuplicate: 0,
		answerErrors: {},
		answersUnacked: 0,
		results: 0,
		disconnects: 0,
		joinErrors: {},
		frames: {},
		bytesIn: 0
	};
}

/** Only the loopback address: the bench never opens thousands of sockets to another machine. */
export function assertLoopback(url: string): URL {
	const u = new URL(url);
	if (u.hostname !== '127.0.0.1') {
		throw new Error(`refusing to connect to ${u.hostname}: the bench only targets 127.0.0.1`);
	}
	if (u.protocol !== 'http:') throw new Error(`unsupported protocol ${u.protocol} (use http:)`);
	return u;
}
