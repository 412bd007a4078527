// zod issues from questionSchema → Chinese messages for the import preview, and the field each one
// belongs to (so the preview can name the file's column). The schema's own messages are English
// developer messages; hosts editing a spreadsheet need to know which cell to fix and how.
import type { z } from 'zod';
import { LETTERS } from '../question';
import type { AnyField, OptionField } from './columns';

type Issue = z.ZodError['issues'][number];

const LABELS: Record<string, string> = {
	stem: '题目',
	options: '选项',
	answer: '答案',
	explanation: '解析',
	category: '分类',
	source: '来源',
	tags: '标签',
	timeLimit: '限时',
	points: '分值',
	difficulty: '难度',
	id: '编号'
};

/** The import field an issue is about (null when it is about the question as a whole). */
export function issueField(issue: Issue): AnyField | null {
	const [head, index] = issue.path;
	if (head === 'options') return `option${typeof index === 'number' ? index : 0}` as OptionField;
	if (typeof head !== 'string' || !(head in LABELS)) return null;
	return head as AnyField;
}

function label(issue: Issue): string {
	const [head, index] = issue.path;
	if (head === 'options' && typeof index === 'number') return `选项${LETTERS[index] ?? ''}`;
	return LABELS[String(head)] ?? '内容';
}

/** One issue as a sentence a host can act on. */
export function issueMessage(issue: Issue): string {
	const what = label(issue);
	const head = issue.path[0];
	const whole = issue.path.length === 1;
	switch (issue.code) {
		case 'too_small': {
			const min = Number(issue.minimum);
			if (issue.origin === 'string') return `${what}不能为空`;
			if (issue.origin === 'array' && whole) {
				if (head === 'options') return `至少需要 ${min} 个选项`;
				if (head === 'answer') return '答案不能为空';
				return `${what}至少需要 ${min} 项`;
			}
			return `${what}不能小于 ${min}`;
		}
		case 'too_big': {
			const max = Number(issue.maximum);
			if (issue.origin === 'string') return `${what}不能超过 ${max} 个字`;
			if (issue.origin === 'array' && whole) {
				if (head === 'options') return `最多只能有 ${max} 个选项`;
				if (head === 'answer') return `填空题最多 ${max} 个可接受答案`;
				return `${what}最多 ${max} 个`;
			}
			return `${what}不能大于 ${max}`;
		}
		case 'invalid_format':
			if (head === 'id') return '编号只能由小写字母、数字和连字符组成（最长 64 个字符）';
			return `${what}格式不正确`;
		case 'custom': {
			const outside = /^answer ([A-F]) is outside the (\d+) options$/.exec(issue.message);
			if (outside) return `答案 ${outside[1]} 超出了选项范围（本题只有 ${outside[2]} 个选项）`;
			if (issue.message === 'options repeat') return '选项有重复';
			if (issue.message === 'answer letters repeat') return '答案字母有重复';
			return `${what}不正确`;
		}
		default:
			return `${what}格式不正确`;
	}
}
