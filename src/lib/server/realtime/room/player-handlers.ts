// A player's phone: join under a nickname, come back with a token, answer.
import {
	answerSchema,
	buzzSchema,
	joinSchema,
	resumeSchema,
	stakeSchema,
	teamsQuerySchema
} from '../../../protocol';
import type { AppContext } from '../../app-context';
import { RoomError } from '../../rooms/errors';
import { lookupEvent, type RegisterSurface } from '../on';
import type { AndaSocket } from '../types';
import { bindRoom, requirePlayer } from './binding';
import { log } from '../../log';
import { metrics } from '../../metrics';

/**
 * One identity per socket, counted online once; then `read` (what the phone gets back). The read
 * must come after binding, so that no broadcast falls between it and the socket listening; it
 * need not wait for the presence count, so both go to the store in the same turn (one trip).
 */
async function bindPlayer<T>(
	socket: AndaSocket,
	ctx: AppContext,
	pin: string,
	playerId: string,
	read: () => Promise<T>
): Promise<T> {
	const b = socket.data.room;
	if (b?.role === 'player' && b.playerId === playerId && b.pin === pin) return read();
	if (b) throw new RoomError('BAD_REQUEST', '此连接已绑定其他身份');
	await bindRoom(socket, { role: 'player', pin, playerId });
	const [, out] = await Promise.all([ctx.rooms.players.connected(pin, playerId, true), read()]);
	return out;
}

export const registerPlayerHandlers: RegisterSurface = (events, ctx, observe) => {
	const { players, answers, views, rounds } = ctx.rooms;
	const lookup = lookupEvent(ctx.abuse.lookups, observe);

	events.on('player:teams', teamsQuerySchema, lookup, async ({ pin }) => rounds.teamsInfo(pin));

	events.on(
		'player:join',
		joinSchema,
		lookup,
		async ({ pin, nickname, teamId, audience, employeeNo }, socket) => {
			// Refuse before joining: a player created for a socket that cannot take it would be orphaned.
			if (socket.data.room || socket.data.qa) {
				throw new RoomError('BAD_REQUEST', '此连接已绑定其他身份');
			}
			const { token, player, count } = await players.join(pin, nickname, socket.data.address, {
				...(teamId ? { teamId } : {}),
				...(audience ? { audience } : {}),
				...(employeeNo ? { employeeNo } : {})
			});
			const first = await bindPlayer(socket, ctx, pin, player.id, () =>
				players.newcomer(pin, player, count)
			);
			return { token, ...first };
		}
	);

	events.on('player:resume', resumeSchema, lookup, async ({ pin, token }, socket) => {
		const player = await players.resume(pin, token);
		const view = await bindPlayer(socket, ctx, pin, player.id, () => views.view(pin));
		// Results go to the sockets connected at scoring time: a phone that was away then (asleep,
		// switching networks, on a process that died) gets its own once it is back.
		if (view.phase === 'reveal') {
			const mine = (await views.results(pin, view.index, [player.id])).get(player.id);
			if (mine) setImmediate(() => socket.emit('player:result', mine));
		}
		return { self: await players.self(pin, player.id), view };
	});

	events.on('player:answer', answerSchema, { limit: 'answer', observe }, async (p, socket) => {
		const { pin, playerId } = requirePlayer(socket);
		const out = await answers.answer(pin, playerId, p.index, p.answer);
		if (!out.duplicate && ctx.config.metrics) metrics.answersReceived();
		return out;
	});

	events.on('player:buzz', buzzSchema, { limit: 'buzz', observe }, async ({ index }, socket) => {
		const { pin, playerId } = requirePlayer(socket);
		return rounds.buzz(pin, playerId, index);
	});

	events.on(
		'player:stake',
		stakeSchema,
		{ limit: 'buzz', observe },
		async ({ index, stake }, socket) => {
			const { pin, playerId } = requirePlayer(socket);
			return { stake: await rounds.stake(pin, playerId, index, stake) };
		}
	);
};

/**
 * A player's socket closed: one fewer online (the room may now close its question early). Resolves
 * once the store has it, so that a draining process counts its players out before it closes.
 */
export async function playerDisconnected(socket: AndaSocket, ctx: AppContext): Promise<void> {
	const b = socket.data.room;
	if (b?.role !== 'player') return;
	await ctx.rooms.players
		.connected(b.pin, b.playerId, false)
		.catch((e: unknown) => log.error({ err: e, pin: b.pin }, 'gateway: disconnect'));
}
