// The answer key as text ("B. 119", "正确", "119 / 幺幺九"): one formatter for the phone's and the
// big screen's reveal and for the host's quiz, bank and preview views, so they never disagree.
import { correctChoices } from './answer';
import { LETTERS, type Question, type QuestionType } from './question';

/** The key of a question: correct option indexes (true/false: 0 = true), or fill-in spellings. */
export interface AnswerKey {
	correct: readonly number[];
	accepted: readonly string[];
}

/** The words a page puts around the key, in its language. */
export interface AnswerKeyWords {
	/** Labels of true (index 0) and false (index 1). */
	trueFalse: readonly string[];
	/** Between two correct choices of a multiple-choice question. */
	listSep: string;
	/** What a poll shows in place of a key. */
	poll: string;
	/** A fill-in question with no accepted answer yet (a draft in the editor). */
	noAccepted?: string;
	/** Prefix each choice with its letter ("B. 119"); true/false never is. */
	letters?: boolean;
}

/** What a question looks like to the formatter: its type and option texts. */
export interface KeyedQuestion {
	type: QuestionType;
	options: readonly string[];
}

/** The key a full question carries (the host side, which has the whole question). */
export function answerKeyOf(q: Question): AnswerKey {
	return { correct: correctChoices(q), accepted: q.type === 'fillin' ? q.answer : [] };
}

/** The options of a full question as the formatter wants them (none for true/false, fill-in). */
export function keyedQuestion(q: Question): KeyedQuestion {
	return { type: q.type, options: 'options' in q ? q.options : [] };
}

export function formatAnswerKey(q: KeyedQuestion, key: AnswerKey, words: AnswerKeyWords): string {
	if (q.type === 'poll') return words.poll;
	if (q.type === 'fillin') return key.accepted.join(' / ') || (words.noAccepted ?? '');
	return key.correct
		.map((i) => {
			if (q.type === 'truefalse') return words.trueFalse[i] ?? '';
			const label = q.options[i] ?? '';
			return words.letters ? `${LETTERS[i] ?? ''}. ${label}` : label;
		})
		.join(words.listSep);
}
