// The answer key as the host pages write it (Chinese, choices with their letters).
import { answerKeyOf, formatAnswerKey, keyedQuestion } from '../domain/answer-key';
import type { Question } from '../domain/question';
import { TRUE_FALSE_LABELS } from './options';

export const HOST_KEY_WORDS = {
	trueFalse: TRUE_FALSE_LABELS,
	listSep: '、',
	poll: '投票（无标准答案）',
	noAccepted: '（未填写）',
	letters: true
} as const;

export function hostAnswerKey(q: Question): string {
	return formatAnswerKey(keyedQuestion(q), answerKeyOf(q), HOST_KEY_WORDS);
}
