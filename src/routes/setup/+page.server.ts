// The first account of a fresh install: it becomes the instance admin. Only while no account
// exists; afterwards this page sends people to sign in.
import { redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { clientInfo, fields, signInAndGo } from '$lib/server/auth/kit';
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
		return signInAndGo(event, {
			start: () => ctx.auth.setup(f, clientInfo(event)),
			keep: { email: f.email, displayName: f.displayName },
			next: '/host/org'
		});
	}
};
