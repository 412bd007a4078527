// The envelope every surface shares: the protocol version, the ack every client→server event
// gets, the error codes that are not any one surface's, and the small field schemas they reuse.
import { z } from 'zod';
import type { ErrorBody, ErrorCode } from './errors';

/** Bump on any breaking change to an event, a payload or a view. */
export const PROTOCOL_VERSION = 1;

export type AckResult<T extends object = object> =
	({ ok: true } & T) | { ok: false; error: ErrorBody };
export type Ack<T extends object = object> = (result: AckResult<T>) => void;

/** Errors any surface may answer with. Messages in Simplified Chinese, the default UI language. */
export const COMMON_ERRORS = {
	BAD_REQUEST: '请求格式不正确',
	RATE_LIMITED: '操作太频繁，请稍后再试',
	STALE: '状态已变化，请重试',
	NOT_SIGNED_IN: '请先登录主持人账号',
	NOT_MEMBER: '对方不是本组织的成员',
	INTERNAL: '服务器出错了，请重试',
	/** A socket refused at connection (connect_error), not an ack: the address has too many open. */
	TOO_MANY_CONNECTIONS: '同一网络的连接数已达上限，请稍后再试'
} as const;

/** What the server tells every socket, whatever it is bound to. */
export interface CommonServerEvents {
	/**
	 * This process is shutting down: the connection will close in a moment, and the client should
	 * reconnect (to another process, or this one restarted) and resume. Hold new requests till then.
	 */
	'server:draining': () => void;
	/** The session this socket was opened with ended (signed out): the disconnect that follows is final. */
	'session:ended': () => void;
}

/** A secret or token handed out by the server (quick-room host secret, player token). */
export const secretField = z.string().min(16).max(128);

export type { ErrorBody, ErrorCode };

/** What a client event's payload is once its schema has parsed it. */
export type In<S extends z.ZodType> = z.output<S>;
