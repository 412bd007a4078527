// Questions, banks and quizzes: the content model, as zod schemas so that YAML banks, imports and
// the record store all validate against one definition.
import { z } from 'zod';
import {
	ACCEPTED_COUNT,
	BANK_QUESTIONS,
	OPTION_COUNT,
	POINTS,
	QUIZ_QUESTIONS,
	TAG_COUNT,
	TEXT_MAX,
	TIME_LIMIT
} from './limits';
import { checkRounds, ROUNDS_MAX, roundSchema, teamsSchema } from './rounds/plan';

export const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'fillin', 'poll'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Letter = (typeof LETTERS)[number];

const letter = z.enum(LETTERS);
const text = (max: number) => z.string().trim().min(1).max(max);

const common = {
	id: z
		.string()
		.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'id: lowercase letters, digits and hyphens')
		.optional(),
	stem: text(TEXT_MAX.stem),
	explanation: z.string().trim().max(TEXT_MAX.explanation).optional(),
	category: z.string().trim().max(TEXT_MAX.category).optional(),
	difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
	source: z.string().trim().max(TEXT_MAX.source).optional(),
	tags: z.array(z.string().trim().min(1).max(TEXT_MAX.tag)).max(TAG_COUNT.max).optional(),
	timeLimit: z.number().int().min(TIME_LIMIT.min).max(TIME_LIMIT.max).optional(),
	points: z.number().int().min(POINTS.min).max(POINTS.max).optional()
};

const options = z.array(text(TEXT_MAX.option)).min(OPTION_COUNT.min).max(OPTION_COUNT.max);

function answerWithinOptions(
	q: { options: string[]; answer: Letter | Letter[] },
	ctx: z.RefinementCtx
): void {
	const letters = Array.isArray(q.answer) ? q.answer : [q.answer];
	for (const l of letters) {
		if (LETTERS.indexOf(l) >= q.options.length) {
			ctx.addIssue({
				code: 'custom',
				path: ['answer'],
				message: `answer ${l} is outside the ${q.options.length} options`
			});
		}
	}
	if (new Set(q.options).size !== q.options.length) {
		ctx.addIssue({ code: 'custom', path: ['options'], message: 'options repeat' });
	}
}

export const singleQuestion = z
	.object({ ...common, type: z.literal('single'), options, answer: letter })
	.superRefine(answerWithinOptions);

export const multipleQuestion = z
	.object({
		...common,
		type: z.literal('multiple'),
		options,
		answer: z
			.array(letter)
			.min(1)
			.refine((a) => new Set(a).size === a.length, 'answer letters repeat')
	})
	.superRefine(answerWithinOptions);

export const trueFalseQuestion = z.object({
	...common,
	type: z.literal('truefalse'),
	answer: z.boolean()
});

export const fillInQuestion = z.object({
	...common,
	type: z.literal('fillin'),
	// Every accepted spelling; matching ignores case, spaces and full/half-width differences.
	answer: z.array(text(TEXT_MAX.accepted)).min(ACCEPTED_COUNT.min).max(ACCEPTED_COUNT.max)
});

export const pollQuestion = z.object({ ...common, type: z.literal('poll'), options });

export const questionSchema = z.discriminatedUnion('type', [
	singleQuestion,
	multipleQuestion,
	trueFalseQuestion,
	fillInQuestion,
	pollQuestion
]);
export type Question = z.infer<typeof questionSchema>;

export const bankSchema = z.object({
	id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
	title: text(TEXT_MAX.title),
	language: z.enum(['zh-CN', 'en']).default('zh-CN'),
	description: z.string().trim().max(TEXT_MAX.description).optional(),
	questions: z.array(questionSchema).min(BANK_QUESTIONS.min).max(BANK_QUESTIONS.max)
});
export type Bank = z.infer<typeof bankSchema>;

export const SCORING_MODES = ['speed', 'accuracy'] as const;
export type ScoringMode = (typeof SCORING_MODES)[number];

export const quizSettingsSchema = z.object({
	scoring: z.enum(SCORING_MODES).default('speed'),
	timeLimit: z.number().int().min(TIME_LIMIT.min).max(TIME_LIMIT.max).default(TIME_LIMIT.default),
	points: z.number().int().min(POINTS.min).max(POINTS.max).default(POINTS.default)
});
export type QuizSettings = z.infer<typeof quizSettingsSchema>;

export const quizSchema = z
	.object({
		id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
		title: text(TEXT_MAX.title),
		description: z.string().trim().max(TEXT_MAX.description).optional(),
		settings: quizSettingsSchema.default({
			scoring: 'speed',
			timeLimit: TIME_LIMIT.default,
			points: POINTS.default
		}),
		questions: z.array(questionSchema).min(QUIZ_QUESTIONS.min).max(QUIZ_QUESTIONS.max),
		/** Contest-day rounds dividing the questions in order; absent: one plain run of questions. */
		rounds: z.array(roundSchema).min(1).max(ROUNDS_MAX).optional(),
		/** Teams the players join (知识竞赛); absent: everyone plays alone. */
		teams: teamsSchema.optional()
	})
	.superRefine((quiz, ctx) => {
		const hasTeams = (quiz.teams?.list.length ?? 0) > 0 || quiz.teams?.fromDepartments === true;
		if (quiz.rounds) checkRounds(quiz.rounds, quiz.questions.length, hasTeams, ctx);
	});
export type Quiz = z.infer<typeof quizSchema>;

/** The number of answer choices a question offers a player (0 for fill-in). */
export function optionCount(q: Question): number {
	if (q.type === 'truefalse') return 2;
	if (q.type === 'fillin') return 0;
	return q.options.length;
}
