// The Q&A store in Redis: every write is one Lua script (qa-redis-scripts.ts). An event's keys
// share its hash tag (`{qa-CODE}`) and the deployment's prefix, so one event lives in one cluster
// slot and deployments or test suites sharing a Redis never see each other's events.
import { randomBytes } from 'node:crypto';
import type { QaEvent } from '../../domain/qa/event';
import type { QaPoll, QaPollAnswer, QaPollTally } from '../../domain/qa/poll';
import type { QaQuestion } from '../../domain/qa/question';
import {
	QA_EVENT_TTL_MS,
	type QaBanOutcome,
	type QaDeletePollStatus,
	type QaRespondOutcome,
	type QaRespondStatus,
	type QaStore,
	type QaVoteOutcome,
	type QaVoteStatus
} from './qa-port';
import { DEFAULT_KEY_PREFIX } from './redis';
import { connectRedis, keyspace, LuaScript, RedisStoreBase, type RedisClient } from './redis-base';
import * as lua from './qa-redis-scripts';

const SCRIPTS = {
	create: new LuaScript(lua.QA_CREATE_EVENT),
	casEvent: new LuaScript(lua.QA_CAS_EVENT),
	add: new LuaScript(lua.QA_ADD_QUESTION),
	casQuestion: new LuaScript(lua.QA_CAS_QUESTION),
	vote: new LuaScript(lua.QA_VOTE),
	ban: new LuaScript(lua.QA_BAN),
	respond: new LuaScript(lua.QA_RESPOND),
	deletePoll: new LuaScript(lua.QA_DELETE_POLL),
	secret: new LuaScript(lua.QA_IDENTITY_SECRET)
};

/** Votes of one event sent in one script call at most (a turn may hold more). */
const VOTE_BATCH_MAX = 500;

interface PendingVote {
	op: 'vote' | 'unvote';
	questionId: string;
	participantId: string;
	resolve(out: QaVoteOutcome): void;
	reject(e: unknown): void;
}

/** The vote sequence's field in the votes hash (question ids are 12 characters). */
const SEQ = '_seq';

export class RedisQaStore extends RedisStoreBase implements QaStore {
	readonly kind = 'redis' as const;
	private readonly space: ReturnType<typeof keyspace>;
	/** This turn's votes, per event, waiting to go in one call. */
	private readonly pendingVotes = new Map<string, PendingVote[]>();

	private constructor(client: RedisClient, prefix: string) {
		super(client);
		this.space = keyspace(prefix);
	}

	/** Processes that serve the same events must share the prefix. */
	static async connect(
		url: string,
		opts: { prefix?: string; cluster?: boolean } = {}
	): Promise<RedisQaStore> {
		const client = await connectRedis(url, 'qa store', opts.cluster);
		return new RedisQaStore(client, opts.prefix ?? DEFAULT_KEY_PREFIX);
	}

	private k(code: string, part: string): string {
		return this.space.of(`qa-${code}`, part);
	}

	async createEvent(event: QaEvent) {
		const c = event.code;
		const keys = [
			this.k(c, 'event'),
			this.k(c, 'questions'),
			this.k(c, 'votes'),
			this.k(c, 'banned'),
			this.k(c, 'polls')
		];
		return (await this.run(SCRIPTS.create, keys, [JSON.stringify(event), QA_EVENT_TTL_MS])) === 1;
	}

	async getEvent(code: string) {
		const raw = await this.client.get(this.k(code, 'event'));
		return raw ? (JSON.parse(raw) as QaEvent) : null;
	}

	async casEvent(code: string, expected: number, next: QaEvent) {
		const args = [expected, JSON.stringify(next), QA_EVENT_TTL_MS];
		return (await this.run(SCRIPTS.casEvent, [this.k(code, 'event')], args)) === 1;
	}

	async addQuestion(code: string, question: QaQuestion, max: number) {
		const keys = [this.k(code, 'event'), this.k(code, 'questions')];
		const args = [question.id, JSON.stringify(question), max, QA_EVENT_TTL_MS];
		return (await this.run(SCRIPTS.add, keys, args)) === 1;
	}

	async getQuestion(code: string, id: string) {
		const raw = await this.client.hGet(this.k(code, 'questions'), id);
		return raw ? (JSON.parse(raw) as QaQuestion) : null;
	}

	async listQuestions(code: string) {
		const all = await this.client.hGetAll(this.k(code, 'questions'));
		return Object.values(all).map((raw) => JSON.parse(raw) as QaQuestion);
	}

	async casQuestion(code: string, expected: number, next: QaQuestion) {
		const keys = [this.k(code, 'event'), this.k(code, 'questions')];
		const args = [next.id, expected, JSON.stringify(next), QA_EVENT_TTL_MS];
		return (await this.run(SCRIPTS.casQuestion, keys, args)) === 1;
	}

	/**
	 * A vote waits for the rest of this turn's votes on the same event: they go to Redis in one
	 * script call (the event read once, one round trip), each still counted exactly as if alone.
	 * Under load a turn holds many phones' votes; a lone vote waits for nothing but the turn.
	 */
	private voteOp(
		code: string,
		questionId: string,
		participantId: string,
		op: 'vote' | 'unvote'
	): Promise<QaVoteOutcome> {
		return new Promise((resolve, reject) => {
			let batch = this.pendingVotes.get(code);
			if (!batch) {
				batch = [];
				this.pendingVotes.set(code, batch);
				setImmediate(() => void this.flushVotes(code, batch!));
			}
			batch.push({ op, questionId, participantId, resolve, reject });
			if (batch.length >= VOTE_BATCH_MAX) void this.flushVotes(code, batch);
		});
	}

	private async flushVotes(code: string, batch: PendingVote[]): Promise<void> {
		if (this.pendingVotes.get(code) !== batch) return; // already sent
		this.pendingVotes.delete(code);
		const keys = [
			this.k(code, 'event'),
			this.k(code, 'questions'),
			this.k(code, 'votes'),
			this.k(code, 'banned')
		];
		const args: (string | number)[] = [QA_EVENT_TTL_MS, this.k(code, '')];
		for (const v of batch) args.push(v.op, v.questionId, v.participantId);
		try {
			const out = (await this.run(SCRIPTS.vote, keys, args)) as (string | number)[];
			const showCounts = out[out.length - 1] === 1;
			batch.forEach((v, i) =>
				v.resolve({
					status: out[3 * i] as QaVoteStatus,
					changed: out[3 * i + 1] === 1,
					votes: Number(out[3 * i + 2]),
					showCounts
				})
			);
		} catch (e) {
			for (const v of batch) v.reject(e);
		}
	}

	vote(code: string, questionId: string, participantId: string) {
		return this.voteOp(code, questionId, participantId, 'vote');
	}

	unvote(code: string, questionId: string, participantId: string) {
		return this.voteOp(code, questionId, participantId, 'unvote');
	}

	async voteTally(code: string) {
		const all = await this.client.hGetAll(this.k(code, 'votes'));
		const votes: Record<string, number> = {};
		for (const [id, n] of Object.entries(all))
			if (id !== SEQ && Number(n) > 0) votes[id] = Number(n);
		return { seq: Number(all[SEQ] ?? 0), votes };
	}

	async voteCounts(code: string) {
		return (await this.voteTally(code)).votes;
	}

	async votedBy(code: string, participantId: string) {
		return this.client.sMembers(this.k(code, `mine:${participantId}`));
	}

	async ban(code: string, participantId: string): Promise<QaBanOutcome> {
		const keys = [
			this.k(code, 'event'),
			this.k(code, 'banned'),
			this.k(code, 'votes'),
			this.k(code, 'polls')
		];
		// The key base: what `k(code, part)` puts before the part.
		const base = this.k(code, '');
		const out = (await this.run(SCRIPTS.ban, keys, [participantId, base, QA_EVENT_TTL_MS])) as [
			number,
			(string | number)[]?,
			string[]?
		];
		const votes: Record<string, number> = {};
		const pairs = out[1] ?? [];
		for (let i = 0; i < pairs.length; i += 2) votes[String(pairs[i])] = Number(pairs[i + 1]);
		return { changed: out[0] === 1, votes, polls: (out[2] ?? []).map(String) };
	}

	// ——— polls ———

	async addPoll(code: string, poll: QaPoll, max: number) {
		const keys = [this.k(code, 'event'), this.k(code, 'polls')];
		const args = [poll.id, JSON.stringify(poll), max, QA_EVENT_TTL_MS];
		return (await this.run(SCRIPTS.add, keys, args)) === 1;
	}

	async getPoll(code: string, id: string) {
		const raw = await this.client.hGet(this.k(code, 'polls'), id);
		return raw ? (JSON.parse(raw) as QaPoll) : null;
	}

	async listPolls(code: string) {
		const all = await this.client.hGetAll(this.k(code, 'polls'));
		return Object.values(all).map((raw) => JSON.parse(raw) as QaPoll);
	}

	async casPoll(code: string, expected: number, next: QaPoll) {
		const keys = [this.k(code, 'event'), this.k(code, 'polls')];
		const args = [next.id, expected, JSON.stringify(next), QA_EVENT_TTL_MS];
		return (await this.run(SCRIPTS.casQuestion, keys, args)) === 1;
	}

	async deletePoll(code: string, id: string) {
		const keys = [
			this.k(code, 'event'),
			this.k(code, 'polls'),
			this.k(code, `poll-counts:${id}`),
			this.k(code, `poll-answers:${id}`)
		];
		return String(await this.run(SCRIPTS.deletePoll, keys, [id])) as QaDeletePollStatus;
	}

	async respond(
		code: string,
		pollId: string,
		participantId: string,
		answer: QaPollAnswer
	): Promise<QaRespondOutcome> {
		const keys = [
			this.k(code, 'event'),
			this.k(code, 'polls'),
			this.k(code, 'banned'),
			this.k(code, `poll-counts:${pollId}`),
			this.k(code, `poll-answers:${pollId}`)
		];
		// Canonical JSON (fields in one order): the same answer is the same string.
		const json = JSON.stringify({ choices: answer.choices, words: answer.words });
		const args = [pollId, participantId, json, QA_EVENT_TTL_MS];
		const [status, changed, seq, respondents] = (await this.run(SCRIPTS.respond, keys, args)) as [
			string,
			number,
			number,
			number
		];
		return { status: status as QaRespondStatus, changed: changed === 1, seq, respondents };
	}

	async pollTally(code: string, pollId: string): Promise<QaPollTally> {
		const all = await this.client.hGetAll(this.k(code, `poll-counts:${pollId}`));
		const counts: Record<string, number> = {};
		for (const [field, n] of Object.entries(all)) {
			if (field.startsWith('k:') && Number(n) > 0) counts[field.slice(2)] = Number(n);
		}
		return { seq: Number(all._seq ?? 0), respondents: Number(all._n ?? 0), counts };
	}

	async responsesOf(code: string, participantId: string) {
		const ids = await this.client.hKeys(this.k(code, 'polls'));
		const raws = await Promise.all(
			ids.map((id) => this.client.hGet(this.k(code, `poll-answers:${id}`), participantId))
		);
		const out: Record<string, QaPollAnswer> = {};
		ids.forEach((id, i) => {
			const raw = raws[i];
			if (raw) out[id] = JSON.parse(raw) as QaPollAnswer;
		});
		return out;
	}

	async banned(code: string) {
		return this.client.sMembers(this.k(code, 'banned'));
	}

	async deleteEvent(code: string) {
		const ids = await this.client.hKeys(this.k(code, 'questions'));
		const voters = ids.map((id) => this.k(code, `voters:${id}`));
		const who = new Set<string>();
		for (const key of voters) for (const p of await this.client.sMembers(key)) who.add(p);
		const pollIds = await this.client.hKeys(this.k(code, 'polls'));
		const polls = pollIds.flatMap((id) => [
			this.k(code, `poll-counts:${id}`),
			this.k(code, `poll-answers:${id}`)
		]);
		const parts = ['event', 'questions', 'votes', 'banned', 'polls'].map((p) => this.k(code, p));
		const mine = [...who].map((p) => this.k(code, `mine:${p}`));
		// One DEL per batch of keys: an event may have thousands of voters.
		const all = [...parts, ...voters, ...mine, ...polls];
		for (let i = 0; i < all.length; i += 500) await this.client.del(all.slice(i, i + 500));
	}

	async identitySecret() {
		const key = this.space.global('qa-identity-secret');
		const fresh = randomBytes(32).toString('base64url');
		return String(await this.run(SCRIPTS.secret, [key], [fresh, QA_EVENT_TTL_MS]));
	}
}
