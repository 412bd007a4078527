// The one way a client→server event is handled, for every surface: rate-limit, parse with the
// event's zod schema, run the handler, acknowledge. A bad payload, a missing ack, an unknown event,
// a refusal, a fault or an exhausted limit always ends in an error ack (when an ack exists), never in
// a crash. Look-ups by PIN also answer to the per-address guard: refused while the address's misses
// are spent, and charged when they miss.
//
// The surfaces declare their handlers once per process, into one table; a connection gets a single
// listener that looks the event up there. Registering some thirty listeners (and their closures)
// on every socket was a measurable share of a join when ten thousand phones arrive at once.
import type { z } from 'zod';
import { fail, type Ack, type AckResult, type ClientToServerEvents } from '../../protocol';
import type { PinLookupGuard } from '../abuse/pin-lookups';
import { SessionError } from '../kernel/session-error';
import { takeToken, type RateKind } from './rate-limits';
import type { AppContext } from '../app-context';
import type { AndaSocket } from './types';
import { log } from '../log';

type Event = keyof ClientToServerEvents;
type PayloadOf<E extends Event> = Parameters<ClientToServerEvents[E]>[0];
/** What the handler of `E` returns: the ack's fields besides `ok`. */
export type AckDataOf<E extends Event> =
	Parameters<ClientToServerEvents[E]>[1] extends Ack<infer T> ? T : never;

export interface EventOptions {
	/** Which of the socket's rate-limit buckets this event draws on. */
	limit: RateKind;
	/** Told of every acknowledged event (metrics). */
	observe?: (event: string, ok: boolean, ms: number) => void;
	/** For look-ups by PIN: the per-address guard across connections. */
	lookups?: PinLookupGuard;
}

type Handler<E extends Event> = (
	payload: PayloadOf<E>,
	socket: AndaSocket
) => Promise<AckDataOf<E>>;

interface Entry {
	schema: z.ZodType<unknown>;
	opts: EventOptions;
	handler: (payload: unknown, socket: AndaSocket) => Promise<object>;
}

/** Where a surface declares its events: `events.on(name, schema, options, handler)`. */
export interface SurfaceEvents {
	on<E extends Event>(
		event: E,
		schema: z.ZodType<PayloadOf<E>>,
		opts: EventOptions,
		handler: Handler<E>
	): void;
}

/** How a surface (player, host, screen, and the next kinds of session) declares its handlers. */
export type RegisterSurface = (
	events: SurfaceEvents,
	ctx: AppContext,
	observe: EventOptions['observe']
) => void;

/** Options for an event that looks a room up by PIN: the lookup bucket and the address guard. */
export const lookupEvent = (
	guard: PinLookupGuard,
	observe: EventOptions['observe']
): EventOptions => ({ limit: 'lookup', observe, lookups: guard });

/** Counts an event from its arrival to its ack (a draining process waits for them). */
export type BeginEvent = () => () => void;

export class EventTable implements SurfaceEvents {
	private readonly entries = new Map<string, Entry>();

	/** `begin` counts each known event in flight until its ack is sent. */
	constructor(private readonly begin: BeginEvent = () => () => {}) {}

	on<E extends Event>(
		event: E,
		schema: z.ZodType<PayloadOf<E>>,
		opts: EventOptions,
		handler: Handler<E>
	): void {
		if (this.entries.has(event)) throw new Error(`event ${event} is declared twice`);
		this.entries.set(event, {
			schema: schema as z.ZodType<unknown>,
			opts,
			handler: handler as Entry['handler']
		});
	}

	/** The socket's one listener for every event its client sends. */
	attach(socket: AndaSocket): void {
		socket.onAny((event: string, ...args: unknown[]) => void this.handle(socket, event, args));
	}

	private async handle(socket: AndaSocket, event: string, args: unknown[]): Promise<void> {
		const started = performance.now();
		const last = args[args.length - 1];
		const ack = typeof last === 'function' ? (last as (res: AckResult<object>) => void) : null;
		const entry = this.entries.get(event);
		if (!entry) {
			// Nothing would ever answer it: say so instead of letting the client's ack time out.
			ack?.(fail('BAD_REQUEST', `未知的请求：${String(event).slice(0, 40)}`));
			return;
		}
		const { opts } = entry;
		const done = this.begin();
		const reply = (res: AckResult<object>) => {
			done();
			opts.observe?.(event, res.ok, performance.now() - started);
			ack?.(res);
		};
		if (!takeToken(socket, opts.limit, Date.now())) return reply(fail('RATE_LIMITED'));
		const guard = opts.lookups;
		const address = socket.data.address;
		if (guard) {
			const verdict = guard.allows(address, Date.now());
			if (!verdict.ok) return reply(fail('RATE_LIMITED', verdict.message));
		}
		const parsed = entry.schema.safeParse(args[0]);
		if (!parsed.success || !ack) {
			const msg = parsed.success
				? 'acknowledgement callback required'
				: parsed.error.issues[0]?.message;
			return reply(fail('BAD_REQUEST', `请求格式不正确${msg ? `：${msg}` : ''}`));
		}
		try {
			reply({ ok: true, ...(await entry.handler(parsed.data, socket)) });
		} catch (e) {
			if (e instanceof SessionError) {
				guard?.settle(address, e.code, Date.now());
				return reply(fail(e.code, e.message));
			}
			log.error({ err: e, event, socket: socket.id }, 'gateway: handler failed');
			reply(fail('INTERNAL'));
		}
	}
}
