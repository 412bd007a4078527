// A typed error that carries a protocol error code up to the transport, which turns it into an
// error ack. Every kind of live session throws these (or a subclass) for expected refusals; any
// other error is a fault, logged and answered with INTERNAL.
import { ERROR_MESSAGES, type ErrorCode } from '../../protocol';

export class SessionError extends Error {
	constructor(
		readonly code: ErrorCode,
		message?: string,
		options?: { cause?: unknown }
	) {
		super(message ?? ERROR_MESSAGES[code], options);
		this.name = 'SessionError';
	}
}
