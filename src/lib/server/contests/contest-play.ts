// The participant's side of a self-paced contest: the landing page's state, the entry form, and
// an attempt from its start to its result. Every call is one HTTP request and holds nothing in the
// process between requests (the cache aside), so any number of processes serve one contest.
//
// Time is the server's: an attempt found past its deadline by any call is closed there, with the
// answers saved until then, and the sweeper (contest-sweeper.ts) closes those no call comes back
// for. Writes to an open attempt are compare-and-set on its version and retried on a race (two
// taps of one phone), so no answer is lost and none is applied twice.
import {
	answer as answerStep,
	questionDeadline,
	recordVisibility,
	settle,
	showQuestion,
	submit as submitStep,
	startAttempt as newAttempt,
	type Attempt,
	type AttemptStep
} from '../../domain/contest/attempt';
import { scoreAttempt } from '../../domain/contest/attempt-score';
import { attemptView, shownAnswer } from '../../domain/contest/attempt-view';
import { shanghaiDayKey } from '../../domain/contest/calendar';
import { mayStartAttempt, type CapRules } from '../../domain/contest/caps';
import { drawContest, drawRefusalMessage } from '../../domain/contest/draw';
import { checkEntry, sameName } from '../../domain/contest/entry-form';
import type { RegionIndex } from '../../domain/contest/regions';
import {
	aggregateKey,
	aggregateKeys,
	parseAggregateKey,
	type ContestPoints
} from '../../domain/contest/standings';
import type {
	ContestAnswerBody,
	ContestAttemptOpen,
	ContestAttemptState,
	ContestEntryBody,
	ContestGroupFigures,
	ContestLanding,
	ContestMe,
	ContestResult
} from '../../protocol';
import type { ContestBoardStore } from '../live/contest-board-port';
import { log } from '../log';
import { SessionError } from '../kernel/session-error';
import { issueIdentity, tokenFor, verifyIdentity } from '../kernel/signed-identity';
import type { LimitOutcome } from '../limiters';
import type {
	AnswerRow,
	AttemptRecord,
	ContestRecord,
	ContestRecordStore,
	ParticipantRecord
} from '../records/contests/port';
import { newId } from '../rooms/secrets';
import type { ContestCache, ContestQuestions } from './contest-cache';
import {
	groupFigures,
	groupName,
	historyItem,
	publicInfo,
	regionName,
	review
} from './contest-views';
import type { ContestUnits } from './contest-units';

export interface ClientMeta {
	ip: string;
	userAgent: string;
}

export interface ContestPlayDeps {
	records: ContestRecordStore;
	boards: ContestBoardStore;
	cache: ContestCache;
	units: ContestUnits;
	regions: RegionIndex;
	/** The secret identity tokens are signed with (shared by every process). */
	secret(): Promise<string>;
	/** New identities per "contestId:address" (public mode), per window. */
	entryLimit(ip: string): Promise<LimitOutcome>;
	now(): number;
	rng(): number;
}

/** Attempts of one participant listed on the landing page. */
const HISTORY = 10;
/** Compare-and-set retries before a write to an attempt gives up (two taps race at most). */
const CAS_TRIES = 8;

const refuse = (code: ConstructorParameters<typeof SessionError>[0], message?: string): never => {
	throw new SessionError(code, message);
};

export function capRules(c: ContestRecord): CapRules {
	const s = c.settings;
	return {
		attemptsPerDay: s.attemptsPerDay,
		attemptsTotal: s.attemptsTotal ?? null,
		bonusPerInvite: s.bonusPerInvite,
		bonusPerDayMax: s.bonusPerDayMax
	};
}

export class ContestPlay {
	constructor(private readonly deps: ContestPlayDeps) {}

	private scope(c: ContestRecord): string {
		return `contest:${c.id}`;
	}

	/** A published contest by slug (a draft is not found by the public). */
	async contest(slug: string): Promise<ContestRecord> {
		const c = await this.deps.cache.contest(slug);
		if (!c) return refuse('CONTEST_NOT_FOUND');
		if (c.status !== 'published') return refuse('CONTEST_NOT_PUBLISHED');
		return c;
	}

	/** Any contest by id (the sweeper's look-up; drafts included, since preview attempts are none). */
	contestById(id: string): Promise<ContestRecord | null> {
		return this.deps.records.getContestById(id);
	}

	/** The participant a token names in this contest, or null (no token, a forged or stale one). */
	async participantOf(c: ContestRecord, token: string | null): Promise<ParticipantRecord | null> {
		if (!token) return null;
		const id = verifyIdentity(await this.deps.secret(), this.scope(c), token);
		return id ? this.deps.records.getParticipant(c.id, id) : null;
	}

	private async require(c: ContestRecord, token: string | null): Promise<ParticipantRecord> {
		return (await this.participantOf(c, token)) ?? refuse('CONTEST_NOT_ENTERED');
	}

	async landing(slug: string, token: string | null): Promise<ContestLanding> {
		const c = await this.contest(slug);
		const [units, who] = await Promise.all([
			this.deps.units.choices(c),
			this.participantOf(c, token)
		]);
		return { contest: publicInfo(c, units), me: await this.me(c, who), now: this.deps.now() };
	}

	async me(c: ContestRecord, who: ParticipantRecord | null): Promise<ContestMe> {
		if (!who) return { participant: null, cap: null, openAttemptId: null, history: [] };
		const now = this.deps.now();
		const day = shanghaiDayKey(now);
		const [attempts, startedToday, invitesToday, rank] = await Promise.all([
			this.deps.records.attemptsOf(c.id, who.id, HISTORY),
			this.deps.records.startedOn(c.id, who.id, day),
			this.deps.records.invitesOn(c.id, who.id, day),
			who.points.attempts > 0 ? this.deps.boards.rankOf(c.id, who.id) : Promise.resolve(null)
		]);
		const open = attempts.find((a) => settle(a.attempt, now).status === 'open') ?? null;
		const counts = { startedToday, startedTotal: who.startedTotal, invitesToday };
		const decision = mayStartAttempt(c.settings.window, capRules(c), counts, now);
		return {
			participant: {
				id: who.id,
				name: who.name,
				unit: who.unit,
				region: regionName(this.deps.regions, who.region),
				points: who.points.points,
				timeMs: who.points.timeMs,
				attempts: who.points.attempts,
				rank: rank?.rank ?? null
			},
			cap: decision.ok
				? { ok: true, leftToday: decision.leftToday, leftTotal: decision.leftTotal }
				: decision,
			openAttemptId: open?.id ?? null,
			history: attempts.map(historyItem)
		};
	}

	/**
	 * The entry form. A token already valid here is refused (one entry per device). A phone (or, in
	 * roster mode, an employee number) entered before is the same person only with the same name:
	 * then that identity is returned to this device (a new phone, cleared storage); else refused.
	 */
	async enter(
		slug: string,
		token: string | null,
		body: ContestEntryBody,
		client: ClientMeta
	): Promise<{ token: string; me: ContestMe }> {
		const c = await this.contest(slug);
		if (await this.participantOf(c, token)) refuse('CONTEST_ENTERED_ALREADY');
		const s = c.settings;
		const units = await this.deps.units.choices(c);
		const checked = checkEntry(s.entry, body, {
			isRegion: (code) => this.deps.regions.isSelectable(code),
			units: s.identity === 'public' && units && units.length > 0 ? units : null
		});
		if (!checked.ok) return refuse('CONTEST_ENTRY_INVALID', checked.message);
		const values = { ...checked.values };
		if (s.identity === 'roster') {
			// The unit comes from the roster row, never from the form: departments cannot be gamed.
			const row = await this.deps.records.findRosterRow(c.orgId, values.employeeNo ?? '');
			if (!row || !sameName(row.name, values.name)) refuse('CONTEST_NOT_ON_ROSTER');
			values.unit = row?.unit ?? null;
			values.name = row?.name ?? values.name;
		} else {
			const limit = await this.deps.entryLimit(`${c.id}:${client.ip}`);
			if (!limit.ok) {
				refuse(
					'CONTEST_TOO_MANY_ENTRIES',
					`同一网络报名的人数已达上限，请 ${Math.ceil(limit.retryAfterS / 60)} 分钟后再试`
				);
			}
		}
		const secret = await this.deps.secret();
		const { participantId } = issueIdentity(secret, this.scope(c));
		const now = this.deps.now();
		const inviter = body.invitedBy ? body.invitedBy.trim() : null;
		const created = await this.deps.records.createParticipant({
			...values,
			id: participantId,
			contestId: c.id,
			createdAt: now,
			ip: client.ip,
			userAgent: client.userAgent,
			invitedBy: inviter && inviter !== participantId ? inviter : null,
			day: shanghaiDayKey(now)
		});
		let who: ParticipantRecord;
		if (created.ok) {
			who = created.participant;
		} else if (sameName(created.existing.name, values.name)) {
			who = created.existing;
		} else {
			return refuse(
				created.reason === 'PHONE_TAKEN' ? 'CONTEST_PHONE_TAKEN' : 'CONTEST_EMPLOYEE_TAKEN'
			);
		}
		return { token: tokenFor(secret, this.scope(c), who.id), me: await this.me(c, who) };
	}

	/** Starts an attempt (or returns the one running): the caps are decided by the store, atomically. */
	async start(slug: string, token: string | null, client: ClientMeta): Promise<ContestAttemptOpen> {
		const c = await this.contest(slug);
		const who = await this.require(c, token);
		const questions = await this.deps.cache.questionsOf(c);
		const drawn = drawContest(
			questions.pool,
			c.settings.draw,
			c.settings.shuffleOptions,
			this.deps.rng
		);
		if (!drawn.ok) {
			log.warn({ contest: c.id, reason: drawRefusalMessage(drawn) }, 'contest: draw failed');
			return refuse('CONTEST_DRAW_FAILED');
		}
		const now = this.deps.now();
		const outcome = await this.deps.records.startAttempt({
			contestId: c.id,
			participantId: who.id,
			id: newId(),
			attempt: newAttempt(drawn.drawn, now, c.settings),
			day: shanghaiDayKey(now),
			window: c.settings.window,
			rules: capRules(c),
			now,
			ip: client.ip,
			userAgent: client.userAgent
		});
		if (!outcome.ok) {
			if (outcome.decision === null) return refuse('CONTEST_NOT_ENTERED');
			return refuse(outcome.decision.code, outcome.decision.message);
		}
		const record = outcome.record;
		return this.openView(record, questions, 'resumed' in outcome);
	}

	private openView(
		record: AttemptRecord,
		questions: ContestQuestions,
		resumed: boolean
	): ContestAttemptOpen {
		const now = this.deps.now();
		return {
			attemptId: record.id,
			view: attemptView(record.attempt, questions.byId, now),
			now,
			resumed
		};
	}

	/**
	 * The token's participant id, verified by its signature alone: an attempt's calls (answers are
	 * the hot path) need no participant row, since the attempt names its participant.
	 */
	private async verifiedId(c: ContestRecord, token: string | null): Promise<string> {
		const id = token ? verifyIdentity(await this.deps.secret(), this.scope(c), token) : null;
		return id ?? refuse('CONTEST_NOT_ENTERED');
	}

	private async ownAttempt(
		c: ContestRecord,
		participantId: string,
		attemptId: string
	): Promise<AttemptRecord> {
		const r = await this.deps.records.getAttempt(c.id, attemptId);
		// Another participant's attempt is "not found": ids are not proof of anything to reveal.
		if (!r || r.participantId !== participantId) return refuse('CONTEST_ATTEMPT_NOT_FOUND');
		return r;
	}

	/** The attempt as it stands: open (the view, resuming after a reload) or ended (the result). */
	async attempt(
		slug: string,
		token: string | null,
		attemptId: string
	): Promise<ContestAttemptState> {
		const c = await this.contest(slug);
		const r = await this.ownAttempt(c, await this.verifiedId(c, token), attemptId);
		const questions = await this.deps.cache.questionsOf(c);
		const now = this.deps.now();
		if (settle(r.attempt, now).status === 'open') {
			return { state: 'open', open: this.openView(r, questions, true) };
		}
		return { state: 'ended', result: await this.endedResult(c, r, questions) };
	}

	/**
	 * Applies one step to an open attempt, compare-and-set, retried on a race. An attempt the step
	 * (or the clock) closed is finished here; the caller gets the stored record.
	 */
	private async step(
		c: ContestRecord,
		r: AttemptRecord,
		fn: (a: Attempt, now: number) => AttemptStep
	): Promise<{ record: AttemptRecord; refusal: string | null; ended: boolean }> {
		let current = r;
		for (let i = 0; i < CAS_TRIES; i++) {
			if (current.attempt.status !== 'open')
				return { record: current, refusal: 'CLOSED', ended: true };
			const now = this.deps.now();
			const out = fn(current.attempt, now);
			const next = out.attempt;
			if (next.status !== 'open') {
				const finished = await this.finish(c, current, next);
				if (finished) return { record: finished, refusal: out.ok ? null : out.code, ended: true };
			} else if (!out.ok) {
				return { record: current, refusal: out.code, ended: false };
			} else if (next === current.attempt) {
				return { record: current, refusal: null, ended: false };
			} else {
				const stored = await this.deps.records.casAttempt(current.id, current.version, next);
				if (stored) return { record: stored, refusal: null, ended: false };
			}
			// Lost a race: read what won and try again on it.
			current = (await this.deps.records.getAttempt(c.id, current.id)) ?? current;
		}
		return refuse('CONTEST_BUSY');
	}

	async show(slug: string, token: string | null, attemptId: string, index: number) {
		const { c, r } = await this.load(slug, token, attemptId);
		const out = await this.step(c, r, (a, now) => showQuestion(a, index, now));
		const reply = await this.stepReply(c, out);
		if (reply.ended) return reply;
		// The question's own clock as the server keeps it, so the page's timer starts from it.
		const lock = questionDeadline(out.record.attempt, index);
		return {
			...reply,
			questionRemainingMs: lock === null ? null : Math.max(0, lock - this.deps.now())
		};
	}

	async answer(slug: string, token: string | null, attemptId: string, body: ContestAnswerBody) {
		const { c, r } = await this.load(slug, token, attemptId);
		const out = await this.step(c, r, (a, now) => answerStep(a, body.index, body.answer, now));
		return this.stepReply(c, out, body.index);
	}

	async visibility(slug: string, token: string | null, attemptId: string) {
		const { c, r } = await this.load(slug, token, attemptId);
		const out = await this.step(c, r, (a, now) => recordVisibility(a, now));
		return this.stepReply(c, out);
	}

	async submit(slug: string, token: string | null, attemptId: string): Promise<ContestResult> {
		const { c, r } = await this.load(slug, token, attemptId);
		const out = await this.step(c, r, (a, now) => submitStep(a, now));
		const questions = await this.deps.cache.questionsOf(c);
		return this.endedResult(c, out.record, questions);
	}

	private async load(slug: string, token: string | null, attemptId: string) {
		const c = await this.contest(slug);
		return { c, r: await this.ownAttempt(c, await this.verifiedId(c, token), attemptId) };
	}

	/** What an answer, a show or a visibility change replies: the clock, and the result if it ended. */
	private async stepReply(
		c: ContestRecord,
		out: { record: AttemptRecord; refusal: string | null; ended: boolean },
		index?: number
	) {
		if (out.refusal === 'QUESTION_TIME_UP') refuse('CONTEST_QUESTION_TIME_UP');
		if (out.refusal === 'BAD_INDEX') refuse('CONTEST_QUESTION_NOT_FOUND');
		if (out.refusal !== null && out.refusal !== 'CLOSED') refuse('CONTEST_BAD_ANSWER');
		const now = this.deps.now();
		const a = out.record.attempt;
		// A write refused because the attempt had closed (the deadline, another tab's submit) says
		// so: what was sent is not saved, and the device fetches the result.
		if (out.refusal === 'CLOSED' && index !== undefined) refuse('CONTEST_ATTEMPT_CLOSED');
		if (out.ended || a.status !== 'open') {
			const questions = await this.deps.cache.questionsOf(c);
			const result = await this.endedResult(c, out.record, questions);
			return { ended: true as const, result };
		}
		const saved =
			index === undefined
				? null
				: shownAnswer(a.answers[index] ?? null, a.questions[index]?.order ?? []);
		return {
			ended: false as const,
			remainingMs: Math.max(0, a.deadline - now),
			answer: saved,
			visibilityChanges: a.visibilityChanges
		};
	}

	/**
	 * Stores an attempt's end: score, answer rows, the participant's standing, then the hot boards.
	 * Null when another request finished it first (the caller re-reads).
	 */
	async finish(c: ContestRecord, r: AttemptRecord, closed: Attempt): Promise<AttemptRecord | null> {
		const questions = await this.deps.cache.questionsOf(c);
		const result = scoreAttempt(closed, questions.byId);
		const answers: AnswerRow[] = closed.questions.map((d, i) => {
			const saved = closed.answers[i] ?? null;
			return {
				index: i,
				questionId: d.id,
				answer: saved
					? JSON.stringify('text' in saved ? { text: saved.text } : { choices: saved.choices })
					: null,
				right: result.perQuestion?.[i]?.right ?? false,
				at: saved?.at ?? null
			};
		});
		const out = await this.deps.records.finishAttempt({
			id: r.id,
			version: r.version,
			attempt: closed,
			score: result.score,
			correct: result.correct,
			timeMs: result.timeUsedMs ?? 0,
			tooFast: result.flags.tooFast,
			answers,
			mode: c.settings.scoring
		});
		if (!out.ok) return null;
		await this.applyToBoards(c, out.participant, out.after);
		return {
			...r,
			attempt: closed,
			score: result.score,
			correct: result.correct,
			tooFast: result.flags.tooFast,
			version: r.version + 1
		};
	}

	/**
	 * Moves the hot boards to the participant's stored standing. A failure is logged, not thrown:
	 * the records hold the truth, and the boards are rebuilt from them (ContestAdmin.rebuild).
	 */
	async applyToBoards(c: ContestRecord, who: ParticipantRecord, points: ContestPoints) {
		try {
			await this.deps.boards.apply(c.id, who.id, points, aggregateKeys(who));
		} catch (e) {
			log.error({ err: e, contest: c.id }, 'contest: board update failed; rebuild the boards');
		}
	}

	private async endedResult(
		c: ContestRecord,
		r: AttemptRecord,
		questions: ContestQuestions
	): Promise<ContestResult> {
		let record = r;
		if (record.attempt.status === 'open') {
			// Past its deadline but not yet closed in the store: close it now.
			const closed = settle(record.attempt, this.deps.now());
			if (closed.status === 'open') return refuse('CONTEST_ATTEMPT_OPEN');
			record =
				(await this.finish(c, record, closed)) ??
				(await this.deps.records.getAttempt(c.id, r.id)) ??
				record;
		}
		const a = record.attempt;
		const result = scoreAttempt(a, questions.byId);
		const who = await this.deps.records.getParticipant(c.id, record.participantId);
		const keys = who ? aggregateKeys(who) : [];
		const unitKey = who?.unit ? aggregateKey('unit', who.unit) : null;
		const regionKey =
			keys.find((k) => k.startsWith('county:')) ?? keys.find((k) => k.startsWith('city:')) ?? null;
		const [rank, size, groups] = await Promise.all([
			who ? this.deps.boards.rankOf(c.id, who.id) : Promise.resolve(null),
			this.deps.boards.size(c.id),
			this.deps.boards.aggregatesOf(
				c.id,
				[unitKey, regionKey].filter((k): k is string => k !== null)
			)
		]);
		const headcounts = await this.deps.units.headcounts(c);
		const group = (key: string | null): ContestGroupFigures | null => {
			if (key === null) return null;
			const parsed = parseAggregateKey(key);
			const agg = groups.get(key);
			if (!parsed || !agg) return null;
			const name = groupName(this.deps.regions, parsed.kind, parsed.id);
			return groupFigures(
				key,
				parsed.kind === 'unit' ? name : (this.deps.regions.fullName(parsed.id) ?? name),
				agg,
				parsed.kind === 'unit' ? (headcounts.get(parsed.id) ?? null) : null
			);
		};
		const standing = who?.points ?? { points: 0, timeMs: 0, attempts: 0 };
		return {
			attemptId: record.id,
			status: a.status === 'expired' ? 'expired' : 'submitted',
			endReason: a.endReason ?? 'submitted',
			score: result.score,
			correct: result.correct,
			total: result.total,
			timeUsedMs: result.timeUsedMs ?? 0,
			passed: result.passed,
			review: review(a, result, questions.byId),
			standing: { ...standing, rank: rank?.rank ?? null, of: size },
			added: await this.addedBy(c, record, standing),
			unit: group(unitKey),
			region: group(regionKey)
		};
	}

	/**
	 * What this attempt added to the participant's points: in 'sum' mode its score; in 'best' mode
	 * how far it raised the best (0 when an earlier attempt was as good).
	 */
	private async addedBy(
		c: ContestRecord,
		r: AttemptRecord,
		standing: ContestPoints
	): Promise<number> {
		if (c.settings.scoring === 'sum') return r.score ?? 0;
		const others = (await this.deps.records.attemptsOf(c.id, r.participantId, 1000)).filter(
			(a) =>
				a.id !== r.id && a.score !== null && (a.attempt.endedAt ?? 0) <= (r.attempt.endedAt ?? 0)
		);
		const before = others.reduce((m, a) => Math.max(m, a.score ?? 0), 0);
		return Math.max(0, Math.min(standing.points, r.score ?? 0) - before);
	}
}
