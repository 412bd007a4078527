// The realtime server: Socket.IO on the process's HTTP server, the Redis adapter when live state is
// shared, the origin check and the session middleware. Each surface declares its handlers once, in
// the one event table (on.ts) that every connection dispatches through; they only translate between
// sockets and services.
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import { DEFAULT_KEY_PREFIX } from '../live/redis';
import { closeRedis } from '../live/redis-base';
import { createRedis } from '../live/redis-client';
import { quietPublisher } from './adapter-publisher';
import { ERROR_MESSAGES } from '../../protocol';
import type { AppContext } from '../app-context';
import { SocketCap } from '../abuse/socket-cap';
import { clientKey, handshakeAddress } from '../http/client-ip';
import { sessionTokenFromHeader } from '../auth/session';
import { applySecurityHeaders } from '../http/security-headers';
import { metrics } from '../metrics';
import { DRAIN_TIMES, drainSockets, InFlight, type DrainTimes } from './drain';
import { EventTable, type EventOptions } from './on';
import { registerHostHandlers } from './room/host-handlers';
import { playerDisconnected, registerPlayerHandlers } from './room/player-handlers';
import { registerScreenHandlers } from './room/screen-handlers';
import { registerQaModeratorHandlers } from './qa/moderator-handlers';
import { registerQaParticipantHandlers } from './qa/participant-handlers';
import { registerQaWallHandlers } from './qa/wall-handlers';
import { QaSocketBroadcast } from './qa/qa-socket-broadcast';
import { joinTargets } from '../kernel/relay';
import { SocketBroadcast } from './socket-broadcast';
import { localRoomPins, rooms, type AndaServer } from './types';
import { log } from '../log';
import { resyncOnReconnect, type Subscriber } from './adapter-resync';

export interface GatewayOptions {
	/**
	 * The only origins allowed to open sockets (ORIGIN, when the operator set it). Empty: a page of
	 * this server, i.e. an Origin whose host is the request's Host.
	 */
	allowedOrigins?: string[];
	/** Told of every acknowledged event (metrics). */
	observe?: EventOptions['observe'];
	/** How long a graceful close waits for acks and for the transports to flush. */
	drain?: DrainTimes;
}

export interface Gateway {
	io: AndaServer;
	/**
	 * Graceful: refuses new connections, tells the clients to reconnect elsewhere, lets the events
	 * in flight be acked, closes the transports (which clients retry), then the server.
	 */
	close(): Promise<void>;
}

/**
 * With ORIGIN set (`allowed` not empty) only a listed origin may open a socket: the Host header is
 * the client's to write, so "Origin equals Host" would let any site whose page asks for this
 * server under its own name through. Without ORIGIN the Host is all there is to compare with.
 */
export function originAllowed(req: IncomingMessage, allowed: string[]): boolean {
	const origin = req.headers.origin;
	if (!origin) return true; // non-browser clients send none; they gain nothing a browser lacks
	if (allowed.length > 0) return allowed.includes(origin);
	try {
		return new URL(origin).host === req.headers.host;
	} catch {
		return false;
	}
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

/**
 * Every surface's handlers, in one table for the process. A new kind of session adds its line here.
 * Each event is counted in flight until acked: a draining process waits for those acks.
 */
function surfaceEvents(
	ctx: AppContext,
	observe: GatewayOptions['observe'],
	inFlight?: InFlight
): EventTable {
	const events = new EventTable(inFlight ? () => inFlight.begin() : undefined);
	registerPlayerHandlers(events, ctx, observe);
	registerHostHandlers(events, ctx, observe);
	registerScreenHandlers(events, ctx, observe);
	registerQaParticipantHandlers(events, ctx, observe);
	registerQaModeratorHandlers(events, ctx, observe);
	registerQaWallHandlers(events, ctx, observe);
	return events;
}

export async function attachGateway(
	http: HttpServer,
	ctx: AppContext,
	opts: GatewayOptions = {}
): Promise<Gateway> {
	const allowed = opts.allowedOrigins ?? [];
	const counting = ctx.config.metrics === true;
	const observe = opts.observe ?? (counting ? metrics.observeAck : undefined);
	const inFlight = new InFlight();
	const events = surfaceEvents(ctx, observe, inFlight);
	// While draining, a reconnecting client is refused here and retries (with back-off) elsewhere
	// or once this process is back.
	let draining = false;
	// The adapter's clients connect first: from `new Server` on, the HTTP server hands sockets to
	// Socket.IO, so nothing may wait between it and registering the handlers below (a server that
	// is already listening would otherwise accept connections that nothing answers).
	const redisClients: { quit(): Promise<unknown>; destroy(): void }[] = [];
	let adapter: ReturnType<typeof createAdapter | typeof createShardedAdapter> | undefined;
	let adapterSub: Subscriber | null = null;
	const cluster = ctx.config.redisCluster === true;
	if (ctx.config.redisUrl) {
		const pub = createRedis({ url: ctx.config.redisUrl, cluster });
		const sub = pub.duplicate();
		quietPublisher(pub);
		pub.on('error', (e: Error) => log.warn({ err: e }, 'redis adapter (pub)'));
		sub.on('error', (e: Error) => log.warn({ err: e }, 'redis adapter (sub)'));
		await Promise.all([pub.connect(), sub.connect()]);
		// The adapter's channels carry the live keys' prefix: deployments (or test suites) sharing
		// one Redis do not hear each other's broadcasts.
		const channels = `${ctx.config.redisPrefix ?? DEFAULT_KEY_PREFIX}-socket.io`;
		// On a cluster, PUBLISH would be copied to every node over the cluster bus; the sharded
		// adapter sends each room's broadcasts to a shard channel of its own (SPUBLISH, Redis 7),
		// heard only by the shard that holds the channel and the processes with sockets in the
		// room ('dynamic': one channel per room), so rooms spread over the shards.
		adapter = cluster
			? createShardedAdapter(pub, sub, { channelPrefix: channels, subscriptionMode: 'dynamic' })
			: createAdapter(pub, sub, { key: channels });
		redisClients.push(pub, sub);
		adapterSub = sub as unknown as Subscriber;
	}
	const io: AndaServer = new Server(http, {
		path: '/socket.io',
		serveClient: false,
		maxHttpBufferSize: 16 * 1024,
		pingInterval: 20_000,
		pingTimeout: 20_000,
		allowRequest: (req, cb) => cb(null, !draining && originAllowed(req, allowed))
	});

	// Polling and handshake answers get the same security headers as every other response.
	io.engine.on('headers', (headers: Record<string, string>) =>
		applySecurityHeaders(
			(n) => n in headers,
			(n, v) => (headers[n] = v)
		)
	);
	if (adapter) io.adapter(adapter);

	const broadcast = new SocketBroadcast(io, ctx.rooms.views, redisClients.length > 0);
	broadcast.onChanged = (pin) => void ctx.clock.changed(pin);
	const qaBroadcast = new QaSocketBroadcast(io);
	if (adapterSub) {
		resyncOnReconnect(adapterSub, cluster, async () => {
			await broadcast.resync();
			await qaBroadcast.resync((code) => ctx.qa.currentFrames(code));
		});
	}
	ctx.relay.target = joinTargets(broadcast, qaBroadcast);
	io.on('anda:reveal', (pin, view) => void broadcast.deliverReveal(pin, view));
	io.on('anda:kick', (pin, playerId) => void broadcast.kickHere(pin, playerId));
	io.on('anda:changed', (pin) => void ctx.clock.changed(pin));

	// The client's address first (the same rule as the pages', see http/client-ip.ts), and the cap
	// of open sockets per address: refused here, the client gets a connect_error saying why. The
	// count drops when the connection closes, however it ends.
	const cap = new SocketCap(ctx.abuse.limits.socketsPerIp);
	const rule = ctx.abuse.addressRule;
	io.use((socket, next) => {
		const hs = socket.handshake;
		const address = clientKey(handshakeAddress(hs.headers, hs.address, rule));
		socket.data = { address, auth: null, room: null, qa: null };
		if (socket.conn.readyState === 'closed') return next(new Error('connection closed'));
		if (!cap.admit(address)) {
			const err = new Error(ERROR_MESSAGES.TOO_MANY_CONNECTIONS) as Error & { data?: unknown };
			err.data = { code: 'TOO_MANY_CONNECTIONS', limit: cap.cap };
			return next(err);
		}
		socket.conn.once('close', () => cap.release(address));
		next();
	});

	// Every connection, reconnections included, reads the session cookie from its own handshake and
	// validates it; a socket without a valid session is anonymous (players need none). Should
	// connection-state recovery ever be enabled, keep `skipMiddlewares: false` so that recovered
	// connections are checked too.
	io.use(async (socket, next) => {
		try {
			const headers = socket.handshake.headers;
			const token = sessionTokenFromHeader(headers.cookie, handshakeSecure(headers.origin));
			const found = token ? await ctx.auth.validateSessionToken(token, { renew: false }) : null;
			if (found) socket.data.auth = { userId: found.user.id, sessionId: found.session.id };
		} catch (e) {
			log.error({ err: e }, 'gateway: session check');
		}
		next();
	});

	io.on('connection', (socket) => {
		const auth = socket.data.auth;
		if (auth) {
			// Joined so that signing out reaches this socket; checked once more after joining, in
			// case the session ended between the handshake and the join.
			void socket.join(rooms.session(auth.sessionId));
			void ctx.auth
				.sessionActive(auth.sessionId)
				.then((active) => {
					if (!active) {
						socket.emit('session:ended');
						socket.disconnect(true);
					}
				})
				.catch((e: unknown) => log.error({ err: e }, 'gateway: session recheck'));
		}
		events.attach(socket);
		if (counting) metrics.socketConnected();
		socket.on('disconnect', () => {
			if (counting) metrics.socketDisconnected();
			// Counted in flight: a draining process waits for it before closing its stores.
			void playerDisconnected(socket, ctx).finally(inFlight.begin());
		});
	});

	// Rooms with something connected here do not expire as unused lobbies: they are touched a few
	// times per idle period (at least once a minute), one store call per room, lobbies or not.
	const keepAliveMs = Math.max(100, Math.min(60_000, ctx.abuse.limits.lobbyIdleMs / 4));
	const keepAlive = setInterval(() => {
		const pins = localRoomPins(io);
		if (pins.length === 0) return;
		ctx.rooms.keepAlive(pins).catch((e: unknown) => log.warn({ err: e }, 'gateway: keep-alive'));
	}, keepAliveMs);
	keepAlive.unref?.();

	return {
		io,
		async close() {
			clearInterval(keepAlive);
			draining = true;
			// The broadcast stays on until the events in flight are acked: their effects go out too.
			await drainSockets(io, inFlight, opts.drain ?? DRAIN_TIMES);
			broadcast.close();
			ctx.relay.target = null;
			await new Promise<void>((resolve) => io.close(() => resolve()));
			await Promise.all(redisClients.map((c) => closeRedis(c)));
		}
	};
}
