// Sign-up for hosts. Before the first (admin) account exists, /setup creates it instead.
import { redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { clientInfo, fields, safeNext, signInAndGo } from '$lib/server/auth/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.user) redirect(303, next);
	const ctx = await appContext();
	if (await ctx.auth.needsSetup()) redirect(303, '/setup');
	return { next };
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = await appContext();
		const f = fields(await event.request.formData(), 'email', 'displayName', 'password', 'next');
		return signInAndGo(event, {
			start: () => ctx.auth.signUp(f, clientInfo(event)),
			keep: { email: f.email, displayName: f.displayName },
			next: safeNext(f.next)
		});
	}
};
