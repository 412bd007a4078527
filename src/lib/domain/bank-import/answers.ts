// Cell spellings → values: 题型 labels, answer letters (ABD, A、B、D, ＡＢ…), 对/错 and its many
// cousins, fill-in alternatives, 难度 words, whole numbers with units. And the spellings Anda writes
// back on export, chosen from the accepted ones so that an export re-imports unchanged. Pure.
import { LETTERS, type Letter, type QuestionType } from '../question';

/** Full-width → half-width, lowercase, no spaces: the form every lookup below compares. */
function fold(raw: string): string {
	return raw.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

const TYPE_WORDS: Record<QuestionType | 'choice', string[]> = {
	single: [
		'单选',
		'单选题',
		'单项选择',
		'单项选择题',
		'单择题',
		'单',
		'single',
		'singlechoice',
		'radio'
	],
	multiple: [
		'多选',
		'多选题',
		'多项选择',
		'多项选择题',
		'不定项',
		'不定项选择',
		'不定项选择题',
		'多',
		'multiple',
		'multiplechoice',
		'multi',
		'checkbox'
	],
	truefalse: [
		'判断',
		'判断题',
		'是非题',
		'对错题',
		'判',
		'truefalse',
		'true/false',
		'tf',
		'judge',
		'judgement',
		'boolean'
	],
	fillin: ['填空', '填空题', '填', 'fillin', 'fill-in', 'fill', 'blank', 'blanks', 'text'],
	poll: ['投票', '投票题', '问卷', '问卷题', '调查', '调查题', 'poll', 'survey', 'vote'],
	// "选择题" does not say how many answers: the answer letters decide.
	choice: ['选择', '选择题', 'choice']
};
const TYPE_LOOKUP = new Map<string, QuestionType | 'choice'>(
	(Object.entries(TYPE_WORDS) as [QuestionType | 'choice', string[]][]).flatMap(([t, words]) =>
		words.map((w) => [w, t] as const)
	)
);

/** A 题型 cell: a type, 'choice' (single or multiple by the answer), null if empty, or 'unknown'. */
export function parseTypeLabel(raw: string): QuestionType | 'choice' | 'unknown' | null {
	const s = fold(raw);
	if (!s) return null;
	return TYPE_LOOKUP.get(s) ?? 'unknown';
}

export type LettersResult = { letters: Letter[] } | { error: string } | null;

/**
 * Answer letters in any of the usual spellings: "A", "ABD", "A、B、D", "A,B,D", "A，B", "A B D",
 * "ＡＢ", "abd". Null when the cell is not made of letters at all (it may be option text instead).
 */
export function parseLetters(raw: string): LettersResult {
	const s = raw
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[\s、,;/|.]+/g, '');
	if (!/^[A-Z]+$/.test(s)) return null;
	const letters: Letter[] = [];
	for (const ch of s) {
		if (!(LETTERS as readonly string[]).includes(ch)) {
			return { error: `答案中的「${ch}」不是选项字母（只能是 A–F）` };
		}
		letters.push(ch as Letter);
	}
	return { letters };
}

const TRUE_WORDS = new Set([
	'对',
	'正确',
	'对的',
	'是',
	'√',
	'✓',
	'✔',
	't',
	'true',
	'y',
	'yes',
	'right',
	'correct'
]);
const FALSE_WORDS = new Set([
	'错',
	'错误',
	'错的',
	'不对',
	'不正确',
	'否',
	'×',
	'✗',
	'✘',
	'x',
	'f',
	'false',
	'n',
	'no',
	'wrong',
	'incorrect'
]);

/** 对/错, 正确/错误, √/×, ✓/✗, T/F, true/false, Y/N, 是/否 → boolean; null if none of these. */
export function parseTrueFalse(raw: string): boolean | null {
	const s = fold(raw).replace(/[。.!！]+$/u, '');
	if (TRUE_WORDS.has(s)) return true;
	if (FALSE_WORDS.has(s)) return false;
	return null;
}

/** Fill-in alternatives separated by | ｜ ; ； ／ (not "/", which answers like "km/h" contain). */
export function splitFillIn(raw: string): string[] {
	return raw
		.split(/[|｜;；／]/)
		.map((s) => s.trim())
		.filter(Boolean);
}

/** Tags separated by 、 , ， ; ； | (not spaces: English tags have them). */
export function splitTags(raw: string): string[] {
	return raw
		.split(/[、,，;；|｜]/)
		.map((s) => s.trim())
		.filter(Boolean);
}

const DIFFICULTY_WORDS: Record<1 | 2 | 3, string[]> = {
	1: ['1', '易', '容易', '简单', '较易', '低', '初级', '★', 'easy', 'low'],
	2: ['2', '中', '中等', '一般', '适中', '普通', '中级', '★★', 'medium', 'normal', 'mid'],
	3: ['3', '难', '困难', '较难', '很难', '高', '高级', '★★★', 'hard', 'difficult', 'high']
};

/** 难度 as 1/2/3, 易/中/难, 简单/中等/困难 (and a few more); null if none. */
export function parseDifficulty(raw: string): 1 | 2 | 3 | null {
	const s = fold(raw).replace(/\.0+$/, '');
	for (const d of [1, 2, 3] as const) if (DIFFICULTY_WORDS[d].includes(s)) return d;
	return null;
}

/** A whole number, optionally with a unit the column implies: "10", "10分", "30秒", "30s". */
export function parseWholeNumber(raw: string): number | null {
	const m = /^(\d{1,9})(?:\.0+)?(?:分|秒|秒钟|s|sec|secs|seconds|pts?|points)?$/.exec(fold(raw));
	return m?.[1] ? Number(m[1]) : null;
}

/**
 * Option cells often repeat their letter ("A. 119", "B、120"); drop it when it is the column's own
 * letter followed by punctuation. "A door" (no punctuation) is left alone.
 */
export function stripOptionPrefix(text: string, index: number): string {
	const m = /^(\S)\s*[.．、:：)）]\s*/u.exec(text);
	if (!m?.[1] || m[1].normalize('NFKC').toUpperCase() !== LETTERS[index]) return text;
	const rest = text.slice(m[0].length).trim();
	return rest || text;
}

export const DIFFICULTY_LABELS: Record<1 | 2 | 3, string> = { 1: '简单', 2: '中等', 3: '困难' };
export const TRUE_LABEL = '正确';
export const FALSE_LABEL = '错误';
export const FILLIN_SEPARATOR = '|';
export const TAG_SEPARATOR = '、';
