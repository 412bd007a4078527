// Abuse limits over real sockets (issue 8, items 10, 11 and 18): a PIN scan from one address is
// refused after its budget however often it reconnects; the screen of a signed-in host's room
// needs its screen link token or a host's session, and is handed only what it shows; joins per
// address per room and sockets per address are capped; unused lobbies are freed. Client addresses
// come from X-Forwarded-For here, as behind a proxy the operator named with ADDRESS_HEADER.
import { randomBytes } from 'node:crypto';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { retryWhenRefused } from '../../src/lib/client/socket';
import { ERROR_MESSAGES, SCREEN_RECENT_PLAYERS } from '../../src/lib/protocol';
import { COOKIE_NAME } from '../../src/lib/server/auth/session';
import { slowQuiz } from '../support/quizzes';
import {
	closeClients,
	connect,
	emitAck,
	expectFail,
	expectOk,
	liveModes,
	requireMode,
	sleep,
	startTestServer,
	until,
	type TestServer
} from '../support/server';

const modes = await liveModes('abuse.test.ts');
const run = randomBytes(3).toString('hex');
let seq = 0;

const XFF = { header: 'x-forwarded-for', depth: 1 };
/** A socket whose client address (as the proxy reports it) is `address`. */
const from = (server: TestServer, address: string) =>
	connect(server.url, undefined, { 'x-forwarded-for': `10.9.9.9, ${address}` });

/** `n` six-digit PINs with no room under them (Redis is shared with other runs). */
async function unusedPins(server: TestServer, n: number): Promise<string[]> {
	const out: string[] = [];
	while (out.length < n) {
		const pin = String(100_000 + Math.floor(Math.random() * 900_000));
		if (!out.includes(pin) && (await server.ctx.live.getState(pin)) === null) out.push(pin);
	}
	return out;
}

describe.each(modes)('abuse limits with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`abuse (${mode.name})`, () => {
		const servers: TestServer[] = [];
		const pins: [TestServer, string][] = [];
		async function server(opts: Parameters<typeof startTestServer>[0] = {}) {
			const s = await startTestServer({ redisUrl: mode.redisUrl, addressRule: XFF, ...opts });
			servers.push(s);
			return s;
		}
		async function quickRoom(s: TestServer) {
			const room = await s.createRoom(slowQuiz);
			pins.push([s, room.pin]);
			return room;
		}

		beforeAll(() => requireMode(mode));
		afterEach(() => closeClients());
		afterAll(async () => {
			closeClients();
			for (const [s, pin] of pins) await s.ctx.live.deleteRoom(pin).catch(() => {});
			for (const s of servers) await s.close();
		});

		it('refuses a PIN scan after its budget, across reconnections, and only for that address', async () => {
			const s = await server({ abuse: { pinMisses: { burst: 12, perMinute: 6 } } });
			const { pin, hostSecret } = await quickRoom(s);
			const scanner = `203.0.113.${++seq}`;
			const codes: string[] = [];
			const messages: string[] = [];
			// 10 connections of 5 look-ups each: under the per-connection limit every time.
			for (const batch of chunk(await unusedPins(s, 50), 5)) {
				const socket = await from(s, scanner);
				for (const p of batch) {
					const res = await emitAck(socket, 'screen:attach', { pin: p });
					const code = expectFail(res);
					codes.push(code);
					if (!res.ok) messages.push(res.error.message);
				}
				socket.disconnect();
			}
			expect(codes.slice(0, 12)).toEqual(Array(12).fill('ROOM_NOT_FOUND'));
			expect(codes.slice(12)).toEqual(Array(38).fill('RATE_LIMITED'));
			expect(messages.at(-1)).toMatch(/^查询房间过于频繁，请 \d+ 秒后再试$/);

			// Spent, the address finds no room by any PIN look-up, not even a real one.
			const late = await from(s, scanner);
			expectFail(await emitAck(late, 'screen:attach', { pin }), 'RATE_LIMITED');
			expectFail(await emitAck(late, 'player:join', { pin, nickname: 'Scan' }), 'RATE_LIMITED');
			expectFail(
				await emitAck(late, 'player:resume', { pin, token: 'x'.repeat(32) }),
				'RATE_LIMITED'
			);
			expectFail(
				await emitAck(late, 'host:attach', { pin, secret: 'y'.repeat(32) }),
				'RATE_LIMITED'
			);

			// Another address is not held back, and look-ups that find their room cost nothing:
			// 30 players from one school network join, more than the whole budget.
			const school = `198.51.100.${++seq}`;
			for (let i = 1; i <= 30; i++) {
				const phone = await from(s, school);
				expectOk(await emitAck(phone, 'player:join', { pin, nickname: `学生${i}` }));
			}
			const host = await from(s, school);
			expectOk(await emitAck(host, 'host:attach', { pin, secret: hostSecret }));
			expect((await s.ctx.live.listPlayers(pin)).length).toBe(30);
		});

		it('charges wrong host secrets and player tokens as misses', async () => {
			const s = await server({ abuse: { pinMisses: { burst: 4, perMinute: 6 } } });
			const { pin } = await quickRoom(s);
			const guesser = `203.0.113.${++seq}`;
			const socket = await from(s, guesser);
			const guesses = [
				() =>
					emitAck(socket, 'host:attach', { pin, secret: randomBytes(24).toString('base64url') }),
				() =>
					emitAck(socket, 'player:resume', { pin, token: randomBytes(24).toString('base64url') })
			];
			const codes: string[] = [];
			for (let i = 0; i < 6; i++) codes.push(expectFail(await guesses[i % 2]!()));
			expect(codes).toEqual([
				'NOT_HOST',
				'NOT_JOINED',
				'NOT_HOST',
				'NOT_JOINED',
				'RATE_LIMITED',
				'RATE_LIMITED'
			]);
		});

		it('does not take a client-sent X-Forwarded-For unless the operator named the header', async () => {
			const s = await server({ addressRule: { header: '', depth: 1 }, abuse: { socketsPerIp: 2 } });
			await from(s, '192.0.2.1');
			await from(s, '192.0.2.2');
			// Both came from 127.0.0.1 whatever they claimed: the third is over the cap.
			await expect(from(s, '192.0.2.3')).rejects.toThrow(ERROR_MESSAGES.TOO_MANY_CONNECTIONS);
		});

		describe('the screen of a signed-in host’s room', () => {
			let s: TestServer;
			let ownerCookie: string;
			let strangerCookie: string;
			let pin: string;
			let screenToken: string;

			async function signedIn(name: string): Promise<{ id: string; cookie: string }> {
				const client = { ip: `abuse-${run}-${++seq}`, userAgent: 'vitest' };
				const fields = {
					email: `${name}-${run}-${++seq}@example.com`,
					displayName: `${name}${seq}`,
					password: `password-${name}-${seq}`
				};
				const made = (await s.ctx.auth.needsSetup())
					? await s.ctx.auth.setup(fields, client)
					: await s.ctx.auth.signUp(fields, client);
				return { id: made.user.id, cookie: `${COOKIE_NAME}=${made.token}` };
			}

			beforeAll(async () => {
				s = await server();
				const owner = await signedIn('owner');
				ownerCookie = owner.cookie;
				strangerCookie = (await signedIn('stranger')).cookie;
				({ pin } = await s.ctx.rooms.createOwnedRoom(slowQuiz, { userId: owner.id, orgId: null }));
				pins.push([s, pin]);
				const panel = await connect(s.url, undefined, { cookie: ownerCookie });
				const attached = expectOk(await emitAck(panel, 'host:attach', { pin }));
				expect(attached.screenToken).toEqual(expect.any(String));
				screenToken = attached.screenToken!;
				panel.disconnect();
			});

			it('refuses a screen without the link’s token, or with a wrong one', async () => {
				const screen = await connect(s.url);
				for (const payload of [{ pin }, { pin, token: 'short' }, { pin, token: 'z'.repeat(43) }]) {
					const res = await emitAck(screen, 'screen:attach', payload);
					expectFail(res, 'SCREEN_LINK_REQUIRED');
					if (!res.ok) expect(res.error.message).toBe(ERROR_MESSAGES.SCREEN_LINK_REQUIRED);
				}
				// A signed-in stranger is not one of the room's hosts.
				const other = await connect(s.url, undefined, { cookie: strangerCookie });
				expectFail(await emitAck(other, 'screen:attach', { pin }), 'SCREEN_LINK_REQUIRED');
			});

			it('accepts the screen link’s token, or the host’s own session, and hands out only the newest arrivals', async () => {
				const total = SCREEN_RECENT_PLAYERS + 3;
				for (let i = 1; i <= total; i++) {
					await s.ctx.rooms.players.join(pin, `观众${i}`);
				}
				const screen = await connect(s.url);
				const res = expectOk(await emitAck(screen, 'screen:attach', { pin, token: screenToken }));
				expect(res.view.pin).toBe(pin);
				expect(res.view.playerCount).toBe(total);
				// The newest SCREEN_RECENT_PLAYERS (players joined within one millisecond may swap).
				const names = res.players.map((p) => p.nickname);
				expect(names).toHaveLength(SCREEN_RECENT_PLAYERS);
				expect(new Set(names).size).toBe(SCREEN_RECENT_PLAYERS);
				const joined = Array.from({ length: total }, (_, i) => `观众${i + 1}`);
				expect(joined).toEqual(expect.arrayContaining(names));

				const bySession = await connect(s.url, undefined, { cookie: ownerCookie });
				expectOk(await emitAck(bySession, 'screen:attach', { pin }));
			});

			it('leaves a quick room’s screen on its PIN alone', async () => {
				const quick = await quickRoom(s);
				const panel = await connect(s.url);
				const attached = expectOk(
					await emitAck(panel, 'host:attach', { pin: quick.pin, secret: quick.hostSecret })
				);
				expect(attached.screenToken).toBeNull();
				const screen = await connect(s.url);
				expectOk(await emitAck(screen, 'screen:attach', { pin: quick.pin }));
			});
		});

		it('caps the players one address adds to one room', async () => {
			const s = await server({ abuse: { joinsPerIpPerRoom: 3 } });
			const { pin } = await quickRoom(s);
			const other = await quickRoom(s);
			const nat = `100.64.0.${++seq}`;
			const tokens: string[] = [];
			for (let i = 1; i <= 3; i++) {
				const phone = await from(s, nat);
				tokens.push(
					expectOk(await emitAck(phone, 'player:join', { pin, nickname: `N${i}` })).token
				);
			}
			const fourth = await from(s, nat);
			const refused = await emitAck(fourth, 'player:join', { pin, nickname: 'N4' });
			expectFail(refused, 'TOO_MANY_JOINS');
			if (!refused.ok) expect(refused.error.message).toBe(ERROR_MESSAGES.TOO_MANY_JOINS);
			expect(await s.ctx.live.playerCount(pin)).toBe(3);

			// The same address in another room, another address in this one, and a player of the
			// capped address coming back are all fine.
			expectOk(await emitAck(fourth, 'player:join', { pin: other.pin, nickname: 'N4' }));
			const elsewhere = await from(s, `100.64.1.${++seq}`);
			expectOk(await emitAck(elsewhere, 'player:join', { pin, nickname: 'N4' }));
			const back = await from(s, nat);
			expectOk(await emitAck(back, 'player:resume', { pin, token: tokens[0] }));
		});

		it('caps open sockets per address at the middleware, with a message, and frees the count on close', async () => {
			const s = await server({ abuse: { socketsPerIp: 3 } });
			const office = `192.0.2.${++seq}`;
			const open = [await from(s, office), await from(s, office), await from(s, office)];
			const refused = await from(s, office).then(
				() => null,
				(e: Error & { data?: { code?: string } }) => e
			);
			expect(refused?.message).toBe(ERROR_MESSAGES.TOO_MANY_CONNECTIONS);
			expect(refused?.data?.code).toBe('TOO_MANY_CONNECTIONS');
			// Another address still connects.
			await from(s, `192.0.2.${++seq}`);
			// One closed, one more may open (once the server has seen the close).
			open[0]!.disconnect();
			const again = await until(
				() => from(s, office).catch(() => null),
				3000,
				'a socket after one closed'
			);
			expect(again?.connected).toBe(true);
		});

		it('a page refused at the cap tries again by itself, and not once it has closed', async () => {
			const s = await server({ abuse: { socketsPerIp: 1 } });
			const office = `192.0.2.${++seq}`;
			const first = await from(s, office);
			const open = () => {
				const socket = io(s.url, {
					transports: ['websocket'],
					forceNew: true,
					extraHeaders: { 'x-forwarded-for': office }
				});
				const refusals: string[] = [];
				socket.on('connect_error', (e) => refusals.push(e.message));
				retryWhenRefused(socket, () => 50);
				return { socket, refusals };
			};
			const page = open();
			const left = open();
			await until(() => page.refusals.length >= 2 && left.refusals.length >= 2, 3000, 'refusals');
			expect(page.refusals[0]).toBe(ERROR_MESSAGES.TOO_MANY_CONNECTIONS);
			left.socket.disconnect(); // this page went away
			first.disconnect();
			await until(() => page.socket.connected, 3000, 'the refused page to connect');
			await sleep(200);
			expect(left.socket.connected).toBe(false);
			page.socket.disconnect();
		});

		it('frees a lobby nobody uses, keeps one with something connected, and frees it once left', async () => {
			const s = await server({ abuse: { lobbyIdleMs: 1200 }, expirySweepMs: 100 });
			const unused = await quickRoom(s);
			const watched = await quickRoom(s);
			const host = await connect(s.url);
			expectOk(
				await emitAck(host, 'host:attach', { pin: watched.pin, secret: watched.hostSecret })
			);
			await until(
				async () => (await s.ctx.live.getState(unused.pin)) === null,
				5000,
				'the unused lobby to be freed'
			);
			const phone = await connect(s.url);
			expectFail(
				await emitAck(phone, 'player:join', { pin: unused.pin, nickname: 'Late' }),
				'ROOM_NOT_FOUND'
			);
			expect(await s.ctx.live.activePins()).not.toContain(unused.pin);

			// Two idle periods with the host panel open: still there.
			await sleep(2400);
			expect(await s.ctx.live.getState(watched.pin)).not.toBeNull();
			host.disconnect();
			await until(
				async () => (await s.ctx.live.getState(watched.pin)) === null,
				5000,
				'the left lobby to be freed'
			);
		});
	});
});

function chunk<T>(xs: T[], n: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
	return out;
}
