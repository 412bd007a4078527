// Glue between the auth services and SvelteKit routes: the session cookie, the client's address,
// safe redirects after sign-in, turning AuthErrors into form-action failures, and who is asking
// for what: the scope a visitor reads in, and the organisation a change is made for.
import {
	error,
	fail,
	redirect,
	type ActionFailure,
	type Cookies,
	type RequestEvent
} from '@sveltejs/kit';
import type { OrgRole } from '../../domain/org-roles';
import type { OrganisationRecord } from '../records/accounts/port';
import type { OrgScope } from '../records/port';
import { isAuthError } from './errors';
import type { OrgContext, OrgService } from '../orgs/org-service';
import type { ClientInfo, SessionUser, SignedIn } from './service';
import { sessionCookieName, sessionCookieOptions } from './session';

export function setSessionCookie(cookies: Cookies, url: URL, signedIn: SignedIn): void {
	const secure = url.protocol === 'https:';
	cookies.set(
		sessionCookieName(secure),
		signedIn.token,
		sessionCookieOptions(signedIn.session.expiresAt, secure)
	);
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	const secure = url.protocol === 'https:';
	cookies.delete(sessionCookieName(secure), {
		path: '/',
		secure,
		httpOnly: true,
		sameSite: 'lax'
	});
}

/**
 * The client's address as adapter-node reports it: the socket's peer, or the header named by
 * ADDRESS_HEADER when the operator runs behind a proxy they trust.
 */
export function clientInfo(event: RequestEvent): ClientInfo {
	let ip = 'unknown';
	try {
		ip = event.getClientAddress();
	} catch {
		// Not available (e.g. prerendering); all such requests share one rate-limit bucket.
	}
	return { ip, userAgent: event.request.headers.get('user-agent') };
}

/** A same-site path to go to after signing in; anything else (other hosts, `//x`) becomes `/host`. */
export function safeNext(raw: string | null | undefined, fallback = '/host'): string {
	if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\'))
		return fallback;
	if (/\p{Cc}/u.test(raw)) return fallback;
	return raw;
}

/** Why a visitor was sent to sign in or to the organisation page; the page shows the notice. */
export const ACCESS_NOTICES = {
	content: '题库和测验归组织所有：请先登录，再新建、导入或修改。',
	'no-org': '题库和测验归组织所有：请先建立组织，或通过同事发来的邀请链接加入组织。'
} as const;
export type AccessNotice = keyof typeof ACCESS_NOTICES;

/** The notice for a `?why=` value; anything else shows nothing. */
export function accessNotice(why: string | null): string | null {
	return why !== null && Object.hasOwn(ACCESS_NOTICES, why)
		? ACCESS_NOTICES[why as AccessNotice]
		: null;
}

/** Where to come back to: the page itself, without a form action's `?/name`. */
function comeBack(url: URL): string {
	return url.pathname + (url.search.startsWith('?/') ? '' : url.search);
}

/** The signed-in user, or a redirect to the sign-in page that comes back here. */
export function requireUser(locals: App.Locals, url: URL, why?: AccessNotice): SessionUser {
	if (!locals.user || !locals.session) {
		const reason = why ? `&why=${why}` : '';
		redirect(303, `/login?next=${encodeURIComponent(comeBack(url))}${reason}`);
	}
	return locals.user;
}

/** Who is looking, and the scope their reads are made in. */
export interface Viewer {
	user: SessionUser | null;
	/** The user's current organisation and role; null when signed out or outside any. */
	current: OrgContext | null;
	/** The current organisation's records and the shared library; signed out, the shared only. */
	scope: OrgScope;
}

export async function viewer(orgs: OrgService, locals: App.Locals): Promise<Viewer> {
	const user = locals.session ? locals.user : null;
	const current = user ? await orgs.current(user.id, user.currentOrgId) : null;
	return { user, current, scope: { orgId: current?.org.id ?? null } };
}

/** A member acting for their current organisation: what they create belongs to it. */
export interface OrgMember {
	user: SessionUser;
	org: OrganisationRecord;
	role: OrgRole;
	scope: { orgId: string };
}

function member(user: SessionUser, current: OrgContext): OrgMember {
	return { user, org: current.org, role: current.role, scope: { orgId: current.org.id } };
}

/**
 * For pages and form actions that create or change content: the signed-in user and their current
 * organisation (membership checked by OrgService). Signed out, a redirect to sign in that comes
 * back here; outside any organisation, a redirect to /host/org. Both say why.
 */
export async function requireOrg(
	orgs: OrgService,
	locals: App.Locals,
	url: URL
): Promise<OrgMember> {
	const user = requireUser(locals, url, 'content');
	const current = await orgs.current(user.id, user.currentOrgId);
	if (!current) redirect(303, '/host/org?why=no-org');
	return member(user, current);
}

/** The same for JSON endpoints: 401 signed out, 403 outside any organisation (`{ message }`). */
export async function requireOrgApi(
	orgs: OrgService,
	locals: App.Locals,
	notices: { signIn: string; noOrg: string } = {
		signIn: ACCESS_NOTICES.content,
		noOrg: ACCESS_NOTICES['no-org']
	}
): Promise<OrgMember> {
	if (!locals.user || !locals.session) error(401, notices.signIn);
	const current = await orgs.current(locals.user.id, locals.user.currentOrgId);
	if (!current) error(403, notices.noOrg);
	return member(locals.user, current);
}

/** Why a question's answer and explanation are withheld (pages and exports say it). */
export const KEY_NOTICES = {
	signIn: '题目的答案和解析只对组织成员开放：请先登录。',
	noOrg: '题目的答案和解析只对组织成员开放：请先建立组织，或通过同事发来的邀请链接加入组织。'
} as const;

/**
 * For whatever shows answer keys and explanations (a quiz's or bank's questions, their exports):
 * a signed-in member of an organisation, reading in its scope (its own content and the shared
 * library). Keys are for hosts: signed out, a player could otherwise look up the live game's answers
 * by the quiz id that /host hands out. Signed out is 401, outside any organisation 403, before
 * anything is looked up (so neither says whether an id exists). A quick room's host, signed out,
 * needs no key over HTTP: the panel gets the room's view, answers included at the reveal, over
 * its socket with the host secret.
 */
export function requireKeyReader(orgs: OrgService, locals: App.Locals): Promise<OrgMember> {
	return requireOrgApi(orgs, locals, KEY_NOTICES);
}

/** Runs a form action's work; an AuthError becomes a failure with its status and message. */
export async function attempt<T, E extends Record<string, unknown> = Record<never, never>>(
	work: () => Promise<T>,
	extra?: E
): Promise<T | ActionFailure<{ message: string; code: string } & E>> {
	try {
		return await work();
	} catch (e) {
		if (isAuthError(e)) {
			return fail(e.status, { message: e.message, code: e.code, ...(extra as E) });
		}
		throw e;
	}
}

/** Reads text fields from a submitted form (missing ones are empty strings). */
export function fields<K extends string>(data: FormData, ...names: K[]): Record<K, string> {
	const out = {} as Record<K, string>;
	for (const n of names) {
		const v = data.get(n);
		out[n] = typeof v === 'string' ? v : '';
	}
	return out;
}

/** Runs a form action's work, then sends the visitor on to `next`; as `attempt` if it fails. */
export async function attemptAndGo<E extends Record<string, unknown> = Record<never, never>>(
	work: () => Promise<unknown>,
	next: string,
	extra?: E
) {
	const result = await attempt(async () => {
		await work();
		return null;
	}, extra);
	if (result !== null) return result;
	redirect(303, next);
}

/**
 * The end of a form action that signs the visitor in: `start` makes the session, the cookie is
 * set, `then` runs (e.g. joining an organisation) and the visitor is sent on to `next`. An
 * AuthError from any of them becomes a failure carrying `keep`, what the form shows again.
 */
export function signInAndGo<E extends Record<string, string>>(
	event: RequestEvent,
	step: {
		start: () => Promise<SignedIn>;
		then?: (signedIn: SignedIn) => Promise<unknown>;
		keep: E;
		next: string;
	}
) {
	return attemptAndGo(
		async () => {
			const signedIn = await step.start();
			setSessionCookie(event.cookies, event.url, signedIn);
			await step.then?.(signedIn);
		},
		step.next,
		step.keep
	);
}
