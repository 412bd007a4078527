// The host's start page: quizzes to open a room from (the current organisation's and the shared
// library; signed out, the shared library) and "最近的场次": the current organisation's finished
// games only. Quick-room games are listed to nobody; they are reached by their results link.
import { appContext } from '$lib/server/app-context';
import { viewer } from '$lib/server/auth/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const ctx = await appContext();
	const { current, scope } = await viewer(ctx.orgs, locals);
	const [quizzes, games] = await Promise.all([
		ctx.records.listQuizzes(scope),
		current ? ctx.records.listGames(20, { orgId: current.org.id }) : Promise.resolve([])
	]);
	return { quizzes, games };
};
