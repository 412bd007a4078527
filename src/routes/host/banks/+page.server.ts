import { fail } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const ctx = await appContext();
	const banks = await ctx.banks.listBanks();
	// Imported and hand-made banks first, newest first; then the shipped library by title.
	const own = banks.filter((b) => b.origin !== 'shipped').sort((a, b) => b.updatedAt - a.updatedAt);
	const shipped = banks.filter((b) => b.origin === 'shipped');
	return { banks: [...own, ...shipped] };
};

export const actions: Actions = {
	delete: async ({ request }) => {
		const id = String((await request.formData()).get('id') ?? '');
		const ctx = await appContext();
		const bank = (await ctx.banks.listBanks()).find((b) => b.id === id);
		if (!bank) return fail(404, { message: '这个题库已经不存在了' });
		if (bank.origin === 'shipped') {
			return fail(400, { message: '内置题库会在重启时恢复，不能删除' });
		}
		await ctx.banks.deleteBank(id);
		return { message: `已删除题库“${bank.title}”` };
	}
};
