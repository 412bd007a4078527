// Sign-in. The same message for an unknown email and a wrong password; attempts are rate-limited
// per IP and per account (429 once exhausted).
import { redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { accessNotice, clientInfo, fields, safeNext, signInAndGo } from '$lib/server/auth/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.user) redirect(303, next);
	const ctx = await appContext();
	return {
		next,
		needsSetup: await ctx.auth.needsSetup(),
		// Why the visitor was sent here (e.g. creating content takes an account).
		notice: accessNotice(url.searchParams.get('why'))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = await appContext();
		const f = fields(await event.request.formData(), 'email', 'password', 'next');
		return signInAndGo(event, {
			start: () => ctx.auth.signIn(f.email, f.password, clientInfo(event)),
			keep: { email: f.email },
			next: safeNext(f.next)
		});
	}
};
