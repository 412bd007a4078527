// The banks the bank store rules save, filter and replace: two small ones with every kind of
// question, and banks of any size up to the schema's 20,000 questions.
import { bankSchema, type Bank, type Question } from '../../src/lib/domain/question';
import type { FoundQuestion } from '../../src/lib/server/records/banks/port';

export const T0 = 1_760_000_000_000;

export const fire: Bank = bankSchema.parse({
	id: 'fire',
	title: '消防安全',
	description: '灭火与逃生',
	questions: [
		{
			id: 'fire-001',
			type: 'single',
			stem: '火警电话是多少？',
			options: ['110', '119', '120'],
			answer: 'B',
			explanation: '119 是火警电话。',
			category: '消防',
			difficulty: 1,
			source: '《消防法》第四十四条',
			tags: ['电话']
		},
		{
			type: 'multiple',
			stem: '扑救油类火灾可以用？',
			options: ['泡沫', '水', '干粉'],
			answer: ['A', 'C'],
			category: '消防',
			difficulty: 2
		},
		{ type: 'truefalse', stem: '电梯可以用于火灾逃生。', answer: false, category: '逃生' },
		{
			type: 'fillin',
			stem: '火警电话：___',
			answer: ['119'],
			category: '消防',
			difficulty: 1,
			points: 500,
			timeLimit: 30
		},
		{ type: 'poll', stem: '你家有灭火器吗？', options: ['有', '没有'] }
	]
});

export const traffic: Bank = bankSchema.parse({
	id: 'traffic',
	title: 'Traffic',
	language: 'en',
	questions: [
		{ type: 'truefalse', stem: 'Seat belts save lives.', answer: true, category: 'Car' },
		{
			type: 'single',
			stem: 'A red light means?',
			options: ['Stop', 'Go'],
			answer: 'A',
			category: 'Road',
			difficulty: 1
		},
		{ type: 'truefalse', stem: 'Phones while driving are fine.', answer: false, difficulty: 3 }
	]
});

export function q(bank: Bank, i: number): Question {
	const found = bank.questions[i];
	if (!found) throw new Error(`no question ${i} in ${bank.id}`);
	return found;
}

export function found(bank: Bank, ...indexes: number[]): FoundQuestion[] {
	return indexes.map((index) => ({ bankId: bank.id, index, question: q(bank, index) }));
}

export function bigBank(id: string, n: number): Bank {
	const questions: Question[] = [];
	for (let i = 0; i < n; i++) {
		const category = `类别${i % 7}`;
		if (i % 3 === 0) {
			questions.push({ type: 'truefalse', stem: `判断题 ${i}`, answer: i % 2 === 0, category });
		} else {
			questions.push({
				type: 'single',
				stem: `单选题 ${i}：下列哪项正确？`,
				options: ['甲', '乙', '丙', '丁'],
				answer: 'C',
				explanation: `第 ${i} 题的解析。`,
				category,
				difficulty: ((i % 3) + 1) as 1 | 2 | 3
			});
		}
	}
	return { id, title: `大题库 ${id}`, language: 'zh-CN', questions };
}
