// POST /api/rooms as SvelteKit calls it, under low limits: rooms opened per client address and
// per signed-in account are refused beyond their window with 429, a Chinese message and
// Retry-After; other addresses and accounts are not held back; a request that opens nothing (an
// unknown quiz) costs nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '../../src/routes/api/rooms/+server';
import { createAppContext, setAppContext, type AppContext } from '../../src/lib/server/app-context';
import { DEFAULT_ABUSE_LIMITS } from '../../src/lib/server/abuse/limits';
import type { SessionInfo, SessionUser } from '../../src/lib/server/auth/service';
import { slowQuiz } from '../support/quizzes';

type Event = Parameters<typeof POST>[0];

describe('room creation limits (POST /api/rooms)', () => {
	let ctx: AppContext;
	let dir: string;
	let previous: unknown;
	const KEY = Symbol.for('anda.app-context');
	let seq = 0;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'anda-rooms-limit-'));
		ctx = await createAppContext({
			sqlitePath: join(dir, 'db.sqlite'),
			banksDir: undefined,
			abuse: {
				...DEFAULT_ABUSE_LIMITS,
				roomsPerIp: { points: 3, durationS: 3600 },
				roomsPerAccount: { points: 2, durationS: 3600 }
			}
		});
		await ctx.records.saveQuiz(slowQuiz, Date.now(), null);
		previous = (globalThis as Record<symbol, unknown>)[KEY];
		setAppContext(Promise.resolve(ctx));
	});
	afterAll(async () => {
		(globalThis as Record<symbol, unknown>)[KEY] = previous;
		await ctx.close();
		rmSync(dir, { recursive: true, force: true });
	});

	async function signedIn(): Promise<{ user: SessionUser; session: SessionInfo }> {
		const n = ++seq;
		const fields = {
			email: `limit-${n}-${Date.now()}@example.com`,
			displayName: `开房人${n}`,
			password: `password-${n}-limit`
		};
		const client = { ip: `signup-${n}`, userAgent: null };
		const made = (await ctx.auth.needsSetup())
			? await ctx.auth.setup(fields, client)
			: await ctx.auth.signUp(fields, client);
		return { user: made.user, session: made.session };
	}

	async function open(
		address: string,
		who?: { user: SessionUser; session: SessionInfo },
		quizId = slowQuiz.id
	) {
		const request = new Request('http://anda.test/api/rooms', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ quizId })
		});
		const locals = { user: who?.user ?? null, session: who?.session ?? null } as App.Locals;
		const event = { request, locals, getClientAddress: () => address } as unknown as Event;
		try {
			return await POST(event);
		} catch (e) {
			// SvelteKit's error() throws { status, body }.
			const thrown = e as { status: number; body: { message: string } };
			return new Response(JSON.stringify(thrown.body), { status: thrown.status });
		}
	}

	it('refuses a fourth quick room from one address with 429, a message and Retry-After', async () => {
		for (let i = 0; i < 3; i++) expect((await open('203.0.113.50')).status).toBe(201);
		const refused = await open('203.0.113.50');
		expect(refused.status).toBe(429);
		expect((await refused.json()).message).toMatch(/^开房太频繁，请 \d+ 分钟后再试$/);
		const retry = Number(refused.headers.get('retry-after'));
		expect(retry).toBeGreaterThan(0);
		expect(retry).toBeLessThanOrEqual(3600);
		// The same address over IPv4-mapped IPv6 is the same client.
		expect((await open('::ffff:203.0.113.50')).status).toBe(429);
		// Another address is not held back.
		expect((await open('203.0.113.51')).status).toBe(201);
	});

	it('counts an IPv6 client by its /64', async () => {
		for (let i = 1; i <= 3; i++) expect((await open(`2001:db8:1:2::${i}`)).status).toBe(201);
		expect((await open('2001:db8:1:2:ffff::9')).status).toBe(429);
		expect((await open('2001:db8:1:3::1')).status).toBe(201);
	});

	it('limits a signed-in account whatever address it comes from', async () => {
		const host = await signedIn();
		expect((await open('198.51.100.1', host)).status).toBe(201);
		expect((await open('198.51.100.2', host)).status).toBe(201);
		const refused = await open('198.51.100.3', host);
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
		// Another account from the same address still may.
		expect((await open('198.51.100.3', await signedIn())).status).toBe(201);
	});

	it('charges nothing for a request that opens no room', async () => {
		for (let i = 0; i < 5; i++)
			expect((await open('192.0.2.77', undefined, 'no-such-quiz')).status).toBe(404);
		expect((await open('192.0.2.77')).status).toBe(201);
	});
});
