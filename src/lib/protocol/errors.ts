// Every error code of every surface, with its message: codes stay stable for clients, messages
// are Simplified Chinese (the default UI language). A new surface adds its table here.
import { COMMON_ERRORS } from './common';
import { CONTEST_ERRORS } from './contest';
import { QA_ERRORS } from './qa';
import { ROOM_ERRORS } from './room';
import { ROUND_ERRORS } from './room-rounds';

export const ERROR_MESSAGES = {
	...COMMON_ERRORS,
	...ROOM_ERRORS,
	...ROUND_ERRORS,
	...QA_ERRORS,
	...CONTEST_ERRORS
} as const satisfies Record<string, string>;
export type ErrorCode = keyof typeof ERROR_MESSAGES;
export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];

export interface ErrorBody {
	code: ErrorCode;
	message: string;
}

export function fail(code: ErrorCode, message?: string): { ok: false; error: ErrorBody } {
	return { ok: false, error: { code, message: message ?? ERROR_MESSAGES[code] } };
}
