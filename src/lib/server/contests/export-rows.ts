// The organiser's contest exports, row by row: a participant, an attempt, a unit or region → the
// cells of its row, all text (the writers in export.ts turn the numeric columns into numbers for
// XLSX). Pure, so that a test reads exactly what a file will hold. The organiser exports their own
// records: names and phones are written in full, never masked as the public boards mask them.
import { shanghaiTime } from '../../domain/contest/calendar';
import type { AggregateFigures } from '../../domain/contest/standings';
import { LETTERS } from '../../domain/question';
import { seconds } from '../bank-io/export-cells';
import type { AnswerRow, AttemptRecord, ParticipantRecord } from '../records/contests/port';

/** Region code → "广东省 深圳市 南山区" (RegionIndex.fullName; a test may pass a small table). */
export type RegionNamer = (code: string) => string | null;

export function participantHeader(customLabels: readonly string[]): string[] {
	return [
		'编号',
		'姓名',
		'手机号',
		'地区',
		'单位',
		'工号',
		...customLabels,
		'报名时间',
		'积分',
		'用时（秒）',
		'完成次数',
		'已开始次数',
		'邀请人'
	];
}

export const PARTICIPANT_NUMERIC = ['积分', '用时（秒）', '完成次数', '已开始次数'] as const;

export function participantRow(
	p: ParticipantRecord,
	customLabels: readonly string[],
	regionName: RegionNamer
): string[] {
	return [
		p.id,
		p.name ?? '',
		p.phone ?? '',
		// A code the tree no longer knows is still shown, so the organiser can look it up.
		p.region ? (regionName(p.region) ?? p.region) : '',
		p.unit ?? '',
		p.employeeNo ?? '',
		...customLabels.map((label) => p.custom[label] ?? ''),
		shanghaiTime(p.createdAt),
		String(p.points.points),
		seconds(p.points.timeMs),
		String(p.points.attempts),
		String(p.startedTotal),
		p.invitedBy ?? ''
	];
}

/** An attempt with what its row needs besides itself (the caller joins them page by page). */
export interface AttemptExportItem {
	record: AttemptRecord;
	/** The participant's name and unit; null when the participant is gone. */
	participant: Pick<ParticipantRecord, 'name' | 'unit'> | null;
	/** Its answer rows (empty while it is open). */
	answers: readonly AnswerRow[];
}

/** `questions` columns 第1题 … 第N题: the most questions an attempt of the contest holds. */
export function attemptHeader(questions: number): string[] {
	return [
		'答题编号',
		'参与者编号',
		'姓名',
		'单位',
		'开始时间',
		'结束时间',
		'状态',
		'得分',
		'答对',
		'题数',
		'用时（秒）',
		'切屏次数',
		'用时过短',
		'IP',
		'User-Agent',
		...Array.from({ length: questions }, (_, i) => `第${i + 1}题`)
	];
}

export const ATTEMPT_NUMERIC = ['得分', '答对', '题数', '用时（秒）', '切屏次数'] as const;

export function attemptStatus(record: AttemptRecord): string {
	const a = record.attempt;
	if (a.status === 'open') return '进行中';
	if (a.status === 'expired') return '超时';
	return a.endReason === 'visibility' ? '切屏提交' : '已提交';
}

/** A stored answer for a person: letters for choices (对/错 for true/false), the text for fill-in. */
export function answerText(saved: unknown, type: string | undefined): string {
	if (typeof saved === 'string') return saved;
	if (saved === null || typeof saved !== 'object') return '';
	const choices = Array.isArray(saved) ? saved : (saved as { choices?: unknown }).choices;
	if (Array.isArray(choices)) {
		const indexes = choices.filter((c): c is number => typeof c === 'number');
		if (type === 'truefalse') return indexes.map((c) => (c === 0 ? '对' : '错')).join('');
		return indexes.map((c) => LETTERS[c] ?? `?${c}`).join('');
	}
	const text = (saved as { text?: unknown }).text;
	return typeof text === 'string' ? text : '';
}

function parseSaved(json: string | null): unknown {
	if (json === null) return null;
	try {
		return JSON.parse(json);
	} catch {
		// A row written by some other version: show it as it is rather than lose it.
		return json;
	}
}

/** "题目编号: 答案 ✓/✗" per question position; an open attempt shows its answers so far, unmarked. */
function questionCells(item: AttemptExportItem, columns: number): string[] {
	const { attempt } = item.record;
	const byIndex = new Map(item.answers.map((a) => [a.index, a]));
	return Array.from({ length: columns }, (_, i) => {
		const q = attempt.questions[i];
		const row = byIndex.get(i);
		if (row) {
			const text = answerText(parseSaved(row.answer), q?.type) || '未作答';
			return `${row.questionId}: ${text} ${row.right ? '✓' : '✗'}`;
		}
		if (!q) return '';
		const saved = attempt.answers[i];
		return `${q.id}: ${saved ? answerText(saved, q.type) : '未作答'}`;
	});
}

export function attemptRow(item: AttemptExportItem, questionColumns: number): string[] {
	const { record } = item;
	const a = record.attempt;
	return [
		record.id,
		record.participantId,
		item.participant?.name ?? '',
		item.participant?.unit ?? '',
		shanghaiTime(a.startedAt),
		a.endedAt === null ? '' : shanghaiTime(a.endedAt),
		attemptStatus(record),
		record.score === null ? '' : String(record.score),
		record.correct === null ? '' : String(record.correct),
		String(a.questions.length),
		a.endedAt === null ? '' : seconds(a.endedAt - a.startedAt),
		String(a.visibilityChanges),
		record.tooFast ? '是' : '否',
		record.ip,
		record.userAgent,
		...questionCells(item, questionColumns)
	];
}

export const AGGREGATE_HEADER = [
	'名称',
	'总积分',
	'参与人数',
	'应参与人数',
	'参与率',
	'人均积分',
	'答题次数'
] as const;

export const AGGREGATE_NUMERIC = [
	'总积分',
	'参与人数',
	'应参与人数',
	'人均积分',
	'答题次数'
] as const;

/** A unit or a region (by its full name) with its figures. */
export interface AggregateExportRow {
	name: string;
	figures: AggregateFigures;
}

/** `45.5%`; not capped at 100% (figures() explains why). */
export function percent(rate: number): string {
	return `${Math.round(rate * 1000) / 10}%`;
}

export function aggregateRow({ name, figures: f }: AggregateExportRow): string[] {
	return [
		name,
		String(f.points),
		String(f.participants),
		f.headcount === null ? '' : String(f.headcount),
		f.rate === null ? '' : percent(f.rate),
		String(Math.round(f.average * 10) / 10),
		String(f.attempts)
	];
}
