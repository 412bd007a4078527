// Moving and deleting a quiz's questions, as the editor's form actions do.
import { describe, expect, it } from 'vitest';
import type { Question, Quiz } from '$lib/domain/question';
import { deleteQuestion, moveQuestion, putQuestion, questionIndex } from '$lib/domain/quiz-edit';

const q = (stem: string): Question => ({ type: 'truefalse', stem, answer: true });
const quiz = (...stems: string[]): Quiz => ({
	id: 'q',
	title: 't',
	settings: { scoring: 'speed', timeLimit: 20, points: 1000 },
	questions: stems.map(q)
});
const stems = (z: Quiz) => z.questions.map((x) => x.stem);

describe('quiz edits', () => {
	it('reads a question index from a form value, or null when it is stale or junk', () => {
		const z = quiz('a', 'b');
		expect(questionIndex(z, '1')).toBe(1);
		expect(questionIndex(z, '2')).toBeNull();
		expect(questionIndex(z, '-1')).toBeNull();
		expect(questionIndex(z, '1.5')).toBeNull();
		expect(questionIndex(z, null)).toBeNull();
	});

	it('moves a question up and down, and leaves it at either end', () => {
		const z = quiz('a', 'b', 'c');
		const down = moveQuestion(z, 0, 'down');
		expect(down.moved && stems(down.quiz)).toEqual(['b', 'a', 'c']);
		expect(down.at).toBe(1);
		const up = moveQuestion(z, 2, 'up');
		expect(up.moved && stems(up.quiz)).toEqual(['a', 'c', 'b']);
		expect(moveQuestion(z, 0, 'up')).toEqual({ moved: false, at: 0 });
		expect(moveQuestion(z, 2, 'down')).toEqual({ moved: false, at: 2 });
		expect(stems(z)).toEqual(['a', 'b', 'c']);
	});

	it('deletes a question but never the last one', () => {
		const removed = deleteQuestion(quiz('a', 'b', 'c'), 1);
		expect(removed.ok && stems(removed.quiz)).toEqual(['a', 'c']);
		expect(deleteQuestion(quiz('a'), 0)).toEqual({ ok: false, reason: 'LAST_QUESTION' });
	});

	it('replaces a question in place or appends one at the end', () => {
		expect(stems(putQuestion(quiz('a', 'b'), 0, q('x')))).toEqual(['x', 'b']);
		expect(stems(putQuestion(quiz('a', 'b'), 2, q('x')))).toEqual(['a', 'b', 'x']);
	});
});
