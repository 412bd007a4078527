// Questions → rows in the import format (header + one row per question), so that an exported file
// imports back to the same questions. Every spelling written here is one parse-rows accepts.
// Known limit: a fill-in answer or tag that itself contains a separator (| ；、…) would split.
import type { Question } from '../question';
import {
	DIFFICULTY_LABELS,
	FALSE_LABEL,
	FILLIN_SEPARATOR,
	TAG_SEPARATOR,
	TRUE_LABEL
} from './answers';
import { QUESTION_TYPE_LABELS } from '../question-types';
import { EXPORT_COLUMNS, type AnyField } from './columns';

/** Columns that hold numbers (the XLSX writer stores them as numbers, not text). */
export const NUMERIC_HEADERS: readonly string[] = EXPORT_COLUMNS.filter(
	(c) => c.field === 'points' || c.field === 'timeLimit'
).map((c) => c.header);

function answerText(q: Question): string {
	switch (q.type) {
		case 'single':
			return q.answer;
		case 'multiple':
			return q.answer.join('');
		case 'truefalse':
			return q.answer ? TRUE_LABEL : FALSE_LABEL;
		case 'fillin':
			return q.answer.join(FILLIN_SEPARATOR);
		case 'poll':
			return '';
	}
}

function cell(q: Question, field: AnyField): string {
	const options =
		q.type === 'single' || q.type === 'multiple' || q.type === 'poll' ? q.options : [];
	const opt = /^option(\d)$/.exec(field);
	if (opt) return options[Number(opt[1])] ?? '';
	switch (field) {
		case 'type':
			return QUESTION_TYPE_LABELS.zh[q.type];
		case 'stem':
			return q.stem;
		case 'answer':
			return answerText(q);
		case 'explanation':
			return q.explanation ?? '';
		case 'points':
			return q.points === undefined ? '' : String(q.points);
		case 'difficulty':
			return q.difficulty === undefined ? '' : DIFFICULTY_LABELS[q.difficulty];
		case 'category':
			return q.category ?? '';
		case 'source':
			return q.source ?? '';
		case 'tags':
			return (q.tags ?? []).join(TAG_SEPARATOR);
		case 'timeLimit':
			return q.timeLimit === undefined ? '' : String(q.timeLimit);
		case 'id':
			return q.id ?? '';
		default:
			return '';
	}
}

/** Header row, then one row per question, all as text. */
export function questionsToRows(questions: readonly Question[]): string[][] {
	return [
		EXPORT_COLUMNS.map((c) => c.header),
		...questions.map((q) => EXPORT_COLUMNS.map((c) => cell(q, c.field)))
	];
}
