// POST /api/rooms as SvelteKit calls it, under low limits: rooms opened per client address and
// per signed-in account are refused beyond their window with 429, a Chinese message and
// Retry-After; other addresses and accounts are not held back; a request that opens nothing (an
// unknown quiz) costs nothing. Embedded and with Redis (where the windows are shared by every
// process); addresses are unique to the run, as Redis keeps the windows between runs.
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '../../src/routes/api/rooms/+server';
import { createAppContext, setAppContext, type AppContext } from '../../src/lib/server/app-context';
import { DEFAULT_ABUSE_LIMITS } from '../../src/lib/server/abuse/limits';
import type { SessionInfo, SessionUser } from '../../src/lib/server/auth/service';
import { slowQuiz } from '../support/quizzes';
import { liveModes, requireMode } from '../support/server';

type Event = Parameters<typeof POST>[0];

const modes = await liveModes('room-creation.test.ts');
/** A documentation-range address unique to this run (the last part is `n`). */
const run = [randomInt(256), randomInt(256)];
const v4 = (n: number) => `198.18.${run[0]}.${(run[1]! + n) % 256}`;
const v6 = (group: number, host: string) =>
	`2001:db8:${run[0]!.toString(16)}${run[1]!.toString(16)}:${group}::${host}`;

describe.each(modes)('room creation limits (POST /api/rooms, $name)', (mode) => {
	describe.skipIf(mode.skip)('rules', () => {
		let ctx: AppContext;
		let dir: string;
		let previous: unknown;
		const KEY = Symbol.for('anda.app-context');
		let seq = 0;

		const opened: string[] = [];

		beforeAll(async () => {
			requireMode(mode);
			dir = mkdtempSync(join(tmpdir(), 'anda-rooms-limit-'));
			ctx = await createAppContext({
				redisUrl: mode.redisUrl,
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
			for (const pin of opened) await ctx.live.deleteRoom(pin).catch(() => {});
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
				const res = await POST(event);
				if (res.status === 201) opened.push(((await res.clone().json()) as { pin: string }).pin);
				return res;
			} catch (e) {
				// SvelteKit's error() throws { status, body }.
				const thrown = e as { status: number; body: { message: string } };
				return new Response(JSON.stringify(thrown.body), { status: thrown.status });
			}
		}

		it('refuses a fourth quick room from one address with 429, a message and Retry-After', async () => {
			for (let i = 0; i < 3; i++) expect((await open(v4(50))).status).toBe(201);
			const refused = await open(v4(50));
			expect(refused.status).toBe(429);
			expect((await refused.json()).message).toMatch(/^开房太频繁，请 \d+ 分钟后再试$/);
			const retry = Number(refused.headers.get('retry-after'));
			expect(retry).toBeGreaterThan(0);
			expect(retry).toBeLessThanOrEqual(3600);
			// The same address over IPv4-mapped IPv6 is the same client.
			expect((await open(`::ffff:${v4(50)}`)).status).toBe(429);
			// Another address is not held back.
			expect((await open(v4(51))).status).toBe(201);
		});

		it('counts an IPv6 client by its /64', async () => {
			for (let i = 1; i <= 3; i++) expect((await open(v6(2, String(i)))).status).toBe(201);
			expect((await open(v6(2, 'ffff:9'))).status).toBe(429);
			expect((await open(v6(3, '1'))).status).toBe(201);
		});

		it('limits a signed-in account whatever address it comes from', async () => {
			const host = await signedIn();
			expect((await open(v4(1), host)).status).toBe(201);
			expect((await open(v4(2), host)).status).toBe(201);
			const refused = await open(v4(3), host);
			expect(refused.status).toBe(429);
			expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
			// Another account from the same address still may.
			expect((await open(v4(3), await signedIn())).status).toBe(201);
		});

		it('charges nothing for a request that opens no room', async () => {
			for (let i = 0; i < 5; i++)
				expect((await open(v4(77), undefined, 'no-such-quiz')).status).toBe(404);
			expect((await open(v4(77))).status).toBe(201);
		});
	});
});
