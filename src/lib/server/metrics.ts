// Prometheus metrics of this process, on their own registry (never prom-client's global one, which
// any dependency could also write to): Node's default metrics (event-loop lag, heap, GC, CPU) and
// Anda's own. Pages and the socket server are separate module graphs in one process, so the set
// is kept under a global symbol: the gateway counts and /metrics reports the same numbers.
import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds. Acks and store calls are expected in milliseconds; the tail shows trouble. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export type RoomCounter = () => number | Promise<number>;

export interface AndaMetrics {
	readonly registry: Registry;
	/** Call on every socket connection and disconnection. */
	socketConnected(): void;
	socketDisconnected(): void;
	/** Registers how to count the live rooms; called on each scrape (the last one set wins). */
	setRoomCounter(count: RoomCounter): void;
	/** Counts accepted answers (rate(anda_answers_received_total[1m]) gives answers per second). */
	answersReceived(n?: number): void;
	/** Records how long a client event took from receipt to its ack. */
	observeAck(event: string, ok: boolean, ms: number): void;
	/** Records how long one store call took. */
	observeStoreCall(store: string, op: string, ms: number): void;
}

function createMetrics(): AndaMetrics {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry });
	const registers = [registry];
	const sockets = new Gauge({
		name: 'anda_sockets_connected',
		help: 'Socket.IO connections open on this process',
		registers
	});
	let countRooms: RoomCounter | null = null;
	new Gauge({
		name: 'anda_live_rooms',
		help: 'Live rooms, as the live store counts them',
		registers,
		async collect() {
			if (!countRooms) return;
			// A failed count leaves the last value rather than failing the whole scrape.
			try {
				this.set(await countRooms());
			} catch {
				/* keep the previous value */
			}
		}
	});
	const answers = new Counter({
		name: 'anda_answers_received_total',
		help: 'Answers accepted from players',
		registers
	});
	// Both latency series share the buckets; only their names and labels differ.
	const latency = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
		new Histogram<L>({ name, help, labelNames, buckets: LATENCY_BUCKETS, registers });
	const acks = latency(
		'anda_socket_ack_duration_seconds',
		'Time from receiving a client event to acknowledging it',
		['event', 'ok'] as const
	);
	const storeCalls = latency('anda_live_store_duration_seconds', 'Duration of live-store calls', [
		'store',
		'op'
	] as const);
	return {
		registry,
		socketConnected: () => sockets.inc(),
		socketDisconnected: () => sockets.dec(),
		setRoomCounter: (count) => {
			countRooms = count;
		},
		answersReceived: (n = 1) => answers.inc(n),
		observeAck: (event, ok, ms) => acks.observe({ event, ok: ok ? 'true' : 'false' }, ms / 1000),
		observeStoreCall: (store, op, ms) => storeCalls.observe({ store, op }, ms / 1000)
	};
}

const KEY = Symbol.for('anda.metrics');
type WithMetrics = typeof globalThis & { [KEY]?: AndaMetrics };

/** The one metrics set of this process. */
export const metrics: AndaMetrics = ((globalThis as WithMetrics)[KEY] ??= createMetrics());

/** Shorthand for metrics.observeAck. */
export function observeAck(event: string, ok: boolean, ms: number): void {
	metrics.observeAck(event, ok, ms);
}

/**
 * The same store, each method call timed into anda_live_store_duration_seconds{store, op} when it
 * returns a promise (the store's I/O); plain values pass through untimed. Methods run on the
 * original object, so private fields keep working; a failed call is timed too and rethrown.
 */
export function instrumentStore<T extends object>(
	store: T,
	storeName: string,
	sink: Pick<AndaMetrics, 'observeStoreCall'> = metrics
): T {
	const wrapped = new Map<PropertyKey, unknown>();
	return new Proxy(store, {
		get(target, prop) {
			const value: unknown = Reflect.get(target, prop);
			if (typeof value !== 'function' || prop === 'constructor') return value;
			const known = wrapped.get(prop);
			if (known) return known;
			const op = String(prop);
			const method = value as (...args: unknown[]) => unknown;
			const timed = (...args: unknown[]) => {
				const started = performance.now();
				const result = method.apply(target, args);
				if (!(result instanceof Promise)) return result;
				const done = () => sink.observeStoreCall(storeName, op, performance.now() - started);
				return result.finally(done);
			};
			wrapped.set(prop, timed);
			return timed;
		}
	});
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time comparison of a presented token with the configured one. */
function sameToken(presented: string, expected: string): boolean {
	// Digests have one length, so neither the comparison nor its timing depends on the lengths.
	return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * GET /metrics: 404 unless a token is configured (METRICS_TOKEN), then only for
 * `Authorization: Bearer <token>` (401 otherwise), in Prometheus text format.
 */
export async function metricsResponse(
	request: Request,
	token: string | undefined,
	registry: Registry = metrics.registry
): Promise<Response> {
	if (!token) return new Response('Not Found', { status: 404 });
	const header = request.headers.get('authorization') ?? '';
	const presented = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
	if (!presented || !sameToken(presented, token)) {
		return new Response('Unauthorized', {
			status: 401,
			headers: { 'www-authenticate': 'Bearer realm="metrics"' }
		});
	}
	return new Response(await registry.metrics(), {
		headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' }
	});
}
