// The signed-in user's account: change the password, see the sessions (devices) signed in and end
// any of them, or all but this one.
import { fail } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { headerAccount } from '$lib/server/auth/header';
import { attempt, clientInfo, fields, requireUser } from '$lib/server/auth/kit';
import { ROLE_LABELS } from '$lib/domain/org-roles';
import type { Actions, PageServerLoad } from './$types';

/** A short, readable name for a browser from its user agent. */
function device(ua: string | null): string {
	if (!ua) return '未知设备';
	const os = /iPhone|iPad/.test(ua)
		? 'iOS'
		: /Android/.test(ua)
			? 'Android'
			: /Windows/.test(ua)
				? 'Windows'
				: /Mac OS X/.test(ua)
					? 'macOS'
					: /Linux/.test(ua)
						? 'Linux'
						: '';
	const browser = /MicroMessenger/.test(ua)
		? '微信'
		: /Edg\//.test(ua)
			? 'Edge'
			: /Chrome\//.test(ua)
				? 'Chrome'
				: /Firefox\//.test(ua)
					? 'Firefox'
					: /Safari\//.test(ua)
						? 'Safari'
						: '浏览器';
	return os ? `${browser} · ${os}` : browser;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const ctx = await appContext();
	const [sessions, memberships, account] = await Promise.all([
		ctx.auth.listSessions(user.id),
		ctx.orgs.memberships(user.id),
		headerAccount(ctx.orgs, user)
	]);
	return {
		account,
		user,
		sessions: sessions.map((s) => ({
			id: s.id,
			current: s.id === locals.session?.id,
			device: device(s.userAgent),
			ip: s.ip,
			createdAt: s.createdAt,
			lastSeenAt: s.lastSeenAt
		})),
		memberships: memberships.map((m) => ({
			name: m.org.name,
			role: ROLE_LABELS[m.role]
		}))
	};
};

export const actions: Actions = {
	password: async (event) => {
		const { locals, url } = event;
		const user = requireUser(locals, url);
		const f = fields(await event.request.formData(), 'current', 'next', 'confirm');
		if (f.next !== f.confirm) {
			return fail(400, { action: 'password', message: '两次输入的新密码不一致' });
		}
		const ctx = await appContext();
		return attempt(
			async () => {
				const ended = await ctx.auth.changePassword(
					user.id,
					locals.session!.id,
					f.current,
					f.next,
					clientInfo(event)
				);
				return {
					action: 'password',
					done: ended > 0 ? `密码已修改，其他 ${ended} 台设备已退出登录` : '密码已修改'
				};
			},
			{ action: 'password' }
		);
	},
	end: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const { id } = fields(await request.formData(), 'id');
		if (id === locals.session!.id) {
			return fail(400, { action: 'sessions', message: '要退出这台设备，请使用“退出登录”' });
		}
		const ctx = await appContext();
		if (!(await ctx.auth.endSession(user.id, id))) {
			return fail(404, { action: 'sessions', message: '找不到这个登录会话' });
		}
		return { action: 'sessions', done: '已让该设备退出登录' };
	},
	endOthers: async ({ locals, url }) => {
		const user = requireUser(locals, url);
		const ctx = await appContext();
		const n = await ctx.auth.endOtherSessions(user.id, locals.session!.id);
		return { action: 'sessions', done: n > 0 ? `已让其他 ${n} 台设备退出登录` : '没有其他设备' };
	}
};
