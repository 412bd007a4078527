// The one way a client→server event is handled, for every surface: rate-limit, parse with the
// event's zod schema, run the handler, acknowledge. A bad payload, a missing ack, a refusal, a
// fault or an exhausted limit always ends in an error ack (when an ack exists), never in a crash.
// Look-ups by PIN also answer to the per-address guard: refused while the address's misses are
// spent, and charged when they miss.
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

/** How a surface (player, host, screen, and the next kinds of session) registers its handlers. */
export type RegisterSurface = (
	socket: AndaSocket,
	ctx: AppContext,
	observe: EventOptions['observe']
) => void;

/** Options for an event that looks a room up by PIN: the lookup bucket and the address guard. */
export const lookupEvent = (
	guard: PinLookupGuard,
	observe: EventOptions['observe']
): EventOptions => ({ limit: 'lookup', observe, lookups: guard });

export function on<E extends Event>(
	socket: AndaSocket,
	event: E,
	schema: z.ZodType<PayloadOf<E>>,
	opts: EventOptions,
	handler: (payload: PayloadOf<E>, socket: AndaSocket) => Promise<AckDataOf<E>>
): void {
	const listener = async (...args: unknown[]) => {
		const started = performance.now();
		const ack = args[args.length - 1];
		const reply = (res: AckResult<AckDataOf<E> & object>) => {
			opts.observe?.(event, res.ok, performance.now() - started);
			if (typeof ack === 'function') ack(res);
		};
		if (!takeToken(socket, opts.limit, Date.now())) return reply(fail('RATE_LIMITED'));
		const guard = opts.lookups;
		const address = socket.data.address;
		if (guard) {
			const verdict = guard.allows(address, Date.now());
			if (!verdict.ok) return reply(fail('RATE_LIMITED', verdict.message));
		}
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
			if (e instanceof SessionError) {
				guard?.settle(address, e.code, Date.now());
				return reply(fail(e.code, e.message));
			}
			log.error({ err: e, event, socket: socket.id }, 'gateway: handler failed');
			reply(fail('INTERNAL'));
		}
	};
	socket.on(event, listener as never);
}
