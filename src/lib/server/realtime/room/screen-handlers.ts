// The projector / livestream screen: watches a room by its PIN; a room opened by a signed-in host
// also asks for its screen link's token, or a host's session. It is handed what it shows and no
// more: the view and the newest arrivals, not the room's player list.
import { screenAttachSchema, SCREEN_RECENT_PLAYERS } from '../../../protocol';
import { lookupEvent, type RegisterSurface } from '../on';
import { sessionUser } from '../session-user';
import { log } from '../../log';
import { bindRoom, requireUnboundOr } from './binding';

export const registerScreenHandlers: RegisterSurface = (events, ctx, observe) => {
	const { access, views, players } = ctx.rooms;
	const lookup = lookupEvent(ctx.abuse.lookups, observe);
	events.on('screen:attach', screenAttachSchema, lookup, async ({ pin, token }, socket) => {
		await access.authorizeScreen(pin, token, () => sessionUser(socket, ctx));
		const view = await views.view(pin);
		requireUnboundOr(socket, 'screen');
		await bindRoom(socket, { role: 'screen', pin });
		void ctx.rooms.keepAlive([pin]).catch((e: unknown) => log.warn({ err: e, pin }, 'keep-alive'));
		// The screen's list grows oldest to newest; the store's pages run newest first.
		const recent = await players.page(pin, 0, SCREEN_RECENT_PLAYERS);
		return { view, players: recent.players.reverse() };
	});
};
