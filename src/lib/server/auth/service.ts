// Accounts and sessions: first-admin setup, sign-up, sign-in, sliding sessions, sign-out, changing
// the password and ending other sessions. Framework-free: the SvelteKit routes and the socket
// gateway call it with plain values; ended sessions are reported so that their sockets are dropped.
import { z } from 'zod';
import type { AccountStore, SessionRecord, UserRecord } from '../records/accounts/port';
import { log } from '../log';
import { newId } from '../rooms/secrets';
import { AuthError, BAD_CREDENTIALS } from './errors';
import { parseInput, visibleName } from './input';
import {
	hashPassword,
	needsRehash,
	passwordProblem,
	verifyDummy,
	verifyPassword
} from './password';
import { limitMessage, type AuthRateLimiter } from './rate-limit';
import {
	generateToken,
	plausibleToken,
	SESSION_RENEW_MS,
	SESSION_TOUCH_MS,
	SESSION_TTL_MS,
	tokenId
} from './session';

/** What pages and sockets know of the signed-in user (never the password hash). */
export interface SessionUser {
	id: string;
	email: string;
	displayName: string;
	isAdmin: boolean;
	currentOrgId: string | null;
}

export interface SessionInfo {
	id: string;
	createdAt: number;
	expiresAt: number;
}

export interface Authenticated {
	user: SessionUser;
	session: SessionInfo;
}

export interface SignedIn extends Authenticated {
	/** The cookie's value; shown once, never stored. */
	token: string;
}

export interface ClientInfo {
	ip: string;
	userAgent: string | null;
}

export interface AuthDeps {
	accounts: AccountStore;
	limiter: AuthRateLimiter;
	now: () => number;
	/** Sessions that were just ended (their sockets are to be disconnected). */
	sessionsEnded: (ids: string[]) => void;
}

export const emailSchema = z
	.string()
	.trim()
	.toLowerCase()
	.max(254, '邮箱太长')
	.pipe(z.email('请输入有效的邮箱地址'));

export const displayNameSchema = visibleName(
	[1, '请填写姓名或昵称'],
	[40, '姓名最多 40 个字符'],
	'姓名含有不可见字符'
);

export interface NewAccountInput {
	email: string;
	displayName: string;
	password: string;
}

function publicUser(u: UserRecord): SessionUser {
	return {
		id: u.id,
		email: u.email,
		displayName: u.displayName,
		isAdmin: u.isAdmin,
		currentOrgId: u.currentOrgId
	};
}

function publicSession(s: SessionRecord): SessionInfo {
	return { id: s.id, createdAt: s.createdAt, expiresAt: s.expiresAt };
}

/** Normalises an email for lookups and limits; null if it is not an email at all. */
export function normaliseEmail(raw: string): string | null {
	const r = emailSchema.safeParse(raw);
	return r.success ? r.data : null;
}

export class AuthService {
	constructor(private readonly deps: AuthDeps) {}

	private get accounts() {
		return this.deps.accounts;
	}

	async needsSetup(): Promise<boolean> {
		return (await this.accounts.countUsers()) === 0;
	}

	private parseNewAccount(input: NewAccountInput) {
		const email = parseInput(emailSchema, input.email);
		const displayName = parseInput(displayNameSchema, input.displayName);
		const problem = passwordProblem(input.password);
		if (problem) throw new AuthError('INVALID_INPUT', problem);
		return { email, displayName, password: input.password };
	}

	private async limitSignUp(client: ClientInfo, email: string) {
		const limit = await this.deps.limiter.signUp(client.ip, email);
		if (!limit.ok) throw new AuthError('RATE_LIMITED', limitMessage(limit.retryAfterS));
	}

	/** Creates the first account, the instance admin; only while no account exists. */
	async setup(input: NewAccountInput, client: ClientInfo): Promise<SignedIn> {
		const done = () => new AuthError('SETUP_DONE', '管理员账号已经创建，请直接登录');
		if (!(await this.needsSetup())) throw done();
		const fields = this.parseNewAccount(input);
		await this.limitSignUp(client, fields.email);
		const user = {
			id: newId(),
			email: fields.email,
			displayName: fields.displayName,
			passwordHash: await hashPassword(fields.password),
			createdAt: this.deps.now()
		};
		if ((await this.accounts.createFirstAdmin(user)) !== 'ok') throw done();
		return this.startSession(user.id, client);
	}

	/** Creates an account. Before the first admin exists, only setup creates accounts. */
	async signUp(input: NewAccountInput, client: ClientInfo): Promise<SignedIn> {
		const fields = this.parseNewAccount(input);
		await this.limitSignUp(client, fields.email);
		// Hash first, so that a taken email is refused after the same work as a new one.
		const passwordHash = await hashPassword(fields.password);
		if (await this.needsSetup()) {
			throw new AuthError('SETUP_REQUIRED', '请先创建管理员账号');
		}
		const id = newId();
		const created = await this.accounts.createUser({
			id,
			email: fields.email,
			displayName: fields.displayName,
			passwordHash,
			createdAt: this.deps.now()
		});
		if (created !== 'ok') {
			throw new AuthError('EMAIL_TAKEN', '这个邮箱不能用于注册，请换一个，或直接登录');
		}
		return this.startSession(id, client);
	}

	/**
	 * Signs in. Unknown account and wrong password get the same message after the same work (a
	 * dummy hash is verified when there is no user); attempts are limited per IP and per account.
	 */
	async signIn(rawEmail: string, password: string, client: ClientInfo): Promise<SignedIn> {
		const email = normaliseEmail(rawEmail) ?? rawEmail.trim().toLowerCase().slice(0, 254);
		const limit = await this.deps.limiter.signIn(client.ip, email);
		if (!limit.ok) throw new AuthError('RATE_LIMITED', limitMessage(limit.retryAfterS));
		const candidate = password.slice(0, 1024);
		const user = await this.accounts.getUserByEmail(email);
		const ok = user
			? await verifyPassword(candidate, user.passwordHash)
			: await verifyDummy(candidate);
		if (!user || !ok) throw new AuthError('INVALID_CREDENTIALS', BAD_CREDENTIALS);
		await this.deps.limiter.signInSucceeded(email);
		if (needsRehash(user.passwordHash)) {
			await this.accounts.setPasswordHash(user.id, await hashPassword(candidate));
		}
		void this.accounts
			.deleteExpiredSessions(this.deps.now())
			.catch((err: unknown) => log.error({ err }, 'session sweep failed'));
		return this.startSession(user.id, client);
	}

	private async startSession(userId: string, client: ClientInfo): Promise<SignedIn> {
		const token = generateToken();
		const now = this.deps.now();
		const record: SessionRecord = {
			id: tokenId(token),
			userId,
			createdAt: now,
			expiresAt: now + SESSION_TTL_MS,
			lastSeenAt: now,
			userAgent: client.userAgent ? client.userAgent.slice(0, 200) : null,
			ip: client.ip.slice(0, 64)
		};
		await this.accounts.createSession(record);
		const user = await this.accounts.getUser(userId);
		if (!user) throw new AuthError('NOT_SIGNED_IN', '账号不存在');
		return { token, user: publicUser(user), session: publicSession(record) };
	}

	/**
	 * The session a token opens, or null if it is unknown or expired (an expired one is deleted).
	 * With `renew`, a session with less than 15 days left is extended to 30 again.
	 */
	async validateSessionToken(
		token: string,
		opts: { renew?: boolean } = {}
	): Promise<Authenticated | null> {
		if (!plausibleToken(token)) return null;
		const found = await this.accounts.getSessionWithUser(tokenId(token));
		if (!found) return null;
		const { session } = found;
		const now = this.deps.now();
		if (now >= session.expiresAt) {
			await this.accounts.deleteSession(session.id);
			return null;
		}
		if (opts.renew !== false) {
			if (session.expiresAt - now < SESSION_RENEW_MS) {
				session.expiresAt = now + SESSION_TTL_MS;
				session.lastSeenAt = now;
				await this.accounts.touchSession(session.id, session.expiresAt, now);
			} else if (now - session.lastSeenAt > SESSION_TOUCH_MS) {
				session.lastSeenAt = now;
				await this.accounts.touchSession(session.id, session.expiresAt, now);
			}
		}
		return { user: publicUser(found.user), session: publicSession(session) };
	}

	/** Whether a session still exists and has not expired (re-checked by sockets). */
	async sessionActive(sessionId: string): Promise<boolean> {
		const s = await this.accounts.getSession(sessionId);
		return !!s && this.deps.now() < s.expiresAt;
	}

	async signOut(sessionId: string): Promise<void> {
		await this.accounts.deleteSession(sessionId);
		this.deps.sessionsEnded([sessionId]);
	}

	/** Ends one of the user's own sessions. */
	async endSession(userId: string, sessionId: string): Promise<boolean> {
		const ended = await this.accounts.deleteUserSession(userId, sessionId);
		if (ended) this.deps.sessionsEnded([sessionId]);
		return ended;
	}

	/** Ends every session of the user but the current one; returns how many. */
	async endOtherSessions(userId: string, currentSessionId: string): Promise<number> {
		const ids = await this.accounts.deleteUserSessions(userId, currentSessionId);
		if (ids.length > 0) this.deps.sessionsEnded(ids);
		return ids.length;
	}

	async listSessions(userId: string): Promise<SessionRecord[]> {
		return this.accounts.listUserSessions(userId, this.deps.now());
	}

	/**
	 * Changes the password after checking the current one (limited like a sign-in), and ends every
	 * other session of the user: whoever knew the old password is signed out everywhere.
	 */
	async changePassword(
		userId: string,
		currentSessionId: string,
		current: string,
		next: string,
		client: ClientInfo
	): Promise<number> {
		const user = await this.accounts.getUser(userId);
		if (!user) throw new AuthError('NOT_SIGNED_IN', '请先登录');
		const limit = await this.deps.limiter.signIn(client.ip, user.email);
		if (!limit.ok) throw new AuthError('RATE_LIMITED', limitMessage(limit.retryAfterS));
		if (!(await verifyPassword(current.slice(0, 1024), user.passwordHash))) {
			throw new AuthError('INVALID_CREDENTIALS', '当前密码不正确');
		}
		await this.deps.limiter.signInSucceeded(user.email);
		const problem = passwordProblem(next);
		if (problem) throw new AuthError('INVALID_INPUT', problem);
		await this.accounts.setPasswordHash(userId, await hashPassword(next));
		return this.endOtherSessions(userId, currentSessionId);
	}
}
