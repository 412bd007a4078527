// Final results, from the durable record (which game a viewer may see: results/visible-game.ts).
// Everyone who may not see it, signed out included, gets the same 404 as for a game that does not
// exist.
import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { GAME_NOT_FOUND, visibleGame } from '$lib/server/results/visible-game';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const ctx = await appContext();
	const game = await visibleGame(ctx, params.id, locals);
	if (!game) error(404, GAME_NOT_FOUND);
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
		id: game.id,
		title: game.title,
		pin: game.pin,
		endedAt: game.endedAt,
		hasTeams: game.teams.length > 0,
		players: game.players.filter((p) => !p.kicked),
		perQuestion
	};
};
