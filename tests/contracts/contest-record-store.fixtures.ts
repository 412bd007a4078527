// Contests, participants and attempts as the contest record store sees them, built from the domain
// (the settings schema, startAttempt and submit) so that a stored record is one the service makes.
import { startAttempt, submit, type Attempt } from '../../src/lib/domain/contest/attempt';
import { shanghaiDayKey } from '../../src/lib/domain/contest/calendar';
import type { CapRules } from '../../src/lib/domain/contest/caps';
import type { DrawnQuestion } from '../../src/lib/domain/contest/draw';
import { contestSettingsSchema, type ContestSettings } from '../../src/lib/domain/contest/settings';
import type {
	AnswerRow,
	NewContestRecord,
	NewParticipant,
	StartAttemptInput
} from '../../src/lib/server/records/contests/port';

const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** 2026-06-16 10:00 in Shanghai (02:00 UTC): well inside one Shanghai day. */
export const T0 = Date.UTC(2026, 5, 16, 2, 0, 0);
export const ORG_A = 'org-a';
export const ORG_B = 'org-b';
export const CONTEST = 'c1';
export const TOTAL_TIME_S = 150;

export function settings(over: Partial<ContestSettings> = {}): ContestSettings {
	return {
		...contestSettingsSchema.parse({
			title: '测测你的安全力',
			rules: '每天两次，每次 3 题，限时 150 秒。',
			window: { startsAt: T0 - DAY, endsAt: T0 + 10 * DAY },
			draw: { total: 3, bankIds: ['safety-basics'] },
			totalTimeS: TOTAL_TIME_S,
			attemptsPerDay: 2
		}),
		...over
	};
}

export function contestRow(id: string, over: Partial<NewContestRecord> = {}): NewContestRecord {
	return {
		id,
		slug: `anquan-${id}`,
		orgId: ORG_A,
		createdBy: 'user-1',
		settings: settings(),
		createdAt: T0,
		...over
	};
}

export function participant(id: string, over: Partial<NewParticipant> = {}): NewParticipant {
	const createdAt = over.createdAt ?? T0;
	return {
		id,
		contestId: CONTEST,
		createdAt,
		name: `张三${id}`,
		phone: null,
		region: '440305',
		unit: '安监科',
		employeeNo: null,
		custom: { 岗位: '电工 ⚡' },
		ip: '203.0.113.7',
		userAgent: 'Mozilla/5.0 (iPhone) MicroMessenger/8.0',
		invitedBy: null,
		day: shanghaiDayKey(createdAt),
		...over
	};
}

export const DRAWN: DrawnQuestion[] = [
	{ id: 'q-fire', type: 'single', order: [2, 0, 1, 3] },
	{ id: 'q-gas', type: 'multiple', order: [0, 1, 2, 3] },
	{ id: 'q-exit', type: 'truefalse', order: [1, 0] }
];

/** A fresh attempt started at `now`, its deadline TOTAL_TIME_S later. */
export function openAttempt(now: number): Attempt {
	return startAttempt(DRAWN, now, settings());
}

/** The attempt submitted at `at` (with whatever answers it holds). */
export function submitted(attempt: Attempt, at: number): Attempt {
	const step = submit(attempt, at);
	if (!step.ok) throw new Error(`fixture: cannot submit (${step.code})`);
	return step.attempt;
}

export const RULES: CapRules = {
	attemptsPerDay: 2,
	attemptsTotal: null,
	bonusPerInvite: 0,
	bonusPerDayMax: 0
};

/** A start of participant `participantId` at `now` (default T0), attempt id `id`. */
export function startInput(
	id: string,
	participantId: string,
	over: Partial<StartAttemptInput> = {}
): StartAttemptInput {
	const now = over.now ?? T0;
	return {
		contestId: CONTEST,
		participantId,
		id,
		attempt: openAttempt(now),
		day: shanghaiDayKey(now),
		window: settings().window,
		rules: RULES,
		now,
		ip: '203.0.113.7',
		userAgent: 'Mozilla/5.0 (Android)',
		...over
	};
}

/** Answer rows for the three drawn questions: the first right, the second wrong, the third blank. */
export function answerRows(at: number): AnswerRow[] {
	return [
		{ index: 0, questionId: 'q-fire', answer: '{"choices":[2]}', right: true, at: at + 1000 },
		{ index: 1, questionId: 'q-gas', answer: '{"choices":[0,3]}', right: false, at: at + 2000 },
		{ index: 2, questionId: 'q-exit', answer: null, right: false, at: null }
	];
}
