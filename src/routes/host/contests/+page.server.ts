// The organisation's self-paced contests (答题活动): the list with each one's state and counts, and
// a new draft from the short form. Everything here acts for the current organisation: every call
// to the contest service carries its id.
import { fail, redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { requireOrg } from '$lib/server/auth/kit';
import { isSessionError } from '$lib/server/kernel/session-error';
import type { Actions, PageServerLoad } from './$types';
import { checkSettings, formValues, settingsInput } from './contest-form';
import { contestPhase } from './contest-status';

export const load: PageServerLoad = async ({ locals, url }) => {
	const ctx = await appContext();
	const { org, scope } = await requireOrg(ctx.orgs, locals, url);
	const now = Date.now();
	const records = await ctx.contests.admin.list(scope);
	const contests = await Promise.all(
		records.map(async (c) => {
			const { counts } = await ctx.contests.admin.summary(c.id, scope);
			return {
				id: c.id,
				slug: c.slug,
				title: c.settings.title,
				phase: contestPhase(c.status, c.settings.window, now),
				startsAt: c.settings.window.startsAt,
				endsAt: c.settings.window.endsAt,
				participants: counts.participants,
				attempts: counts.attemptsStarted
			};
		})
	);
	const banks = (await ctx.banks.listBanks(scope)).map((b) => ({
		id: b.id,
		title: b.title,
		questionCount: b.questionCount,
		categories: b.categories,
		own: b.orgId === org.id
	}));
	return { orgName: org.name, contests, banks };
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const ctx = await appContext();
		const { user, scope } = await requireOrg(ctx.orgs, locals, url);
		const values = formValues(await request.formData());
		const checked = checkSettings(settingsInput(values));
		if (!checked.ok) {
			return fail(400, { values, errors: checked.errors, message: checked.message });
		}
		let id: string;
		try {
			id = (await ctx.contests.admin.create(user.id, scope, checked.settings, values.slug)).id;
		} catch (e) {
			if (isSessionError(e)) return fail(400, { values, errors: {}, message: e.message });
			throw e;
		}
		redirect(303, `/host/contests/${id}`);
	}
};
