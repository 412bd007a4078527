// How many bank questions match a draw filter, so the draw form can say so before submitting.
// GET ?banks=a&banks=b&categories=…&types=…&difficulties=… → { available }. Counts only banks the
// visitor can read (another organisation's bank ids count nothing).
import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { QUESTION_TYPES } from '$lib/domain/question';
import { appContext } from '$lib/server/app-context';
import { viewer } from '$lib/server/auth/kit';
import type { RequestHandler } from './$types';

const query = z.object({
	bankIds: z.array(z.string().min(1).max(64)).max(100),
	categories: z.array(z.string().max(40)).max(200),
	types: z.array(z.enum(QUESTION_TYPES)),
	difficulties: z.array(z.union([z.literal(1), z.literal(2), z.literal(3)]))
});

export const GET: RequestHandler = async ({ url, locals }) => {
	const p = url.searchParams;
	const parsed = query.safeParse({
		bankIds: p.getAll('banks'),
		categories: p.getAll('categories'),
		types: p.getAll('types'),
		difficulties: p.getAll('difficulties').map(Number)
	});
	if (!parsed.success) error(400, '筛选条件不正确');
	const ctx = await appContext();
	const { scope } = await viewer(ctx.orgs, locals);
	const found = await ctx.banks.findQuestions(parsed.data, scope);
	return json({ available: found.length });
};
