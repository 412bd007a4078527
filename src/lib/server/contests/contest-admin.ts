// The organiser's side of a self-paced contest: create and edit (as a draft), publish (the question
// set is frozen from the banks then), extend or close the window early, units and the roster, the
// dashboard's figures, the boards' rebuild from the records, and the exports' pages. Every call
// acts for one organisation: the record store puts its id in every query.
import { randomInt } from 'node:crypto';
import { startAttempt } from '../../domain/contest/attempt';
import { attemptView } from '../../domain/contest/attempt-view';
import { drawContest, drawRefusalMessage, poolQuestion } from '../../domain/contest/draw';
import type { RegionIndex, RegionLevel } from '../../domain/contest/regions';
import {
	contestSettingsSchema,
	type ContestSettings,
	type ContestSettingsInput
} from '../../domain/contest/settings';
import { aggregateKeys, figures, type AggregateFigures } from '../../domain/contest/standings';
import type { RosterRow } from '../../domain/contest/units';
import type { ContestBoardStore } from '../live/contest-board-port';
import { SessionError } from '../kernel/session-error';
import type { BankStore } from '../records/banks/port';
import type {
	AttemptRecord,
	ContestCounts,
	ContestQuestion,
	ContestRecord,
	ContestRecordStore,
	ContestScope,
	ContestUnit,
	HourBucket,
	ParticipantRecord,
	QuestionStat
} from '../records/contests/port';
import { newId } from '../rooms/secrets';
import type { ContestCache } from './contest-cache';
import type { ContestUnits } from './contest-units';
import { groupName } from './contest-views';
import type { AttemptExportItem } from './export-rows';

export const CONTEST_SLUG = /^[a-z0-9][a-z0-9-]{2,39}$/;
const SLUG_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const PAGE = 1000;

export interface ContestSummary {
	record: ContestRecord;
	counts: ContestCounts;
}

export interface QuestionFigure extends QuestionStat {
	stem: string;
	category: string | null;
	rate: number | null;
}

export interface ContestDashboard {
	counts: ContestCounts;
	hourly: HourBucket[];
	questions: QuestionFigure[];
	units: (AggregateFigures & { key: string; name: string })[];
	provinces: (AggregateFigures & { key: string; name: string })[];
	flagged: { record: AttemptRecord; participant: ParticipantRecord | null }[];
	questionSet: number;
}

export interface ContestAdminDeps {
	records: ContestRecordStore;
	boards: ContestBoardStore;
	banks: BankStore;
	cache: ContestCache;
	units: ContestUnits;
	regions: RegionIndex;
	now(): number;
}

const refuse = (code: ConstructorParameters<typeof SessionError>[0], message?: string): never => {
	throw new SessionError(code, message);
};

/** The first problem of a settings form, with the field it is about. */
export function settingsProblem(input: unknown):
	| { ok: true; settings: ContestSettings }
	| {
			ok: false;
			message: string;
			path: string;
	  } {
	const parsed = contestSettingsSchema.safeParse(input);
	if (parsed.success) return { ok: true, settings: parsed.data };
	const issue = parsed.error.issues[0];
	return {
		ok: false,
		message: issue?.message ?? '设置不正确',
		path: (issue?.path ?? []).join('.')
	};
}

function randomSlug(): string {
	let s = '';
	for (let i = 0; i < 8; i++) s += SLUG_ALPHABET[randomInt(SLUG_ALPHABET.length)];
	return s;
}

export class ContestAdmin {
	constructor(private readonly deps: ContestAdminDeps) {}

	list(scope: ContestScope, limit = 100): Promise<ContestRecord[]> {
		return this.deps.records.listContests(scope, limit);
	}

	async get(id: string, scope: ContestScope): Promise<ContestRecord> {
		return (await this.deps.records.getContest(id, scope)) ?? refuse('CONTEST_NOT_FOUND');
	}

	async summary(id: string, scope: ContestScope): Promise<ContestSummary> {
		const record = await this.get(id, scope);
		return { record, counts: await this.deps.records.counts(record.id) };
	}

	/** A new draft; the slug is the organiser's (checked) or a random one. */
	async create(
		userId: string,
		scope: ContestScope,
		input: ContestSettingsInput,
		slug?: string
	): Promise<ContestRecord> {
		const settings = this.parse(input);
		await this.checkBanks(settings, scope);
		const wanted = slug?.trim().toLowerCase();
		if (wanted && !CONTEST_SLUG.test(wanted)) {
			refuse('BAD_REQUEST', '链接名需为 3–40 个小写字母、数字或连字符，且以字母或数字开头');
		}
		for (let i = 0; i < 5; i++) {
			const record = {
				id: newId(),
				slug: wanted || randomSlug(),
				orgId: scope.orgId,
				createdBy: userId,
				settings,
				createdAt: this.deps.now()
			};
			if (await this.deps.records.createContest(record)) return this.get(record.id, scope);
			if (wanted) refuse('BAD_REQUEST', '这个链接名已被使用，请换一个');
		}
		return refuse('INTERNAL');
	}

	private parse(input: unknown): ContestSettings {
		const p = settingsProblem(input);
		if (!p.ok) return refuse('BAD_REQUEST', p.message);
		return p.settings;
	}

	/** The banks must be the organisation's own or the shared library's. */
	private async checkBanks(s: ContestSettings, scope: ContestScope): Promise<void> {
		for (const id of s.draw.bankIds) {
			if (!(await this.deps.banks.getBank(id, scope))) refuse('BAD_REQUEST', `找不到题库“${id}”`);
		}
	}

	/** The question set the banks give now, with an id per question that stays with its content. */
	async questionSet(s: ContestSettings, scope: ContestScope): Promise<ContestQuestion[]> {
		const found = await this.deps.banks.findQuestions({ bankIds: s.draw.bankIds }, scope);
		return found.map((f) => ({
			id: `${f.bankId}:${f.question.id ?? f.index}`,
			question: f.question
		}));
	}

	/** Checks that the draw can be made from `questions` (quotas, mix, count); refuses with why. */
	private checkDraw(s: ContestSettings, questions: ContestQuestion[]): void {
		const pool = questions.map((q) => poolQuestion(q.id, q.question));
		const drawn = drawContest(pool, s.draw, s.shuffleOptions, Math.random);
		if (!drawn.ok) refuse('CONTEST_DRAW_FAILED', drawRefusalMessage(drawn));
	}

	private async update(
		c: ContestRecord,
		scope: ContestScope,
		expected: number,
		next: Pick<ContestRecord, 'settings' | 'status' | 'publishedAt' | 'closedEarlyAt'>
	): Promise<ContestRecord> {
		const stored = await this.deps.records.updateContest(
			c.id,
			scope,
			expected,
			next,
			this.deps.now()
		);
		if (!stored) return refuse('STALE', '活动已被修改（可能在另一个页面），请刷新后重试');
		this.deps.cache.forget(c.slug);
		this.deps.units.forget(c);
		return stored;
	}

	/**
	 * Saves new settings. Once published, a change to the draw re-freezes the question set, and the
	 * identity mode cannot change (participants entered under it).
	 */
	async save(
		id: string,
		scope: ContestScope,
		expected: number,
		input: ContestSettingsInput
	): Promise<ContestRecord> {
		const c = await this.get(id, scope);
		const settings = this.parse(input);
		await this.checkBanks(settings, scope);
		if (c.status === 'published') {
			if (settings.identity !== c.settings.identity) {
				refuse('BAD_REQUEST', '活动已发布，不能再更改身份方式');
			}
			const questions = await this.questionSet(settings, scope);
			this.checkDraw(settings, questions);
			await this.deps.records.setQuestions(c.id, questions);
		}
		return this.update(c, scope, expected, {
			settings,
			status: c.status,
			publishedAt: c.publishedAt,
			closedEarlyAt: c.closedEarlyAt
		});
	}

	/** Freezes the question set and opens the contest to the public (from its start time). */
	async publish(id: string, scope: ContestScope, expected: number): Promise<ContestRecord> {
		const c = await this.get(id, scope);
		if (c.status === 'published') return c;
		const questions = await this.questionSet(c.settings, scope);
		this.checkDraw(c.settings, questions);
		await this.deps.records.setQuestions(c.id, questions);
		return this.update(c, scope, expected, {
			settings: c.settings,
			status: 'published',
			publishedAt: this.deps.now(),
			closedEarlyAt: null
		});
	}

	/** Moves the end of the window (later: extend; it may also reopen a contest closed early). */
	async extend(id: string, scope: ContestScope, expected: number, endsAt: number) {
		const c = await this.get(id, scope);
		const settings = this.parse({ ...c.settings, window: { ...c.settings.window, endsAt } });
		if (endsAt <= this.deps.now()) refuse('BAD_REQUEST', '新的结束时间需晚于现在');
		return this.update(c, scope, expected, {
			settings,
			status: c.status,
			publishedAt: c.publishedAt,
			closedEarlyAt: null
		});
	}

	/** Ends the window now: no attempt starts after this; those running finish on their clock. */
	async closeNow(id: string, scope: ContestScope, expected: number) {
		const c = await this.get(id, scope);
		const now = this.deps.now();
		if (c.settings.window.endsAt <= now) return c;
		const startsAt = Math.min(c.settings.window.startsAt, now - 1);
		return this.update(c, scope, expected, {
			settings: { ...c.settings, window: { startsAt, endsAt: now } },
			status: c.status,
			publishedAt: c.publishedAt,
			closedEarlyAt: now
		});
	}

	async deleteDraft(id: string, scope: ContestScope): Promise<void> {
		const c = await this.get(id, scope);
		if (c.status !== 'draft' || !(await this.deps.records.deleteDraft(c.id, scope))) {
			refuse('BAD_REQUEST', '只能删除未发布且无人参加的活动');
		}
	}

	async setUnits(id: string, scope: ContestScope, units: ContestUnit[]): Promise<void> {
		const c = await this.get(id, scope);
		await this.deps.records.setUnits(c.id, units);
		this.deps.units.forget(c);
	}

	async setRoster(scope: ContestScope, rows: RosterRow[]): Promise<void> {
		await this.deps.records.setRoster(scope.orgId, rows);
	}

	/** A sample attempt as a participant would see it, drawn now (nothing is recorded). */
	async preview(id: string, scope: ContestScope) {
		const c = await this.get(id, scope);
		const questions = await this.questionSet(c.settings, scope);
		const pool = questions.map((q) => poolQuestion(q.id, q.question));
		const drawn = drawContest(pool, c.settings.draw, c.settings.shuffleOptions, Math.random);
		if (!drawn.ok)
			return { contest: c, problem: drawRefusalMessage(drawn), view: null, poolSize: pool.length };
		const now = this.deps.now();
		const byId = new Map(questions.map((q) => [q.id, q.question]));
		const attempt = startAttempt(drawn.drawn, now, c.settings);
		return {
			contest: c,
			problem: null,
			view: attemptView(attempt, byId, now),
			poolSize: pool.length
		};
	}

	async dashboard(id: string, scope: ContestScope): Promise<ContestDashboard> {
		const c = await this.get(id, scope);
		const now = this.deps.now();
		const from = c.settings.window.startsAt;
		const to = Math.min(now, c.settings.window.endsAt) + 3600_000;
		const [counts, hourly, stats, questions, unitAggs, provinceAggs, flagged, headcounts] =
			await Promise.all([
				this.deps.records.counts(c.id),
				this.deps.records.hourly(c.id, from, to),
				this.deps.records.questionStats(c.id),
				this.deps.records.contestQuestions(c.id),
				this.deps.boards.aggregates(c.id, 'unit'),
				this.deps.boards.aggregates(c.id, 'province'),
				this.deps.records.flaggedAttempts(c.id, 50),
				this.deps.units.headcounts(c)
			]);
		const byId = new Map(questions.map((q) => [q.id, q.question]));
		const people = await this.deps.records.participantsByIds(c.id, [
			...new Set(flagged.map((f) => f.participantId))
		]);
		const who = new Map(people.map((p) => [p.id, p]));
		for (const name of headcounts.keys()) {
			if (!unitAggs.has(name)) unitAggs.set(name, { points: 0, participants: 0, attempts: 0 });
		}
		const table = (
			kind: 'unit' | RegionLevel,
			aggs: Map<string, { points: number; participants: number; attempts: number }>
		) =>
			[...aggs]
				.map(([key, a]) => ({
					key,
					name: groupName(this.deps.regions, kind, key),
					...figures(a, kind === 'unit' ? (headcounts.get(key) ?? null) : null)
				}))
				.sort((a, b) => b.points - a.points || b.participants - a.participants);
		return {
			counts,
			hourly,
			// Most missed first: the questions people get wrong are the campaign's lesson.
			questions: stats
				.map((s) => {
					const q = byId.get(s.questionId);
					return {
						...s,
						stem: q?.stem ?? s.questionId,
						category: q?.category ?? null,
						rate: s.asked > 0 ? s.right / s.asked : null
					};
				})
				.sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || b.asked - a.asked),
			units: table('unit', unitAggs),
			provinces: table('province', provinceAggs),
			flagged: flagged.map((record) => ({
				record,
				participant: who.get(record.participantId) ?? null
			})),
			questionSet: questions.length
		};
	}

	/**
	 * Rebuilds the hot boards from the records (after a live-store loss, or to check them): every
	 * participant's stored standing is applied afresh, a page at a time.
	 */
	async rebuild(id: string, scope: ContestScope): Promise<number> {
		const c = await this.get(id, scope);
		await this.deps.boards.clear(c.id);
		let applied = 0;
		for await (const page of this.participantPages(c)) {
			await Promise.all(
				page
					.filter((p) => p.points.attempts > 0)
					.map((p) => this.deps.boards.apply(c.id, p.id, p.points, aggregateKeys(p)))
			);
			applied += page.length;
		}
		return applied;
	}

	async *participantPages(c: ContestRecord): AsyncIterable<ParticipantRecord[]> {
		let after = '';
		for (;;) {
			const page = await this.deps.records.participantsPage(c.id, after, PAGE);
			if (page.length === 0) return;
			yield page;
			after = page[page.length - 1]?.id ?? after;
			if (page.length < PAGE) return;
		}
	}

	/** Attempts with their participant and answer rows, a page at a time (the attempts export). */
	async *attemptPages(c: ContestRecord): AsyncIterable<AttemptExportItem[]> {
		let after = '';
		for (;;) {
			const page = await this.deps.records.attemptsPage(c.id, after, 500);
			if (page.length === 0) return;
			const people = await this.deps.records.participantsByIds(c.id, [
				...new Set(page.map((a) => a.participantId))
			]);
			const who = new Map(people.map((p) => [p.id, p]));
			const answers = await Promise.all(page.map((a) => this.deps.records.answersOf(a.id)));
			yield page.map((record, i) => ({
				record,
				participant: who.get(record.participantId) ?? null,
				answers: answers[i] ?? []
			}));
			after = page[page.length - 1]?.id ?? after;
			if (page.length < 500) return;
		}
	}
}
