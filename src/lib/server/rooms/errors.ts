// The quiz room's refusals: session errors, named so that a stack trace says where they came from.
import { SessionError } from '../kernel/session-error';

export class RoomError extends SessionError {
	override name = 'RoomError';
}
