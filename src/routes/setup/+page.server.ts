// The first account of a fresh install: it becomes the instance admin. Only while no account
// exists; afterwards this page sends people to sign in.
import { redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { attempt, clientInfo, fields, setSessionCookie } from '$lib/server/auth/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const ctx = await appContext();
	if (!(await ctx.auth.needsSetup())) redirect(303, locals.user ? '/host' : '/login');
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = await appContext();
		const f = fields(await event.request.formData(), 'email', 'displayName', 'password');
		const result = await attempt(
			async () => {
				const signedIn = await ctx.auth.setup(f, clientInfo(event));
				setSessionCookie(event.cookies, event.url, signedIn);
				return null;
			},
			{ email: f.email, displayName: f.displayName }
		);
		if (result !== null) return result;
		redirect(303, '/host/org');
	}
};
