// What the contest's pages and endpoints send, built from records: the public information, the
// participant's own view, the result with its review, and board rows (masked names). Pure over
// its arguments; the region names come from the GB/T 2260 index passed in.
import type { Attempt } from '../../domain/contest/attempt';
import type { AttemptResult } from '../../domain/contest/attempt-score';
import { contestQuestionView } from '../../domain/contest/attempt-view';
import { ENTRY_FIELD_KEYS, ENTRY_FIELD_LABELS } from '../../domain/contest/entry-form';
import { maskName } from '../../domain/contest/masking';
import type { RegionIndex, RegionLevel } from '../../domain/contest/regions';
import { figures, type Aggregate, type BoardEntry } from '../../domain/contest/standings';
import type { Question } from '../../domain/question';
import type {
	ContestEntryField,
	ContestGroupFigures,
	ContestHistoryItem,
	ContestIndividualRow,
	ContestPublicInfo,
	ContestRegionName,
	ContestReviewItem
} from '../../protocol';
import type { AttemptRecord, ContestRecord, ParticipantRecord } from '../records/contests/port';

export function publicInfo(c: ContestRecord, units: string[] | null): ContestPublicInfo {
	const s = c.settings;
	const fields: ContestEntryField[] = [];
	for (const key of ENTRY_FIELD_KEYS) {
		const mode = s.entry[key];
		if (mode !== 'off') fields.push({ key, label: ENTRY_FIELD_LABELS[key], mode });
	}
	return {
		slug: c.slug,
		title: s.title,
		rules: s.rules,
		cover: s.cover ?? null,
		startsAt: s.window.startsAt,
		endsAt: s.window.endsAt,
		published: c.status === 'published',
		closedEarly: c.closedEarlyAt !== null,
		questionsPerAttempt: s.draw.total,
		totalTimeS: s.totalTimeS,
		perQuestionS: s.perQuestionS ?? null,
		attemptsPerDay: s.attemptsPerDay,
		attemptsTotal: s.attemptsTotal ?? null,
		bonusPerInvite: s.bonusPerInvite,
		bonusPerDayMax: s.bonusPerDayMax,
		scoring: s.scoring,
		passMark: s.passMark ?? null,
		identity: s.identity,
		visibilityLimit: s.visibilityLimit ?? null,
		fields,
		custom: s.entry.custom
			.filter((f) => f.mode !== 'off')
			.map((f) => ({
				label: f.label,
				kind: f.kind,
				options: f.kind === 'select' ? [...f.options] : [],
				mode: f.mode as 'optional' | 'required'
			})),
		units: s.identity === 'public' && units && units.length > 0 ? units : null
	};
}

export function regionName(regions: RegionIndex, code: string | null): ContestRegionName | null {
	if (code === null) return null;
	return { code, name: regions.fullName(code) ?? code };
}

export function historyItem(r: AttemptRecord): ContestHistoryItem {
	return {
		attemptId: r.id,
		status: r.attempt.status,
		score: r.score,
		correct: r.correct,
		total: r.attempt.questions.length,
		startedAt: r.attempt.startedAt,
		endedAt: r.attempt.endedAt
	};
}

/** The review of an ended attempt: each question as it was shown, with the key and explanation. */
export function review(
	attempt: Attempt,
	result: AttemptResult,
	questions: ReadonlyMap<string, Question>
): ContestReviewItem[] {
	return (result.perQuestion ?? []).map((o) => {
		const q = questions.get(o.id);
		const shown = q ? contestQuestionView(attempt, o.index, q) : null;
		return {
			index: o.index,
			type: attempt.questions[o.index]?.type ?? 'single',
			stem: shown?.stem ?? '',
			options: shown?.options ?? [],
			answer: o.answer,
			correct: o.correct,
			accepted: o.accepted,
			explanation: o.explanation,
			right: o.right
		};
	});
}

export function groupFigures(
	key: string,
	name: string,
	a: Aggregate,
	headcount: number | null
): ContestGroupFigures {
	const f = figures(a, headcount);
	return {
		key,
		name,
		points: f.points,
		participants: f.participants,
		headcount: f.headcount,
		rate: f.rate,
		average: Math.round(f.average * 10) / 10,
		attempts: f.attempts
	};
}

/** The board's name of a unit or region id. */
export function groupName(regions: RegionIndex, kind: 'unit' | RegionLevel, id: string): string {
	return kind === 'unit' ? id : (regions.boardName(kind, id) ?? id);
}

export function individualRow(
	rank: number,
	entry: BoardEntry,
	who: ParticipantRecord | undefined,
	regions: RegionIndex
): ContestIndividualRow {
	return {
		rank,
		name: maskName(who?.name ?? '') || '匿名',
		unit: who?.unit ?? null,
		region: who?.region ? (regions.fullName(who.region) ?? null) : null,
		points: entry.points,
		timeMs: entry.timeMs,
		attempts: entry.attempts
	};
}
