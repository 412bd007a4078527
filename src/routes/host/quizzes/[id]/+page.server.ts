// One quiz: its questions carry their answers and explanations, so it is shown only to a member of
// an organisation (401 signed out, 403 outside any) and only if they can read it (their
// organisation's own or a shared one; another organisation's is 404). It is changed only by members
// of the organisation that owns it. Every save names that organisation, and the store replaces the
// quiz only where it is the owner.
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Quiz } from '$lib/domain/question';
import { deleteQuestion, moveQuestion, putQuestion, questionIndex } from '$lib/domain/quiz-edit';
import { TEXT_MAX } from '$lib/domain/limits';
import { appContext } from '$lib/server/app-context';
import { requireKeyReader, requireOrg } from '$lib/server/auth/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	newQuizId,
	parseQuestion,
	settingsInput,
	validateQuiz,
	type FieldErrors
} from '../quiz-forms';
import { parseContest, roundsAfter } from '../contest-forms';

export const load: PageServerLoad = async ({ params, locals }) => {
	const ctx = await appContext();
	const { scope } = await requireKeyReader(ctx.orgs, locals);
	const owned = await ctx.records.getOwnedQuiz(params.id, scope);
	if (!owned) error(404, '找不到这个测验');
	return {
		quiz: owned.quiz,
		// Read in this scope, an owner is this organisation; null is the shared library.
		editable: owned.orgId !== null
	};
};

const READ_ONLY = '共享测验库里的测验不能直接修改；请先“复制为我的测验”';
const GONE = '这个测验已经不存在了，或不属于你当前的组织';

/** A message for the whole page: a failure (with its status) or a success, typed as which. */
const failed = (status: number, message: string) =>
	fail(status, { action: 'general' as const, ok: false as const, message });
const done = (message: string) => ({ action: 'general' as const, ok: true as const, message });

/** The quiz to change, for a member of the organisation that owns it, or a failure to return. */
async function editableQuiz(event: RequestEvent) {
	const ctx = await appContext();
	const { scope } = await requireOrg(ctx.orgs, event.locals, event.url);
	const owned = await ctx.records.getOwnedQuiz(event.params.id ?? '', scope);
	if (!owned) return { fail: failed(404, '找不到这个测验') };
	if (owned.orgId === null) return { fail: failed(400, READ_ONLY) };
	const quiz = owned.quiz;
	/** Saves the changed quiz for its organisation; false if it is no longer the owner's. */
	const save = (next: Quiz) => ctx.records.saveQuiz(next, Date.now(), scope.orgId);
	return { quiz, save };
}

/** The quiz and the question the form names, or the failure to return. */
async function editableQuestion(event: RequestEvent) {
	const form = await event.request.formData();
	const got = await editableQuiz(event);
	if (got.fail) return got;
	const index = questionIndex(got.quiz, form.get('index'));
	if (index === null) return { fail: failed(409, STALE) };
	return { ...got, form, index };
}

const STALE = '这道题已经不存在了，请刷新页面';

/** The quiz with these rounds, or none. */
function withRounds(quiz: Quiz, rounds: Quiz['rounds']): Quiz {
	const { rounds: _old, ...rest } = quiz;
	return rounds ? { ...rest, rounds } : rest;
}

export const actions: Actions = {
	settings: async (event) => {
		const form = await event.request.formData();
		const values = settingsInput(form);
		const got = await editableQuiz(event);
		if (got.fail) return got.fail;
		const { quiz, save } = got;
		const next = {
			id: quiz.id,
			title: values.title,
			...(values.description !== undefined ? { description: values.description } : {}),
			settings: { scoring: values.scoring, timeLimit: values.timeLimit, points: values.points },
			questions: quiz.questions,
			// The contest format is saved by its own form; the settings form keeps it as it is.
			...(quiz.rounds ? { rounds: quiz.rounds } : {}),
			...(quiz.teams ? { teams: quiz.teams } : {})
		};
		const valid = validateQuiz(next);
		if (!valid.ok) return fail(400, { action: 'settings' as const, values, errors: valid.errors });
		if (!(await save(valid.value))) return failed(404, GONE);
		return { action: 'settings' as const, message: '设置已保存' };
	},

	contest: async (event) => {
		const form = await event.request.formData();
		const got = await editableQuiz(event);
		if (got.fail) return got.fail;
		const parsed = parseContest(form, got.quiz);
		if (!parsed.ok) return fail(400, { action: 'contest' as const, errors: parsed.errors });
		if (!(await got.save(parsed.value))) return failed(404, GONE);
		return { action: 'contest' as const, message: '赛制和队伍已保存' };
	},

	saveQuestion: async (event) => {
		const form = await event.request.formData();
		const got = await editableQuiz(event);
		if (got.fail) return got.fail;
		const { quiz, save } = got;
		const isNew = form.get('index') === 'new';
		const index = isNew ? quiz.questions.length : questionIndex(quiz, form.get('index'));
		if (index === null) return failed(409, STALE);
		const key = isNew ? 'new' : String(index);
		const parsed = parseQuestion(form, isNew ? undefined : quiz.questions[index]);
		if (!parsed.ok) {
			return fail(400, { action: 'question' as const, key, errors: parsed.errors });
		}
		const put = putQuestion(quiz, index, parsed.value);
		const valid = validateQuiz(
			isNew ? withRounds(put, roundsAfter(quiz.rounds, { added: true })) : put
		);
		if (!valid.ok) {
			const errors: FieldErrors = { form: valid.errors.questions ?? '测验内容不正确' };
			return fail(400, { action: 'question' as const, key, errors });
		}
		if (!(await save(valid.value))) return failed(404, GONE);
		return { action: 'question' as const, key, saved: index };
	},

	move: async (event) => {
		const got = await editableQuestion(event);
		if (got.fail) return got.fail;
		const result = moveQuestion(got.quiz, got.index, got.form.get('dir') === 'up' ? 'up' : 'down');
		if (result.moved && !(await got.save(result.quiz))) return failed(404, GONE);
		return { action: 'move' as const, moved: result.at };
	},

	deleteQuestion: async (event) => {
		const got = await editableQuestion(event);
		if (got.fail) return got.fail;
		const result = deleteQuestion(got.quiz, got.index);
		if (!result.ok) return failed(400, '测验至少要有一道题；请先添加新题再删除这道');
		const next = withRounds(result.quiz, roundsAfter(got.quiz.rounds, { removed: got.index }));
		const valid = validateQuiz(next);
		if (!valid.ok) return failed(400, valid.errors.form ?? '测验内容不正确');
		if (!(await got.save(valid.value))) return failed(404, GONE);
		return done(`已删除第 ${got.index + 1} 题`);
	},

	copy: async ({ params, locals, url }) => {
		const ctx = await appContext();
		const { scope } = await requireOrg(ctx.orgs, locals, url);
		const quiz = await ctx.records.getQuiz(params.id, scope);
		if (!quiz) return failed(404, '找不到这个测验');
		const copy: Quiz = {
			...quiz,
			id: newQuizId(),
			title: `${quiz.title}（副本）`.slice(0, TEXT_MAX.title)
		};
		if (!(await ctx.records.saveQuiz(copy, Date.now(), scope.orgId))) {
			throw new Error(`quiz id ${copy.id} is already taken`);
		}
		redirect(303, `/host/quizzes/${copy.id}`);
	}
};
