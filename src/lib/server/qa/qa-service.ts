// The Q&A service: events, participants, questions, votes and moderation, on the QaStore port.
// Refusals are SessionErrors with the protocol's codes. Changes reach clients through the
// broadcast port (the kernel's Relay), coalesced by the kernel's Batcher: one view frame per
// event per turn of the event loop however many changes it had, and vote counts at most every
// VOTE_FRAME_MS, read back from the store so that every frame holds exact counts. Each event is
// also in its organisation's catalogue (the record store), archived there when it is closed.
import { randomInt } from 'node:crypto';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { QA_QUESTIONS_PER_EVENT } from '../../domain/limits';
import type { OrgRole } from '../../domain/org-roles';
import {
	changeStaff,
	mayDo,
	openFor,
	panelRole,
	staffTitle,
	type QaAction,
	type QaPanelRole,
	type StaffChange
} from '../../domain/qa/access';
import {
	afterQuestionChange,
	changeEvent,
	cleanEventDetails,
	newQaCode,
	type EventChange,
	type QaEvent,
	type QaEventDetails
} from '../../domain/qa/event';
import {
	draftQuestion,
	moderate,
	type Moderation,
	type QaQuestion
} from '../../domain/qa/question';
import { qaSettingsSchema, type QaSettingsInput } from '../../domain/qa/settings';
import { defaultTextGuard, type TextGuard } from '../../domain/text-safety';
import type {
	ErrorCode,
	QaModeratorQuestion,
	QaModeratorView,
	QaOwnQuestion,
	QaPublicView,
	QaStaffView,
	QaVotesFrame
} from '../../protocol';
import type { AbuseLimits } from '../abuse/limits';
import { Batcher } from '../kernel/batcher';
import { SessionError } from '../kernel/session-error';
import { consumeAll, type LimiterFactory } from '../limiters';
import type { QaStore } from '../live/qa-port';
import type { QaRecordStore } from '../records/qa/port';
import { newId } from '../rooms/secrets';
import { log } from '../log';
import type { QaBroadcast } from './qa-broadcast';
import { QaPolls } from './qa-polls';
import { issueIdentity, verifyIdentity } from '../kernel/signed-identity';
import { listing, viewCounts, type QaEventListing } from './qa-archive';
import {
	moderatorQuestion,
	moderatorView,
	ownQuestion,
	publicView,
	type EventSnapshot
} from './qa-views';

/** A panel command on the event (staff changes go through `staff`). */
export type QaEventCommand =
	Exclude<EventChange, { type: 'details' | 'staff' }> | ({ type: 'details' } & QaEventDetails);

/** An event's current frames (QaService.currentFrames). */
export interface QaFrames {
	view: QaPublicView;
	moderator: QaModeratorView;
	votes: QaVotesFrame;
	audienceVotes: boolean;
	/** Participant id → their questions. */
	mine: Map<string, QaOwnQuestion[]>;
}

/** Who a panel user is on an event: their role, and how they are named on answers. */
export interface QaPanelUser {
	event: QaEvent;
	role: QaPanelRole;
	title: string | null;
}

/** Vote counts go out at most this often per event (a burst of votes is one frame). */
export const VOTE_FRAME_MS = 250;
/** Compare-and-set attempts before a write gives up with STALE (moderators racing each other). */
const CAS_ATTEMPTS = 8;
/**
 * A closed event is archived again this long after a change (moderators tidying up after the
 * close), and an archive that failed is tried again after as long.
 */
export const ARCHIVE_RETRY_MS = 2000;
/** The most events an organisation's list holds (newest first). */
export const EVENT_LIST_LIMIT = 500;

export interface QaDeps {
	store: QaStore;
	/** The organisations' catalogues of events and their archives. */
	records: QaRecordStore;
	now: () => number;
	broadcast: QaBroadcast;
	/** The user's role in the organisation now; null: not a member. */
	orgRole(orgId: string, userId: string): Promise<OrgRole | null>;
	/** The name a user's account shows; null: no such user. */
	userName(userId: string): Promise<string | null>;
	/** The limiters' windows (memory or Redis), shared with the other abuse limits. */
	windows: LimiterFactory;
	limits: Pick<AbuseLimits, 'qaIdentitiesPerIp' | 'qaQuestionsPerParticipant'>;
	/** The word filter of an organisation's events (its own list on top of the built-in ones). */
	guardFor?(orgId: string): TextGuard | Promise<TextGuard>;
	/** Signs participant tokens; default: the store's shared secret. */
	secret?: string;
}

export interface CreateEventInput {
	title: string;
	description?: string;
	startsAt?: number | null;
	endsAt?: number | null;
	settings?: QaSettingsInput;
}

type ViewScope = 'public' | 'moderator';

const refuse = (code: ErrorCode, message?: string): never => {
	throw new SessionError(code, message);
};

export class QaService {
	private readonly views: Batcher<ViewScope>;
	private readonly voteFrames: Batcher<string>;
	private readonly archives: Batcher<true>;
	/** Events whose last archive failed (logged once per outage, not once per retry). */
	private readonly failedArchives = new Set<string>();
	private readonly identities: RateLimiterAbstract;
	private readonly asking: RateLimiterAbstract;
	/** Quick polls and word clouds (qa-polls.ts). */
	readonly polls: QaPolls;

	constructor(private readonly deps: QaDeps) {
		this.polls = new QaPolls({
			deps,
			frameMs: VOTE_FRAME_MS,
			authorize: async (code, userId) => (await this.authorize(code, userId, 'poll')).event,
			event: (code) => this.event(code),
			changed: (code, scope) => this.changed(code, scope)
		});
		this.identities = deps.windows('qa-identities', deps.limits.qaIdentitiesPerIp);
		this.asking = deps.windows('qa-questions', deps.limits.qaQuestionsPerParticipant);
		this.views = new Batcher<ViewScope>({
			window: 'turn',
			serial: true,
			flush: (code, scopes) => this.sendViews(code, new Set(scopes)),
			onError: (e, code) => log.error({ err: e, code }, 'qa: view broadcast')
		});
		this.voteFrames = new Batcher<string>({
			window: VOTE_FRAME_MS,
			serial: true,
			flush: (code, ids) => this.sendVotes(code, new Set(ids)),
			onError: (e, code) => log.error({ err: e, code }, 'qa: vote broadcast')
		});
		this.archives = new Batcher<true>({
			window: ARCHIVE_RETRY_MS,
			serial: true,
			flush: (code) => this.archiveLater(code),
			onError: (e, code) => this.archiveFailed(code, e)
		});
	}

	close(): void {
		this.views.close();
		this.voteFrames.close();
		this.polls.close();
		this.archives.close();
	}

	// ——— events ———

	/** A new event of `orgId`, opened by one of its members; returns it with its short code. */
	async createEvent(userId: string, orgId: string, input: CreateEventInput): Promise<QaEvent> {
		if ((await this.deps.orgRole(orgId, userId)) === null) {
			refuse('NOT_MEMBER', '你不是该组织的成员');
		}
		const settings = qaSettingsSchema.safeParse(input.settings ?? {});
		if (!settings.success) refuse('BAD_REQUEST', settings.error?.issues[0]?.message);
		const details = cleanEventDetails(input);
		if (!details.ok) return refuse('BAD_REQUEST', details.message);
		for (;;) {
			const event: QaEvent = {
				code: newQaCode(randomInt),
				orgId,
				createdBy: userId,
				...details.details,
				settings: settings.data!,
				closed: false,
				pinnedId: null,
				upNext: [],
				pollId: null,
				staff: [],
				createdAt: this.deps.now(),
				version: 1
			};
			if (!(await this.deps.store.createEvent(event))) continue;
			// Live first: should the process die before the catalogue row is written, what is left is
			// an event nobody lists, which the live store frees in time; the other order would list an
			// event that does not exist. A code freed from the live store may still be in the catalogue
			// (a past event): then another code is drawn.
			let listed: boolean;
			try {
				listed = await this.deps.records.createEvent(event);
			} catch (e) {
				await this.deps.store.deleteEvent(event.code).catch(() => {});
				throw e;
			}
			if (listed) return event;
			await this.deps.store.deleteEvent(event.code);
		}
	}

	private async event(code: string): Promise<QaEvent> {
		const e = (await this.deps.store.getEvent(code)) ?? refuse('QA_NOT_FOUND');
		// Events opened before staff existed have none.
		return e.staff ? e : { ...e, staff: [] };
	}

	/**
	 * The event as the views show it. `polls`: whose results to read, the poll on show's (the
	 * public view) or every poll's (the moderator view).
	 */
	private async snapshot(code: string, polls: 'shown' | 'all' = 'all'): Promise<EventSnapshot> {
		const store = this.deps.store;
		const [event, questions, tally, banned, pollList] = await Promise.all([
			this.event(code),
			store.listQuestions(code),
			store.voteTally(code),
			store.banned(code),
			store.listPolls(code)
		]);
		const read = polls === 'all' ? pollList : pollList.filter((p) => p.id === event.pollId);
		const tallies = Object.fromEntries(
			await Promise.all(read.map(async (p) => [p.id, await store.pollTally(code, p.id)] as const))
		);
		return {
			event,
			questions,
			votes: tally.votes,
			votesSeq: tally.seq,
			banned,
			polls: pollList,
			tallies
		};
	}

	async publicView(code: string): Promise<QaPublicView> {
		return publicView(await this.snapshot(code, 'shown'));
	}

	/**
	 * The event and the user's panel role, if that role may do `action` (without one: reach the
	 * panel at all). Membership is read anew each time: a member who left has no role.
	 */
	async authorize(code: string, userId: string | null, action?: QaAction): Promise<QaPanelUser> {
		if (userId === null) return refuse('NOT_SIGNED_IN');
		const event = await this.event(code);
		const role = panelRole(event, userId, await this.deps.orgRole(event.orgId, userId));
		if (role === null || (action && !mayDo(role, action))) return refuse('QA_NOT_MODERATOR');
		return { event, role, title: role === 'host' ? null : staffTitle(event, userId) };
	}

	/** What a panel gets on attaching: the view, and the user's own role and title. */
	async attach(
		code: string,
		userId: string | null
	): Promise<{ view: QaModeratorView; role: QaPanelRole; title: string | null }> {
		const { role, title } = await this.authorize(code, userId);
		return { view: await this.moderatorViewOf(await this.snapshot(code)), role, title };
	}

	/** Closes the user's open panels of the event if they have no role on it any more. */
	private async revokeIfNoRole(event: QaEvent, userId: string): Promise<void> {
		const orgRole = await this.deps.orgRole(event.orgId, userId);
		if (panelRole(event, userId, orgRole) === null) {
			this.deps.broadcast.qaPanelRevoked(event.code, userId);
		}
	}

	private async staffViews(event: QaEvent): Promise<QaStaffView[]> {
		return Promise.all(
			event.staff.map(async (s) => ({
				...s,
				displayName: (await this.deps.userName(s.userId)) ?? ''
			}))
		);
	}

	private async moderatorViewOf(snap: EventSnapshot): Promise<QaModeratorView> {
		return moderatorView(snap, await this.staffViews(snap.event));
	}

	private changed(code: string, scope: ViewScope | 'both'): void {
		if (scope !== 'moderator') this.views.add(code, 'public');
		if (scope !== 'public') this.views.add(code, 'moderator');
	}

	private async sendViews(code: string, scopes: Set<ViewScope>): Promise<void> {
		const polls = scopes.has('moderator') ? 'all' : 'shown';
		const snap = await this.snapshot(code, polls).catch((e: unknown) => {
			if (e instanceof SessionError) return null; // the event is gone
			throw e;
		});
		if (!snap) return;
		// A closed event changed (moderators may still tidy it up): its archive follows, shortly.
		if (snap.event.closed) this.archives.add(code, true);
		if (scopes.has('public')) this.deps.broadcast.qaPublic(code, publicView(snap));
		if (scopes.has('moderator')) {
			this.deps.broadcast.qaModerator(code, await this.moderatorViewOf(snap));
		}
	}

	/**
	 * Everything a client of the event holds, read now: the public and moderator views, the whole
	 * vote tally (with the store's sequence), whether the audience sees counts, and each
	 * participant's own questions. For a process whose relay lost frames (see QaSocketBroadcast's
	 * resync); null if the event is gone.
	 */
	async currentFrames(code: string): Promise<QaFrames | null> {
		const snap = await this.snapshot(code).catch((e: unknown) => {
			if (e instanceof SessionError) return null;
			throw e;
		});
		if (!snap) return null;
		const mine = new Map<string, QaOwnQuestion[]>();
		for (const q of snap.questions) {
			const list = mine.get(q.participantId) ?? [];
			list.push(ownQuestion(q));
			mine.set(q.participantId, list);
		}
		return {
			view: publicView(snap),
			moderator: await this.moderatorViewOf(snap),
			votes: { code, seq: snap.votesSeq, votes: { ...snap.votes } },
			audienceVotes: snap.event.settings.showVoteCounts,
			mine
		};
	}

	private async sendVotes(code: string, ids: Set<string>): Promise<void> {
		const [event, tally] = await Promise.all([
			this.deps.store.getEvent(code),
			this.deps.store.voteTally(code)
		]);
		if (!event) return;
		const votes: Record<string, number> = {};
		for (const id of ids) votes[id] = tally.votes[id] ?? 0;
		const frame = { code, seq: tally.seq, votes };
		this.deps.broadcast.qaVotes(code, frame, event.settings.showVoteCounts);
	}

	// ——— participants ———

	/** Asked of the store on every join and resume (one cheap call): that keeps it alive. */
	private identitySecret(): Promise<string> {
		return this.deps.secret ? Promise.resolve(this.deps.secret) : this.deps.store.identitySecret();
	}

	/** A new participant of the event, from `address` (new identities per address are limited). */
	async join(code: string, address: string): Promise<{ participantId: string; token: string }> {
		await this.event(code);
		const limit = await consumeAll([[this.identities, `${code}:${address}`]]);
		if (!limit.ok) {
			refuse(
				'QA_TOO_MANY_IDENTITIES',
				`同一网络加入本场的人数已达上限，请 ${Math.ceil(limit.retryAfterS / 60)} 分钟后再试`
			);
		}
		return issueIdentity(await this.identitySecret(), `qa:${code}`);
	}

	/** The participant a token names; a banned one is refused. */
	async resume(code: string, token: string): Promise<string> {
		await this.event(code);
		const id =
			verifyIdentity(await this.identitySecret(), `qa:${code}`, token) ?? refuse('QA_BAD_TOKEN');
		if ((await this.deps.store.banned(code)).includes(id)) refuse('QA_BANNED');
		return id;
	}

	async mine(code: string, participantId: string): Promise<QaOwnQuestion[]> {
		const all = await this.deps.store.listQuestions(code);
		return all
			.filter((q) => q.participantId === participantId)
			.sort((a, b) => b.createdAt - a.createdAt)
			.map(ownQuestion);
	}

	votedBy(code: string, participantId: string): Promise<string[]> {
		return this.deps.store.votedBy(code, participantId);
	}

	private async participantMay(event: QaEvent, participantId: string, action: QaAction) {
		if (!mayDo('participant', action)) refuse('QA_NOT_MODERATOR');
		if (!openFor(action, event.closed)) refuse('QA_CLOSED');
		if ((await this.deps.store.banned(event.code)).includes(participantId)) refuse('QA_BANNED');
	}

	async ask(
		code: string,
		participantId: string,
		input: { text: string; name: string | null; label: string | null }
	): Promise<QaOwnQuestion> {
		const event = await this.event(code);
		await this.participantMay(event, participantId, 'ask');
		const guard = (await this.deps.guardFor?.(event.orgId)) ?? defaultTextGuard;
		const now = this.deps.now();
		const draft = draftQuestion(input, event.settings, guard, { id: newId(), participantId, now });
		if (!draft.ok) {
			return refuse(
				draft.code,
				draft.code === 'QA_TEXT_LENGTH'
					? `问题最多 ${event.settings.questionMaxLength} 个字`
					: undefined
			);
		}
		// Charged only for a question that would be taken: a typo's refusal costs no wait.
		const limit = await consumeAll([[this.asking, `${code}:${participantId}`]]);
		if (!limit.ok) refuse('QA_ASK_TOO_FAST', `提问太频繁，请 ${limit.retryAfterS} 秒后再试`);
		const q = draft.question;
		if (!(await this.deps.store.addQuestion(code, q, QA_QUESTIONS_PER_EVENT.max))) {
			refuse('QA_TOO_MANY_QUESTIONS');
		}
		this.changed(code, q.status === 'published' ? 'both' : 'moderator');
		return ownQuestion(q);
	}

	/**
	 * One store step, which also checks the event (open, and whether it shows counts): a vote is
	 * the hot path of a big event, and a read of the event beside it doubled its cost with Redis.
	 */
	async vote(code: string, participantId: string, questionId: string, up: boolean) {
		const store = this.deps.store;
		const out = up
			? await store.vote(code, questionId, participantId)
			: await store.unvote(code, questionId, participantId);
		if (out.status !== 'ok') refuse(out.status);
		if (out.changed) this.voteFrames.add(code, questionId);
		return {
			votes: out.showCounts ? out.votes : null,
			voted: up,
			changed: out.changed
		};
	}

	// ——— moderation ———

	/**
	 * Applies a moderation to a question, for a panel role that may (an expert answers and stars).
	 * An answer that names nobody is signed with the answering expert's title, if they have one.
	 */
	async moderate(
		code: string,
		userId: string | null,
		questionId: string,
		given: Moderation
	): Promise<QaModeratorQuestion> {
		const { title } = await this.authorize(code, userId, given.type);
		const m =
			given.type === 'answer' && given.expert === null && title !== null
				? { ...given, expert: title }
				: given;
		const store = this.deps.store;
		for (let i = 0; i < CAS_ATTEMPTS; i++) {
			const q = (await store.getQuestion(code, questionId)) ?? refuse('QA_QUESTION_NOT_FOUND');
			const out = moderate(q, m, this.deps.now());
			if (!out.ok) {
				return refuse(out.code, out.code === 'QA_TEXT_LENGTH' ? '内容超过了字数上限' : undefined);
			}
			if (!(await store.casQuestion(code, q.version, out.question))) continue;
			await this.followQuestion(code, out.question);
			this.changed(code, 'both');
			this.deps.broadcast.qaMine(code, q.participantId, ownQuestion(out.question));
			const [votes, banned] = await Promise.all([store.voteCounts(code), store.banned(code)]);
			return moderatorQuestion(out.question, votes[q.id] ?? 0, banned.includes(q.participantId));
		}
		return refuse('STALE');
	}

	/** Unpins and dequeues a question that left the public view. */
	private async followQuestion(code: string, q: QaQuestion): Promise<void> {
		for (let i = 0; i < CAS_ATTEMPTS; i++) {
			const event = await this.event(code);
			const next = afterQuestionChange(event, q);
			if (!next || (await this.deps.store.casEvent(code, event.version, next))) return;
		}
	}

	/** Pin, up next, close, reopen (moderators; experts pin and order), settings and details (hosts). */
	async command(
		code: string,
		userId: string | null,
		command: QaEventCommand
	): Promise<QaModeratorView> {
		await this.authorize(code, userId, command.type);
		let change: EventChange = command;
		if (command.type === 'details') {
			const details = cleanEventDetails(command);
			if (!details.ok) return refuse('BAD_REQUEST', details.message);
			change = { type: 'details', ...details.details };
		}
		const store = this.deps.store;
		for (let i = 0; i < CAS_ATTEMPTS; i++) {
			const [event, questions] = await Promise.all([this.event(code), store.listQuestions(code)]);
			const byId = new Map(questions.map((q) => [q.id, q]));
			const out = changeEvent(event, change, (id) => byId.get(id) ?? null);
			if (!out.ok) return refuse(out.code);
			if (!(await store.casEvent(code, event.version, out.event))) continue;
			this.changed(code, 'both');
			const view = await this.moderatorViewOf(await this.snapshot(code));
			if (change.type === 'close') await this.archive(out.event, view);
			if (change.type === 'reopen') await this.reopened(event.orgId, code);
			return view;
		}
		return refuse('STALE');
	}

	/**
	 * Adds a member of the organisation as moderator or expert, changes or removes one: hosts
	 * only. Returns the staff list after the change.
	 */
	async staff(code: string, userId: string | null, change: StaffChange): Promise<QaStaffView[]> {
		const { event } = await this.authorize(code, userId, 'staff');
		if (change.type === 'set') {
			if ((await this.deps.userName(change.userId)) === null) refuse('QA_STAFF_UNKNOWN_USER');
			if ((await this.deps.orgRole(event.orgId, change.userId)) === null) {
				refuse('QA_STAFF_NOT_MEMBER');
			}
		}
		for (let i = 0; i < CAS_ATTEMPTS; i++) {
			const current = await this.event(code);
			const out = changeStaff(current.staff, change);
			if (!out.ok) return refuse(out.code);
			const next = changeEvent(current, { type: 'staff', staff: out.staff }, () => null);
			if (!next.ok) return refuse(next.code);
			if (!(await this.deps.store.casEvent(code, current.version, next.event))) continue;
			this.changed(code, 'moderator');
			if (change.type === 'remove') await this.revokeIfNoRole(next.event, change.userId);
			return this.staffViews(next.event);
		}
		return refuse('STALE');
	}

	// ——— the record store: catalogue and archive ———

	/**
	 * Archives a closed event's moderator view. A record store that fails here does not undo or
	 * refuse the close: the live store is the event's truth while it runs, so the audience is
	 * closed out at once and the moderators get their view. The failure is logged and the archive
	 * tried again every ARCHIVE_RETRY_MS until the store answers (and, should this process stop
	 * first, by the next list of the organisation's events that finds the event closed but not
	 * archived). Refusing the close instead would leave an event open to questions and votes while
	 * its host believes it closed, for as long as the database is away.
	 */
	private async archive(event: QaEvent, view: QaModeratorView): Promise<void> {
		try {
			await this.writeArchive(event, view);
		} catch (e) {
			this.archiveFailed(view.code, e);
		}
	}

	private async writeArchive(event: QaEvent, view: QaModeratorView): Promise<void> {
		const records = this.deps.records;
		const scope = { orgId: event.orgId };
		const archive = { closedAt: this.deps.now(), counts: viewCounts(view), snapshot: view };
		if (!(await records.archive(event.code, scope, archive))) {
			// An event opened before the catalogue existed has no row yet: it gets one now.
			await records.createEvent(event);
			if (!(await records.archive(event.code, scope, archive))) {
				log.error({ code: event.code }, 'qa: the code is listed for another organisation');
				return;
			}
		}
		if (this.failedArchives.delete(view.code)) log.info({ code: view.code }, 'qa: event archived');
	}

	private archiveFailed(code: string, e: unknown): void {
		if (!this.failedArchives.has(code)) {
			this.failedArchives.add(code);
			log.warn({ err: e, code }, 'qa: archiving the closed event failed; trying again');
		}
		this.archives.add(code, true);
	}

	/** A scheduled archive: of the event as it is now, if it is still closed and still held. */
	private async archiveLater(code: string): Promise<void> {
		const snap = await this.snapshot(code).catch((e: unknown) => {
			if (e instanceof SessionError) return null;
			throw e;
		});
		if (!snap) {
			if (this.failedArchives.delete(code)) {
				log.error({ code }, 'qa: the event was freed before it could be archived');
			}
			return;
		}
		if (!snap.event.closed) {
			this.failedArchives.delete(code);
			return;
		}
		await this.writeArchive(snap.event, await this.moderatorViewOf(snap));
	}

	/** The record follows a reopen; should that fail, the list still reads the live state. */
	private async reopened(orgId: string, code: string): Promise<void> {
		try {
			await this.deps.records.reopen(code, { orgId });
		} catch (e) {
			log.warn({ err: e, code }, 'qa: marking the reopened event open in the record failed');
		}
	}

	/**
	 * The organisation's events, newest first, for a member: an open one with its live counts, a
	 * closed one with its archived counts. An event whose live state was freed is listed from its
	 * record. One found closed live but not in its record (its archive failed, and the process that
	 * was retrying it stopped) is archived again, ARCHIVE_RETRY_MS later.
	 */
	async listEvents(userId: string, orgId: string): Promise<QaEventListing[]> {
		if ((await this.deps.orgRole(orgId, userId)) === null) {
			refuse('NOT_MEMBER', '你不是该组织的成员');
		}
		const records = await this.deps.records.listEvents({ orgId }, EVENT_LIST_LIMIT);
		return Promise.all(
			records.map(async (r) => {
				if (r.closedAt !== null && r.archived) {
					const live = await this.deps.store.getEvent(r.code);
					// Reopened live (a reopen whose record write failed reads as open here too).
					if (!live || live.closed) {
						return listing(r, { closed: true, counts: r.counts, live: live !== null });
					}
				}
				const snap = await this.snapshot(r.code).catch((e: unknown) => {
					if (e instanceof SessionError) return null;
					throw e;
				});
				if (!snap)
					return listing(r, { closed: r.closedAt !== null, counts: r.counts, live: false });
				// Only the counts are read: the staff's names are not looked up for the list.
				const view = moderatorView(snap, []);
				if (snap.event.closed) this.archives.add(r.code, true);
				return listing(r, { closed: snap.event.closed, counts: viewCounts(view), live: true });
			})
		);
	}

	/**
	 * What an export holds, for a member of the event's organisation: the live moderator view while
	 * the event's live state is held, its archived snapshot after (with the event's creation time,
	 * which the view does not carry). QA_NOT_FOUND for a code nobody has (or one with neither),
	 * QA_NOT_MODERATOR for a code of another organisation.
	 */
	async exportView(
		code: string,
		userId: string
	): Promise<{ view: QaModeratorView; createdAt: number }> {
		const live = await this.deps.store.getEvent(code);
		const orgId = live?.orgId ?? (await this.deps.records.ownerOf(code)) ?? refuse('QA_NOT_FOUND');
		if ((await this.deps.orgRole(orgId, userId)) === null) refuse('QA_NOT_MODERATOR');
		if (live) {
			const snap = await this.snapshot(code).catch((e: unknown) => {
				if (e instanceof SessionError) return null; // freed since
				throw e;
			});
			if (snap) return { view: await this.moderatorViewOf(snap), createdAt: snap.event.createdAt };
		}
		const scope = { orgId };
		const [record, view] = await Promise.all([
			this.deps.records.getEvent(code, scope),
			this.deps.records.getSnapshot(code, scope)
		]);
		if (!record || !view) refuse('QA_NOT_FOUND', '这场活动的实时数据已释放，且关闭时没有存档');
		return { view: view!, createdAt: record!.createdAt };
	}

	/** Bans a participant: their questions and votes leave the public view; they can do no more. */
	async ban(
		code: string,
		userId: string | null,
		participantId: string
	): Promise<{ removedVotes: number }> {
		await this.authorize(code, userId, 'ban');
		const out = await this.deps.store.ban(code, participantId);
		if (out.changed) {
			for (const id of Object.keys(out.votes)) this.voteFrames.add(code, id);
			this.polls.resultsChanged(code, out.polls);
			this.changed(code, 'both');
			this.deps.broadcast.qaBanned(code, participantId);
		}
		return { removedVotes: Object.keys(out.votes).length };
	}
}
