// The projector / livestream screen: watches a room by its PIN.
import { screenAttachSchema } from '../../../protocol';
import type { AppContext } from '../../app-context';
import { on, type EventOptions } from '../on';
import type { AndaSocket } from '../types';
import { bindRoom, requireUnboundOr } from './binding';

export function registerScreenHandlers(
	socket: AndaSocket,
	ctx: AppContext,
	observe: EventOptions['observe']
): void {
	const { views, players } = ctx.rooms;
	on(socket, 'screen:attach', screenAttachSchema, { limit: 'lookup', observe }, async ({ pin }) => {
		const view = await views.view(pin);
		requireUnboundOr(socket, 'screen');
		await bindRoom(socket, { role: 'screen', pin });
		return { view, players: await players.list(pin) };
	});
}
