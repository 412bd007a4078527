// Messages of the Q&A benchmark (scripts/bench/qa.ts): with the server child it starts (Anda's
// qa-server.ts or the bare Socket.IO floor, qa-floor.ts) and with its phone workers (qa-bots.ts).
// Times crossing processes are `benchNow()`: the machine's clock in ms with sub-ms precision,
// comparable between processes on one machine (every process of the run is on 127.0.0.1).
import { performance } from 'node:perf_hooks';

export const benchNow = () => performance.timeOrigin + performance.now();

/** The title and settings every run's event gets: pre-moderation on. */
export const BENCH_EVENT = { title: '专家云问诊（压测）', settings: { preModeration: true } };

// ——— server child → parent ———

export interface ServerReady {
	type: 'ready';
	url: string;
	/** The event's code. */
	code: string;
	/** The moderator's session cookie (`name=value`), sent with the panel's handshake. */
	cookie: string;
}
export type ServerMessage = ServerReady | { type: 'failed'; message: string };

// ——— parent → phone worker ———

export interface PhonesInit {
	type: 'init';
	url: string;
	code: string;
	proc: number;
	/** How many phones this worker runs. */
	count: number;
	/** Joins in flight at once in this worker. */
	window: number;
	ackTimeoutMs: number;
}

export type PhonesCommand =
	| PhonesInit
	/** The first `askers` phones of the worker ask one question each. */
	| { type: 'ask'; askers: number }
	/** Every phone votes on `each` of the questions (its own random pick), `perSecond` a second. */
	| { type: 'vote'; questionIds: string[]; each: number; perSecond: number }
	/** A `share` of the phones takes one of its votes back, spread over `spreadMs`. */
	| { type: 'unvote'; share: number; spreadMs: number }
	| { type: 'report' }
	| { type: 'exit' };

// ——— phone worker → parent ———

export interface PhoneCounters {
	connected: number;
	joined: number;
	joinFailed: number;
	joinErrors: Record<string, number>;
	asked: number;
	askErrors: Record<string, number>;
	votesSent: number;
	/** Acked with changed = true (a new vote). */
	votesChanged: number;
	/** Acked ok but changed = false (a repeat). */
	votesRepeated: number;
	voteErrors: Record<string, number>;
	unvotesSent: number;
	unvotesChanged: number;
	unvoteErrors: Record<string, number>;
	/** No ack within the ack timeout (votes and unvotes). */
	unacked: number;
	views: number;
	voteFrames: number;
	disconnects: number;
}

export function emptyPhoneCounters(): PhoneCounters {
	return {
		connected: 0,
		joined: 0,
		joinFailed: 0,
		joinErrors: {},
		asked: 0,
		askErrors: {},
		votesSent: 0,
		votesChanged: 0,
		votesRepeated: 0,
		voteErrors: {},
		unvotesSent: 0,
		unvotesChanged: 0,
		unvoteErrors: {},
		unacked: 0,
		views: 0,
		voteFrames: 0,
		disconnects: 0
	};
}

/** A vote-count frame as this worker's phones got it: the last phone's receipt and how many got it. */
export interface FrameReceipt {
	seq: number;
	lastAt: number;
	receivers: number;
	votes: Record<string, number>;
}

/** What a worker measured, sent once at the end. */
export interface PhonesReport {
	/** Question id → when each of this worker's phones first had it in a `qa:view`. */
	firstSeen: Record<string, number[]>;
	frames: FrameReceipt[];
	/** Vote acks with changed = true: [question id, acked count, ack time]. */
	voteAcks: [string, number, number][];
	/** Vote and unvote ack round trips, ms. */
	ackMs: number[];
	joinMs: number[];
}

export type PhonesMessage =
	| { type: 'ready' }
	| {
			type: 'progress';
			proc: number;
			counters: PhoneCounters;
			/** Question id → how many of this worker's phones have it. */
			seen: Record<string, number>;
	  }
	| { type: 'joined'; proc: number; counters: PhoneCounters }
	| { type: 'asked'; proc: number; questionIds: string[]; counters: PhoneCounters }
	| { type: 'voted'; proc: number; counters: PhoneCounters }
	| { type: 'unvoted'; proc: number; counters: PhoneCounters }
	| { type: 'report'; proc: number; counters: PhoneCounters; report: PhonesReport };
