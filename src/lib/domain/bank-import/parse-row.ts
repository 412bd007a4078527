// One data row → a question, or errors naming the file's own columns. The table-level work (header,
// cell issues, duplicates, limits) is in parse-rows.ts. Pure: no I/O.
import {
	LETTERS,
	questionSchema,
	type Letter,
	type Question,
	type QuestionType
} from '../question';
import {
	parseDifficulty,
	parseLetters,
	parseTrueFalse,
	parseTypeLabel,
	parseWholeNumber,
	splitFillIn,
	splitTags,
	stripOptionPrefix
} from './answers';
import type { AnyField, HeaderMap, OptionField } from './columns';
import { issueField, issueMessage } from './messages';

export type CellValue = string | number | boolean | null;

export interface RowError {
	/** 1-based row number as the spreadsheet shows it (the header is usually row 1). */
	row: number;
	/** The column's header as written in the file, or null for the row/file as a whole. */
	column: string | null;
	message: string;
}

/** A cell as text. Strips the apostrophe that CSV export puts before =, +, - and @ (see csv.ts). */
export function cellText(v: CellValue | undefined): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
	return String(v).replace(/^'(?=[=+\-@])/, '');
}

const OPTION_FIELDS = LETTERS.map((_, i) => `option${i}` as OptionField);

/** One data row, read through the header map. */
export class RowReader {
	readonly errors: RowError[] = [];
	constructor(
		readonly row: number,
		private readonly cells: readonly CellValue[],
		private readonly header: HeaderMap
	) {}

	has(field: AnyField): boolean {
		return this.header.columns.has(field);
	}

	text(field: AnyField): string {
		const col = this.header.columns.get(field);
		return col === undefined ? '' : cellText(this.cells[col]).trim();
	}

	column(field: AnyField | null): string | null {
		if (!field) return null;
		const col = this.header.columns.get(field);
		return col === undefined ? null : (this.header.names[col] ?? null);
	}

	fail(field: AnyField | null, message: string): void {
		this.errors.push({ row: this.row, column: this.column(field), message });
	}

	/** Whether any recognised column (other than 序号) has content. */
	get empty(): boolean {
		for (const [field, col] of this.header.columns) {
			if (field !== 'seq' && cellText(this.cells[col]).trim() !== '') return false;
		}
		return true;
	}
}

/** Options in column order; a gap (选项B empty but 选项C filled) is an error. */
function readOptions(r: RowReader): string[] {
	const options: string[] = [];
	let gap: OptionField | null = null;
	OPTION_FIELDS.forEach((field, i) => {
		const t = r.text(field);
		if (!t) {
			gap ??= field;
			return;
		}
		if (gap) {
			r.fail(gap, `选项${LETTERS[OPTION_FIELDS.indexOf(gap)]}为空，但后面的选项有内容`);
			gap = null;
		}
		options.push(stripOptionPrefix(t, i));
	});
	return options;
}

type Candidate = Record<string, unknown>;

/** The answer of a choice question as letters; option text ("119") is accepted for one answer. */
function choiceLetters(r: RowReader, options: string[], answer: string): Letter[] | null {
	const parsed = parseLetters(answer);
	if (parsed && 'error' in parsed) {
		r.fail('answer', parsed.error);
		return null;
	}
	if (parsed) return parsed.letters;
	const byText = options.indexOf(answer);
	if (byText >= 0) return [LETTERS[byText] as Letter];
	r.fail('answer', `无法识别的答案「${answer}」：选择题的答案应填选项字母，如 A 或 ABD`);
	return null;
}

/** Decides the type from 题型, or from the options and answer when 题型 is absent or empty. */
function decideType(r: RowReader, options: string[], answer: string): QuestionType | null {
	const label = parseTypeLabel(r.text('type'));
	if (label === 'unknown') {
		r.fail('type', `无法识别的题型「${r.text('type')}」：应为 单选、多选、判断、填空 或 投票`);
		return null;
	}
	if (label && label !== 'choice') return label;
	if (options.length > 0 || label === 'choice') {
		if (!answer) return 'single'; // reported as a missing answer below
		const parsed = parseLetters(answer);
		if (parsed && 'letters' in parsed) return parsed.letters.length > 1 ? 'multiple' : 'single';
		if (label !== 'choice' && parseTrueFalse(answer) !== null && options.every(isTrueFalseWord))
			return 'truefalse';
		return 'single';
	}
	if (parseTrueFalse(answer) !== null) return 'truefalse';
	return 'fillin';
}

function isTrueFalseWord(option: string): boolean {
	return parseTrueFalse(option) !== null;
}

/** Type-specific fields: options and answer. Adds to `q`; reports problems on `r`. */
function readAnswer(r: RowReader, type: QuestionType, options: string[], q: Candidate): void {
	const answer = r.text('answer');
	const needsAnswer = type !== 'poll';
	if (needsAnswer && !answer) {
		r.fail('answer', r.has('answer') ? '答案为空' : '缺少「答案」列');
		return;
	}
	switch (type) {
		case 'single':
		case 'multiple': {
			q.options = options;
			const letters = choiceLetters(r, options, answer);
			if (!letters) return;
			if (type === 'single' && letters.length > 1) {
				r.fail(
					'answer',
					`单选题只能有一个答案，却填了「${answer}」（如果是多选题，请把题型改为多选）`
				);
				return;
			}
			q.answer = type === 'single' ? letters[0] : letters;
			return;
		}
		case 'truefalse': {
			if (options.length > 0 && !options.every(isTrueFalseWord)) {
				r.fail('option0', '判断题不需要选项，请清空选项列（或把题型改为单选）');
				return;
			}
			let value = parseTrueFalse(answer);
			// "A" against options 正确/错误: the letter picks the option.
			const letters = parseLetters(answer);
			if (value === null && letters && 'letters' in letters && letters.letters.length === 1) {
				const option = options[LETTERS.indexOf(letters.letters[0] as Letter)];
				value = option === undefined ? null : parseTrueFalse(option);
			}
			if (value === null) {
				r.fail('answer', `无法识别的判断题答案「${answer}」：应为 对/错、正确/错误、√/× 或 T/F`);
				return;
			}
			q.answer = value;
			return;
		}
		case 'fillin': {
			if (options.length > 0) {
				r.fail('option0', '填空题不需要选项，请清空选项列（或把题型改为单选/多选）');
				return;
			}
			q.answer = splitFillIn(answer);
			return;
		}
		case 'poll': {
			if (answer) {
				r.fail('answer', '投票题没有正确答案，请清空答案（或把题型改为单选/多选）');
				return;
			}
			q.options = options;
			return;
		}
	}
}

/** Optional columns: absent or empty cells leave the field out. */
function readOptional(r: RowReader, q: Candidate): void {
	for (const field of ['explanation', 'category', 'source'] as const) {
		const t = r.text(field);
		if (t) q[field] = t;
	}
	const id = r.text('id');
	if (id) q.id = id.toLowerCase();
	const tags = r.text('tags');
	if (tags) q.tags = splitTags(tags);
	const difficulty = r.text('difficulty');
	if (difficulty) {
		const d = parseDifficulty(difficulty);
		if (d === null) r.fail('difficulty', `无法识别的难度「${difficulty}」：应为 1/2/3 或 易/中/难`);
		else q.difficulty = d;
	}
	const points = r.text('points');
	if (points) {
		const n = parseWholeNumber(points);
		if (n === null) r.fail('points', `分值「${points}」不是整数`);
		else q.points = n;
	}
	const limit = r.text('timeLimit');
	if (limit) {
		const n = parseWholeNumber(limit);
		if (n === null) r.fail('timeLimit', `限时「${limit}」不是整数秒数`);
		else q.timeLimit = n;
	}
}

/** One row → a question, or errors on the reader. */
export function parseRow(r: RowReader): Question | null {
	const options = readOptions(r);
	const answer = r.text('answer');
	const type = decideType(r, options, answer);
	const q: Candidate = { type, stem: r.text('stem') };
	if (type) readAnswer(r, type, options, q);
	readOptional(r, q);
	if (r.errors.length > 0 || !type) return null;
	const parsed = questionSchema.safeParse(q);
	if (parsed.success) return parsed.data;
	for (const issue of parsed.error.issues) r.fail(issueField(issue), issueMessage(issue));
	return null;
}
