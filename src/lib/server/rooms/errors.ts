// A typed error that carries a protocol error code up to the transport, which turns it into an ack.
import type { ErrorCode } from '../../protocol';
import { ERROR_MESSAGES } from '../../protocol';

export class RoomError extends Error {
	constructor(
		readonly code: ErrorCode,
		message?: string
	) {
		super(message ?? ERROR_MESSAGES[code]);
		this.name = 'RoomError';
	}
}
