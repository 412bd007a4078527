// The request hook and the cookie helpers as SvelteKit calls them: over HTTP the cookie is
// `anda_session`; over HTTPS (as adapter-node reports it: ORIGIN=https://…, or a PROTOCOL_HEADER the
// operator trusts) it is `__Host-anda_session` and Secure, and only that one is read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cookies } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handle } from '../../src/hooks.server';
import { createAppContext, setAppContext, type AppContext } from '../../src/lib/server/app-context';
import { clearSessionCookie, safeNext, setSessionCookie } from '../../src/lib/server/auth/kit';

interface Written {
	name: string;
	value: string;
	opts: Record<string, unknown>;
}

/** A Cookies stand-in that records what the hook writes. */
function jar(initial: Record<string, string>) {
	const written: Written[] = [];
	const deleted: { name: string; opts: Record<string, unknown> }[] = [];
	const cookies = {
		get: (name: string) => initial[name],
		getAll: () => Object.entries(initial).map(([name, value]) => ({ name, value })),
		set: (name: string, value: string, opts: Record<string, unknown>) =>
			written.push({ name, value, opts }),
		delete: (name: string, opts: Record<string, unknown>) => deleted.push({ name, opts }),
		serialize: () => ''
	} as unknown as Cookies;
	return { cookies, written, deleted };
}

async function run(url: string, initial: Record<string, string>) {
	const { cookies, written, deleted } = jar(initial);
	const locals = {} as App.Locals;
	const event = { url: new URL(url), request: new Request(url), cookies, locals } as Parameters<
		typeof handle
	>[0]['event'];
	await handle({ event, resolve: async () => new Response('ok') });
	return { locals, written, deleted };
}

describe('the session hook', () => {
	let ctx: AppContext;
	let dir: string;
	let token: string;
	let previous: unknown;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'anda-hooks-'));
		ctx = await createAppContext({ sqlitePath: join(dir, 'db.sqlite'), banksDir: undefined });
		const key = Symbol.for('anda.app-context');
		previous = (globalThis as Record<symbol, unknown>)[key];
		setAppContext(Promise.resolve(ctx));
		const s = await ctx.auth.setup(
			{ email: 'hook@example.com', displayName: '钩子', password: 'password-123' },
			{ ip: '127.0.0.1', userAgent: null }
		);
		token = s.token;
	});
	afterAll(async () => {
		(globalThis as Record<symbol, unknown>)[Symbol.for('anda.app-context')] = previous;
		await ctx.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('over HTTP reads anda_session and sends it back HttpOnly, Lax, Path=/, not Secure', async () => {
		const { locals, written } = await run('http://anda.test/host', { anda_session: token });
		expect(locals.user?.email).toBe('hook@example.com');
		expect(written).toHaveLength(1);
		expect(written[0]).toMatchObject({
			name: 'anda_session',
			value: token,
			opts: { path: '/', httpOnly: true, sameSite: 'lax', secure: false }
		});
	});

	it('over HTTPS reads only __Host-anda_session, sent back Secure', async () => {
		const https = await run('https://anda.test/host', { '__Host-anda_session': token });
		expect(https.locals.user?.email).toBe('hook@example.com');
		expect(https.written[0]).toMatchObject({
			name: '__Host-anda_session',
			opts: { path: '/', httpOnly: true, sameSite: 'lax', secure: true }
		});
		expect(https.written[0]!.opts).not.toHaveProperty('domain');
		// A plain cookie over HTTPS (planted by a sibling host, say) is not read.
		const planted = await run('https://anda.test/host', { anda_session: token });
		expect(planted.locals.user).toBeNull();
		expect(planted.written).toEqual([]);
	});

	it('clears an unknown or signed-out cookie and leaves locals empty', async () => {
		const bogus = await run('http://anda.test/host', { anda_session: 'b'.repeat(32) });
		expect(bogus.locals).toEqual({ lang: 'zh', user: null, session: null });
		expect(bogus.deleted.map((d) => d.name)).toEqual(['anda_session']);

		const s = await ctx.auth.signIn('hook@example.com', 'password-123', {
			ip: '127.0.0.2',
			userAgent: null
		});
		await ctx.auth.signOut(s.session.id);
		const out = await run('https://anda.test/account', { '__Host-anda_session': s.token });
		expect(out.locals.user).toBeNull();
		expect(out.deleted).toEqual([
			{ name: '__Host-anda_session', opts: expect.objectContaining({ path: '/', secure: true }) }
		]);
	});

	it('an expired session opens nothing and its cookie is cleared', async () => {
		const s = await ctx.auth.signIn('hook@example.com', 'password-123', {
			ip: '127.0.0.3',
			userAgent: null
		});
		await ctx.accounts.touchSession(s.session.id, Date.now() - 1, Date.now() - 1);
		const old = await run('http://anda.test/account', { anda_session: s.token });
		expect(old.locals.user).toBeNull();
		expect(old.deleted.map((d) => d.name)).toEqual(['anda_session']);
		expect(await ctx.accounts.getSession(s.session.id)).toBeNull();
	});

	it('the form actions set and clear the same cookie', () => {
		const signedIn = {
			token,
			session: { id: 'x', createdAt: 0, expiresAt: 1e12 },
			user: {}
		} as never;
		const h = jar({});
		setSessionCookie(h.cookies, new URL('https://anda.test/login'), signedIn);
		expect(h.written[0]).toMatchObject({ name: '__Host-anda_session', opts: { secure: true } });
		clearSessionCookie(h.cookies, new URL('http://anda.test/logout'));
		expect(h.deleted[0]).toMatchObject({ name: 'anda_session', opts: { path: '/' } });
	});

	it('sends people back only to paths on this site after signing in', () => {
		expect(safeNext('/host/org')).toBe('/host/org');
		expect(safeNext('/invite/abc?x=1')).toBe('/invite/abc?x=1');
		for (const bad of [
			'https://evil.example/',
			'//evil.example/x',
			'/\\evil.example',
			'host',
			'',
			null
		]) {
			expect(safeNext(bad)).toBe('/host');
		}
		expect(safeNext('/a\nb')).toBe('/host');
	});
});

describe('the language hook', () => {
	it('switches to English on ?lang=en, remembers it, and ignores unknown languages', async () => {
		const asked = await run('http://localhost/?lang=en', {});
		expect(asked.locals.lang).toBe('en');
		expect(asked.written.find((w) => w.name === 'anda_lang')).toMatchObject({
			value: 'en',
			opts: { path: '/', httpOnly: true, sameSite: 'lax' }
		});

		const remembered = await run('http://localhost/play/123456', { anda_lang: 'en' });
		expect(remembered.locals.lang).toBe('en');
		expect(remembered.written.some((w) => w.name === 'anda_lang')).toBe(false);

		const unknown = await run('http://localhost/?lang=fr', {});
		expect(unknown.locals.lang).toBe('zh');
		expect(unknown.written.some((w) => w.name === 'anda_lang')).toBe(false);
	});
});
