// The Q&A record store on Kysely, sharing the record database (and its portable-SQL rules) with
// the other record stores: one row per event, its archived moderator view kept whole as JSON.
import type { Kysely, Selectable } from 'kysely';
import type { QaModeratorView } from '../../../protocol';
import { touchedAny } from '../query-helpers';
import type { Database, QaEventsTable } from '../schema';
import type { NewQaEventRecord, QaArchive, QaEventRecord, QaRecordStore, QaScope } from './port';

/** Every column but the snapshot, which only getSnapshot reads (it can be large). */
const RECORD_COLUMNS = [
	'code',
	'org_id',
	'title',
	'created_by',
	'created_at',
	'starts_at',
	'ends_at',
	'closed_at',
	'question_count',
	'answered_count',
	'vote_count',
	'asker_count',
	'poll_count'
] as const;

type RecordRow = Pick<Selectable<QaEventsTable>, (typeof RECORD_COLUMNS)[number]> & {
	archived: number | string | boolean;
};

// Number() because bigint columns arrive as strings from a pg pool without an int8 parser.
const time = (v: number | null) => (v === null ? null : Number(v));

function toRecord(r: RecordRow): QaEventRecord {
	return {
		code: r.code,
		orgId: r.org_id,
		title: r.title,
		createdBy: r.created_by,
		createdAt: Number(r.created_at),
		startsAt: time(r.starts_at),
		endsAt: time(r.ends_at),
		closedAt: time(r.closed_at),
		counts: {
			questions: Number(r.question_count),
			answered: Number(r.answered_count),
			votes: Number(r.vote_count),
			askers: Number(r.asker_count),
			polls: Number(r.poll_count)
		},
		archived: Number(r.archived) === 1 || r.archived === true
	};
}

export class KyselyQaRecordStore implements QaRecordStore {
	constructor(private readonly db: Kysely<Database>) {}

	/** The row's columns and whether it holds a snapshot, without reading the snapshot. */
	private records() {
		return this.db
			.selectFrom('qa_events')
			.select((eb) => [
				...RECORD_COLUMNS,
				eb.case().when('snapshot', 'is', null).then(0).else(1).end().as('archived')
			]);
	}

	async createEvent(e: NewQaEventRecord): Promise<boolean> {
		const claimed = await this.db
			.insertInto('qa_events')
			.values({
				code: e.code,
				org_id: e.orgId,
				title: e.title,
				created_by: e.createdBy,
				created_at: e.createdAt,
				starts_at: e.startsAt,
				ends_at: e.endsAt,
				closed_at: null,
				question_count: 0,
				answered_count: 0,
				vote_count: 0,
				asker_count: 0,
				poll_count: 0,
				snapshot: null
			})
			.onConflict((oc) => oc.column('code').doNothing())
			.returning('code')
			.executeTakeFirst();
		return claimed !== undefined;
	}

	async getEvent(code: string, scope: QaScope): Promise<QaEventRecord | null> {
		const row = await this.records()
			.where('code', '=', code)
			.where('org_id', '=', scope.orgId)
			.executeTakeFirst();
		return row ? toRecord(row) : null;
	}

	async listEvents(scope: QaScope, limit: number): Promise<QaEventRecord[]> {
		const rows = await this.records()
			.where('org_id', '=', scope.orgId)
			.orderBy('created_at', 'desc')
			.orderBy('code', 'desc')
			.limit(limit)
			.execute();
		return rows.map(toRecord);
	}

	async archive(code: string, scope: QaScope, a: QaArchive): Promise<boolean> {
		const result = await this.db
			.updateTable('qa_events')
			.set((eb) => ({
				// A re-archive of a closed event (moderators tidying up) keeps when it was closed.
				closed_at: eb.fn.coalesce('closed_at', eb.val(a.closedAt)),
				question_count: a.counts.questions,
				answered_count: a.counts.answered,
				vote_count: a.counts.votes,
				asker_count: a.counts.askers,
				poll_count: a.counts.polls,
				snapshot: JSON.stringify(a.snapshot)
			}))
			.where('code', '=', code)
			.where('org_id', '=', scope.orgId)
			.executeTakeFirst();
		return touchedAny(result);
	}

	async reopen(code: string, scope: QaScope): Promise<boolean> {
		const result = await this.db
			.updateTable('qa_events')
			.set({ closed_at: null })
			.where('code', '=', code)
			.where('org_id', '=', scope.orgId)
			.executeTakeFirst();
		return touchedAny(result);
	}

	async getSnapshot(code: string, scope: QaScope): Promise<QaModeratorView | null> {
		const row = await this.db
			.selectFrom('qa_events')
			.select('snapshot')
			.where('code', '=', code)
			.where('org_id', '=', scope.orgId)
			.executeTakeFirst();
		return row?.snapshot ? (JSON.parse(row.snapshot) as QaModeratorView) : null;
	}

	async deleteEvent(code: string, scope: QaScope): Promise<boolean> {
		const result = await this.db
			.deleteFrom('qa_events')
			.where('code', '=', code)
			.where('org_id', '=', scope.orgId)
			.executeTakeFirst();
		return touchedAny(result);
	}

	async ownerOf(code: string): Promise<string | null> {
		const row = await this.db
			.selectFrom('qa_events')
			.select('org_id')
			.where('code', '=', code)
			.executeTakeFirst();
		return row?.org_id ?? null;
	}
}
