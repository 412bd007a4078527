// Form parsing for the quiz pages: FormData in, a validated Question / settings / draw request out,
// or field errors in Chinese keyed by the form field they belong next to. Pure (no server imports),
// so the pages can share the types.
import { z } from 'zod';
import {
	LETTERS,
	QUESTION_TYPES,
	questionSchema,
	quizSchema,
	SCORING_MODES,
	type Question,
	type QuestionType,
	type Quiz
} from '$lib/domain/question';
import {
	ACCEPTED_COUNT,
	DRAW_COUNT,
	OPTION_COUNT,
	POINTS,
	QUIZ_QUESTIONS,
	rangeWords,
	TEXT_MAX,
	TIME_LIMIT,
	type IntRange
} from '$lib/domain/limits';

export type FieldErrors = Record<string, string>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Ids of quizzes made here: `q-` and random base36, so they never collide with shipped ids. */
export function newQuizId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(8));
	let n = 0n;
	for (const b of bytes) n = (n << 8n) | BigInt(b);
	return `q-${n.toString(36).padStart(13, '0')}`;
}

function str(form: FormData, key: string): string {
	const v = form.get(key);
	return typeof v === 'string' ? v.trim() : '';
}

function strs(form: FormData, key: string): string[] {
	return form.getAll(key).filter((v): v is string => typeof v === 'string');
}

/** A blank optional number is absent; anything else must parse (NaN fails validation). */
function optNumber(form: FormData, key: string): number | undefined {
	const v = str(form, key);
	return v === '' ? undefined : Number(v);
}

function optText(form: FormData, key: string): string | undefined {
	const v = str(form, key);
	return v === '' ? undefined : v;
}

function letterAt(v: string): string | undefined {
	const i = Number(v);
	return Number.isInteger(i) ? LETTERS[i] : undefined;
}

const TYPE_SET = new Set<string>(QUESTION_TYPES);

// ---- questions ------------------------------------------------------------------------------

/** The raw question a question form describes, before validation. Keeps id and tags of `base`. */
export function questionInput(form: FormData, base?: Question): Record<string, unknown> {
	const type = str(form, 'type');
	const raw: Record<string, unknown> = {
		...(base?.id ? { id: base.id } : {}),
		...(base?.tags ? { tags: base.tags } : {}),
		type,
		stem: str(form, 'stem'),
		explanation: optText(form, 'explanation'),
		source: optText(form, 'source'),
		category: optText(form, 'category'),
		difficulty: optNumber(form, 'difficulty'),
		timeLimit: optNumber(form, 'timeLimit'),
		points: optNumber(form, 'points')
	};
	if (type === 'single' || type === 'multiple' || type === 'poll') {
		raw.options = strs(form, 'options');
	}
	if (type === 'single') raw.answer = letterAt(str(form, 'answer'));
	if (type === 'multiple') raw.answer = strs(form, 'answer').map(letterAt);
	if (type === 'truefalse') {
		const v = str(form, 'answer');
		raw.answer = v === 'true' ? true : v === 'false' ? false : undefined;
	}
	if (type === 'fillin') {
		raw.answer = str(form, 'accepted')
			.split(/\r?\n/)
			.map((s) => s.trim())
			.filter(Boolean);
	}
	for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
	return raw;
}

const ANSWER_MESSAGES: Record<QuestionType, string> = {
	single: '请选择一个正确答案',
	multiple: '请至少勾选一个正确答案',
	truefalse: '请选择“正确”或“错误”',
	fillin: `请至少填写一个可接受的答案（每行一个，最多 ${ACCEPTED_COUNT.max} 个，每个最多 ${TEXT_MAX.accepted} 字）`,
	poll: ''
};

/** A Chinese message for one issue of a question, keyed by form field. */
function questionIssue(issue: z.core.$ZodIssue, type: string): [string, string] {
	const [field, sub] = issue.path;
	switch (field) {
		case 'type':
			return ['type', '请选择题型'];
		case 'stem':
			return ['stem', issue.code === 'too_big' ? `题目最多 ${TEXT_MAX.stem} 字` : '请填写题目'];
		case 'options': {
			if (typeof sub === 'number') {
				const letter = LETTERS[sub] ?? String(sub + 1);
				return [
					'options',
					issue.code === 'too_big'
						? `选项 ${letter} 最多 ${TEXT_MAX.option} 字`
						: `选项 ${letter} 不能为空`
				];
			}
			if (issue.code === 'custom') return ['options', '选项不能重复'];
			return ['options', `需要 ${rangeWords(OPTION_COUNT)} 个选项`];
		}
		case 'answer':
			if (issue.code === 'custom' && (type === 'single' || type === 'multiple')) {
				return ['answer', '正确答案超出了选项范围'];
			}
			if (type === 'multiple' && issue.code === 'custom') return ['answer', '正确答案重复了'];
			return ['answer', ANSWER_MESSAGES[type as QuestionType] ?? '请填写正确答案'];
		case 'explanation':
			return ['explanation', `解析最多 ${TEXT_MAX.explanation} 字`];
		case 'source':
			return ['source', `来源最多 ${TEXT_MAX.source} 字`];
		case 'category':
			return ['category', `分类最多 ${TEXT_MAX.category} 字`];
		case 'difficulty':
			return ['difficulty', '难度只能是 1、2 或 3'];
		case 'timeLimit':
			return [
				'timeLimit',
				`答题时间需为 ${rangeWords(TIME_LIMIT)} 之间的整数（秒），留空则用测验默认值`
			];
		case 'points':
			return ['points', `分值需为 ${rangeWords(POINTS)} 之间的整数，留空则用测验默认值`];
		default:
			return ['form', '这道题的内容不正确'];
	}
}

export function questionErrors(issues: readonly z.core.$ZodIssue[], type: string): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of issues) {
		const [field, message] = questionIssue(issue, type);
		errors[field] ??= message;
	}
	return errors;
}

export function parseQuestion(form: FormData, base?: Question): Parsed<Question> {
	const raw = questionInput(form, base);
	if (!TYPE_SET.has(String(raw.type))) return { ok: false, errors: { type: '请选择题型' } };
	const parsed = questionSchema.safeParse(raw);
	if (parsed.success) return { ok: true, value: parsed.data };
	return { ok: false, errors: questionErrors(parsed.error.issues, String(raw.type)) };
}

// ---- quiz settings --------------------------------------------------------------------------

export interface SettingsInput {
	title: string;
	description?: string;
	scoring: string;
	timeLimit: number;
	points: number;
}

export function settingsInput(form: FormData): SettingsInput {
	return {
		title: str(form, 'title'),
		description: optText(form, 'description'),
		scoring: str(form, 'scoring'),
		timeLimit: optNumber(form, 'timeLimit') ?? Number.NaN,
		points: optNumber(form, 'points') ?? Number.NaN
	};
}

function quizIssue(issue: z.core.$ZodIssue): [string, string] {
	const [field, sub] = issue.path;
	if (field === 'title') {
		return ['title', issue.code === 'too_big' ? `标题最多 ${TEXT_MAX.title} 字` : '请填写测验标题'];
	}
	if (field === 'description') return ['description', `说明最多 ${TEXT_MAX.description} 字`];
	if (field === 'settings') {
		if (sub === 'scoring') return ['scoring', '请选择计分方式'];
		if (sub === 'timeLimit') {
			return ['timeLimit', `默认答题时间需为 ${rangeWords(TIME_LIMIT)} 之间的整数（秒）`];
		}
		if (sub === 'points') return ['points', `默认分值需为 ${rangeWords(POINTS)} 之间的整数`];
	}
	if (field === 'questions') {
		if (typeof sub === 'number') return ['questions', `第 ${sub + 1} 题的内容不正确`];
		return [
			'questions',
			issue.code === 'too_big' ? `一套测验最多 ${QUIZ_QUESTIONS.max} 道题` : '测验至少要有一道题'
		];
	}
	return ['form', '测验内容不正确'];
}

/** Validates a whole quiz, with Chinese messages keyed by settings-form field. */
export function validateQuiz(quiz: unknown): Parsed<Quiz> {
	const parsed = quizSchema.safeParse(quiz);
	if (parsed.success) return { ok: true, value: parsed.data };
	const errors: FieldErrors = {};
	for (const issue of parsed.error.issues) {
		const [field, message] = quizIssue(issue);
		errors[field] ??= message;
	}
	return { ok: false, errors };
}

// ---- drawing from banks ---------------------------------------------------------------------

const intIn = (r: IntRange, message: string) =>
	z.number({ error: message }).int({ error: message }).min(r.min, message).max(r.max, message);

export const drawSchema = z.object({
	bankIds: z.array(z.string().min(1).max(64)).min(1, '请至少选择一个题库').max(100),
	categories: z.array(z.string().max(TEXT_MAX.category)).max(200),
	types: z.array(z.enum(QUESTION_TYPES, { error: '题型不正确' })),
	difficulties: z.array(
		z.union([z.literal(1), z.literal(2), z.literal(3)], { error: '难度不正确' })
	),
	count: intIn(DRAW_COUNT, `题数需为 ${rangeWords(DRAW_COUNT)} 之间的整数`),
	title: z
		.string()
		.trim()
		.min(1, '请填写测验标题')
		.max(TEXT_MAX.title, `标题最多 ${TEXT_MAX.title} 字`),
	scoring: z.enum(SCORING_MODES, { error: '请选择计分方式' }),
	timeLimit: intIn(TIME_LIMIT, `答题时间需为 ${rangeWords(TIME_LIMIT)} 之间的整数（秒）`),
	points: intIn(POINTS, `分值需为 ${rangeWords(POINTS)} 之间的整数`)
});
export type DrawRequest = z.infer<typeof drawSchema>;

export function drawInput(form: FormData) {
	return {
		bankIds: strs(form, 'banks'),
		categories: strs(form, 'categories'),
		types: strs(form, 'types'),
		difficulties: strs(form, 'difficulties').map(Number),
		count: optNumber(form, 'count') ?? Number.NaN,
		title: str(form, 'title'),
		scoring: str(form, 'scoring'),
		timeLimit: optNumber(form, 'timeLimit') ?? Number.NaN,
		points: optNumber(form, 'points') ?? Number.NaN
	};
}

export function parseDraw(form: FormData): Parsed<DrawRequest> {
	const parsed = drawSchema.safeParse(drawInput(form));
	if (parsed.success) return { ok: true, value: parsed.data };
	const errors: FieldErrors = {};
	for (const issue of parsed.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	return { ok: false, errors };
}

/** The question a new quiz starts with (a quiz needs at least one), for the host to rewrite. */
export function starterQuestion(): Question {
	return { type: 'single', stem: '请在这里输入题目', options: ['选项一', '选项二'], answer: 'A' };
}
