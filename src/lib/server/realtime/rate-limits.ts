// Per-socket rate limits, one bucket per kind of event: a burst of answers does not use up the
// host's commands, and a future "ask a question every 10 s" gets its own slow bucket.
import { TokenBucket } from './token-bucket';
import type { AndaSocket } from './types';

export const RATE_LIMITS = {
	/** Looking a session up by its PIN or code (join, resume, attach). */
	lookup: { capacity: 20, perSecond: 10 },
	/** A player's answers. */
	answer: { capacity: 20, perSecond: 10 },
	/** 抢答 buzzes and 风险题 stakes: their own bucket, so that hammering the buzzer leaves answers alone. */
	buzz: { capacity: 20, perSecond: 10 },
	/** A host's commands (and a Q&A moderator's). */
	command: { capacity: 20, perSecond: 10 },
	/**
	 * A Q&A participant's questions: a first filter only; the rule (one per 10 s per participant,
	 * across sockets and processes) is the Q&A service's.
	 */
	qaAsk: { capacity: 10, perSecond: 1 },
	/** A Q&A participant's votes and taking them back: a few a second. */
	qaVote: { capacity: 20, perSecond: 5 },
	/** A Q&A participant's answers to a poll or word cloud (changing one's mind included). */
	qaRespond: { capacity: 10, perSecond: 2 }
} as const satisfies Record<string, { capacity: number; perSecond: number }>;

export type RateKind = keyof typeof RATE_LIMITS;

const buckets = new WeakMap<AndaSocket, Map<RateKind, TokenBucket>>();

/** Takes one token of `kind` for this socket; false when the socket has none left. */
export function takeToken(socket: AndaSocket, kind: RateKind, now: number): boolean {
	let mine = buckets.get(socket);
	if (!mine) buckets.set(socket, (mine = new Map()));
	let bucket = mine.get(kind);
	if (!bucket) {
		const { capacity, perSecond } = RATE_LIMITS[kind];
		mine.set(kind, (bucket = new TokenBucket(capacity, perSecond)));
	}
	return bucket.take(now);
}
