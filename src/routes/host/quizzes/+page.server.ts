import { fail, redirect } from '@sveltejs/kit';
import { drawQuestions } from '$lib/domain/quiz-draw';
import type { Quiz } from '$lib/domain/question';
import { appContext } from '$lib/server/app-context';
import type { Actions, PageServerLoad } from './$types';
import {
	drawInput,
	isUserQuiz,
	newQuizId,
	parseDraw,
	starterQuestion,
	validateQuiz,
	type FieldErrors
} from './quiz-forms';

export const load: PageServerLoad = async () => {
	const ctx = await appContext();
	const [quizzes, banks] = await Promise.all([ctx.records.listQuizzes(), ctx.banks.listBanks()]);
	return {
		quizzes: quizzes.map((q) => ({ ...q, shipped: !isUserQuiz(q.id) })),
		// Imported and hand-made banks first (newest first), then the shipped library.
		banks: [
			...banks.filter((b) => b.origin !== 'shipped').sort((a, b) => b.updatedAt - a.updatedAt),
			...banks.filter((b) => b.origin === 'shipped')
		].map((b) => ({
			id: b.id,
			title: b.title,
			origin: b.origin,
			questionCount: b.questionCount,
			categories: b.categories
		}))
	};
};

function idFrom(form: FormData): string {
	const id = form.get('id');
	return typeof id === 'string' ? id : '';
}

export const actions: Actions = {
	create: async ({ request }) => {
		const form = await request.formData();
		const title = String(form.get('title') ?? '').trim();
		const quiz = validateQuiz({
			id: newQuizId(),
			title,
			settings: { scoring: 'speed', timeLimit: 20, points: 1000 },
			questions: [starterQuestion()]
		});
		if (!quiz.ok) return fail(400, { action: 'create' as const, title, errors: quiz.errors });
		const ctx = await appContext();
		await ctx.records.saveQuiz(quiz.value, Date.now());
		redirect(303, `/host/quizzes/${quiz.value.id}`);
	},

	duplicate: async ({ request }) => {
		const id = idFrom(await request.formData());
		const ctx = await appContext();
		const quiz = await ctx.records.getQuiz(id);
		if (!quiz) return fail(404, { action: 'list' as const, message: '找不到这个测验' });
		const copy: Quiz = { ...quiz, id: newQuizId(), title: `${quiz.title}（副本）`.slice(0, 100) };
		await ctx.records.saveQuiz(copy, Date.now());
		return { action: 'list' as const, message: `已复制为“${copy.title}”`, copiedId: copy.id };
	},

	delete: async ({ request }) => {
		const id = idFrom(await request.formData());
		if (!isUserQuiz(id)) {
			return fail(400, {
				action: 'list' as const,
				message: '内置测验会在重启时恢复，不能删除；可以复制后修改'
			});
		}
		const ctx = await appContext();
		const deleted = await ctx.records.deleteQuiz(id);
		if (!deleted) return fail(404, { action: 'list' as const, message: '这个测验已经不存在了' });
		return { action: 'list' as const, message: '已删除' };
	},

	draw: async ({ request }) => {
		const form = await request.formData();
		const values = drawInput(form);
		const parsed = parseDraw(form);
		if (!parsed.ok) return fail(400, { action: 'draw' as const, values, errors: parsed.errors });
		const d = parsed.value;
		const ctx = await appContext();
		const pool = await ctx.banks.findQuestions({
			bankIds: d.bankIds,
			categories: d.categories,
			types: d.types,
			difficulties: d.difficulties
		});
		const drawn = drawQuestions(pool, d.count, Math.random);
		if (!drawn.ok) {
			const errors: FieldErrors = {
				count:
					drawn.available === 0
						? '没有符合条件的题目，请放宽题库、分类、题型或难度'
						: `符合条件的题目只有 ${drawn.available} 道，请减少题数或放宽条件`
			};
			return fail(400, { action: 'draw' as const, values, errors });
		}
		const quiz = validateQuiz({
			id: newQuizId(),
			title: d.title,
			settings: { scoring: d.scoring, timeLimit: d.timeLimit, points: d.points },
			questions: drawn.drawn.map((f) => f.question)
		});
		if (!quiz.ok) {
			const errors: FieldErrors = { form: '抽到的题目没有通过校验，请检查题库', ...quiz.errors };
			return fail(400, { action: 'draw' as const, values, errors });
		}
		await ctx.records.saveQuiz(quiz.value, Date.now());
		redirect(303, `/host/quizzes/${quiz.value.id}`);
	}
};
