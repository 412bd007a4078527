// Form parsing for the quiz's contest-day format (赛制 and 队伍): indexed fields in, the quiz's rounds
// and teams validated with the whole quiz out, or Chinese errors keyed by the field they sit beside
// ("rounds.1.count", "teams.0.name", "rounds" for the sum). Pure, so the page shares the names.
import type { z } from 'zod';
import { quizSchema, type Quiz } from '$lib/domain/question';
import {
	ROUND_PLAYERS,
	ROUND_TYPES,
	ROUNDS_MAX,
	STAKE_MAX,
	TEAM_NAME_MAX,
	TEAMS_MAX,
	type Round,
	type TeamsSettings
} from '$lib/domain/rounds/plan';
import type { FieldErrors, Parsed } from './quiz-forms';

/** How the quiz forms its teams: none, the listed names, or the organisation's departments. */
export const TEAM_MODES = ['none', 'list', 'departments'] as const;
export type TeamMode = (typeof TEAM_MODES)[number];

export interface ContestFormat {
	rounds?: Round[];
	teams?: TeamsSettings;
}

function str(form: FormData, key: string): string {
	const v = form.get(key);
	return typeof v === 'string' ? v.trim() : '';
}

/** Blank is absent; anything else must be a number (NaN fails validation at its field). */
function num(form: FormData, key: string): number | undefined {
	const v = str(form, key);
	return v === '' ? undefined : Number(v);
}

const on = (form: FormData, key: string) => form.get(key) === 'on' || form.get(key) === 'true';

/** "10,20，30 、40" → [10, 20, 30, 40]; anything not a number stays NaN so that it is refused. */
export function stakeList(text: string): number[] {
	return text
		.split(/[\s,，、;；]+/)
		.filter(Boolean)
		.map(Number);
}

function roundInput(form: FormData, i: number): Record<string, unknown> {
	const p = `rounds.${i}.`;
	const type = str(form, p + 'type');
	const raw: Record<string, unknown> = {
		type,
		count: num(form, p + 'count') ?? Number.NaN,
		players: str(form, p + 'players') || 'everyone'
	};
	const title = str(form, p + 'title');
	if (title) raw.title = title;
	if (type === 'buzz') {
		const buzz: Record<string, unknown> = {
			armSec: num(form, p + 'armSec'),
			openSec: num(form, p + 'openSec'),
			answerSec: num(form, p + 'answerSec'),
			earlyPenalty: num(form, p + 'earlyPenalty'),
			passOnWrong: on(form, p + 'passOnWrong'),
			oral: on(form, p + 'oral')
		};
		for (const k of Object.keys(buzz)) if (buzz[k] === undefined) delete buzz[k];
		raw.buzz = buzz;
	}
	if (type === 'wager') {
		const stakes = str(form, p + 'stakes');
		if (stakes) raw.stakes = stakeList(stakes);
	}
	return raw;
}

/** The raw rounds and teams a contest form describes, before validation. */
export function contestInput(form: FormData): { rounds?: unknown[]; teams?: unknown } {
	const rounds: unknown[] = [];
	// One past the limit is read, so that too many rounds is refused rather than cut.
	for (let i = 0; i <= ROUNDS_MAX && form.has(`rounds.${i}.type`); i++) {
		rounds.push(roundInput(form, i));
	}
	const mode = str(form, 'teams.mode');
	let teams: unknown;
	if (mode === 'list' || mode === 'departments') {
		const list: unknown[] = [];
		if (mode === 'list') {
			for (let i = 0; i <= TEAMS_MAX && form.has(`teams.${i}.name`); i++) {
				const name = str(form, `teams.${i}.name`);
				const headcount = num(form, `teams.${i}.headcount`);
				// A row left wholly blank is a row not used, not an error.
				if (!name && headcount === undefined) continue;
				list.push({ name, ...(headcount !== undefined ? { headcount } : {}) });
			}
		}
		teams = {
			scoring: str(form, 'teams.scoring') || 'sum',
			list,
			fromDepartments: mode === 'departments',
			fromRoster: form.get('teams.fromRoster') === 'on'
		};
	}
	return {
		...(rounds.length > 0 ? { rounds } : {}),
		...(teams !== undefined ? { teams } : {})
	};
}

const BUZZ_MESSAGES: Record<string, string> = {
	armSec: '准备倒计时需为 0 到 10 之间的整数（秒）',
	openSec: '抢答时限需为 3 到 120 之间的整数（秒）',
	answerSec: '作答时限需为 3 到 120 之间的整数（秒）',
	earlyPenalty: `提前抢答扣分需为 0 到 ${STAKE_MAX} 之间的整数`
};

function roundIssue(issue: z.core.$ZodIssue, i: number): [string, string] {
	const [, , field, sub] = issue.path;
	const at = `rounds.${i}.`;
	switch (field) {
		case 'type':
			// The schema's own Chinese messages (加赛须是最后一轮, 需要先设置队伍) are for the host.
			return [at + 'type', issue.code === 'custom' ? issue.message : '请选择轮次类型'];
		case 'title':
			return [at + 'title', '轮次名称最多 30 字'];
		case 'count':
			return [at + 'count', '题数需为正整数'];
		case 'players':
			return [at + 'players', '请选择作答对象'];
		case 'buzz':
			return [`${at}${String(sub)}`, BUZZ_MESSAGES[String(sub)] ?? '抢答设置不正确'];
		case 'stakes':
			return [
				at + 'stakes',
				issue.code === 'custom'
					? issue.message
					: `请填写 1 到 5 个分值（1 到 ${STAKE_MAX} 的整数，用逗号分隔）`
			];
		default:
			return [at + 'type', '这一轮的设置不正确'];
	}
}

function teamIssue(issue: z.core.$ZodIssue): [string, string] {
	const [, field, i, sub] = issue.path;
	if (field === 'scoring') return ['teams.scoring', '请选择计分方式'];
	if (field === 'list' && typeof i === 'number') {
		if (sub === 'headcount') return [`teams.${i}.headcount`, '人数需为正整数，可以留空'];
		return [
			`teams.${i}.name`,
			issue.code === 'too_big' ? `队名最多 ${TEAM_NAME_MAX} 字` : '请填写队名'
		];
	}
	if (field === 'list') {
		return ['teams', issue.code === 'too_big' ? `最多 ${TEAMS_MAX} 个队伍` : issue.message];
	}
	return ['teams', '队伍设置不正确'];
}

function contestIssue(issue: z.core.$ZodIssue): [string, string] | null {
	const [field, i] = issue.path;
	if (field === 'rounds') {
		if (typeof i === 'number') return roundIssue(issue, i);
		if (issue.code === 'too_big') return ['rounds', `最多 ${ROUNDS_MAX} 轮`];
		return ['rounds', issue.message];
	}
	if (field === 'teams') return teamIssue(issue);
	return null;
}

/**
 * The quiz with the form's rounds and teams in place of its own, validated as a whole (the counts
 * must add up to its questions). Issues elsewhere in the quiz land on "form".
 */
export function parseContest(form: FormData, quiz: Quiz): Parsed<Quiz> {
	const input = contestInput(form);
	const { rounds: _r, teams: _t, ...rest } = quiz;
	const parsed = quizSchema.safeParse({ ...rest, ...input });
	if (parsed.success) return { ok: true, value: parsed.data };
	const errors: FieldErrors = {};
	for (const issue of parsed.error.issues) {
		const [field, message] = contestIssue(issue) ?? ['form', '测验内容不正确'];
		errors[field] ??= message;
	}
	return { ok: false, errors };
}

/** 1-based question numbers each round covers, in order ("第 1–5 题"); counts not yet valid give null. */
export function roundSpans(counts: readonly number[]): ({ from: number; to: number } | null)[] {
	let next = 1;
	return counts.map((c) => {
		if (!Number.isInteger(c) || c < 1) return null;
		const span = { from: next, to: next + c - 1 };
		next += c;
		return span;
	});
}

export { ROUND_PLAYERS, ROUND_TYPES };

/**
 * The rounds after a question is added at the end or removed, so that their counts still add up:
 * a new question joins the last round; a removed one leaves its round, and a round left empty goes.
 */
export function roundsAfter(
	rounds: readonly Round[] | undefined,
	change: { added: true } | { removed: number }
): Round[] | undefined {
	if (!rounds || rounds.length === 0) return rounds ? [...rounds] : undefined;
	if ('added' in change) {
		return rounds.map((r, i) => (i === rounds.length - 1 ? { ...r, count: r.count + 1 } : r));
	}
	let start = 0;
	const next: Round[] = [];
	for (const r of rounds) {
		const inside = change.removed >= start && change.removed < start + r.count;
		start += r.count;
		if (!inside) next.push(r);
		else if (r.count > 1) next.push({ ...r, count: r.count - 1 });
	}
	return next.length > 0 ? next : undefined;
}
