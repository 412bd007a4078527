// The quiz list: the current organisation's quizzes and the shared library (signed out: the shared
// library, read-only). Creating, copying, drawing and deleting act for the current organisation:
// what is made belongs to it, and only its own quizzes can be deleted (the WHERE says so).
import { fail, redirect } from '@sveltejs/kit';
import { drawQuestions } from '$lib/domain/quiz-draw';
import type { Quiz } from '$lib/domain/question';
import { appContext } from '$lib/server/app-context';
import { requireOrg, viewer } from '$lib/server/auth/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	drawInput,
	newQuizId,
	parseDraw,
	starterQuestion,
	validateQuiz,
	type FieldErrors
} from './quiz-forms';

export const load: PageServerLoad = async ({ locals }) => {
	const ctx = await appContext();
	const { user, current, scope } = await viewer(ctx.orgs, locals);
	const [quizzes, banks] = await Promise.all([
		ctx.records.listQuizzes(scope),
		ctx.banks.listBanks(scope)
	]);
	return {
		/** Whether this visitor can create: signed in with a current organisation. */
		canCreate: current !== null,
		/** The same members see a quiz's questions, answers and explanations (its page). */
		canSeeKeys: current !== null,
		signedIn: user !== null,
		quizzes: quizzes.map((q) => ({ ...q, shared: q.orgId === undefined })),
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
	create: async ({ request, locals, url }) => {
		const ctx = await appContext();
		const { scope } = await requireOrg(ctx.orgs, locals, url);
		const form = await request.formData();
		const title = String(form.get('title') ?? '').trim();
		const quiz = validateQuiz({
			id: newQuizId(),
			title,
			settings: { scoring: 'speed', timeLimit: 20, points: 1000 },
			questions: [starterQuestion()]
		});
		if (!quiz.ok) return fail(400, { action: 'create' as const, title, errors: quiz.errors });
		await saveNew(quiz.value, scope.orgId);
		redirect(303, `/host/quizzes/${quiz.value.id}`);
	},

	duplicate: async ({ request, locals, url }) => {
		const ctx = await appContext();
		const { scope } = await requireOrg(ctx.orgs, locals, url);
		const id = idFrom(await request.formData());
		// Copies what this organisation can read (its own or a shared quiz) into this organisation.
		const quiz = await ctx.records.getQuiz(id, scope);
		if (!quiz) return fail(404, { action: 'list' as const, message: '找不到这个测验' });
		const copy: Quiz = { ...quiz, id: newQuizId(), title: `${quiz.title}（副本）`.slice(0, 100) };
		await saveNew(copy, scope.orgId);
		return { action: 'list' as const, message: `已复制为“${copy.title}”`, copiedId: copy.id };
	},

	delete: async ({ request, locals, url }) => {
		const ctx = await appContext();
		const { scope } = await requireOrg(ctx.orgs, locals, url);
		const id = idFrom(await request.formData());
		if (await ctx.records.deleteQuiz(id, scope)) {
			return { action: 'list' as const, message: '已删除' };
		}
		// Nothing of this organisation's by that id: say why if the quiz is a shared one.
		if (await ctx.records.getQuiz(id, scope)) {
			return fail(400, {
				action: 'list' as const,
				message: '共享测验库里的测验不能删除；可以复制后修改'
			});
		}
		return fail(404, { action: 'list' as const, message: '这个测验已经不存在了' });
	},

	draw: async ({ request, locals, url }) => {
		const ctx = await appContext();
		const { scope } = await requireOrg(ctx.orgs, locals, url);
		const form = await request.formData();
		const values = drawInput(form);
		const parsed = parseDraw(form);
		if (!parsed.ok) return fail(400, { action: 'draw' as const, values, errors: parsed.errors });
		const d = parsed.value;
		// Only banks this organisation can read contribute: another's bank ids find nothing.
		const pool = await ctx.banks.findQuestions(
			{
				bankIds: d.bankIds,
				categories: d.categories,
				types: d.types,
				difficulties: d.difficulties
			},
			scope
		);
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
		await saveNew(quiz.value, scope.orgId);
		redirect(303, `/host/quizzes/${quiz.value.id}`);
	}
};

/** Saves a new quiz for the organisation (its id is fresh and random, so it is never anyone's). */
async function saveNew(quiz: Quiz, orgId: string): Promise<void> {
	const ctx = await appContext();
	if (!(await ctx.records.saveQuiz(quiz, Date.now(), orgId))) {
		throw new Error(`quiz id ${quiz.id} is already taken`);
	}
}
