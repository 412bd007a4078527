// The contest settings form as the organiser fills it in: Beijing times become the instants the
// schema stores, empty optional numbers fall back to the defaults, filled rows of quotas and
// custom fields are kept, the mix is read in percent, and the schema's Chinese messages come back
// at the field the organiser has to fix. Stored settings fill the form back in unchanged.
import { describe, expect, it } from 'vitest';
import {
	checkSettings,
	fieldOf,
	formValues,
	paddedRows,
	settingsInput,
	settingsValues
} from '../../src/routes/host/contests/contest-form';

function form(fields: Record<string, string | string[]>): FormData {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) {
		for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
	}
	return f;
}

const CREATE = {
	title: ' 测测你的安全力 ',
	startsAt: '2026-06-16T09:30',
	endsAt: '2026-06-30T18:00',
	total: '10',
	bankIds: ['fire', 'power'],
	totalTimeS: '300',
	attemptsPerDay: '2'
};

const FULL = {
	...CREATE,
	rules: '每天两次',
	cover: '',
	quotaCategory: ['消防', '', '用电'],
	quotaCount: ['3', '', '2'],
	mix1: '30',
	mix2: '30',
	mix3: '40',
	shuffleOptionsShown: '1',
	totalTimeS: '300',
	perQuestionS: '',
	attemptsTotal: '20',
	bonusPerInvite: '1',
	bonusPerDayMax: '3',
	scoring: 'sum',
	passMark: '60',
	entryName: 'required',
	entryRegion: 'optional',
	entryUnit: 'off',
	entryPhone: 'required',
	entryEmployeeNo: 'off',
	customLabel: ['岗位', '', '年级'],
	customKind: ['text', 'text', 'select'],
	customOptions: ['', '', '一年级\n二年级\n\n三年级'],
	customMode: ['optional', 'optional', 'required'],
	identity: 'public',
	visibilityLimit: '3',
	minMsPerQuestion: '800'
};

describe('the new-contest form', () => {
	it('gives settings in Beijing time with the defaults for what it does not ask', () => {
		const r = checkSettings(settingsInput(formValues(form(CREATE))));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const s = r.settings;
		expect(s.title).toBe('测测你的安全力');
		// 09:30 in Beijing is 01:30 UTC.
		expect(s.window.startsAt).toBe(Date.UTC(2026, 5, 16, 1, 30));
		expect(s.window.endsAt).toBe(Date.UTC(2026, 5, 30, 10, 0));
		expect(s.draw).toEqual({ total: 10, quotas: [], bankIds: ['fire', 'power'] });
		expect(s.totalTimeS).toBe(300);
		expect(s.attemptsPerDay).toBe(2);
		expect(s.shuffleOptions).toBe(true);
		expect(s.entry).toEqual({
			name: 'required',
			region: 'required',
			unit: 'optional',
			phone: 'off',
			employeeNo: 'off',
			custom: []
		});
		expect(s.identity).toBe('public');
		expect(s.scoring).toBe('best');
	});

	it('says at each field what is wrong, in Chinese', () => {
		const r = checkSettings(
			settingsInput(
				formValues(form({ ...CREATE, title: '  ', startsAt: '', total: 'abc', bankIds: [] }))
			)
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.title).toBe('请填写标题');
		expect(r.errors.startsAt).toBe('开始时间需为时间');
		expect(r.errors.total).toBe('每次答题的题数需为数字');
		expect(r.errors.bankIds).toBe('请至少选择一个题库');
		expect(r.message).toMatch(/^请修改标出的设置：/);
	});

	it('refuses an end before the start at the end field', () => {
		const r = checkSettings(
			settingsInput(formValues(form({ ...CREATE, endsAt: '2026-06-16T09:00' })))
		);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors).toEqual({ endsAt: '结束时间需晚于开始时间' });
	});
});

describe('the full settings form', () => {
	it('reads quotas, the mix in percent, limits, entry fields and custom fields', () => {
		const r = checkSettings(settingsInput(formValues(form(FULL))));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const s = r.settings;
		expect(s.draw.quotas).toEqual([
			{ category: '消防', count: 3 },
			{ category: '用电', count: 2 }
		]);
		expect(s.draw.mix).toEqual([
			{ difficulty: 1, share: 0.3 },
			{ difficulty: 2, share: 0.3 },
			{ difficulty: 3, share: 0.4 }
		]);
		expect(s.shuffleOptions).toBe(false);
		expect(s.perQuestionS).toBeUndefined();
		expect(s).toMatchObject({
			attemptsTotal: 20,
			bonusPerInvite: 1,
			bonusPerDayMax: 3,
			scoring: 'sum',
			passMark: 60,
			visibilityLimit: 3,
			minMsPerQuestion: 800
		});
		expect(s.entry).toEqual({
			name: 'required',
			region: 'optional',
			unit: 'off',
			phone: 'required',
			employeeNo: 'off',
			custom: [
				{ label: '岗位', kind: 'text', mode: 'optional' },
				{
					label: '年级',
					kind: 'select',
					options: ['一年级', '二年级', '三年级'],
					mode: 'required'
				}
			]
		});
	});

	it('leaves out a difficulty at 0 % and refuses a mix that is not 100 %', () => {
		const ok = checkSettings(
			settingsInput(formValues(form({ ...FULL, mix1: '0', mix2: '', mix3: '100' })))
		);
		expect(ok.ok && ok.settings.draw.mix).toEqual([{ difficulty: 3, share: 1 }]);
		const bad = checkSettings(settingsInput(formValues(form({ ...FULL, mix3: '30' }))));
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(bad.errors.mix).toBe('难度比例合计需为 100%');
	});

	it('puts cross-field and nested messages at their fields', () => {
		const roster = checkSettings(settingsInput(formValues(form({ ...FULL, identity: 'roster' }))));
		expect(roster.ok).toBe(false);
		if (!roster.ok) {
			expect(roster.errors['entry.employeeNo']).toBe('名单模式需必填工号');
		}
		const quota = checkSettings(
			settingsInput(formValues(form({ ...FULL, quotaCount: ['9', '', '2'] })))
		);
		expect(quota.ok).toBe(false);
		if (!quota.ok) expect(quota.errors.quotas).toBe('分类配额合计 11 题，超过了每次答题的 10 题');
		const select = checkSettings(
			settingsInput(formValues(form({ ...FULL, customOptions: ['', '', '只有一项'] })))
		);
		expect(select.ok).toBe(false);
		// The empty second row is dropped: the 年级 field comes back second, where the message is.
		if (!select.ok) expect(select.errors['custom.1']).toBe('下拉选项需为 2 到 20 个');
		const time = checkSettings(settingsInput(formValues(form({ ...FULL, startsAt: '明天' }))));
		expect(time.ok).toBe(false);
		if (!time.ok) expect(time.errors.startsAt).toBe('开始时间需为时间');
	});

	it('fills the form back in from stored settings, and reads it to the same settings', () => {
		const first = checkSettings(settingsInput(formValues(form(FULL))));
		if (!first.ok) throw new Error(first.message);
		const values = settingsValues(first.settings);
		expect(values.startsAt).toBe('2026-06-16T09:30');
		expect(values.mix).toEqual(['30', '30', '40']);
		const rows = paddedRows(values);
		expect(rows.quotas).toHaveLength(6);
		expect(rows.custom).toHaveLength(3);
		const again = checkSettings(settingsInput(values));
		expect(again.ok && again.settings).toEqual(first.settings);
	});

	it('names the field of a path', () => {
		expect(fieldOf(['window', 'endsAt'])).toBe('endsAt');
		expect(fieldOf(['draw', 'quotas', 1, 'count'])).toBe('quotas');
		expect(fieldOf(['entry', 'custom', 0, 'options', 1])).toBe('custom.0');
		expect(fieldOf(['entry', 'phone'])).toBe('entry.phone');
		expect(fieldOf(['perQuestionS'])).toBe('perQuestionS');
		expect(fieldOf([])).toBe('form');
	});
});
