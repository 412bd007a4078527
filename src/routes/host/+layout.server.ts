// Every host page knows who is signed in and in which organisation (for the header); signed out,
// /host still opens quick rooms.
import { appContext } from '$lib/server/app-context';
import { headerAccount } from '$lib/server/auth/header';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const ctx = await appContext();
	return { account: await headerAccount(ctx.orgs, locals.user) };
};
