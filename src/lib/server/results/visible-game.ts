// Which finished game a results link shows to this viewer, for the results page and its downloads
// alike: by game id, or by PIN for the latest game under it. A quick room's game is public to
// whoever has the link; an organisation's only to its members (of any of their organisations, not
// just the current one). Null for everyone else, so that a hidden game looks like a missing one.
import type { AppContext } from '../app-context';
import { SHARED, type FinishedGame, type OrgScope } from '../records/port';

export async function visibleGame(
	ctx: AppContext,
	idOrPin: string,
	locals: App.Locals
): Promise<FinishedGame | null> {
	const scopes: OrgScope[] = [SHARED];
	if (locals.user && locals.session) {
		for (const m of await ctx.orgs.memberships(locals.user.id)) scopes.push({ orgId: m.org.id });
	}
	const byPin = /^\d{6}$/.test(idOrPin);
	const found = await Promise.all(
		scopes.map((scope) =>
			byPin ? ctx.records.latestGameByPin(idOrPin, scope) : ctx.records.getGame(idOrPin, scope)
		)
	);
	// Under a PIN, the newest game the viewer may see.
	return found
		.filter((g): g is FinishedGame => g !== null)
		.reduce<FinishedGame | null>((a, b) => (a && a.createdAt >= b.createdAt ? a : b), null);
}

export const GAME_NOT_FOUND = '找不到这场的成绩（可能还没结束，或只对主办组织的成员开放）';
