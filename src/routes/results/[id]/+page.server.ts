// Final results, from the durable record: by game id, or by PIN for the latest game under it.
// A quick room's results are public to whoever has the link; an organisation's only to its members
// (of any of their organisations, not just the current one). Everyone else, signed out included,
// gets the same 404 as for a game that does not exist.
import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { SHARED, type FinishedGame, type OrgScope } from '$lib/server/records/port';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const ctx = await appContext();
	const scopes: OrgScope[] = [SHARED];
	if (locals.user && locals.session) {
		for (const m of await ctx.orgs.memberships(locals.user.id)) scopes.push({ orgId: m.org.id });
	}
	const byPin = /^\d{6}$/.test(params.id);
	const found = await Promise.all(
		scopes.map((scope) =>
			byPin ? ctx.records.latestGameByPin(params.id, scope) : ctx.records.getGame(params.id, scope)
		)
	);
	// Under a PIN, the newest game the viewer may see.
	const game = found
		.filter((g): g is FinishedGame => g !== null)
		.reduce<FinishedGame | null>((a, b) => (a && a.createdAt >= b.createdAt ? a : b), null);
	if (!game) error(404, '找不到这场的成绩（可能还没结束，或只对主办组织的成员开放）');
	const perQuestion = game.questions.map((q) => {
		const answers = game.answers.filter((a) => a.questionIndex === q.index);
		return {
			index: q.index,
			stem: q.question.stem,
			type: q.question.type,
			skipped: q.limitMs === null,
			answered: answers.length,
			correct: answers.filter((a) => a.correct).length
		};
	});
	return {
		title: game.title,
		pin: game.pin,
		endedAt: game.endedAt,
		players: game.players.filter((p) => !p.kicked),
		perQuestion
	};
};
