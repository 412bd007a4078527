// A typed error that carries a protocol error code up to the transport, which turns it into an
// error ack. Every kind of live session throws these (or a subclass) for expected refusals; any
// other error is a fault, logged and answered with INTERNAL.
import { ERROR_MESSAGES, type ErrorCode } from '../../protocol';

// The server entry and the pages are separate module graphs (see app-context.ts), each with its
// own copy of this class: a route that calls the shared services recognises their refusals by a
// brand (isSessionError), not by instanceof.
const BRAND = Symbol.for('anda.session-error');

export class SessionError extends Error {
	readonly [BRAND] = true;

	constructor(
		readonly code: ErrorCode,
		message?: string,
		options?: { cause?: unknown }
	) {
		super(message ?? ERROR_MESSAGES[code], options);
		this.name = 'SessionError';
	}
}

/** A SessionError from either module graph. */
export function isSessionError(e: unknown): e is SessionError {
	return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}
