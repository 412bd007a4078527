// The revealed answer key in a public page's language (phone and big screen).
import { formatAnswerKey, type AnswerKey, type KeyedQuestion } from '../domain/answer-key';
import type { Messages } from '../i18n/messages';

export function revealedKey(t: Messages, q: KeyedQuestion, key: AnswerKey): string {
	return formatAnswerKey(q, key, {
		trueFalse: t.trueFalse,
		listSep: t.listSep,
		poll: t.pollNoAnswer
	});
}
