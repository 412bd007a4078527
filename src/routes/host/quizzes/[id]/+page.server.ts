import { error, fail, redirect } from '@sveltejs/kit';
import type { Quiz } from '$lib/domain/question';
import { appContext } from '$lib/server/app-context';
import type { Actions, PageServerLoad } from './$types';
import {
	isUserQuiz,
	newQuizId,
	parseQuestion,
	settingsInput,
	validateQuiz,
	type FieldErrors
} from '../quiz-forms';

export const load: PageServerLoad = async ({ params }) => {
	const ctx = await appContext();
	const quiz = await ctx.records.getQuiz(params.id);
	if (!quiz) error(404, '找不到这个测验');
	return { quiz, editable: isUserQuiz(quiz.id) };
};

const READ_ONLY = '内置测验会在重启时恢复，不能直接修改；请先“复制为我的测验”';

/** The quiz to change, or a failure to return as is. */
async function editableQuiz(id: string) {
	const ctx = await appContext();
	const quiz = await ctx.records.getQuiz(id);
	if (!quiz) return { fail: fail(404, { action: 'general' as const, message: '找不到这个测验' }) };
	if (!isUserQuiz(id))
		return { fail: fail(400, { action: 'general' as const, message: READ_ONLY }) };
	return { quiz, ctx };
}

function indexFrom(form: FormData, quiz: Quiz): number | null {
	const raw = form.get('index');
	const i = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : -1;
	return i >= 0 && i < quiz.questions.length ? i : null;
}

const STALE = '这道题已经不存在了，请刷新页面';

export const actions: Actions = {
	settings: async ({ params, request }) => {
		const form = await request.formData();
		const values = settingsInput(form);
		const got = await editableQuiz(params.id);
		if (got.fail) return got.fail;
		const { quiz, ctx } = got;
		const next = {
			id: quiz.id,
			title: values.title,
			...(values.description !== undefined ? { description: values.description } : {}),
			settings: { scoring: values.scoring, timeLimit: values.timeLimit, points: values.points },
			questions: quiz.questions
		};
		const valid = validateQuiz(next);
		if (!valid.ok) return fail(400, { action: 'settings' as const, values, errors: valid.errors });
		await ctx.records.saveQuiz(valid.value, Date.now());
		return { action: 'settings' as const, message: '设置已保存' };
	},

	saveQuestion: async ({ params, request }) => {
		const form = await request.formData();
		const got = await editableQuiz(params.id);
		if (got.fail) return got.fail;
		const { quiz, ctx } = got;
		const isNew = form.get('index') === 'new';
		const index = isNew ? quiz.questions.length : indexFrom(form, quiz);
		if (index === null) return fail(409, { action: 'general' as const, message: STALE });
		const key = isNew ? 'new' : String(index);
		const parsed = parseQuestion(form, isNew ? undefined : quiz.questions[index]);
		if (!parsed.ok) {
			return fail(400, { action: 'question' as const, key, errors: parsed.errors });
		}
		const questions = [...quiz.questions];
		questions[index] = parsed.value;
		const valid = validateQuiz({ ...quiz, questions });
		if (!valid.ok) {
			const errors: FieldErrors = { form: valid.errors.questions ?? '测验内容不正确' };
			return fail(400, { action: 'question' as const, key, errors });
		}
		await ctx.records.saveQuiz(valid.value, Date.now());
		return { action: 'question' as const, key, saved: index };
	},

	move: async ({ params, request }) => {
		const form = await request.formData();
		const got = await editableQuiz(params.id);
		if (got.fail) return got.fail;
		const { quiz, ctx } = got;
		const index = indexFrom(form, quiz);
		if (index === null) return fail(409, { action: 'general' as const, message: STALE });
		const to = form.get('dir') === 'up' ? index - 1 : index + 1;
		if (to < 0 || to >= quiz.questions.length) return { action: 'move' as const, moved: index };
		const questions = [...quiz.questions];
		const [q] = questions.splice(index, 1);
		if (q) questions.splice(to, 0, q);
		await ctx.records.saveQuiz({ ...quiz, questions }, Date.now());
		return { action: 'move' as const, moved: to };
	},

	deleteQuestion: async ({ params, request }) => {
		const form = await request.formData();
		const got = await editableQuiz(params.id);
		if (got.fail) return got.fail;
		const { quiz, ctx } = got;
		const index = indexFrom(form, quiz);
		if (index === null) return fail(409, { action: 'general' as const, message: STALE });
		const questions = quiz.questions.filter((_, i) => i !== index);
		const valid = validateQuiz({ ...quiz, questions });
		if (!valid.ok) {
			return fail(400, {
				action: 'general' as const,
				message: '测验至少要有一道题；请先添加新题再删除这道'
			});
		}
		await ctx.records.saveQuiz(valid.value, Date.now());
		return { action: 'general' as const, message: `已删除第 ${index + 1} 题` };
	},

	copy: async ({ params }) => {
		const ctx = await appContext();
		const quiz = await ctx.records.getQuiz(params.id);
		if (!quiz) return fail(404, { action: 'general' as const, message: '找不到这个测验' });
		const copy: Quiz = { ...quiz, id: newQuizId(), title: `${quiz.title}（副本）`.slice(0, 100) };
		await ctx.records.saveQuiz(copy, Date.now());
		redirect(303, `/host/quizzes/${copy.id}`);
	}
};
