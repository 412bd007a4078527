// Cell spellings: 题型 labels, answer letters, 对/错 and friends, fill-in separators, 难度, numbers,
// option prefixes and header aliases.
import { describe, expect, it } from 'vitest';
import {
	parseDifficulty,
	parseLetters,
	parseTrueFalse,
	parseTypeLabel,
	parseWholeNumber,
	splitFillIn,
	splitTags,
	stripOptionPrefix
} from '$lib/domain/bank-import/answers';
import { columnLetter, fieldOfHeader, mapHeader } from '$lib/domain/bank-import/columns';

describe('parseLetters', () => {
	it.each([
		['A', ['A']],
		['ABD', ['A', 'B', 'D']],
		['A、B、D', ['A', 'B', 'D']],
		['A,B,D', ['A', 'B', 'D']],
		['A，B', ['A', 'B']],
		['A B D', ['A', 'B', 'D']],
		['ＡＢ', ['A', 'B']],
		['abd', ['A', 'B', 'D']],
		[' c ', ['C']],
		['A;B', ['A', 'B']],
		['A/B', ['A', 'B']],
		['DA', ['D', 'A']] // order kept
	])('%j → %j', (raw, letters) => {
		expect(parseLetters(raw)).toEqual({ letters });
	});

	it('reports letters beyond F', () => {
		expect(parseLetters('AG')).toEqual({ error: expect.stringContaining('G') });
	});

	it.each(['', '119', '对', '二氧化碳', 'A1'])('%j is not letters', (raw) => {
		expect(parseLetters(raw)).toBeNull();
	});
});

describe('parseTrueFalse', () => {
	it.each(['对', '正确', '√', '✓', '✔', 'T', 't', 'true', 'TRUE', 'Y', 'yes', '是', '对。', 'Ｔ'])(
		'%j → true',
		(raw) => {
			expect(parseTrueFalse(raw)).toBe(true);
		}
	);
	it.each(['错', '错误', '×', '✗', '✘', 'X', 'F', 'false', 'FALSE', 'N', 'no', '否', '不正确'])(
		'%j → false',
		(raw) => {
			expect(parseTrueFalse(raw)).toBe(false);
		}
	);
	it.each(['', 'A', '也许', '1'])('%j → null', (raw) => {
		expect(parseTrueFalse(raw)).toBeNull();
	});
});

describe('parseTypeLabel', () => {
	it.each([
		['单选', 'single'],
		['单选题', 'single'],
		['单项选择题', 'single'],
		['single', 'single'],
		['多选', 'multiple'],
		['多选题', 'multiple'],
		['多项选择题', 'multiple'],
		['Multiple', 'multiple'],
		['判断', 'truefalse'],
		['判断题', 'truefalse'],
		['truefalse', 'truefalse'],
		['judge', 'truefalse'],
		['填空', 'fillin'],
		['填空题', 'fillin'],
		['fillin', 'fillin'],
		['blank', 'fillin'],
		['投票', 'poll'],
		['问卷', 'poll'],
		['poll', 'poll'],
		[' 单选题 ', 'single'],
		['选择题', 'choice'],
		['', null],
		['问答题', 'unknown']
	])('%j → %j', (raw, type) => {
		expect(parseTypeLabel(raw)).toBe(type);
	});
});

describe('other cells', () => {
	it('splits fill-in alternatives on | ； ; ／ but not /', () => {
		expect(splitFillIn('119|幺幺九')).toEqual(['119', '幺幺九']);
		expect(splitFillIn('a；b;c／d ｜ e')).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(splitFillIn('km/h')).toEqual(['km/h']);
		expect(splitFillIn(' | ')).toEqual([]);
	});

	it('splits tags but keeps spaces inside a tag', () => {
		expect(splitTags('报警、消防法, fire extinguisher')).toEqual([
			'报警',
			'消防法',
			'fire extinguisher'
		]);
	});

	it.each([
		['1', 1],
		['2', 2],
		['3', 3],
		['易', 1],
		['中', 2],
		['难', 3],
		['简单', 1],
		['中等', 2],
		['困难', 3],
		['Hard', 3],
		['4', null],
		['很简单吧', null]
	])('difficulty %j → %j', (raw, d) => {
		expect(parseDifficulty(raw)).toBe(d);
	});

	it.each([
		['10', 10],
		['10分', 10],
		['30秒', 30],
		['30s', 30],
		['５', 5],
		['2.0', 2],
		['0', 0],
		['1.5', null],
		['-3', null],
		['十', null]
	])('whole number %j → %j', (raw, n) => {
		expect(parseWholeNumber(raw)).toBe(n);
	});

	it('drops an option prefix only when it is the column letter with punctuation', () => {
		expect(stripOptionPrefix('A. 119', 0)).toBe('119');
		expect(stripOptionPrefix('B、120', 1)).toBe('120');
		expect(stripOptionPrefix('Ｃ．火焰根部', 2)).toBe('火焰根部');
		expect(stripOptionPrefix('A door', 0)).toBe('A door');
		expect(stripOptionPrefix('B. 120', 0)).toBe('B. 120');
		expect(stripOptionPrefix('A.', 0)).toBe('A.');
	});
});

describe('headers', () => {
	it.each([
		['题型', 'type'],
		['题目', 'stem'],
		['题干', 'stem'],
		['Question', 'stem'],
		['选项A', 'option0'],
		['选项 b', 'option1'],
		['A', 'option0'],
		['F', 'option5'],
		['optionC', 'option2'],
		['Option_D', 'option3'],
		['E选项', 'option4'],
		['答案（必填）', 'answer'],
		['正确答案', 'answer'],
		['解析', 'explanation'],
		['Explanation', 'explanation'],
		['分值(分)', 'points'],
		['难度', 'difficulty'],
		['分类', 'category'],
		['来源', 'source'],
		['标签', 'tags'],
		['限时', 'timeLimit'],
		['Time limit (s)', 'timeLimit'],
		['时间', 'timeLimit'],
		['序号', 'seq'],
		['*题目', 'stem'],
		['备注', null],
		['G', null]
	])('%j → %j', (header, field) => {
		expect(fieldOfHeader(header)).toBe(field);
	});

	it('reports unknown, repeated and missing columns', () => {
		const h = mapHeader(['题干', '答案', '备注', '正确答案'], 1);
		expect(h.unknown).toEqual(['备注']);
		expect(h.errors).toEqual(['「正确答案」列与「答案」列重复，请只保留一列']);
		expect(mapHeader(['题型', '答案'], 1).errors).toEqual(['缺少「题目」列（也可写作「题干」）']);
	});

	it('names columns by letter', () => {
		expect([0, 25, 26, 701].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ']);
	});
});
