// The entry form's check: which fields a contest asks for, what each accepts (phone shapes, the
// region rule, the unit list, custom selects), and the first refusal named by its field.
import { describe, expect, it } from 'vitest';
import { checkEntry, sameName } from '$lib/domain/contest/entry-form';
import type { ContestSettings } from '$lib/domain/contest/settings';

type Entry = ContestSettings['entry'];
const ENTRY: Entry = {
	name: 'required',
	phone: 'required',
	region: 'required',
	unit: 'optional',
	employeeNo: 'off',
	custom: [
		{ label: '岗位', kind: 'select', options: ['管理', '一线'], mode: 'required' },
		{ label: '备注', kind: 'text', mode: 'optional' }
	]
};
const RULES = { isRegion: (c: string) => c === '440305' || c === '441900', units: null };

describe('checkEntry', () => {
	it('keeps what the fields ask for, cleaned: phones normalised, white space folded', () => {
		const out = checkEntry(
			ENTRY,
			{
				name: '  张　三 ',
				phone: '+86 138-1234-1234',
				region: '441900',
				unit: ' 一车间 ',
				employeeNo: 'E1',
				custom: { 岗位: '一线', 备注: '' }
			},
			RULES
		);
		expect(out).toStrictEqual({
			ok: true,
			values: {
				name: '张 三',
				phone: '13812341234',
				region: '441900',
				unit: '一车间',
				// Off: what was sent is dropped, not stored.
				employeeNo: null,
				custom: { 岗位: '一线' }
			}
		});
	});

	it('refuses the first problem, naming its field', () => {
		const base = { name: '张三', phone: '13812341234', region: '440305', custom: { 岗位: '管理' } };
		const cases: [Record<string, unknown>, string, string][] = [
			[{ ...base, name: ' ' }, 'name', '请填写姓名'],
			[{ ...base, phone: '1381234123' }, 'phone', '请填写正确的 11 位手机号'],
			[{ ...base, phone: '12812341234' }, 'phone', '请填写正确的 11 位手机号'],
			[{ ...base, region: '440300' }, 'region', '请选择到区县一级的所在地区'],
			[{ ...base, name: '张'.repeat(41) }, 'name', '姓名最多 40 个字符'],
			[{ ...base, custom: {} }, 'custom.岗位', '请填写岗位'],
			[{ ...base, custom: { 岗位: '外包' } }, 'custom.岗位', '请从列表中选择岗位']
		];
		for (const [input, field, message] of cases) {
			expect(checkEntry(ENTRY, input, RULES), JSON.stringify(input)).toStrictEqual({
				ok: false,
				field,
				message
			});
		}
	});

	it('takes a unit from the list only when the contest has one', () => {
		const entry: Entry = { ...ENTRY, custom: [], region: 'off', phone: 'off', unit: 'required' };
		const rules = { ...RULES, units: ['安全部', '生产部'] };
		expect(checkEntry(entry, { name: '李四', unit: '财务部' }, rules)).toMatchObject({
			ok: false,
			field: 'unit',
			message: '请从列表中选择单位'
		});
		expect(checkEntry(entry, { name: '李四', unit: '安全部' }, rules)).toMatchObject({
			ok: true,
			values: { unit: '安全部' }
		});
		expect(checkEntry(entry, { name: '李四' }, rules)).toMatchObject({ ok: false, field: 'unit' });
	});
});

describe('sameName', () => {
	it('matches names whatever their spacing, and nothing else', () => {
		expect(sameName('张 三', '张三')).toBe(true);
		expect(sameName('张三', '张四')).toBe(false);
		expect(sameName(null, '')).toBe(true);
	});
});
