// The contest settings schema: what an organiser's form may save, with the Chinese message and the
// field each refusal points at.
import { describe, expect, it } from 'vitest';
import { contestSettingsSchema, type ContestSettingsInput } from '$lib/domain/contest/settings';
import { CONTEST } from '$lib/domain/limits';

const HOUR = 3_600_000;

function valid(): ContestSettingsInput {
	return {
		title: '测测你的安全力',
		rules: '每天一次，每次 10 题，限时 150 秒。',
		window: { startsAt: 1_780_000_000_000, endsAt: 1_780_000_000_000 + 30 * 24 * HOUR },
		draw: { total: 10, bankIds: ['safety-basics'] },
		totalTimeS: 150
	};
}

/** The messages of a refused input, keyed by the path of the field they are about. */
function refusals(input: unknown): Record<string, string> {
	const r = contestSettingsSchema.safeParse(input);
	if (r.success) return {};
	return Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('contestSettingsSchema', () => {
	it('fills in the defaults a new contest starts with', () => {
		const s = contestSettingsSchema.parse(valid());
		expect(s).toMatchObject({
			shuffleOptions: true,
			attemptsPerDay: 1,
			bonusPerInvite: 0,
			bonusPerDayMax: 0,
			scoring: 'best',
			identity: 'public',
			minMsPerQuestion: CONTEST.minMsPerQuestion.default,
			draw: { total: 10, quotas: [], bankIds: ['safety-basics'] },
			entry: {
				name: 'required',
				region: 'required',
				unit: 'optional',
				phone: 'off',
				employeeNo: 'off',
				custom: []
			}
		});
		expect(s.passMark).toBeUndefined();
		expect(s.visibilityLimit).toBeUndefined();
	});

	it('keeps a full configuration as given', () => {
		const input: ContestSettingsInput = {
			...valid(),
			cover: '/uploads/cover.png',
			draw: {
				total: 15,
				quotas: [
					{ category: '消防', count: 5 },
					{ category: '交通', count: 5 }
				],
				mix: [
					{ difficulty: 1, share: 0.3 },
					{ difficulty: 2, share: 0.3 },
					{ difficulty: 3, share: 0.4 }
				],
				bankIds: ['a', 'b']
			},
			shuffleOptions: false,
			perQuestionS: 30,
			attemptsPerDay: 2,
			attemptsTotal: 30,
			bonusPerInvite: 1,
			bonusPerDayMax: 3,
			scoring: 'sum',
			passMark: 60,
			entry: {
				name: 'required',
				region: 'required',
				unit: 'required',
				phone: 'optional',
				employeeNo: 'off',
				custom: [
					{
						label: '年龄段',
						kind: 'select',
						options: ['18岁以下', '18–60岁', '60岁以上'],
						mode: 'optional'
					},
					{ label: '职务', kind: 'text', mode: 'off' }
				]
			},
			identity: 'public',
			visibilityLimit: 3,
			minMsPerQuestion: 0
		};
		expect(contestSettingsSchema.parse(input)).toStrictEqual(input);
	});

	it('refuses a window that ends before it starts, or runs longer than allowed', () => {
		const w = valid().window;
		expect(refusals({ ...valid(), window: { ...w, endsAt: w.startsAt } })).toStrictEqual({
			'window.endsAt': '结束时间需晚于开始时间'
		});
		const long = { ...w, endsAt: w.startsAt + (CONTEST.windowMaxDays + 1) * 24 * HOUR };
		expect(refusals({ ...valid(), window: long })).toStrictEqual({
			'window.endsAt': `比赛时间最长 ${CONTEST.windowMaxDays} 天`
		});
	});

	it('refuses quotas beyond the questions per attempt, and repeated categories', () => {
		const draw = {
			total: 5,
			quotas: [
				{ category: '消防', count: 3 },
				{ category: '燃气', count: 3 }
			],
			bankIds: ['a']
		};
		expect(refusals({ ...valid(), draw })).toStrictEqual({
			'draw.quotas': '分类配额合计 6 题，超过了每次答题的 5 题'
		});
		const repeated = { ...draw, total: 10, quotas: [draw.quotas[0], draw.quotas[0]] };
		expect(refusals({ ...valid(), draw: repeated })).toStrictEqual({
			'draw.quotas': '分类配额不能重复'
		});
	});

	it('refuses questions per attempt outside 1–50', () => {
		for (const total of [0, 51, 2.5]) {
			const r = refusals({ ...valid(), draw: { total, bankIds: ['a'] } });
			expect(r['draw.total']).toMatch(/每次答题的题数/);
		}
		expect(refusals({ ...valid(), draw: { total: 51, bankIds: ['a'] } })['draw.total']).toBe(
			'每次答题的题数需为 1 到 50'
		);
	});

	it('accepts a difficulty mix whose decimal shares sum to 1 and refuses one that does not', () => {
		const mix = [
			{ difficulty: 1, share: 0.1 },
			{ difficulty: 2, share: 0.2 },
			{ difficulty: 3, share: 0.7 }
		];
		expect(refusals({ ...valid(), draw: { total: 10, mix, bankIds: ['a'] } })).toStrictEqual({});
		const short = mix.slice(0, 2);
		expect(refusals({ ...valid(), draw: { total: 10, mix: short, bankIds: ['a'] } })).toStrictEqual(
			{
				'draw.mix': '难度比例合计需为 100%'
			}
		);
		const twice = [mix[0], { difficulty: 1, share: 0.9 }];
		expect(refusals({ ...valid(), draw: { total: 10, mix: twice, bankIds: ['a'] } })).toStrictEqual(
			{
				'draw.mix': '难度比例中的难度不能重复'
			}
		);
		const bad = [{ difficulty: 4, share: 1.5 }];
		expect(refusals({ ...valid(), draw: { total: 10, mix: bad, bankIds: ['a'] } })).toStrictEqual({
			'draw.mix.0.difficulty': '难度需为 1 到 3',
			'draw.mix.0.share': '难度占比需在 0 到 1 之间'
		});
	});

	it('refuses a draw without banks', () => {
		expect(refusals({ ...valid(), draw: { total: 10, bankIds: [] } })).toStrictEqual({
			'draw.bankIds': '请至少选择一个题库'
		});
	});

	it('refuses times, attempts and bonuses outside their ranges or contradicting each other', () => {
		expect(refusals({ ...valid(), totalTimeS: 5 })).toStrictEqual({
			totalTimeS: '总限时（秒）需为 10 到 3600'
		});
		expect(refusals({ ...valid(), totalTimeS: 60, perQuestionS: 90 })).toStrictEqual({
			perQuestionS: '每题限时不能超过总限时'
		});
		expect(refusals({ ...valid(), attemptsPerDay: 21 })).toStrictEqual({
			attemptsPerDay: '每日答题次数需为 1 到 20'
		});
		expect(refusals({ ...valid(), attemptsPerDay: 3, attemptsTotal: 2 })).toStrictEqual({
			attemptsTotal: '总答题次数不能少于每日答题次数'
		});
		expect(refusals({ ...valid(), bonusPerInvite: 6 })).toStrictEqual({
			bonusPerInvite: '每次邀请奖励次数需为 0 到 5'
		});
		expect(refusals({ ...valid(), bonusPerInvite: 2, bonusPerDayMax: 1 })).toStrictEqual({
			bonusPerDayMax: '每日奖励次数上限不能少于每次邀请奖励次数'
		});
		expect(refusals({ ...valid(), passMark: 101 })).toStrictEqual({
			passMark: '及格分需为 0 到 100'
		});
		expect(refusals({ ...valid(), scoring: 'avg' })).toStrictEqual({
			scoring: '计分方式需为 最高分 或 累计分'
		});
	});

	it('refuses a cover that is not a path on this site', () => {
		for (const cover of [
			'https://evil.example/x.png',
			'//evil.example/x.png',
			'cover.png',
			'/a b.png'
		]) {
			expect(refusals({ ...valid(), cover })).toStrictEqual({
				cover: '封面需为站内路径，如 /uploads/cover.png'
			});
		}
	});

	it('refuses an empty title, unshowable text and unknown fields', () => {
		expect(refusals({ ...valid(), title: '   ' })).toStrictEqual({ title: '请填写标题' });
		expect(refusals({ ...valid(), title: '安全\ud800' })).toStrictEqual({
			title: '标题含有无法显示的字符'
		});
		expect(Object.keys(refusals({ ...valid(), colour: 'red' }))).toStrictEqual(['']);
	});

	it('refuses more than three custom fields, repeated labels and select fields without options', () => {
		const field = (label: string) => ({ label, kind: 'text' as const, mode: 'optional' as const });
		const entry = (custom: unknown[]) => ({ ...valid(), entry: { custom } });
		expect(refusals(entry([field('a'), field('b'), field('c'), field('d')]))).toStrictEqual({
			'entry.custom': '自定义字段最多 3 个'
		});
		expect(refusals(entry([field('a'), field('a')]))).toStrictEqual({
			'entry.custom': '自定义字段名称不能重复'
		});
		expect(
			refusals(entry([{ label: '部门', kind: 'select', options: ['一'], mode: 'required' }]))
		).toStrictEqual({
			'entry.custom.0.options': '下拉选项需为 2 到 20 个'
		});
		expect(refusals(entry([{ label: '部门', kind: 'date', mode: 'required' }]))).toStrictEqual({
			'entry.custom.0.kind': '自定义字段需为文本或下拉选择'
		});
		expect(refusals(entry([{ ...field('部门'), mode: 'must' }]))).toStrictEqual({
			'entry.custom.0.mode': '字段需为 关闭、选填 或 必填'
		});
	});

	it('in roster mode requires the employee number and name and takes the unit from the roster', () => {
		expect(refusals({ ...valid(), identity: 'roster' })).toStrictEqual({
			'entry.employeeNo': '名单模式需必填工号',
			'entry.unit': '名单模式的单位取自名单，请关闭单位字段'
		});
		const entry = { name: 'required', employeeNo: 'required', unit: 'off' } as const;
		expect(refusals({ ...valid(), identity: 'roster', entry })).toStrictEqual({});
	});

	it('refuses a visibility limit or a plausible time outside their ranges', () => {
		expect(refusals({ ...valid(), visibilityLimit: 0 })).toStrictEqual({
			visibilityLimit: '切屏次数上限需为 1 到 50'
		});
		expect(refusals({ ...valid(), minMsPerQuestion: -1 })).toStrictEqual({
			minMsPerQuestion: '每题最短用时（毫秒）需为 0 到 60000'
		});
	});
});
