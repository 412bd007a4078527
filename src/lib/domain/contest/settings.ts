// A self-paced contest's configuration, as one zod schema: the create and update forms, the
// protocol and the record store all parse with it, so a rule or a limit changed here (or in
// limits.ts) is changed for every surface. Every refusal carries a Chinese message the organiser
// can act on; the path says which field it is about.
import { z } from 'zod';
import { CONTEST, TEXT_MAX, rangeWords, type IntRange } from '../limits';
import { isWellFormedText } from '../text-safety';

/** A whole number in a range, with messages that name the field. */
function intIn(r: IntRange, label: string) {
	return z
		.number({ error: `${label}需为数字` })
		.int(`${label}需为整数`)
		.min(r.min, `${label}需为 ${rangeWords(r)}`)
		.max(r.max, `${label}需为 ${rangeWords(r)}`);
}

/** Trimmed text of 1..max characters, refusing ill-formed UTF-16 that no page could show. */
function textOf(max: number, label: string) {
	return z
		.string({ error: `${label}需为文本` })
		.trim()
		.min(1, `请填写${label}`)
		.max(max, `${label}最多 ${max} 个字符`)
		.refine(isWellFormedText, `${label}含有无法显示的字符`);
}

// Checks across fields run only once every field passed its own checks, so that one mistake gives
// one message (a bonus out of range is not also "more than the daily cap").
const fieldsValid = { when: (p: { issues: readonly unknown[] }) => p.issues.length === 0 };

// Epoch milliseconds: the window is stored as instants, and pages show it in Asia/Shanghai.
const instant = (label: string) =>
	z
		.number({ error: `${label}需为时间` })
		.int(`${label}需为时间`)
		.min(0, `${label}需为时间`);

const DAY_MS = 86_400_000;

const windowSchema = z
	.object({ startsAt: instant('开始时间'), endsAt: instant('结束时间') })
	.strict()
	.superRefine((w, ctx) => {
		if (w.endsAt <= w.startsAt) {
			ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '结束时间需晚于开始时间' });
		} else if (w.endsAt - w.startsAt > CONTEST.windowMaxDays * DAY_MS) {
			ctx.addIssue({
				code: 'custom',
				path: ['endsAt'],
				message: `比赛时间最长 ${CONTEST.windowMaxDays} 天`
			});
		}
	}, fieldsValid);

const quotaSchema = z
	.object({
		category: textOf(TEXT_MAX.category, '分类'),
		count: intIn(CONTEST.questions, '分类题数')
	})
	.strict();

const mixSchema = z
	.object({
		difficulty: intIn(CONTEST.difficulty, '难度'),
		share: z
			.number({ error: '难度占比需为数字' })
			.min(0, '难度占比需在 0 到 1 之间')
			.max(1, '难度占比需在 0 到 1 之间')
	})
	.strict();

const bankId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, '题库编号不正确');

// Shares are decimals typed by people (0.3, 0.3, 0.4): their float sum is allowed this much slack.
const SHARE_SLACK = 1e-6;

const drawSchema = z
	.object({
		/** Questions in one attempt. */
		total: intIn(CONTEST.questions, '每次答题的题数'),
		/** Questions that must come from a category; the rest come from any category. */
		quotas: z
			.array(quotaSchema)
			.max(CONTEST.quotaCategories, `分类配额最多 ${CONTEST.quotaCategories} 个`)
			.default([]),
		/** The difficulty mix of the questions beyond the quotas; absent: any difficulty. */
		mix: z.array(mixSchema).min(1, '难度比例至少一项').optional(),
		bankIds: z
			.array(bankId)
			.min(CONTEST.banks.min, '请至少选择一个题库')
			.max(CONTEST.banks.max, `题库最多 ${CONTEST.banks.max} 个`)
	})
	.strict()
	.superRefine((d, ctx) => {
		const categories = d.quotas.map((q) => q.category);
		if (new Set(categories).size !== categories.length) {
			ctx.addIssue({ code: 'custom', path: ['quotas'], message: '分类配额不能重复' });
		}
		const quotaSum = d.quotas.reduce((n, q) => n + q.count, 0);
		if (quotaSum > d.total) {
			ctx.addIssue({
				code: 'custom',
				path: ['quotas'],
				message: `分类配额合计 ${quotaSum} 题，超过了每次答题的 ${d.total} 题`
			});
		}
		if (d.mix) {
			const levels = d.mix.map((m) => m.difficulty);
			if (new Set(levels).size !== levels.length) {
				ctx.addIssue({ code: 'custom', path: ['mix'], message: '难度比例中的难度不能重复' });
			}
			const shares = d.mix.reduce((n, m) => n + m.share, 0);
			if (Math.abs(shares - 1) > SHARE_SLACK) {
				ctx.addIssue({ code: 'custom', path: ['mix'], message: '难度比例合计需为 100%' });
			}
		}
		if (new Set(d.bankIds).size !== d.bankIds.length) {
			ctx.addIssue({ code: 'custom', path: ['bankIds'], message: '题库不能重复' });
		}
	}, fieldsValid);

export const FIELD_MODES = ['off', 'optional', 'required'] as const;
export type FieldMode = (typeof FIELD_MODES)[number];
const fieldMode = z.enum(FIELD_MODES, { error: '字段需为 关闭、选填 或 必填' });

const customOptions = z
	.array(textOf(CONTEST.customOption, '选项'))
	.min(CONTEST.customOptions.min, `下拉选项需为 ${rangeWords(CONTEST.customOptions)} 个`)
	.max(CONTEST.customOptions.max, `下拉选项需为 ${rangeWords(CONTEST.customOptions)} 个`)
	.refine((o) => new Set(o).size === o.length, '下拉选项不能重复');

const customField = z.discriminatedUnion(
	'kind',
	[
		z
			.object({
				label: textOf(CONTEST.customLabel, '字段名称'),
				kind: z.literal('text'),
				mode: fieldMode
			})
			.strict(),
		z
			.object({
				label: textOf(CONTEST.customLabel, '字段名称'),
				kind: z.literal('select'),
				options: customOptions,
				mode: fieldMode
			})
			.strict()
	],
	{ error: '自定义字段需为文本或下拉选择' }
);
export type ContestCustomField = z.output<typeof customField>;

const entrySchema = z
	.object({
		name: fieldMode.default('required'),
		region: fieldMode.default('required'),
		unit: fieldMode.default('optional'),
		phone: fieldMode.default('off'),
		employeeNo: fieldMode.default('off'),
		custom: z
			.array(customField)
			.max(CONTEST.customFields, `自定义字段最多 ${CONTEST.customFields} 个`)
			.default([])
			.refine((f) => new Set(f.map((x) => x.label)).size === f.length, '自定义字段名称不能重复')
	})
	.strict();

export const IDENTITY_MODES = ['public', 'roster'] as const;
export const CONTEST_SCORING = ['best', 'sum'] as const;

export const contestSettingsSchema = z
	.object({
		title: textOf(CONTEST.title, '标题'),
		rules: z
			.string({ error: '规则需为文本' })
			.trim()
			.max(CONTEST.rules, `规则最多 ${CONTEST.rules} 个字符`)
			.refine(isWellFormedText, '规则含有无法显示的字符')
			.default(''),
		/** A path on this site (an uploaded image), never another origin: the CSP allows only self. */
		cover: z
			.string({ error: '封面需为站内路径' })
			.max(CONTEST.coverPath, '封面路径过长')
			.regex(/^\/(?!\/)[^\s\\]*$/, '封面需为站内路径，如 /uploads/cover.png')
			.optional(),
		window: windowSchema,
		draw: drawSchema,
		shuffleOptions: z.boolean({ error: '选项乱序需为是或否' }).default(true),
		totalTimeS: intIn(CONTEST.totalTimeS, '总限时（秒）'),
		perQuestionS: intIn(CONTEST.perQuestionS, '每题限时（秒）').optional(),
		attemptsPerDay: intIn(CONTEST.attemptsPerDay, '每日答题次数').default(1),
		attemptsTotal: intIn(CONTEST.attemptsTotal, '总答题次数').optional(),
		/**
		 * Extra attempts a participant earns for each friend invited, at most bonusPerDayMax a day
		 * (the names are those of CapRules in caps.ts).
		 */
		bonusPerInvite: intIn(CONTEST.bonusPerInvite, '每次邀请奖励次数').default(0),
		bonusPerDayMax: intIn(CONTEST.bonusPerDayMax, '每日奖励次数上限').default(0),
		/** Whether a participant's best attempt counts, or the sum of all of them. */
		scoring: z.enum(CONTEST_SCORING, { error: '计分方式需为 最高分 或 累计分' }).default('best'),
		/** Percent of the full 100 points an attempt needs to pass; absent: no pass mark. */
		passMark: intIn(CONTEST.passMark, '及格分').optional(),
		entry: entrySchema.default({
			name: 'required',
			region: 'required',
			unit: 'optional',
			phone: 'off',
			employeeNo: 'off',
			custom: []
		}),
		identity: z.enum(IDENTITY_MODES, { error: '身份方式需为 公开 或 名单' }).default('public'),
		/** Tab or app switches an attempt tolerates; one more submits it. Absent: no limit. */
		visibilityLimit: intIn(CONTEST.visibilityLimit, '切屏次数上限').optional(),
		/** Attempts faster than this per answered question are flagged for the organiser; 0: off. */
		minMsPerQuestion: intIn(CONTEST.minMsPerQuestion, '每题最短用时（毫秒）').default(
			CONTEST.minMsPerQuestion.default
		)
	})
	.strict()
	.superRefine((s, ctx) => {
		const issue = (path: (string | number)[], message: string) =>
			ctx.addIssue({ code: 'custom', path, message });
		if (s.perQuestionS !== undefined && s.perQuestionS > s.totalTimeS) {
			issue(['perQuestionS'], '每题限时不能超过总限时');
		}
		if (s.attemptsTotal !== undefined && s.attemptsTotal < s.attemptsPerDay) {
			issue(['attemptsTotal'], '总答题次数不能少于每日答题次数');
		}
		if (s.bonusPerInvite > 0 && s.bonusPerDayMax < s.bonusPerInvite) {
			issue(['bonusPerDayMax'], '每日奖励次数上限不能少于每次邀请奖励次数');
		}
		if (s.identity === 'roster') {
			// A roster match is employee number + name, and the unit comes from the roster row, so
			// that a participant cannot move points to another department.
			if (s.entry.employeeNo !== 'required') issue(['entry', 'employeeNo'], '名单模式需必填工号');
			if (s.entry.name !== 'required') issue(['entry', 'name'], '名单模式需必填姓名');
			if (s.entry.unit !== 'off')
				issue(['entry', 'unit'], '名单模式的单位取自名单，请关闭单位字段');
		}
	}, fieldsValid);

export type ContestSettings = z.output<typeof contestSettingsSchema>;
export type ContestSettingsInput = z.input<typeof contestSettingsSchema>;
export type ContestDrawSettings = ContestSettings['draw'];
