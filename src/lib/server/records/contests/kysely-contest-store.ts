// The contest record store on Kysely, sharing the record database (and its portable-SQL rules) with
// the other record stores. The two decisions that must hold under concurrency are made inside one
// transaction with the participant's row locked by an UPDATE that touches it: a row lock in
// PostgreSQL (READ COMMITTED: every later statement of the transaction sees what the other start
// committed), and SQLite serialises writers anyway. Attempt changes are conditional on the version.
import { sql, type Kysely, type Transaction } from 'kysely';
import { mayStartAttempt } from '../../../domain/contest/caps';
import { addAttempt } from '../../../domain/contest/standings';
import {
	compareText,
	insertInChunks,
	isUniqueViolation,
	touchedAny,
	type RecordStoreKind
} from '../query-helpers';
import type { Database } from '../schema';
import {
	attemptColumns,
	participantRow,
	pointsOf,
	toAttempt,
	toContest,
	toParticipant
} from './contest-rows';
import type { Question } from '../../../domain/question';
import type {
	AnswerRow,
	AttemptRecord,
	ContestCounts,
	ContestQuestion,
	ContestRecord,
	ContestRecordStore,
	ContestScope,
	ContestUnit,
	CreateParticipantOutcome,
	FinishAttemptInput,
	FinishAttemptOutcome,
	FinishedAttemptRow,
	HourBucket,
	NewContestRecord,
	NewParticipant,
	ParticipantRecord,
	QuestionStat,
	RosterRow,
	StartAttemptInput,
	StartAttemptOutcome
} from './port';

const HOUR_MS = 3_600_000;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Locks the participant's row for the rest of the transaction and returns it (undefined when there
 * is no such participant). The no-op assignment is what makes it a write.
 */
function lockParticipant(db: Db, contestId: string, id: string) {
	return db
		.updateTable('contest_participants')
		.set((eb) => ({ started_total: eb.ref('started_total') }))
		.where('id', '=', id)
		.where('contest_id', '=', contestId)
		.returningAll()
		.executeTakeFirst();
}

/** The participant holding this phone or employee number in the contest, and which it is. */
async function clashOf(
	db: Db,
	p: NewParticipant
): Promise<Extract<CreateParticipantOutcome, { ok: false }> | null> {
	if (p.phone !== null) {
		const row = await db
			.selectFrom('contest_participants')
			.selectAll()
			.where('contest_id', '=', p.contestId)
			.where('phone', '=', p.phone)
			.executeTakeFirst();
		if (row) return { ok: false, reason: 'PHONE_TAKEN', existing: toParticipant(row) };
	}
	if (p.employeeNo !== null) {
		const row = await db
			.selectFrom('contest_participants')
			.selectAll()
			.where('contest_id', '=', p.contestId)
			.where('employee_no', '=', p.employeeNo)
			.executeTakeFirst();
		if (row) return { ok: false, reason: 'EMPLOYEE_TAKEN', existing: toParticipant(row) };
	}
	return null;
}

export class KyselyContestRecordStore implements ContestRecordStore {
	constructor(
		private readonly db: Kysely<Database>,
		private readonly kind: RecordStoreKind
	) {}

	// --- contests ---

	async createContest(c: NewContestRecord): Promise<boolean> {
		// No conflict target: a taken id and a taken slug are both "nothing written".
		const claimed = await this.db
			.insertInto('contests')
			.values({
				id: c.id,
				slug: c.slug,
				org_id: c.orgId,
				created_by: c.createdBy,
				settings: JSON.stringify(c.settings),
				status: 'draft',
				created_at: c.createdAt,
				updated_at: c.createdAt,
				published_at: null,
				closed_early_at: null,
				version: 1
			})
			.onConflict((oc) => oc.doNothing())
			.returning('id')
			.executeTakeFirst();
		return claimed !== undefined;
	}

	/** One contest by id or slug, within an organisation when `orgId` is given. */
	private async oneContest(
		by: { id: string } | { slug: string },
		orgId?: string
	): Promise<ContestRecord | null> {
		let q = this.db.selectFrom('contests').selectAll();
		q = 'id' in by ? q.where('id', '=', by.id) : q.where('slug', '=', by.slug);
		if (orgId !== undefined) q = q.where('org_id', '=', orgId);
		const row = await q.executeTakeFirst();
		return row ? toContest(row) : null;
	}

	getContest(id: string, scope: ContestScope): Promise<ContestRecord | null> {
		return this.oneContest({ id }, scope.orgId);
	}

	getContestBySlug(slug: string): Promise<ContestRecord | null> {
		return this.oneContest({ slug });
	}

	getContestById(id: string): Promise<ContestRecord | null> {
		return this.oneContest({ id });
	}

	async setQuestions(contestId: string, questions: ContestQuestion[]): Promise<void> {
		await this.db.transaction().execute(async (trx) => {
			await trx.deleteFrom('contest_questions').where('contest_id', '=', contestId).execute();
			await insertInChunks(
				trx,
				this.kind,
				'contest_questions',
				questions.map((q) => ({
					contest_id: contestId,
					id: q.id,
					question: JSON.stringify(q.question)
				}))
			);
		});
	}

	async contestQuestions(contestId: string): Promise<ContestQuestion[]> {
		const rows = await this.db
			.selectFrom('contest_questions')
			.select(['id', 'question'])
			.where('contest_id', '=', contestId)
			.orderBy('id')
			.execute();
		return rows.map((r) => ({ id: r.id, question: JSON.parse(r.question) as Question }));
	}

	async listContests(scope: ContestScope, limit: number): Promise<ContestRecord[]> {
		const rows = await this.db
			.selectFrom('contests')
			.selectAll()
			.where('org_id', '=', scope.orgId)
			.orderBy('created_at', 'desc')
			.orderBy('id', 'desc')
			.limit(limit)
			.execute();
		return rows.map(toContest);
	}

	async updateContest(
		id: string,
		scope: ContestScope,
		expected: number,
		next: Pick<ContestRecord, 'settings' | 'status' | 'publishedAt' | 'closedEarlyAt'>,
		now: number
	): Promise<ContestRecord | null> {
		const row = await this.db
			.updateTable('contests')
			.set((eb) => ({
				settings: JSON.stringify(next.settings),
				status: next.status,
				published_at: next.publishedAt,
				closed_early_at: next.closedEarlyAt,
				updated_at: now,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', id)
			.where('org_id', '=', scope.orgId)
			.where('version', '=', expected)
			.returningAll()
			.executeTakeFirst();
		return row ? toContest(row) : null;
	}

	async deleteDraft(id: string, scope: ContestScope): Promise<boolean> {
		return this.db.transaction().execute(async (trx) => {
			const result = await trx
				.deleteFrom('contests')
				.where('id', '=', id)
				.where('org_id', '=', scope.orgId)
				.where(({ not, exists, selectFrom }) =>
					not(
						exists(
							selectFrom('contest_participants')
								.select('id')
								.where('contest_participants.contest_id', '=', id)
						)
					)
				)
				.executeTakeFirst();
			if (!touchedAny(result)) return false;
			await trx.deleteFrom('contest_units').where('contest_id', '=', id).execute();
			await trx.deleteFrom('contest_questions').where('contest_id', '=', id).execute();
			return true;
		});
	}

	// --- units and rosters ---

	async setUnits(contestId: string, units: ContestUnit[]): Promise<void> {
		await this.db.transaction().execute(async (trx) => {
			await trx.deleteFrom('contest_units').where('contest_id', '=', contestId).execute();
			await insertInChunks(
				trx,
				this.kind,
				'contest_units',
				units.map((u) => ({ contest_id: contestId, name: u.name, headcount: u.headcount }))
			);
		});
	}

	async listUnits(contestId: string): Promise<ContestUnit[]> {
		const rows = await this.db
			.selectFrom('contest_units')
			.select(['name', 'headcount'])
			.where('contest_id', '=', contestId)
			.execute();
		return rows
			.map((r) => ({ name: r.name, headcount: r.headcount === null ? null : Number(r.headcount) }))
			.sort((a, b) => compareText(a.name, b.name));
	}

	async setRoster(orgId: string, rows: RosterRow[]): Promise<void> {
		await this.db.transaction().execute(async (trx) => {
			await trx.deleteFrom('org_roster').where('org_id', '=', orgId).execute();
			await insertInChunks(
				trx,
				this.kind,
				'org_roster',
				rows.map((r) => ({ org_id: orgId, employee_no: r.employeeNo, name: r.name, unit: r.unit }))
			);
		});
	}

	async findRosterRow(orgId: string, employeeNo: string): Promise<RosterRow | null> {
		const row = await this.db
			.selectFrom('org_roster')
			.select(['employee_no', 'name', 'unit'])
			.where('org_id', '=', orgId)
			.where('employee_no', '=', employeeNo)
			.executeTakeFirst();
		return row ? { employeeNo: row.employee_no, name: row.name, unit: row.unit } : null;
	}

	async rosterUnits(orgId: string): Promise<ContestUnit[]> {
		const rows = await this.db
			.selectFrom('org_roster')
			.select((eb) => ['unit', eb.fn.countAll().as('n')])
			.where('org_id', '=', orgId)
			.groupBy('unit')
			.execute();
		return rows
			.map((r) => ({ name: r.unit, headcount: Number(r.n) }))
			.sort((a, b) => compareText(a.name, b.name));
	}

	async rosterSize(orgId: string): Promise<number> {
		const row = await this.db
			.selectFrom('org_roster')
			.select((eb) => eb.fn.countAll().as('n'))
			.where('org_id', '=', orgId)
			.executeTakeFirstOrThrow();
		return Number(row.n);
	}

	// --- participants ---

	async createParticipant(p: NewParticipant): Promise<CreateParticipantOutcome> {
		try {
			return await this.db.transaction().execute(async (trx) => {
				const clash = await clashOf(trx, p);
				if (clash) return clash;
				const inviter =
					p.invitedBy === null
						? undefined
						: await trx
								.selectFrom('contest_participants')
								.select('id')
								.where('id', '=', p.invitedBy)
								.where('contest_id', '=', p.contestId)
								.executeTakeFirst();
				// An inviter who is not of this contest (a forged or stale link) is not recorded.
				const invitedBy = inviter?.id ?? null;
				const row = await trx
					.insertInto('contest_participants')
					.values(participantRow(p, invitedBy))
					.returningAll()
					.executeTakeFirstOrThrow();
				if (invitedBy !== null) {
					await trx
						.insertInto('contest_invites')
						.values({
							invitee_id: p.id,
							contest_id: p.contestId,
							inviter_id: invitedBy,
							day: p.day
						})
						.execute();
				}
				return { ok: true, participant: toParticipant(row) };
			});
		} catch (e) {
			// Two entries with one phone at once: the loser's insert hits the unique constraint after
			// its select found nothing; the winner's row is committed by then.
			if (!isUniqueViolation(e)) throw e;
			const clash = await clashOf(this.db, p);
			if (clash) return clash;
			throw e;
		}
	}

	async getParticipant(contestId: string, id: string): Promise<ParticipantRecord | null> {
		const row = await this.db
			.selectFrom('contest_participants')
			.selectAll()
			.where('contest_id', '=', contestId)
			.where('id', '=', id)
			.executeTakeFirst();
		return row ? toParticipant(row) : null;
	}

	async participantsByIds(contestId: string, ids: readonly string[]): Promise<ParticipantRecord[]> {
		if (ids.length === 0) return [];
		const out: ParticipantRecord[] = [];
		// A page of a board or an export asks for a few hundred at most; chunks keep any call within
		// the databases' parameter limits.
		for (let i = 0; i < ids.length; i += 500) {
			const rows = await this.db
				.selectFrom('contest_participants')
				.selectAll()
				.where('contest_id', '=', contestId)
				.where('id', 'in', ids.slice(i, i + 500))
				.execute();
			out.push(...rows.map(toParticipant));
		}
		return out;
	}

	async participantsPage(
		contestId: string,
		afterId: string,
		limit: number
	): Promise<ParticipantRecord[]> {
		const rows = await this.db
			.selectFrom('contest_participants')
			.selectAll()
			.where('contest_id', '=', contestId)
			.where('id', '>', afterId)
			.orderBy('id')
			.limit(limit)
			.execute();
		return rows.map(toParticipant);
	}

	async invitesOn(contestId: string, participantId: string, day: string): Promise<number> {
		return countInvites(this.db, contestId, participantId, day);
	}

	// --- attempts ---

	async startAttempt(input: StartAttemptInput): Promise<StartAttemptOutcome> {
		return this.db.transaction().execute(async (trx): Promise<StartAttemptOutcome> => {
			const participant = await lockParticipant(trx, input.contestId, input.participantId);
			if (!participant) return { ok: false, decision: null, reason: 'NO_PARTICIPANT' };

			// An open attempt not yet due is resumed; one past its deadline does not block (the
			// service closes it separately).
			const open = await trx
				.selectFrom('contest_attempts')
				.selectAll()
				.where('participant_id', '=', input.participantId)
				.where('status', '=', 'open')
				.where('deadline', '>', input.now)
				.orderBy('started_at', 'desc')
				.executeTakeFirst();
			if (open) return { ok: true, resumed: true, record: toAttempt(open) };

			const startedToday = await countStartedOn(
				trx,
				input.contestId,
				input.participantId,
				input.day
			);
			const invitesToday = await countInvites(trx, input.contestId, input.participantId, input.day);
			const decision = mayStartAttempt(
				input.window,
				input.rules,
				{ startedToday, startedTotal: Number(participant.started_total), invitesToday },
				input.now
			);
			if (!decision.ok) return { ok: false, decision };

			const row = await trx
				.insertInto('contest_attempts')
				.values({
					id: input.id,
					contest_id: input.contestId,
					participant_id: input.participantId,
					day: input.day,
					...attemptColumns(input.attempt),
					score: null,
					correct: null,
					time_ms: null,
					too_fast: 0,
					ip: input.ip,
					user_agent: input.userAgent,
					version: 1
				})
				.returningAll()
				.executeTakeFirstOrThrow();
			await trx
				.updateTable('contest_participants')
				.set((eb) => ({ started_total: eb('started_total', '+', 1) }))
				.where('id', '=', input.participantId)
				.execute();
			return { ok: true, record: toAttempt(row), decision };
		});
	}

	async getAttempt(contestId: string, id: string): Promise<AttemptRecord | null> {
		const row = await this.db
			.selectFrom('contest_attempts')
			.selectAll()
			.where('contest_id', '=', contestId)
			.where('id', '=', id)
			.executeTakeFirst();
		return row ? toAttempt(row) : null;
	}

	async attemptsOf(
		contestId: string,
		participantId: string,
		limit: number
	): Promise<AttemptRecord[]> {
		const rows = await this.db
			.selectFrom('contest_attempts')
			.selectAll()
			.where('participant_id', '=', participantId)
			.where('contest_id', '=', contestId)
			.orderBy('started_at', 'desc')
			.orderBy('id', 'desc')
			.limit(limit)
			.execute();
		return rows.map(toAttempt);
	}

	async startedOn(contestId: string, participantId: string, day: string): Promise<number> {
		return countStartedOn(this.db, contestId, participantId, day);
	}

	async casAttempt(id: string, expected: number, next: AttemptRecord['attempt']) {
		const row = await this.db
			.updateTable('contest_attempts')
			.set((eb) => ({
				attempt: JSON.stringify(next),
				status: next.status,
				deadline: next.deadline,
				ended_at: next.endedAt,
				end_reason: next.endReason,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', id)
			.where('version', '=', expected)
			.where('status', '=', 'open')
			.returningAll()
			.executeTakeFirst();
		return row ? toAttempt(row) : null;
	}

	async finishAttempt(input: FinishAttemptInput): Promise<FinishAttemptOutcome> {
		if (input.attempt.status === 'open') {
			throw new Error(`finishAttempt ${input.id}: the attempt given is still open`);
		}
		return this.db.transaction().execute(async (trx): Promise<FinishAttemptOutcome> => {
			const ended = await trx
				.updateTable('contest_attempts')
				.set((eb) => ({
					...attemptColumns(input.attempt),
					score: input.score,
					correct: input.correct,
					time_ms: input.timeMs,
					too_fast: input.tooFast ? 1 : 0,
					version: eb('version', '+', 1)
				}))
				.where('id', '=', input.id)
				.where('version', '=', input.version)
				.where('status', '=', 'open')
				.returning(['contest_id', 'participant_id'])
				.executeTakeFirst();
			if (!ended) {
				const exists = await trx
					.selectFrom('contest_attempts')
					.select('id')
					.where('id', '=', input.id)
					.executeTakeFirst();
				return { ok: false, reason: exists ? 'STALE' : 'NOT_FOUND' };
			}
			await insertInChunks(
				trx,
				this.kind,
				'contest_answers',
				input.answers.map((a) => ({
					attempt_id: input.id,
					idx: a.index,
					contest_id: ended.contest_id,
					question_id: a.questionId,
					answer: a.answer,
					is_right: a.right ? 1 : 0,
					at: a.at
				}))
			);
			const participant = await lockParticipant(trx, ended.contest_id, ended.participant_id);
			if (!participant) {
				throw new Error(`finishAttempt ${input.id}: participant ${ended.participant_id} is gone`);
			}
			const before = pointsOf(participant);
			const after = addAttempt(input.mode, before, { score: input.score, timeMs: input.timeMs });
			const moved = await trx
				.updateTable('contest_participants')
				.set({ points: after.points, time_ms: after.timeMs, attempts: after.attempts })
				.where('id', '=', ended.participant_id)
				.returningAll()
				.executeTakeFirstOrThrow();
			return { ok: true, before, after, participant: toParticipant(moved) };
		});
	}

	async dueAttempts(now: number, limit: number): Promise<AttemptRecord[]> {
		const rows = await this.db
			.selectFrom('contest_attempts')
			.selectAll()
			.where('status', '=', 'open')
			.where('deadline', '<=', now)
			.orderBy('deadline')
			.orderBy('id')
			.limit(limit)
			.execute();
		return rows.map(toAttempt);
	}

	async attemptsPage(contestId: string, afterId: string, limit: number): Promise<AttemptRecord[]> {
		const rows = await this.db
			.selectFrom('contest_attempts')
			.selectAll()
			.where('contest_id', '=', contestId)
			.where('id', '>', afterId)
			.orderBy('id')
			.limit(limit)
			.execute();
		return rows.map(toAttempt);
	}

	async answersOf(attemptId: string): Promise<AnswerRow[]> {
		const rows = await this.db
			.selectFrom('contest_answers')
			.select(['idx', 'question_id', 'answer', 'is_right', 'at'])
			.where('attempt_id', '=', attemptId)
			.orderBy('idx')
			.execute();
		return rows.map((r) => ({
			index: Number(r.idx),
			questionId: r.question_id,
			answer: r.answer,
			right: Number(r.is_right) === 1,
			at: r.at === null ? null : Number(r.at)
		}));
	}

	async flaggedAttempts(contestId: string, limit: number): Promise<AttemptRecord[]> {
		const rows = await this.db
			.selectFrom('contest_attempts')
			.selectAll()
			.where('contest_id', '=', contestId)
			.where('status', '!=', 'open')
			.where((eb) => eb.or([eb('too_fast', '=', 1), eb('end_reason', '=', 'visibility')]))
			.orderBy('ended_at', 'desc')
			.orderBy('id', 'desc')
			.limit(limit)
			.execute();
		return rows.map(toAttempt);
	}

	// --- figures ---

	async counts(contestId: string): Promise<ContestCounts> {
		const participants = await this.db
			.selectFrom('contest_participants')
			.select((eb) => eb.fn.countAll().as('n'))
			.where('contest_id', '=', contestId)
			.executeTakeFirstOrThrow();
		const attempts = await this.db
			.selectFrom('contest_attempts')
			.select((eb) => {
				const finished = eb('status', '!=', 'open');
				const flagged = eb.and([
					finished,
					eb.or([eb('too_fast', '=', 1), eb('end_reason', '=', 'visibility')])
				]);
				return [
					eb.fn.countAll().as('started'),
					eb.fn.sum(eb.case().when(finished).then(1).else(0).end()).as('finished'),
					eb.fn.sum(eb.case().when(flagged).then(1).else(0).end()).as('flagged')
				];
			})
			.where('contest_id', '=', contestId)
			.executeTakeFirstOrThrow();
		// SUM over no rows is NULL: Number(null) is 0.
		return {
			participants: Number(participants.n),
			attemptsStarted: Number(attempts.started),
			attemptsFinished: Number(attempts.finished),
			flagged: Number(attempts.flagged)
		};
	}

	async hourly(contestId: string, from: number, to: number): Promise<HourBucket[]> {
		const [joined, started, finished] = await Promise.all([
			this.perHour('contest_participants', 'created_at', contestId, from, to, false),
			this.perHour('contest_attempts', 'started_at', contestId, from, to, false),
			this.perHour('contest_attempts', 'ended_at', contestId, from, to, true)
		]);
		const buckets = new Map<number, HourBucket>();
		const at = (bucket: number): HourBucket => {
			let b = buckets.get(bucket);
			if (!b) {
				b = {
					hourStart: bucket * HOUR_MS - SHANGHAI_OFFSET_MS,
					newParticipants: 0,
					attemptsStarted: 0,
					attemptsFinished: 0
				};
				buckets.set(bucket, b);
			}
			return b;
		};
		for (const [bucket, n] of joined) at(bucket).newParticipants = n;
		for (const [bucket, n] of started) at(bucket).attemptsStarted = n;
		for (const [bucket, n] of finished) at(bucket).attemptsFinished = n;
		return [...buckets.values()].sort((a, b) => a.hourStart - b.hourStart);
	}

	/**
	 * Rows per Shanghai hour of one time column in [from, to). The bucket is integer division of
	 * bigints, which truncates alike in both databases (times are positive, so it is the floor).
	 */
	private async perHour(
		table: 'contest_participants' | 'contest_attempts',
		column: 'created_at' | 'started_at' | 'ended_at',
		contestId: string,
		from: number,
		to: number,
		finishedOnly: boolean
	): Promise<[number, number][]> {
		const col = sql.ref(`${table}.${column}`);
		const bucket = sql<number>`(${col} + ${sql.lit(SHANGHAI_OFFSET_MS)}) / ${sql.lit(HOUR_MS)}`;
		let q = this.db
			.selectFrom(table)
			.select((eb) => [bucket.as('bucket'), eb.fn.countAll().as('n')])
			.where(sql.ref(`${table}.contest_id`), '=', contestId)
			.where(col, '>=', from)
			.where(col, '<', to);
		if (finishedOnly) q = q.where(sql.ref(`${table}.status`), '!=', 'open');
		const rows = await q.groupBy(bucket).execute();
		return rows.map((r) => [Number(r.bucket), Number(r.n)]);
	}

	async questionStats(contestId: string): Promise<QuestionStat[]> {
		const rows = await this.db
			.selectFrom('contest_answers')
			.select((eb) => [
				'question_id',
				eb.fn.countAll().as('asked'),
				eb.fn.count('answer').as('answered'),
				eb.fn.sum('is_right').as('right')
			])
			.where('contest_id', '=', contestId)
			.groupBy('question_id')
			.execute();
		return rows
			.map((r) => ({
				questionId: r.question_id,
				asked: Number(r.asked),
				answered: Number(r.answered),
				right: Number(r.right)
			}))
			.sort((a, b) => b.asked - a.asked || compareText(a.questionId, b.questionId));
	}

	async finishedAttemptsPage(
		contestId: string,
		afterAttemptId: string,
		limit: number
	): Promise<(FinishedAttemptRow & { attemptId: string })[]> {
		const rows = await this.db
			.selectFrom('contest_attempts')
			.select(['id', 'participant_id', 'score', 'time_ms'])
			.where('contest_id', '=', contestId)
			.where('status', '!=', 'open')
			.where('id', '>', afterAttemptId)
			.orderBy('id')
			.limit(limit)
			.execute();
		return rows.map((r) => ({
			attemptId: r.id,
			participantId: r.participant_id,
			score: Number(r.score),
			timeMs: Number(r.time_ms)
		}));
	}
}

function countStartedOn(db: Db, contestId: string, participantId: string, day: string) {
	return db
		.selectFrom('contest_attempts')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('participant_id', '=', participantId)
		.where('day', '=', day)
		.where('contest_id', '=', contestId)
		.executeTakeFirstOrThrow()
		.then((r) => Number(r.n));
}

function countInvites(db: Db, contestId: string, participantId: string, day: string) {
	return db
		.selectFrom('contest_invites')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('contest_id', '=', contestId)
		.where('inviter_id', '=', participantId)
		.where('day', '=', day)
		.executeTakeFirstOrThrow()
		.then((r) => Number(r.n));
}
