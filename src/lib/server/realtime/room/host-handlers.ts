// A host panel: attach by a quick room's secret or by the signed-in session, run the game, kick,
// add co-hosts. A host by session is re-checked on every command.
import {
	addCoHostSchema,
	hostAttachSchema,
	hostCommandSchema,
	hostPlayersSchema,
	HOST_PLAYER_PAGE,
	kickSchema,
	type HostControl
} from '../../../protocol';
import type { AppContext } from '../../app-context';
import { RoomError } from '../../rooms/errors';
import { newDrawSeed } from '../../rooms/secrets';
import { lookupEvent, type RegisterSurface } from '../on';
import { sessionUser } from '../session-user';
import type { AndaSocket } from '../types';
import { log } from '../../log';
import { bindRoom, requireUnboundOr, unbindRoom } from './binding';

/**
 * The room this host socket controls. A session ended anywhere stops steering at once, even if its
 * socket were not yet dropped.
 */
async function requireHost(socket: AndaSocket, ctx: AppContext): Promise<string> {
	const b = socket.data.room;
	if (b?.role !== 'host') throw new RoomError('NOT_HOST');
	if (b.control !== 'secret' && !(await sessionUser(socket, ctx))) {
		unbindRoom(socket);
		throw new RoomError('NOT_HOST');
	}
	return b.pin;
}

export const registerHostHandlers: RegisterSurface = (events, ctx, observe) => {
	const { access, views, players, transitions } = ctx.rooms;
	const command = { limit: 'command', observe } as const;

	const lookup = lookupEvent(ctx.abuse.lookups, observe);
	events.on('host:attach', hostAttachSchema, lookup, async (p, socket) => {
		// A quick room by its secret; otherwise the signed-in user must own or co-host the room.
		let control: HostControl;
		let userId: string | null = null;
		if (p.secret !== undefined) {
			control = await access.authorizeHost(p.pin, { secret: p.secret });
		} else {
			userId = await sessionUser(socket, ctx);
			if (!userId) throw new RoomError('NOT_SIGNED_IN');
			control = await access.authorizeHost(p.pin, { userId });
		}
		requireUnboundOr(socket, 'host');
		await bindRoom(socket, { role: 'host', pin: p.pin, control });
		void ctx.rooms
			.keepAlive([p.pin])
			.catch((e: unknown) => log.warn({ err: e, pin: p.pin }, 'keep-alive'));
		return {
			view: await views.view(p.pin),
			players: (await players.page(p.pin, 0, HOST_PLAYER_PAGE)).players,
			counts: await players.counts(p.pin),
			control,
			coHosts: control === 'owner' && userId ? await access.coHostNames(p.pin, userId) : [],
			screenToken: await access.screenToken(p.pin)
		};
	});

	events.on('host:command', hostCommandSchema, command, async (cmd, socket) => {
		const pin = await requireHost(socket, ctx);
		await transitions.apply(pin, cmd.type === 'draw' ? { type: 'draw', seed: newDrawSeed() } : cmd);
		return { view: await views.view(pin) };
	});

	events.on('host:kick', kickSchema, command, async ({ playerId }, socket) => {
		await players.kick(await requireHost(socket, ctx), playerId);
		return {};
	});

	events.on(
		'host:players',
		hostPlayersSchema,
		command,
		async ({ offset, limit, query }, socket) => {
			const pin = await requireHost(socket, ctx);
			return query === undefined
				? players.page(pin, offset, limit)
				: players.search(pin, query, offset, limit);
		}
	);

	events.on('host:addCoHost', addCoHostSchema, command, async ({ email }, socket) => {
		const pin = await requireHost(socket, ctx);
		const b = socket.data.room;
		const ownerId = b?.role === 'host' && b.control === 'owner' ? socket.data.auth?.userId : null;
		if (!ownerId) throw new RoomError('NOT_HOST', '只有开房的主持人可以添加协同主持');
		return { coHost: await access.addCoHostByEmail(pin, ownerId, email) };
	});
};
