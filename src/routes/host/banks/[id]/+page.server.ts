// One bank's questions, filtered and paged, with their answers and explanations: for a member of an
// organisation only (401 signed out, 403 outside any), and a bank they can read (their
// organisation's own or a shared one); another organisation's bank is 404.
import { error } from '@sveltejs/kit';
import { QUESTION_TYPES, type QuestionType } from '$lib/domain/question';
import { appContext } from '$lib/server/app-context';
import { requireKeyReader } from '$lib/server/auth/kit';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const ctx = await appContext();
	const { scope } = await requireKeyReader(ctx.orgs, locals);
	const found = (await ctx.banks.listBanks(scope)).find((b) => b.id === params.id);
	if (!found) error(404, '找不到这个题库');
	const { orgId, ...bank } = found;

	// Filters come from the query string; unknown values are ignored rather than refused.
	const p = url.searchParams;
	const category = p.get('category') ?? '';
	const typeParam = p.get('type') ?? '';
	const type = (QUESTION_TYPES as readonly string[]).includes(typeParam)
		? (typeParam as QuestionType)
		: '';
	const difficultyParam = Number(p.get('difficulty'));
	const difficulty =
		difficultyParam === 1 || difficultyParam === 2 || difficultyParam === 3 ? difficultyParam : 0;
	const keyword = (p.get('q') ?? '').trim().slice(0, 100);

	let matches = await ctx.banks.findQuestions(
		{
			bankIds: [bank.id],
			categories: category ? [category] : [],
			types: type ? [type] : [],
			difficulties: difficulty ? [difficulty] : []
		},
		scope
	);
	if (keyword) {
		const k = keyword.toLowerCase();
		matches = matches.filter(
			(f) =>
				f.question.stem.toLowerCase().includes(k) ||
				('options' in f.question && f.question.options.some((o) => o.toLowerCase().includes(k)))
		);
	}
	const pages = Math.max(1, Math.ceil(matches.length / PAGE_SIZE));
	const page = Math.min(pages, Math.max(1, Math.floor(Number(p.get('page')) || 1)));
	return {
		bank: { ...bank, own: orgId !== undefined },
		filter: { category, type, difficulty, keyword },
		matched: matches.length,
		page,
		pages,
		questions: matches.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
	};
};
