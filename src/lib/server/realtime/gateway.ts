// The realtime gateway: Socket.IO on the process's HTTP server. Every event is parsed with its zod
// schema, rate-limited and acknowledged; handlers only translate between sockets and RoomService.
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { z } from 'zod';
import {
	addCoHostSchema,
	answerSchema,
	fail,
	hostAttachSchema,
	hostCommandSchema,
	joinSchema,
	kickSchema,
	resumeSchema,
	screenAttachSchema,
	type AckResult,
	type ClientToServerEvents,
	type HostControl
} from '../../protocol';
import type { AppContext } from '../app-context';
import { normaliseEmail } from '../auth/service';
import { sessionTokenFromHeader } from '../auth/session';
import { RoomError } from '../rooms/errors';
import { SocketBroadcast } from './socket-broadcast';
import { TokenBucket } from './token-bucket';
import { rooms, type AndaServer, type AndaSocket } from './types';

export interface GatewayOptions {
	/** Extra origins allowed to open sockets besides the page's own host. */
	allowedOrigins?: string[];
}

export interface Gateway {
	io: AndaServer;
	close(): Promise<void>;
}

/** Same-host origins are always allowed; others only when listed (e.g. ORIGIN behind a proxy). */
export function originAllowed(req: IncomingMessage, allowed: string[]): boolean {
	const origin = req.headers.origin;
	if (!origin) return true; // non-browser clients send none; they gain nothing a browser lacks
	if (allowed.includes(origin)) return true;
	try {
		return new URL(origin).host === req.headers.host;
	} catch {
		return false;
	}
}

export async function attachGateway(
	http: HttpServer,
	ctx: AppContext,
	opts: GatewayOptions = {}
): Promise<Gateway> {
	const allowed = opts.allowedOrigins ?? [];
	const io: AndaServer = new Server(http, {
		path: '/socket.io',
		serveClient: false,
		maxHttpBufferSize: 16 * 1024,
		pingInterval: 20_000,
		pingTimeout: 20_000,
		allowRequest: (req, cb) => cb(null, originAllowed(req, allowed))
	});

	const redisClients: { quit(): Promise<unknown> }[] = [];
	if (ctx.config.redisUrl) {
		const pub = createClient({ url: ctx.config.redisUrl });
		const sub = pub.duplicate();
		pub.on('error', (e: Error) => console.error('[redis adapter]', e.message));
		sub.on('error', (e: Error) => console.error('[redis adapter]', e.message));
		await Promise.all([pub.connect(), sub.connect()]);
		io.adapter(createAdapter(pub, sub));
		redisClients.push(pub, sub);
	}

	const broadcast = new SocketBroadcast(io, ctx.rooms, redisClients.length > 0);
	broadcast.onChanged = (pin) => void ctx.clock.changed(pin);
	ctx.relay.target = broadcast;
	io.on('anda:results', (pin, index) => void broadcast.deliverResults(pin, index));
	io.on('anda:changed', (pin) => void ctx.clock.changed(pin));

	// Every connection, reconnections included, reads the session cookie from its own handshake and
	// validates it; a socket without a valid session is anonymous (players need none). Should
	// connection-state recovery ever be enabled, keep `skipMiddlewares: false` so that recovered
	// connections are checked too.
	io.use(async (socket, next) => {
		socket.data = { role: null, pin: null, playerId: null, auth: null, control: null };
		try {
			const headers = socket.handshake.headers;
			const token = sessionTokenFromHeader(headers.cookie, handshakeSecure(headers.origin));
			const found = token ? await ctx.auth.validateSessionToken(token, { renew: false }) : null;
			if (found) socket.data.auth = { userId: found.user.id, sessionId: found.session.id };
		} catch (e) {
			console.error('[gateway] session check', e);
		}
		next();
	});

	io.on('connection', (socket) => {
		const bucket = new TokenBucket(20, 10);
		const auth = socket.data.auth;
		if (auth) {
			// Joined so that signing out reaches this socket; checked once more after joining, in
			// case the session ended between the handshake and the join.
			void socket.join(rooms.session(auth.sessionId));
			void ctx.auth
				.sessionActive(auth.sessionId)
				.then((active) => {
					if (!active) socket.disconnect(true);
				})
				.catch((e) => console.error('[gateway] session recheck', e));
		}
		wireHandlers(socket, ctx, bucket);
		socket.on('disconnect', () => {
			const { pin, playerId } = socket.data;
			if (pin && playerId) {
				void ctx.rooms
					.connected(pin, playerId, false)
					.catch((e) => console.error('[gateway] disconnect', e));
			}
		});
	});

	return {
		io,
		async close() {
			broadcast.close();
			ctx.relay.target = null;
			// Only this process's sockets: with the Redis adapter a plain disconnectSockets() is
			// relayed to every node, so one node shutting down would drop every player everywhere.
			io.local.disconnectSockets(true);
			await new Promise<void>((resolve) => io.close(() => resolve()));
			await Promise.all(redisClients.map((c) => c.quit().catch(() => {})));
		}
	};
}

type Handler<S extends z.ZodType, R extends object> = (
	payload: z.infer<S>,
	socket: AndaSocket
) => Promise<R>;

/**
 * Registers an event: any payload is parsed first; a bad one, a missing ack, a thrown error or an
 * exhausted rate limit always ends in an error ack (when an ack exists) and never in a crash.
 */
function on<E extends keyof ClientToServerEvents, S extends z.ZodType, R extends object>(
	socket: AndaSocket,
	bucket: TokenBucket,
	event: E,
	schema: S,
	handler: Handler<S, R>
) {
	socket.on(event, (async (...args: unknown[]) => {
		const ack = args[args.length - 1];
		const reply = (res: AckResult<R>) => {
			if (typeof ack === 'function') ack(res);
		};
		if (!bucket.take(Date.now())) return reply(fail('RATE_LIMITED'));
		const parsed = schema.safeParse(args[0]);
		if (!parsed.success || typeof ack !== 'function') {
			const msg = parsed.success
				? 'acknowledgement callback required'
				: parsed.error.issues[0]?.message;
			return reply(fail('BAD_REQUEST', `请求格式不正确${msg ? `：${msg}` : ''}`));
		}
		try {
			reply({ ok: true, ...(await handler(parsed.data, socket)) });
		} catch (e) {
			if (e instanceof RoomError) return reply(fail(e.code, e.message));
			console.error(`[gateway] ${event}`, e);
			reply(fail('INTERNAL'));
		}
	}) as never);
}

/** Over HTTPS only the `__Host-` session cookie counts; the page's Origin says which it was. */
function handshakeSecure(origin: string | undefined): boolean | null {
	if (!origin) return null;
	try {
		return new URL(origin).protocol === 'https:';
	} catch {
		return null;
	}
}

/** The socket's signed-in user, re-checked in the store: an ended or expired session is none. */
async function sessionUser(socket: AndaSocket, ctx: AppContext): Promise<string | null> {
	const auth = socket.data.auth;
	if (!auth) return null;
	if (await ctx.auth.sessionActive(auth.sessionId)) return auth.userId;
	socket.data.auth = null;
	return null;
}

/**
 * The room this host socket controls. A host by session is re-checked on every command, so that a
 * session ended anywhere stops steering at once even if its socket were not yet dropped.
 */
async function requireHost(socket: AndaSocket, ctx: AppContext): Promise<string> {
	const { role, pin, control } = socket.data;
	if (role !== 'host' || !pin) throw new RoomError('NOT_HOST');
	if (control !== 'secret' && !(await sessionUser(socket, ctx))) {
		socket.data = { ...socket.data, role: null, pin: null, control: null };
		throw new RoomError('NOT_HOST');
	}
	return pin;
}

async function coHostNames(ctx: AppContext, pin: string, ownerId: string): Promise<string[]> {
	const ids = await ctx.rooms.coHosts(pin, ownerId);
	const users = await Promise.all(ids.map((id) => ctx.accounts.getUser(id)));
	return users.filter((u) => u !== null).map((u) => u.displayName);
}

function requirePlayer(socket: AndaSocket): { pin: string; playerId: string } {
	const { role, pin, playerId } = socket.data;
	if (role !== 'player' || !pin || !playerId) throw new RoomError('NOT_JOINED');
	return { pin, playerId };
}

/** Binds a socket to a player: one identity per socket, counted online once. */
async function bindPlayer(socket: AndaSocket, ctx: AppContext, pin: string, playerId: string) {
	if (socket.data.playerId === playerId && socket.data.pin === pin) return;
	if (socket.data.role) throw new RoomError('BAD_REQUEST', '此连接已绑定其他身份');
	socket.data = { ...socket.data, role: 'player', pin, playerId, control: null };
	await socket.join([rooms.all(pin), rooms.players(pin), rooms.player(pin, playerId)]);
	await ctx.rooms.connected(pin, playerId, true);
}

function wireHandlers(socket: AndaSocket, ctx: AppContext, bucket: TokenBucket) {
	const svc = ctx.rooms;

	on(socket, bucket, 'player:join', joinSchema, async ({ pin, nickname }) => {
		// Refuse before joining: a player created for a socket that cannot take it would be orphaned.
		if (socket.data.role) throw new RoomError('BAD_REQUEST', '此连接已绑定其他身份');
		const { token, player } = await svc.join(pin, nickname);
		await bindPlayer(socket, ctx, pin, player.id);
		return { token, self: await svc.self(pin, player.id), view: await svc.view(pin) };
	});

	on(socket, bucket, 'player:resume', resumeSchema, async ({ pin, token }) => {
		const player = await svc.resume(pin, token);
		await bindPlayer(socket, ctx, pin, player.id);
		return { self: await svc.self(pin, player.id), view: await svc.view(pin) };
	});

	on(socket, bucket, 'player:answer', answerSchema, async ({ index, answer }) => {
		const { pin, playerId } = requirePlayer(socket);
		return svc.answer(pin, playerId, index, answer);
	});

	on(socket, bucket, 'host:attach', hostAttachSchema, async ({ pin, secret }) => {
		// A quick room by its secret; otherwise the signed-in user must own or co-host the room.
		let control: HostControl;
		let userId: string | null = null;
		if (secret !== undefined) {
			control = await svc.authorizeHost(pin, { secret });
		} else {
			userId = await sessionUser(socket, ctx);
			if (!userId) throw new RoomError('NOT_SIGNED_IN');
			control = await svc.authorizeHost(pin, { userId });
		}
		if (socket.data.role && socket.data.role !== 'host') {
			throw new RoomError('BAD_REQUEST', '此连接已绑定其他身份');
		}
		const previous = socket.data.pin;
		if (previous && previous !== pin) {
			await Promise.all([socket.leave(rooms.all(previous)), socket.leave(rooms.staff(previous))]);
		}
		socket.data = { ...socket.data, role: 'host', pin, playerId: null, control };
		await socket.join([rooms.all(pin), rooms.staff(pin)]);
		return {
			view: await svc.view(pin),
			players: await svc.players(pin),
			control,
			coHosts: control === 'owner' && userId ? await coHostNames(ctx, pin, userId) : []
		};
	});

	on(socket, bucket, 'host:command', hostCommandSchema, async (cmd) => {
		const pin = await requireHost(socket, ctx);
		return { view: await svc.command(pin, cmd) };
	});

	on(socket, bucket, 'host:kick', kickSchema, async ({ playerId }) => {
		await svc.kick(await requireHost(socket, ctx), playerId);
		return {};
	});

	on(socket, bucket, 'host:addCoHost', addCoHostSchema, async ({ email }) => {
		const pin = await requireHost(socket, ctx);
		const ownerId = socket.data.control === 'owner' ? socket.data.auth?.userId : undefined;
		if (!ownerId) throw new RoomError('NOT_HOST', '只有开房的主持人可以添加协同主持');
		const address = normaliseEmail(email);
		const user = address ? await ctx.accounts.getUserByEmail(address) : null;
		// Unknown and non-member addresses are refused alike (NOT_MEMBER).
		await svc.addCoHost(pin, ownerId, user?.id ?? null);
		return { coHost: user!.displayName };
	});

	on(socket, bucket, 'screen:attach', screenAttachSchema, async ({ pin }) => {
		const view = await svc.view(pin);
		if (socket.data.role && socket.data.role !== 'screen') {
			throw new RoomError('BAD_REQUEST', '此连接已绑定其他身份');
		}
		socket.data = { ...socket.data, role: 'screen', pin, playerId: null, control: null };
		await socket.join([rooms.all(pin), rooms.staff(pin)]);
		return { view, players: await svc.players(pin) };
	});
}
