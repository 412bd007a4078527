// The process's logger: JSON lines in production (one object per line, for a log collector),
// pretty text under `vite dev`, silent under vitest. LOG_LEVEL sets the level everywhere
// (trace, debug, info, warn, error, fatal, silent); LOG_FORMAT=json|pretty overrides the format.
// Errors go in as `{ err }` so that pino writes their type, message and stack.
// Pages and the socket server are separate module graphs in one process, so the root logger is
// kept under a global symbol and both write through the same one.
import { randomUUID } from 'node:crypto';
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

const ROOT = Symbol.for('anda.log.root');

/** The level for an environment: LOG_LEVEL, else silent in tests and info otherwise. */
export function logLevel(env: NodeJS.ProcessEnv = process.env): string {
	if (env.LOG_LEVEL) return env.LOG_LEVEL;
	return env.VITEST ? 'silent' : 'info';
}

/** Pretty text only for a developer's terminal (Vite's dev server sets NODE_ENV=development). */
export function logFormat(env: NodeJS.ProcessEnv = process.env): 'json' | 'pretty' {
	if (env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty') return env.LOG_FORMAT;
	return env.NODE_ENV === 'development' ? 'pretty' : 'json';
}

/** A root logger for `env`, writing to stdout (or `destination`, for tests). */
export function createLogger(
	env: NodeJS.ProcessEnv = process.env,
	destination?: NodeJS.WritableStream
): Logger {
	const options = { level: logLevel(env), base: { pid: process.pid } };
	if (destination) return pino(options, destination);
	if (logFormat(env) === 'pretty') {
		// In-process and synchronous: no worker thread, so it works inside Vite's module runner.
		return pino(options, pretty({ colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid' }));
	}
	return pino(options);
}

type WithRoot = typeof globalThis & { [ROOT]?: Logger };

/** The one root logger of this process. */
export const log: Logger = ((globalThis as WithRoot)[ROOT] ??= createLogger());

/** A logger whose lines carry `reqId` (see requestIdFrom). */
export function requestLogger(requestId: string, parent: Logger = log): Logger {
	return parent.child({ reqId: requestId });
}

/** A logger whose lines carry the Socket.IO socket's id, for the realtime gateway. */
export function socketLogger(socketId: string, parent: Logger = log): Logger {
	return parent.child({ socketId });
}

// A proxy's request id is kept when it looks like one (so lines join up across services); anything
// else (too long, spaces, control characters) is replaced, as it would end up in every log line.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id for an incoming `x-request-id` header value: that one if sane, else a new one. */
export function requestIdFrom(header: string | null | undefined): string {
	return header && REQUEST_ID.test(header) ? header : randomUUID();
}
