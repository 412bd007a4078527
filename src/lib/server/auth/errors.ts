// A typed error for accounts and organisations: a stable code, a Chinese message for the page and
// the HTTP status a form action answers with.

export type AuthErrorCode =
	| 'INVALID_INPUT'
	| 'INVALID_CREDENTIALS'
	| 'RATE_LIMITED'
	| 'EMAIL_TAKEN'
	| 'SETUP_DONE'
	| 'SETUP_REQUIRED'
	| 'NOT_SIGNED_IN'
	| 'FORBIDDEN'
	| 'NOT_FOUND'
	| 'CONFLICT';

const STATUS: Record<AuthErrorCode, number> = {
	INVALID_INPUT: 400,
	INVALID_CREDENTIALS: 400,
	RATE_LIMITED: 429,
	EMAIL_TAKEN: 409,
	SETUP_DONE: 409,
	SETUP_REQUIRED: 409,
	NOT_SIGNED_IN: 401,
	FORBIDDEN: 403,
	NOT_FOUND: 404,
	CONFLICT: 409
};

// The server entry and the pages are separate module graphs (see app-context.ts), each with its
// own copy of this class, so an error thrown by the shared services is recognised by a brand, not
// by instanceof.
const BRAND = Symbol.for('anda.auth-error');

export class AuthError extends Error {
	readonly status: number;
	readonly [BRAND] = true;
	constructor(
		readonly code: AuthErrorCode,
		message: string
	) {
		super(message);
		this.name = 'AuthError';
		this.status = STATUS[code];
	}
}

/** Whether `e` is an AuthError from any copy of this module. */
export function isAuthError(e: unknown): e is AuthError {
	return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}

/** The one message for any failed sign-in: it never says whether the account exists. */
export const BAD_CREDENTIALS = '邮箱或密码不正确';
