// Quick polls and word clouds of a Q&A event: moderators create, open, close, show or hide the
// results of, take off the show and delete polls; participants answer. Answers are counted by
// the store in one step each (a new answer replaces the participant's previous one). Results go
// out like vote counts: batched by the kernel's Batcher, at most every VOTE_FRAME_MS per poll,
// read back from the store so that every frame holds exact results, to the panels always and to
// the phones and walls only while the host shows the results. What else changes (a poll opened,
// closed, shown, hidden) changes the views, through the service's `changed()`.
import { QA_POLLS } from '../../domain/limits';
import type { QaEvent } from '../../domain/qa/event';
import {
	answerRefusal,
	checkAnswer,
	commandPoll,
	draftPoll,
	pollResults,
	showAfter,
	type PollCommand,
	type PollInput,
	type QaPoll,
	type QaPollAnswer
} from '../../domain/qa/poll';
import { defaultTextGuard } from '../../domain/text-safety';
import type { ErrorCode, QaModeratorPoll, QaPollResponse } from '../../protocol';
import { Batcher } from '../kernel/batcher';
import { SessionError } from '../kernel/session-error';
import { log } from '../log';
import { newId } from '../rooms/secrets';
import type { QaDeps } from './qa-service';
import { moderatorPoll } from './qa-views';

/** Compare-and-set attempts before a write gives up with STALE. */
const CAS_ATTEMPTS = 8;

export type PollCommandInput =
	({ type: 'create' } & PollInput) | ({ pollId: string } & (PollCommand | { type: 'delete' }));

/** What the polls need of the Q&A service. */
export interface QaPollsHost {
	deps: Pick<QaDeps, 'store' | 'now' | 'broadcast' | 'guardFor'>;
	/** Results go out at most this often per poll (the service's pace for vote counts). */
	frameMs: number;
	/** The event, for a member of its organisation (QA_NOT_MODERATOR otherwise). */
	authorize(code: string, userId: string | null): Promise<QaEvent>;
	event(code: string): Promise<QaEvent>;
	/** The views changed (the public one only when `both`). */
	changed(code: string, scope: 'moderator' | 'both'): void;
}

const refuse = (code: ErrorCode, message?: string): never => {
	throw new SessionError(code, message);
};

const response = (pollId: string, a: QaPollAnswer): QaPollResponse => ({
	pollId,
	choices: a.choices,
	words: a.words
});

/** What to tell a participant whose answer does not fit the poll. */
function badAnswer(poll: QaPoll): string {
	if (poll.kind === 'words') return `请填写 1–${poll.maxChoices} 个词`;
	if (poll.maxChoices === 1) return '请选择 1 项';
	return `请选择 1–${poll.maxChoices} 项`;
}

export class QaPolls {
	private readonly frames: Batcher<string>;

	constructor(private readonly host: QaPollsHost) {
		this.frames = new Batcher<string>({
			window: host.frameMs,
			serial: true,
			flush: (code, ids) => this.sendResults(code, new Set(ids)),
			onError: (e, code) => log.error({ err: e, code }, 'qa: poll broadcast')
		});
	}

	close(): void {
		this.frames.close();
	}

	private get store() {
		return this.host.deps.store;
	}

	/** These polls' results changed (answers, a ban): a frame follows, batched. */
	resultsChanged(code: string, pollIds: Iterable<string>): void {
		for (const id of pollIds) this.frames.add(code, id);
	}

	private async sendResults(code: string, ids: Set<string>): Promise<void> {
		const event = await this.store.getEvent(code);
		if (!event) return;
		await Promise.all(
			[...ids].map(async (id) => {
				const [poll, tally] = await Promise.all([
					this.store.getPoll(code, id),
					this.store.pollTally(code, id)
				]);
				if (!poll) return;
				const frame = { code, pollId: id, seq: tally.seq, results: pollResults(poll, tally) };
				const audience = poll.resultsVisible && event.pollId === id;
				this.host.deps.broadcast.qaPoll(code, frame, audience);
			})
		);
	}

	private async moderatorPoll(code: string, poll: QaPoll): Promise<QaModeratorPoll> {
		const [event, tally] = await Promise.all([
			this.host.event(code),
			this.store.pollTally(code, poll.id)
		]);
		return moderatorPoll(poll, tally, event.pollId === poll.id);
	}

	// ——— moderators ———

	/** A moderator's poll command; returns the poll as it is after it (null once deleted). */
	async command(
		code: string,
		userId: string | null,
		c: PollCommandInput
	): Promise<QaModeratorPoll | null> {
		await this.host.authorize(code, userId);
		if (c.type === 'create') return this.create(code, c);
		if (c.type === 'delete') {
			const status = await this.store.deletePoll(code, c.pollId);
			if (status !== 'ok') refuse(status);
			this.host.changed(code, 'moderator');
			return null;
		}
		return this.change(code, c.pollId, c);
	}

	private async create(code: string, input: PollInput): Promise<QaModeratorPoll> {
		const out = draftPoll(input, { id: newId(), now: this.host.deps.now() });
		if (!out.ok) {
			return refuse(
				out.code,
				out.code === 'QA_TEXT_LENGTH' ? `投票题目最多 ${QA_POLLS.question} 个字` : undefined
			);
		}
		if (!(await this.store.addPoll(code, out.poll, QA_POLLS.perEvent))) {
			refuse((await this.store.getEvent(code)) ? 'QA_TOO_MANY_POLLS' : 'QA_NOT_FOUND');
		}
		this.host.changed(code, 'moderator');
		return this.moderatorPoll(code, out.poll);
	}

	private async change(code: string, pollId: string, c: PollCommand): Promise<QaModeratorPoll> {
		const store = this.store;
		for (let i = 0; i < CAS_ATTEMPTS; i++) {
			const poll = (await store.getPoll(code, pollId)) ?? refuse('QA_POLL_NOT_FOUND');
			const next = commandPoll(poll, c, this.host.deps.now());
			if (!(await store.casPoll(code, poll.version, next))) continue;
			const before = await this.show(code, pollId, c);
			// The poll that left the show stops taking answers too (it could not take any off the show).
			if (before !== null && before !== pollId) await this.closeQuietly(code, before);
			this.host.changed(code, 'both');
			return this.moderatorPoll(code, next);
		}
		return refuse('STALE');
	}

	/** Puts the poll on show or takes it off as the command says; returns the poll shown before. */
	private async show(code: string, pollId: string, c: PollCommand): Promise<string | null> {
		for (let i = 0; i < CAS_ATTEMPTS; i++) {
			const event = await this.host.event(code);
			const next = showAfter(event, pollId, c);
			if (!next) return null;
			if (await this.store.casEvent(code, event.version, next)) return event.pollId ?? null;
		}
		return refuse('STALE');
	}

	private async closeQuietly(code: string, pollId: string): Promise<void> {
		for (let i = 0; i < CAS_ATTEMPTS; i++) {
			const poll = await this.store.getPoll(code, pollId);
			if (!poll || !poll.open) return;
			const next = commandPoll(poll, { type: 'close' }, this.host.deps.now());
			if (await this.store.casPoll(code, poll.version, next)) return;
		}
	}

	// ——— participants ———

	/** A participant's answer to the poll on show; answering again replaces the earlier answer. */
	async respond(
		code: string,
		participantId: string,
		input: { pollId: string; choices?: number[]; words?: string[] }
	): Promise<QaPollResponse> {
		const event = await this.host.event(code);
		const poll = (await this.store.getPoll(code, input.pollId)) ?? refuse('QA_POLL_NOT_FOUND');
		const closed = answerRefusal(event, poll);
		if (closed) refuse(closed);
		const guard = (await this.host.deps.guardFor?.(event.orgId)) ?? defaultTextGuard;
		const checked = checkAnswer(poll, input, guard);
		if (!checked.ok) {
			return refuse(
				checked.code,
				checked.code === 'QA_POLL_BAD_ANSWER' ? badAnswer(poll) : undefined
			);
		}
		// The store checks again, in the same step as the count: the poll may close meanwhile.
		const out = await this.store.respond(code, poll.id, participantId, checked.answer);
		if (out.status !== 'ok') refuse(out.status);
		if (out.changed) this.frames.add(code, poll.id);
		return response(poll.id, checked.answer);
	}

	/** This participant's answers to the event's polls. */
	async responses(code: string, participantId: string): Promise<QaPollResponse[]> {
		const mine = await this.store.responsesOf(code, participantId);
		return Object.entries(mine).map(([id, a]) => response(id, a));
	}
}
