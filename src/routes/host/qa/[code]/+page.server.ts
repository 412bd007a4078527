// The moderators' and experts' panel of one event. The page itself is drawn from the socket (the
// moderator view); this checks on the server first that the visitor may see it at all, so that a
// stranger gets a plain 403 or 404 page instead of an empty panel. Hosts also get the
// organisation's members, to pick the event's moderators and experts from.
import { error } from '@sveltejs/kit';
import { normaliseQaCode } from '$lib/domain/qa/event';
import { ROLE_LABELS } from '$lib/domain/org-roles';
import { appContext } from '$lib/server/app-context';
import { requireUser } from '$lib/server/auth/kit';
import { isSessionError } from '$lib/server/kernel/session-error';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const ctx = await appContext();
	const user = requireUser(locals, url, 'content');
	try {
		const { event, role } = await ctx.qa.authorize(normaliseQaCode(params.code), user.id);
		const members =
			role === 'host'
				? (await ctx.orgs.members(user.id, event.orgId)).map((m) => ({
						userId: m.userId,
						displayName: m.displayName,
						orgRole: ROLE_LABELS[m.role]
					}))
				: [];
		return { code: event.code, title: event.title, members, me: user.id };
	} catch (e) {
		if (!isSessionError(e)) throw e;
		error(e.code === 'QA_NOT_FOUND' ? 404 : 403, e.message);
	}
};
