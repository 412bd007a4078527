// Final results, from the durable record: by game id, or by PIN for the latest game under it.
import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const ctx = await appContext();
	const game = /^\d{6}$/.test(params.id)
		? await ctx.records.latestGameByPin(params.id)
		: await ctx.records.getGame(params.id);
	if (!game) error(404, '找不到这场的成绩（可能还没结束）');
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
