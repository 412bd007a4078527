// The contest tables' rows as the port's records, and the records as rows. Number() because bigint
// columns arrive as strings from a pg pool without an int8 parser; booleans are 0/1 integers.
import type { Insertable, Selectable } from 'kysely';
import type { Attempt } from '../../../domain/contest/attempt';
import type { ContestSettings } from '../../../domain/contest/settings';
import type { ContestPoints } from '../../../domain/contest/standings';
import type { ContestAttemptsTable, ContestParticipantsTable, ContestsTable } from '../schema';
import type {
	AttemptRecord,
	ContestRecord,
	ContestStatus,
	NewParticipant,
	ParticipantRecord
} from './port';

const time = (v: number | null): number | null => (v === null ? null : Number(v));

export function toContest(r: Selectable<ContestsTable>): ContestRecord {
	return {
		id: r.id,
		slug: r.slug,
		orgId: r.org_id,
		createdBy: r.created_by,
		settings: JSON.parse(r.settings) as ContestSettings,
		status: r.status as ContestStatus,
		createdAt: Number(r.created_at),
		updatedAt: Number(r.updated_at),
		publishedAt: time(r.published_at),
		closedEarlyAt: time(r.closed_early_at),
		version: Number(r.version)
	};
}

export function pointsOf(r: Selectable<ContestParticipantsTable>): ContestPoints {
	return { points: Number(r.points), timeMs: Number(r.time_ms), attempts: Number(r.attempts) };
}

export function toParticipant(r: Selectable<ContestParticipantsTable>): ParticipantRecord {
	return {
		id: r.id,
		contestId: r.contest_id,
		name: r.name,
		phone: r.phone,
		region: r.region,
		unit: r.unit,
		employeeNo: r.employee_no,
		custom: JSON.parse(r.custom) as Record<string, string>,
		createdAt: Number(r.created_at),
		ip: r.ip,
		userAgent: r.user_agent,
		invitedBy: r.invited_by,
		points: pointsOf(r),
		startedTotal: Number(r.started_total)
	};
}

export function participantRow(
	p: NewParticipant,
	invitedBy: string | null
): Insertable<ContestParticipantsTable> {
	return {
		id: p.id,
		contest_id: p.contestId,
		name: p.name,
		phone: p.phone,
		region: p.region,
		unit: p.unit,
		employee_no: p.employeeNo,
		custom: JSON.stringify(p.custom),
		created_at: p.createdAt,
		ip: p.ip,
		user_agent: p.userAgent,
		invited_by: invitedBy,
		points: 0,
		time_ms: 0,
		attempts: 0,
		started_total: 0
	};
}

export function toAttempt(r: Selectable<ContestAttemptsTable>): AttemptRecord {
	return {
		id: r.id,
		contestId: r.contest_id,
		participantId: r.participant_id,
		day: r.day,
		attempt: JSON.parse(r.attempt) as Attempt,
		score: r.score === null ? null : Number(r.score),
		correct: r.correct === null ? null : Number(r.correct),
		tooFast: Number(r.too_fast) === 1,
		ip: r.ip,
		userAgent: r.user_agent,
		version: Number(r.version)
	};
}

/** The columns an Attempt decides, kept beside its JSON so that queries can use them. */
export function attemptColumns(a: Attempt) {
	return {
		attempt: JSON.stringify(a),
		status: a.status,
		started_at: a.startedAt,
		deadline: a.deadline,
		ended_at: a.endedAt,
		end_reason: a.endReason
	};
}
