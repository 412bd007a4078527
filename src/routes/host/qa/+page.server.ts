// The organisation's Q&A events (专家云问诊): the list, running and past, and a new event.
// Everything here acts for the current organisation; the service checks membership again.
import { fail, redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { requireOrg } from '$lib/server/auth/kit';
import { isSessionError } from '$lib/server/kernel/session-error';
import type { Actions, PageServerLoad } from './$types';
import { eventInput, formValues } from './event-form';

export const load: PageServerLoad = async ({ locals, url }) => {
	const ctx = await appContext();
	const { user, org } = await requireOrg(ctx.orgs, locals, url);
	return { orgName: org.name, events: await ctx.qa.listEvents(user.id, org.id) };
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const ctx = await appContext();
		const { user, org } = await requireOrg(ctx.orgs, locals, url);
		const values = formValues(await request.formData());
		const parsed = eventInput(values);
		if (!parsed.ok) return fail(400, { values, message: parsed.message });
		let code: string;
		try {
			code = (await ctx.qa.createEvent(user.id, org.id, parsed.input)).code;
		} catch (e) {
			if (isSessionError(e)) return fail(400, { values, message: e.message });
			throw e;
		}
		redirect(303, `/host/qa/${code}`);
	}
};
