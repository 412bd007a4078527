// Sign-out is a POST (a link or an image cannot sign anyone out). It ends the session in the store,
// which also disconnects that session's sockets on every process, and clears the cookie.
import { redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { clearSessionCookie } from '$lib/server/auth/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user) redirect(303, '/');
	return { name: locals.user.displayName };
};

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.session) {
			const ctx = await appContext();
			await ctx.auth.signOut(locals.session.id);
		}
		clearSessionCookie(cookies, url);
		redirect(303, '/');
	}
};
