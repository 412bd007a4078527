// The contest's entry form: which fields a contest asks for (settings.entry) and the check of
// what a participant sent against them. Pure: the region rule (a real county, or a city without
// counties) and the unit list are passed in. Each refusal names its field, in Chinese.
import { CONTEST_ENTRY } from '../limits';
import { isWellFormedText } from '../text-safety';
import { isMainlandMobile } from './masking';
import type { ContestSettings, FieldMode } from './settings';

export const ENTRY_FIELD_KEYS = ['name', 'phone', 'region', 'unit', 'employeeNo'] as const;
export type EntryFieldKey = (typeof ENTRY_FIELD_KEYS)[number];

export const ENTRY_FIELD_LABELS: Record<EntryFieldKey, string> = {
	name: '姓名',
	phone: '手机号',
	region: '所在地区',
	unit: '单位',
	employeeNo: '工号'
};

export interface EntryValues {
	name: string | null;
	phone: string | null;
	region: string | null;
	unit: string | null;
	employeeNo: string | null;
	custom: Record<string, string>;
}

export interface EntryInput {
	name?: string;
	phone?: string;
	region?: string;
	unit?: string;
	employeeNo?: string;
	custom?: Record<string, string>;
}

export interface EntryRules {
	/** A region code a participant may pick (regions.ts isSelectable). */
	isRegion(code: string): boolean;
	/** The units to choose from; null: typed freely. */
	units: readonly string[] | null;
}

export type EntryCheck =
	{ ok: true; values: EntryValues } | { ok: false; field: string; message: string };

const FIELD_MAX: Record<EntryFieldKey, number> = {
	name: CONTEST_ENTRY.name,
	phone: CONTEST_ENTRY.phone,
	region: CONTEST_ENTRY.region,
	unit: CONTEST_ENTRY.unit,
	employeeNo: CONTEST_ENTRY.employeeNo
};

/** Trimmed, inner runs of white space made one space; empty is null. */
function clean(raw: string | undefined): string | null {
	const s = (raw ?? '').normalize('NFC').trim().replace(/\s+/g, ' ');
	return s === '' ? null : s;
}

export function checkEntry(
	entry: ContestSettings['entry'],
	input: EntryInput,
	rules: EntryRules
): EntryCheck {
	const values: EntryValues = {
		name: null,
		phone: null,
		region: null,
		unit: null,
		employeeNo: null,
		custom: {}
	};
	const refuse = (field: string, message: string): EntryCheck => ({ ok: false, field, message });
	for (const key of ENTRY_FIELD_KEYS) {
		const mode: FieldMode = entry[key];
		if (mode === 'off') continue;
		const label = ENTRY_FIELD_LABELS[key];
		const value = clean(input[key]);
		if (value === null) {
			if (mode === 'required') return refuse(key, `请填写${label}`);
			continue;
		}
		if (Array.from(value).length > FIELD_MAX[key] || !isWellFormedText(value)) {
			return refuse(key, `${label}最多 ${FIELD_MAX[key]} 个字符`);
		}
		if (key === 'phone') {
			const phone = isMainlandMobile(value);
			if (phone === null) return refuse(key, '请填写正确的 11 位手机号');
			values.phone = phone;
		} else if (key === 'region') {
			if (!rules.isRegion(value)) return refuse(key, '请选择到区县一级的所在地区');
			values.region = value;
		} else if (key === 'unit') {
			if (rules.units !== null && !rules.units.includes(value)) {
				return refuse(key, '请从列表中选择单位');
			}
			values.unit = value;
		} else {
			values[key] = value;
		}
	}
	for (const field of entry.custom) {
		if (field.mode === 'off') continue;
		const value = clean(input.custom?.[field.label]);
		if (value === null) {
			if (field.mode === 'required') return refuse(`custom.${field.label}`, `请填写${field.label}`);
			continue;
		}
		if (Array.from(value).length > CONTEST_ENTRY.custom || !isWellFormedText(value)) {
			return refuse(`custom.${field.label}`, `${field.label}最多 ${CONTEST_ENTRY.custom} 个字符`);
		}
		if (field.kind === 'select' && !field.options.includes(value)) {
			return refuse(`custom.${field.label}`, `请从列表中选择${field.label}`);
		}
		values.custom[field.label] = value;
	}
	return { ok: true, values };
}

/** Whether a returning entrant (same phone or employee number) is the same person. */
export function sameName(a: string | null, b: string | null): boolean {
	return (a ?? '').replace(/\s+/g, '') === (b ?? '').replace(/\s+/g, '');
}
