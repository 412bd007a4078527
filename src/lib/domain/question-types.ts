// The names of the question types, one word each per UI language. The host pages, the import
// template and the export speak Chinese; the public pages (phone, big screen) also speak English.
import type { QuestionType } from './question';

export const QUESTION_TYPE_LABELS = {
	zh: {
		single: '单选题',
		multiple: '多选题',
		truefalse: '判断题',
		fillin: '填空题',
		poll: '投票题'
	},
	en: {
		single: 'Single choice',
		multiple: 'Multiple choice',
		truefalse: 'True or false',
		fillin: 'Fill in',
		poll: 'Poll'
	}
} as const satisfies Record<'zh' | 'en', Record<QuestionType, string>>;

/** The Chinese name of a type: what the host pages show. */
export const typeLabel = (type: QuestionType): string => QUESTION_TYPE_LABELS.zh[type];
