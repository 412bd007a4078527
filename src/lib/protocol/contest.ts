// The self-paced contest's surface (测测你的安全力): plain HTTP, so that any number of stateless
// processes serve one contest. Participants (no account) call /api/contests/[slug]/… under a
// signed identity cookie; every body has a zod schema here and every refusal is
// `{ ok: false, error: { code, message } }` with one of the codes below and a 4xx status.
//
// Nothing a device receives before its attempt ends carries the answer key or anything derived
// from it (attempt-view.ts builds the view field by field); the review comes with the result.
import { z } from 'zod';
import type { AttemptView, ShownAnswer } from '../domain/contest/attempt-view';
import type { EndReason } from '../domain/contest/attempt';
import { CONTEST_CAP_ERRORS } from '../domain/contest/caps';
import type { ContestSettings, FieldMode } from '../domain/contest/settings';
import type { AggregateSort } from '../domain/contest/standings';
import type { QuestionType } from '../domain/question';
import { CONTEST_ENTRY } from '../domain/limits';

export const CONTEST_ERRORS = {
	...CONTEST_CAP_ERRORS,
	CONTEST_NOT_FOUND: '找不到这个活动，请检查链接',
	CONTEST_NOT_PUBLISHED: '活动尚未发布',
	CONTEST_NOT_ENTERED: '请先填写报名信息',
	CONTEST_ENTRY_INVALID: '报名信息不完整或格式不正确',
	CONTEST_ENTERED_ALREADY: '你已报名，无需重复填写',
	CONTEST_PHONE_TAKEN: '该手机号已报名：请填写报名时的姓名，以找回你的参赛记录',
	CONTEST_EMPLOYEE_TAKEN: '该工号已报名：请填写名单上的姓名，以找回你的参赛记录',
	CONTEST_NOT_ON_ROSTER: '工号与姓名不在本单位名单中，请核对后重试',
	CONTEST_TOO_MANY_ENTRIES: '同一网络报名的人数已达上限，请稍后再试',
	CONTEST_ATTEMPT_NOT_FOUND: '找不到这次答题',
	CONTEST_ATTEMPT_CLOSED: '本次答题已结束',
	CONTEST_ATTEMPT_OPEN: '本次答题尚未结束',
	CONTEST_QUESTION_NOT_FOUND: '本次答题没有这道题',
	CONTEST_QUESTION_TIME_UP: '本题时间已到，答案已锁定',
	CONTEST_BAD_ANSWER: '答案格式不正确',
	CONTEST_DRAW_FAILED: '题库中的题目不足，暂不能开始答题，请联系主办方',
	CONTEST_BUSY: '答题人数较多，请稍后重试'
} as const satisfies Record<string, string>;
export type ContestErrorCode = keyof typeof CONTEST_ERRORS;

// --- request bodies ---

const optionalText = (max: number) =>
	z
		.string()
		.max(max * 4)
		.optional();

/** The entry form as sent; the service checks it against the contest's fields (entry-form.ts). */
export const contestEntryBody = z
	.object({
		name: optionalText(CONTEST_ENTRY.name),
		phone: optionalText(CONTEST_ENTRY.phone),
		region: optionalText(CONTEST_ENTRY.region),
		unit: optionalText(CONTEST_ENTRY.unit),
		employeeNo: optionalText(CONTEST_ENTRY.employeeNo),
		custom: z.record(z.string().max(80), z.string().max(CONTEST_ENTRY.custom * 4)).optional(),
		/** The participant id from an invite link (?from=…): their bonus, if the contest gives one. */
		invitedBy: z.string().max(64).optional()
	})
	.strict();
export type ContestEntryBody = z.infer<typeof contestEntryBody>;

/** One answer: the question's index in the attempt and the choices as shown, or the text. */
export const contestAnswerBody = z
	.object({
		index: z.number().int().min(0).max(99),
		answer: z.union([
			z.object({ choices: z.array(z.number().int().min(0).max(9)).min(1).max(10) }).strict(),
			z.object({ text: z.string().max(200) }).strict()
		])
	})
	.strict();
export type ContestAnswerBody = z.infer<typeof contestAnswerBody>;

export const contestShowBody = z.object({ index: z.number().int().min(0).max(99) }).strict();

// --- responses ---

/** The entry form's fields as a device renders them. */
export interface ContestEntryField {
	key: 'name' | 'phone' | 'region' | 'unit' | 'employeeNo';
	label: string;
	mode: Exclude<FieldMode, 'off'>;
}

export interface ContestCustomFieldView {
	label: string;
	kind: 'text' | 'select';
	options: string[];
	mode: Exclude<FieldMode, 'off'>;
}

/** What anyone may read of a contest (the landing page). */
export interface ContestPublicInfo {
	slug: string;
	title: string;
	rules: string;
	cover: string | null;
	startsAt: number;
	endsAt: number;
	published: boolean;
	closedEarly: boolean;
	questionsPerAttempt: number;
	totalTimeS: number;
	perQuestionS: number | null;
	attemptsPerDay: number;
	attemptsTotal: number | null;
	bonusPerInvite: number;
	bonusPerDayMax: number;
	scoring: ContestSettings['scoring'];
	passMark: number | null;
	identity: ContestSettings['identity'];
	visibilityLimit: number | null;
	fields: ContestEntryField[];
	custom: ContestCustomFieldView[];
	/** Units to choose from (public mode with imported units); null: typed freely, or none. */
	units: string[] | null;
}

export type ContestCapView =
	| { ok: true; leftToday: number; leftTotal: number | null }
	| { ok: false; code: keyof typeof CONTEST_CAP_ERRORS; message: string; retryAt: number | null };

export interface ContestRegionName {
	code: string;
	/** 广东省 深圳市 南山区 */
	name: string;
}

/** The participant as they see themselves (their own name in full). */
export interface ContestSelf {
	id: string;
	name: string | null;
	unit: string | null;
	region: ContestRegionName | null;
	points: number;
	timeMs: number;
	attempts: number;
	/** Place on the individual board; null before a finished attempt. */
	rank: number | null;
}

export interface ContestHistoryItem {
	attemptId: string;
	status: 'open' | 'submitted' | 'expired';
	score: number | null;
	correct: number | null;
	total: number;
	startedAt: number;
	endedAt: number | null;
}

export interface ContestMe {
	participant: ContestSelf | null;
	/** Whether a start now would be allowed (null before entering). */
	cap: ContestCapView | null;
	openAttemptId: string | null;
	history: ContestHistoryItem[];
}

export interface ContestLanding {
	contest: ContestPublicInfo;
	me: ContestMe;
	/** The server's clock: countdowns run from it, never from the phone's. */
	now: number;
}

export interface ContestAttemptOpen {
	attemptId: string;
	view: AttemptView;
	now: number;
	/** True when an attempt already running was returned (a reload, a second tap). */
	resumed: boolean;
}

export interface ContestReviewItem {
	index: number;
	type: QuestionType;
	stem: string;
	options: string[];
	answer: ShownAnswer | null;
	/** Right positions as shown (true/false: 0 = 正确); empty for fill-in. */
	correct: number[];
	accepted: string[];
	explanation: string | null;
	right: boolean;
}

/** A unit's or region's figures as the participant's result and the boards show them. */
export interface ContestGroupFigures {
	key: string;
	name: string;
	points: number;
	participants: number;
	headcount: number | null;
	rate: number | null;
	average: number;
	attempts: number;
}

export interface ContestResult {
	attemptId: string;
	status: 'submitted' | 'expired';
	endReason: EndReason;
	score: number;
	correct: number;
	total: number;
	timeUsedMs: number;
	passed: boolean | null;
	review: ContestReviewItem[];
	/** The participant's standing after it (best or sum), and their place. */
	standing: { points: number; timeMs: number; attempts: number; rank: number | null; of: number };
	/** Points this attempt added to the participant's standing (and so to their unit and region). */
	added: number;
	unit: ContestGroupFigures | null;
	region: ContestGroupFigures | null;
}

export type ContestAttemptState =
	{ state: 'open'; open: ContestAttemptOpen } | { state: 'ended'; result: ContestResult };

export const CONTEST_BOARD_KINDS = ['individual', 'unit', 'province', 'city', 'county'] as const;
export type ContestBoardKind = (typeof CONTEST_BOARD_KINDS)[number];
export const CONTEST_BOARD_SORTS = [
	'points',
	'participants',
	'rate',
	'average'
] as const satisfies readonly AggregateSort[];

export interface ContestIndividualRow {
	rank: number;
	/** Masked: 张*. */
	name: string;
	unit: string | null;
	region: string | null;
	points: number;
	timeMs: number;
	attempts: number;
}

export interface ContestGroupRow extends ContestGroupFigures {
	rank: number;
}

export type ContestBoard =
	| { kind: 'individual'; rows: ContestIndividualRow[]; total: number; at: number }
	| {
			kind: Exclude<ContestBoardKind, 'individual'>;
			sort: AggregateSort;
			/** The region the rows are inside (a province's cities…); null: all. */
			within: ContestRegionName | null;
			rows: ContestGroupRow[];
			total: number;
			at: number;
	  };

/** The whole contest's figures (landing page, big screen). */
export interface ContestTotals {
	participants: number;
	attempts: number;
	points: number;
}
