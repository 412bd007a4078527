// The contest settings form (the "新建" form on the list and the full 设置 form) → the settings
// schema's input, and back. Only reading happens here: times typed in Beijing time become epoch
// ms, numbers become numbers (empty optional ones are left out, so the schema's defaults apply),
// rows of quotas and custom fields are kept when filled in. Every limit and rule is the schema's,
// and its Chinese messages are put back at the field the issue's path names.
import { cstToEpoch, epochToCst } from '../qa/event-form';
import {
	contestSettingsSchema,
	FIELD_MODES,
	type ContestSettings,
	type ContestSettingsInput,
	type FieldMode
} from '$lib/domain/contest/settings';
import { CONTEST } from '$lib/domain/limits';

export const ENTRY_KEYS = ['name', 'region', 'unit', 'phone', 'employeeNo'] as const;
export type EntryKey = (typeof ENTRY_KEYS)[number];
/** Difficulty levels of a bank question (question.ts), as the mix's three percent fields. */
export const LEVELS = [
	{ level: 1, label: '易' },
	{ level: 2, label: '中' },
	{ level: 3, label: '难' }
] as const;
/** Rows of category quotas the form shows (the schema allows more; nobody types twenty). */
export const QUOTA_ROWS = 6;

export interface CustomFieldValues {
	label: string;
	kind: string;
	/** One option per line. */
	options: string;
	mode: string;
}

/** What the form holds, as typed: strings, so a refused form comes back exactly as it was sent. */
export interface ContestFormValues {
	title: string;
	rules: string;
	cover: string;
	slug: string;
	startsAt: string;
	endsAt: string;
	total: string;
	bankIds: string[];
	quotas: { category: string; count: string }[];
	/** Percent per difficulty level 1..3; all empty: no mix (any difficulty). */
	mix: [string, string, string];
	/** Absent from the create form, which leaves it to the default. */
	shuffleOptions: boolean | null;
	totalTimeS: string;
	perQuestionS: string;
	attemptsPerDay: string;
	attemptsTotal: string;
	bonusPerInvite: string;
	bonusPerDayMax: string;
	scoring: string;
	passMark: string;
	entry: Record<EntryKey, string>;
	custom: CustomFieldValues[];
	identity: string;
	visibilityLimit: string;
	minMsPerQuestion: string;
}

export function formValues(form: FormData): ContestFormValues {
	const text = (k: string) => String(form.get(k) ?? '');
	const all = (k: string) => form.getAll(k).map(String);
	const quotaCategories = all('quotaCategory');
	const quotaCounts = all('quotaCount');
	const labels = all('customLabel');
	const kinds = all('customKind');
	const options = all('customOptions');
	const modes = all('customMode');
	return {
		title: text('title'),
		rules: text('rules'),
		cover: text('cover'),
		slug: text('slug'),
		startsAt: text('startsAt'),
		endsAt: text('endsAt'),
		total: text('total'),
		bankIds: all('bankIds'),
		// Rows left empty are dropped here, so that an issue's index is the row's place in the form
		// as it comes back (filled rows first, then empty ones).
		quotas: quotaCategories
			.map((category, i) => ({ category, count: quotaCounts[i] ?? '' }))
			.filter((q) => q.category.trim() !== '' || q.count.trim() !== ''),
		mix: [text('mix1'), text('mix2'), text('mix3')],
		// A checkbox sends nothing when unticked: the full form says it showed one.
		shuffleOptions: form.has('shuffleOptionsShown') ? form.get('shuffleOptions') === 'on' : null,
		totalTimeS: text('totalTimeS'),
		perQuestionS: text('perQuestionS'),
		attemptsPerDay: text('attemptsPerDay'),
		attemptsTotal: text('attemptsTotal'),
		bonusPerInvite: text('bonusPerInvite'),
		bonusPerDayMax: text('bonusPerDayMax'),
		scoring: text('scoring'),
		passMark: text('passMark'),
		entry: {
			name: text('entryName'),
			region: text('entryRegion'),
			unit: text('entryUnit'),
			phone: text('entryPhone'),
			employeeNo: text('entryEmployeeNo')
		},
		custom: labels
			.map((label, i) => ({
				label,
				kind: kinds[i] ?? 'text',
				options: options[i] ?? '',
				mode: modes[i] ?? 'optional'
			}))
			.filter((c) => c.label.trim() !== ''),
		identity: text('identity'),
		visibilityLimit: text('visibilityLimit'),
		minMsPerQuestion: text('minMsPerQuestion')
	};
}

/** "" → undefined (the schema's default, or absent); anything else a number (NaN is refused there). */
function num(raw: string): number | undefined {
	const v = raw.trim();
	return v === '' ? undefined : Number(v);
}

const blankToUndefined = (raw: string): string | undefined =>
	raw.trim() === '' ? undefined : raw.trim();

/** A time typed in Beijing time; empty → undefined, unreadable → NaN (both refused with a message). */
function instant(raw: string): number | undefined {
	const t = cstToEpoch(raw);
	return t === null ? undefined : t;
}

const lines = (raw: string): string[] =>
	raw
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter((l) => l !== '');

function mixOf(mix: ContestFormValues['mix']): { difficulty: number; share: number }[] | undefined {
	if (mix.every((m) => m.trim() === '')) return undefined;
	// A level left empty or at 0 % draws none of its questions: it is left out of the mix.
	return LEVELS.flatMap(({ level }, i) => {
		const pct = num(mix[i] ?? '');
		if (pct === 0 || pct === undefined) return [];
		return [{ difficulty: level, share: pct / 100 }];
	});
}

/** The form → the schema's input (nothing checked here but what only the form can tell). */
export function settingsInput(v: ContestFormValues): ContestSettingsInput {
	const entry: Partial<Record<EntryKey, FieldMode>> = {};
	for (const k of ENTRY_KEYS) {
		if (v.entry[k] !== '') entry[k] = v.entry[k] as FieldMode;
	}
	const custom = v.custom
		.filter((c) => c.label.trim() !== '')
		.map((c) =>
			c.kind === 'select'
				? {
						label: c.label,
						kind: 'select' as const,
						options: lines(c.options),
						mode: c.mode as FieldMode
					}
				: { label: c.label, kind: 'text' as const, mode: c.mode as FieldMode }
		);
	const input: ContestSettingsInput = {
		title: v.title,
		rules: v.rules,
		cover: blankToUndefined(v.cover),
		window: { startsAt: instant(v.startsAt) as number, endsAt: instant(v.endsAt) as number },
		draw: {
			total: num(v.total) as number,
			quotas: v.quotas
				.filter((q) => q.category.trim() !== '' || q.count.trim() !== '')
				.map((q) => ({ category: q.category, count: num(q.count) as number })),
			mix: mixOf(v.mix),
			bankIds: v.bankIds
		},
		shuffleOptions: v.shuffleOptions ?? undefined,
		totalTimeS: num(v.totalTimeS) as number,
		perQuestionS: num(v.perQuestionS),
		attemptsPerDay: num(v.attemptsPerDay),
		attemptsTotal: num(v.attemptsTotal),
		bonusPerInvite: num(v.bonusPerInvite),
		bonusPerDayMax: num(v.bonusPerDayMax),
		scoring: (blankToUndefined(v.scoring) as ContestSettings['scoring'] | undefined) ?? undefined,
		passMark: num(v.passMark),
		entry: { ...entry, custom },
		identity: blankToUndefined(v.identity) as ContestSettings['identity'] | undefined,
		visibilityLimit: num(v.visibilityLimit),
		minMsPerQuestion: num(v.minMsPerQuestion)
	};
	// The create form has no entry fields: the schema's whole default applies then.
	if (ENTRY_KEYS.every((k) => v.entry[k] === '') && custom.length === 0) delete input.entry;
	return input;
}

/** The form field an issue is about: its path, cut where the form has one field for it. */
export function fieldOf(path: readonly PropertyKey[]): string {
	const [a, b, c] = path.map(String);
	if (a === 'window') return b ?? 'endsAt';
	if (a === 'draw') return b ?? 'total';
	if (a === 'entry') {
		if (b === 'custom') return c === undefined ? 'custom' : `custom.${c}`;
		return `entry.${b ?? 'name'}`;
	}
	return a ?? 'form';
}

export type FieldErrors = Record<string, string>;

/** Parsed settings, or the schema's messages by form field (the first one for each field). */
export function checkSettings(
	input: ContestSettingsInput
): { ok: true; settings: ContestSettings } | { ok: false; errors: FieldErrors; message: string } {
	const parsed = contestSettingsSchema.safeParse(input);
	if (parsed.success) return { ok: true, settings: parsed.data };
	const errors: FieldErrors = {};
	for (const issue of parsed.error.issues) {
		const key = fieldOf(issue.path);
		errors[key] ??= issue.message;
	}
	const first = parsed.error.issues[0]?.message ?? '设置不正确';
	return { ok: false, errors, message: `请修改标出的设置：${first}` };
}

const str = (n: number | undefined): string => (n === undefined ? '' : String(n));

/** Stored settings → the form, to edit them. */
export function settingsValues(s: ContestSettings, slug = ''): ContestFormValues {
	const mix: ContestFormValues['mix'] = ['', '', ''];
	for (const m of s.draw.mix ?? []) {
		const i = m.difficulty - 1;
		if (i >= 0 && i < 3) mix[i] = String(Math.round(m.share * 1000) / 10);
	}
	return {
		title: s.title,
		rules: s.rules,
		cover: s.cover ?? '',
		slug,
		startsAt: epochToCst(s.window.startsAt),
		endsAt: epochToCst(s.window.endsAt),
		total: String(s.draw.total),
		bankIds: [...s.draw.bankIds],
		quotas: s.draw.quotas.map((q) => ({ category: q.category, count: String(q.count) })),
		mix,
		shuffleOptions: s.shuffleOptions,
		totalTimeS: String(s.totalTimeS),
		perQuestionS: str(s.perQuestionS),
		attemptsPerDay: String(s.attemptsPerDay),
		attemptsTotal: str(s.attemptsTotal),
		bonusPerInvite: String(s.bonusPerInvite),
		bonusPerDayMax: String(s.bonusPerDayMax),
		scoring: s.scoring,
		passMark: str(s.passMark),
		entry: {
			name: s.entry.name,
			region: s.entry.region,
			unit: s.entry.unit,
			phone: s.entry.phone,
			employeeNo: s.entry.employeeNo
		},
		custom: s.entry.custom.map((c) => ({
			label: c.label,
			kind: c.kind,
			options: c.kind === 'select' ? c.options.join('\n') : '',
			mode: c.mode
		})),
		identity: s.identity,
		visibilityLimit: str(s.visibilityLimit),
		minMsPerQuestion: String(s.minMsPerQuestion)
	};
}

/** The quota and custom-field rows the form shows: those filled in, then empty ones to fill. */
export function paddedRows(v: ContestFormValues): {
	quotas: ContestFormValues['quotas'];
	custom: CustomFieldValues[];
} {
	const quotas = [...v.quotas];
	while (quotas.length < QUOTA_ROWS) quotas.push({ category: '', count: '' });
	const custom = [...v.custom];
	while (custom.length < CONTEST.customFields)
		custom.push({ label: '', kind: 'text', options: '', mode: 'optional' });
	return { quotas, custom };
}

export const MODE_LABELS: Record<FieldMode, string> = {
	off: '关闭',
	optional: '选填',
	required: '必填'
};
export { FIELD_MODES };
