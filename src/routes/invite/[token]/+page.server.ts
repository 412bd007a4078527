// An invitation link: shows which organisation it is for; a signed-in user joins with one button,
// a new user signs up and joins at once. Single use, valid for 7 days.
import { redirect } from '@sveltejs/kit';
import { KIND_LABELS, ROLE_LABELS } from '$lib/domain/org-roles';
import { appContext } from '$lib/server/app-context';
import { AuthError } from '$lib/server/auth/errors';
import { attemptAndGo, clientInfo, fields, signInAndGo } from '$lib/server/auth/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const ctx = await appContext();
	const found = await ctx.orgs.invitation(params.token);
	const signedIn = locals.user ? { name: locals.user.displayName, email: locals.user.email } : null;
	if (!found) return { invitation: null, signedIn };
	const { invitation, org } = found;
	const member = locals.user ? await ctx.orgs.isMember(org.id, locals.user.id) : false;
	return {
		signedIn,
		member,
		invitation: {
			orgName: org.name,
			kind: KIND_LABELS[org.kind],
			role: ROLE_LABELS[invitation.role],
			expiresAt: invitation.expiresAt
		}
	};
};

export const actions: Actions = {
	/** A signed-in user joins. */
	accept: async ({ params, locals }) => {
		if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(`/invite/${params.token}`)}`);
		const ctx = await appContext();
		const user = locals.user;
		return attemptAndGo(() => ctx.orgs.accept(user.id, params.token), '/host');
	},

	/** A new user signs up and joins in one step (the invitation is checked before the account is made). */
	signup: async (event) => {
		const { params } = event;
		const ctx = await appContext();
		const f = fields(await event.request.formData(), 'email', 'displayName', 'password');
		return signInAndGo(event, {
			start: async () => {
				if (!(await ctx.orgs.invitation(params.token))) {
					throw new AuthError('NOT_FOUND', '邀请链接无效、已被使用或已过期');
				}
				return ctx.auth.signUp(f, clientInfo(event));
			},
			then: (signedIn) => ctx.orgs.accept(signedIn.user.id, params.token),
			keep: { email: f.email, displayName: f.displayName },
			next: '/host'
		});
	}
};
