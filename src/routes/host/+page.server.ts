import { appContext } from '$lib/server/app-context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const ctx = await appContext();
	const [quizzes, games] = await Promise.all([
		ctx.records.listQuizzes(),
		ctx.records.listGames(20)
	]);
	return { quizzes, games };
};
