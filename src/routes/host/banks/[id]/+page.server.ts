import { error } from '@sveltejs/kit';
import { QUESTION_TYPES, type QuestionType } from '$lib/domain/question';
import { appContext } from '$lib/server/app-context';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ params, url }) => {
	const ctx = await appContext();
	const bank = (await ctx.banks.listBanks()).find((b) => b.id === params.id);
	if (!bank) error(404, '找不到这个题库');

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

	let found = await ctx.banks.findQuestions({
		bankIds: [bank.id],
		categories: category ? [category] : [],
		types: type ? [type] : [],
		difficulties: difficulty ? [difficulty] : []
	});
	if (keyword) {
		const k = keyword.toLowerCase();
		found = found.filter(
			(f) =>
				f.question.stem.toLowerCase().includes(k) ||
				('options' in f.question && f.question.options.some((o) => o.toLowerCase().includes(k)))
		);
	}
	const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
	const page = Math.min(pages, Math.max(1, Math.floor(Number(p.get('page')) || 1)));
	return {
		bank,
		filter: { category, type, difficulty, keyword },
		matched: found.length,
		page,
		pages,
		questions: found.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
	};
};
