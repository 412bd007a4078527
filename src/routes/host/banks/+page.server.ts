// The bank list: the current organisation's banks and the shared (shipped) library; signed out,
// the shared library only. Importing and deleting act for the current organisation, and deleting
// takes an admin or owner; only the organisation's own banks can be deleted (the WHERE says so).
import { fail } from '@sveltejs/kit';
import { canRemoveBanks } from '$lib/domain/org-roles';
import { appContext } from '$lib/server/app-context';
import { requireOrg, viewer } from '$lib/server/auth/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const ctx = await appContext();
	const { current, scope } = await viewer(ctx.orgs, locals);
	const banks = await ctx.banks.listBanks(scope);
	// The organisation's banks first, newest first; then the shared library by title.
	const own = banks.filter((b) => b.orgId !== undefined).sort((a, b) => b.updatedAt - a.updatedAt);
	const shared = banks.filter((b) => b.orgId === undefined);
	return {
		banks: [...own, ...shared].map(({ orgId, ...b }) => ({ ...b, own: orgId !== undefined })),
		/** Signed in with a current organisation: may import. */
		canImport: current !== null,
		/** The same members see a bank's questions with their answers, draw from it and export it. */
		canSeeKeys: current !== null,
		canDelete: current !== null && canRemoveBanks(current.role),
		signedIn: locals.user !== null
	};
};

export const actions: Actions = {
	delete: async ({ request, locals, url }) => {
		const ctx = await appContext();
		const { role, scope } = await requireOrg(ctx.orgs, locals, url);
		const id = String((await request.formData()).get('id') ?? '');
		const bank = (await ctx.banks.listBanks(scope)).find((b) => b.id === id);
		if (!bank) return fail(404, { message: '这个题库已经不存在了' });
		if (bank.orgId === undefined) {
			return fail(400, {
				message: bank.origin === 'shipped' ? '内置题库会在重启时恢复，不能删除' : '共享题库不能删除'
			});
		}
		if (!canRemoveBanks(role)) {
			return fail(403, { message: '删除题库需要组织的管理员或所有者权限' });
		}
		if (!(await ctx.banks.deleteBank(id, scope))) {
			return fail(404, { message: '这个题库已经不存在了' });
		}
		return { message: `已删除题库“${bank.title}”` };
	}
};
