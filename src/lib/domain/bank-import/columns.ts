// Header recognition for imported question tables: which column holds which field. Enterprise
// spreadsheets name columns in many ways (题目/题干/试题, 选项A/A/A选项, 答案（必填）…), so header
// cells are normalised before lookup. Pure: no I/O.
import { LETTERS } from '../question';

export type Field =
	| 'type'
	| 'stem'
	| 'answer'
	| 'explanation'
	| 'points'
	| 'difficulty'
	| 'category'
	| 'source'
	| 'tags'
	| 'timeLimit'
	| 'id'
	/** A running number (序号): recognised so that it is neither warned about nor imported. */
	| 'seq';

/** Option columns are fields too: option0 … option5 for 选项A … 选项F. */
export type OptionField = `option${0 | 1 | 2 | 3 | 4 | 5}`;
export type AnyField = Field | OptionField;

/** The headers Anda writes (export and template), in column order. */
export const EXPORT_COLUMNS: readonly { field: AnyField; header: string }[] = [
	{ field: 'type', header: '题型' },
	{ field: 'stem', header: '题目' },
	...LETTERS.map((l, i) => ({ field: `option${i}` as OptionField, header: `选项${l}` })),
	{ field: 'answer', header: '答案' },
	{ field: 'explanation', header: '解析' },
	{ field: 'points', header: '分值' },
	{ field: 'difficulty', header: '难度' },
	{ field: 'category', header: '分类' },
	{ field: 'source', header: '来源' },
	{ field: 'tags', header: '标签' },
	{ field: 'timeLimit', header: '限时' },
	{ field: 'id', header: '编号' }
];

// Keys are normalised with normaliseHeader (lowercase, no spaces, no notes in brackets).
const ALIASES: Record<Field, string[]> = {
	type: ['题型', '题目类型', '试题类型', '类型', '题类', 'type', 'questiontype', 'qtype', 'kind'],
	stem: [
		'题目',
		'题干',
		'试题',
		'题目内容',
		'试题内容',
		'题干内容',
		'问题',
		'stem',
		'question',
		'questiontext'
	],
	answer: ['答案', '正确答案', '参考答案', '标准答案', 'answer', 'answers', 'correctanswer', 'key'],
	explanation: ['解析', '答案解析', '试题解析', '题目解析', '解释', 'explanation', 'analysis'],
	points: ['分值', '分数', '得分', 'points', 'point', 'score'],
	difficulty: ['难度', '难易度', '难易程度', '难度等级', 'difficulty', 'level'],
	category: ['分类', '类别', '题目分类', '所属分类', '知识点', '章节', 'category'],
	source: ['来源', '出处', '依据', '法规依据', '参考依据', 'source', 'reference'],
	tags: ['标签', '关键词', '关键字', 'tags', 'tag', 'keywords'],
	timeLimit: [
		'限时',
		'时间',
		'时限',
		'答题时间',
		'答题时限',
		'限时秒',
		'timelimit',
		'time',
		'seconds'
	],
	id: ['编号', '题目编号', '试题编号', 'id', 'questionid'],
	seq: ['序号', '题号', '行号', 'no', 'no.', '#', 'number', 'seq']
};

const LOOKUP = new Map<string, Field>(
	(Object.entries(ALIASES) as [Field, string[]][]).flatMap(([f, names]) =>
		names.map((n) => [n, f] as const)
	)
);

/** Lowercase, half-width, no spaces/underscores, no "*" marks and no bracketed notes like （必填）. */
export function normaliseHeader(cell: string): string {
	return cell
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[([【][^)\]】]*[)\]】]/g, '')
		.replace(/[\s_\-*:：]+/g, '');
}

/** Which field a header cell names, or null when it is not one we know. */
export function fieldOfHeader(cell: string): AnyField | null {
	const h = normaliseHeader(cell);
	if (!h) return null;
	// 选项A, 选项a, A, A选项, optionA, option_a, choiceA
	const opt = /^(?:选项|option|opt|choice)?([a-f])(?:选项)?$/.exec(h);
	if (opt?.[1]) return `option${'abcdef'.indexOf(opt[1])}` as OptionField;
	return LOOKUP.get(h) ?? null;
}

export interface HeaderMap {
	/** The header's row number as the spreadsheet shows it (1-based). */
	row: number;
	/** Field → 0-based column index. */
	columns: Map<AnyField, number>;
	/** The header text of each column, as written in the file (for error messages). */
	names: string[];
	/** Header cells we did not recognise (their columns are ignored). */
	unknown: string[];
	/** Header problems that make the whole file unimportable. */
	errors: string[];
}

/** Spreadsheet column letters (0 → A, 26 → AA), for columns without a header. */
export function columnLetter(index: number): string {
	let n = index + 1;
	let s = '';
	while (n > 0) {
		const r = (n - 1) % 26;
		s = String.fromCharCode(65 + r) + s;
		n = Math.floor((n - 1) / 26);
	}
	return s;
}

/** Maps one header row. `row` is its 1-based row number. */
export function mapHeader(cells: readonly string[], row: number): HeaderMap {
	const columns = new Map<AnyField, number>();
	const names: string[] = [];
	const unknown: string[] = [];
	const errors: string[] = [];
	cells.forEach((raw, i) => {
		const text = raw.trim();
		names[i] = text || `${columnLetter(i)}列`;
		if (!text) return;
		const field = fieldOfHeader(text);
		if (!field) {
			unknown.push(text);
			return;
		}
		const first = columns.get(field);
		if (first !== undefined) {
			if (field !== 'seq') errors.push(`「${text}」列与「${names[first]}」列重复，请只保留一列`);
			return;
		}
		columns.set(field, i);
	});
	if (!columns.has('stem')) errors.push('缺少「题目」列（也可写作「题干」）');
	return { row, columns, names, unknown, errors };
}

/**
 * The header is the first row (within the first few) that names a stem column; rows above it are
 * titles such as "2024年安全生产月知识竞赛题库" that enterprises like to put on top.
 */
export function findHeaderRow(rows: readonly (readonly string[])[], lookahead = 10): number {
	for (let i = 0; i < Math.min(rows.length, lookahead); i++) {
		const cells = rows[i] ?? [];
		if (cells.some((c) => fieldOfHeader(c) === 'stem')) return i;
	}
	return -1;
}
