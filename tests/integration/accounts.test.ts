// Rooms opened by signed-in hosts, over real sockets: the owner's sessions (several devices at
// once) and the co-hosts they add control the room; anyone else, a signed-out or expired session, or
// no session at all does not. Signing out drops that session's sockets, also across processes.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RoomState } from '../../src/lib/domain/room';
import { COOKIE_NAME, SECURE_COOKIE_NAME } from '../../src/lib/server/auth/session';
import { slowQuiz } from '../support/quizzes';
import {
	closeClients,
	command,
	connect,
	emitAck,
	expectFail,
	expectOk,
	joinPlayer,
	liveModes,
	requireMode,
	startTestServer,
	until,
	waitFor,
	type ClientSocket,
	type TestServer
} from '../support/server';

const modes = await liveModes('accounts.test.ts');
const run = randomBytes(4).toString('hex');
let seq = 0;

interface Account {
	id: string;
	email: string;
	password: string;
	name: string;
}

describe.each(modes)('signed-in hosts with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`accounts (${mode.name})`, () => {
		let server: TestServer;
		let owner: Account;
		let colleague: Account; // same organisation, role host
		let outsider: Account; // another organisation
		let orgId: string;
		const pins: string[] = [];

		/** A fresh client address per sign-in, so that the suite never meets its own rate limits. */
		const client = () => ({ ip: `test-${run}-${++seq}`, userAgent: 'vitest' });

		async function account(name: string, first = false): Promise<Account> {
			const fields = {
				email: `${name}-${run}-${++seq}@example.com`,
				displayName: `${name}${seq}`,
				password: `password-${name}-${seq}`
			};
			const made = first
				? await server.ctx.auth.setup(fields, client())
				: await server.ctx.auth.signUp(fields, client());
			return {
				id: made.user.id,
				email: fields.email,
				password: fields.password,
				name: fields.displayName
			};
		}

		async function signIn(a: Account) {
			return server.ctx.auth.signIn(a.email, a.password, client());
		}

		/** A socket carrying a session cookie in its handshake, as a browser's would. */
		async function socketFor(token: string, name = COOKIE_NAME): Promise<ClientSocket> {
			return connect(server.url, undefined, { cookie: `theme=dark; ${name}=${token}` });
		}

		async function ownedRoom(by: Account = owner, org: string | null = orgId) {
			const { pin } = await server.ctx.rooms.createOwnedRoom(slowQuiz, {
				userId: by.id,
				orgId: org
			});
			pins.push(pin);
			return pin;
		}

		const state = async (pin: string): Promise<RoomState> => (await server.ctx.live.getState(pin))!;

		beforeAll(async () => {
			requireMode(mode);
			server = await startTestServer({ redisUrl: mode.redisUrl });
			owner = await account('owner', true);
			colleague = await account('colleague');
			outsider = await account('outsider');
			orgId = (await server.ctx.orgs.create(owner.id, '安答测试组织', 'enterprise')).id;
			const { token } = await server.ctx.orgs.invite(owner.id, orgId, 'host');
			await server.ctx.orgs.accept(colleague.id, token);
			await server.ctx.orgs.create(outsider.id, '别的组织', 'school');
		});
		afterEach(() => closeClients());
		afterAll(async () => {
			closeClients();
			for (const pin of pins) await server?.ctx.live.deleteRoom(pin).catch(() => {});
			await server?.close();
		});

		it('the owner runs the room from a laptop and a phone at once, by session alone', async () => {
			const pin = await ownedRoom();
			const room = (await server.ctx.live.getRoom(pin))!;
			expect(room).toMatchObject({
				ownerUserId: owner.id,
				orgId,
				hostSecretHash: null,
				coHostIds: []
			});

			const laptop = await socketFor((await signIn(owner)).token);
			const phone = await socketFor((await signIn(owner)).token);
			const a = expectOk(await emitAck(laptop, 'host:attach', { pin }));
			const b = expectOk(await emitAck(phone, 'host:attach', { pin }));
			expect([a.control, b.control]).toEqual(['owner', 'owner']);

			const seen = waitFor(phone, 'room:view', (v) => v.locked);
			expect((await command(laptop, { type: 'lock' })).locked).toBe(true);
			await seen;
			expect((await command(phone, { type: 'unlock' })).locked).toBe(false);
			const player = await joinPlayer(server.url, pin, '小安');
			expect(player.view.phase).toBe('lobby');
			expect((await command(phone, { type: 'start' })).phase).toBe('question');
			expect((await command(laptop, { type: 'next' })).phase).toBe('reveal');
		});

		it('refuses another user, no session, a forged, signed-out or expired session', async () => {
			const pin = await ownedRoom();
			const before = await state(pin);
			const refuse = async (socket: ClientSocket, code: 'NOT_HOST' | 'NOT_SIGNED_IN') => {
				expectFail(await emitAck(socket, 'host:attach', { pin }), code);
				// Not a host after failing: commands and co-hosting are refused too.
				expectFail(await emitAck(socket, 'host:command', { type: 'end' }), 'NOT_HOST');
				expectFail(await emitAck(socket, 'host:addCoHost', { email: outsider.email }), 'NOT_HOST');
				expect(await state(pin)).toEqual(before);
			};

			// Another user's valid session: the outsider, and a colleague who is not a co-host.
			await refuse(await socketFor((await signIn(outsider)).token), 'NOT_HOST');
			await refuse(await socketFor((await signIn(colleague)).token), 'NOT_HOST');
			// No session, a forged token, the session id (hash) in place of the token.
			const mine = await signIn(owner);
			await refuse(await connect(server.url), 'NOT_SIGNED_IN');
			await refuse(await socketFor('a'.repeat(32)), 'NOT_SIGNED_IN');
			await refuse(await socketFor(mine.session.id), 'NOT_SIGNED_IN');
			// An owned room has no secret: no secret opens it.
			const s = await connect(server.url);
			expectFail(await emitAck(s, 'host:attach', { pin, secret: 'x'.repeat(32) }), 'NOT_HOST');
			// A signed-out session is dead for sockets as for pages.
			const gone = await signIn(owner);
			await server.ctx.auth.signOut(gone.session.id);
			await refuse(await socketFor(gone.token), 'NOT_SIGNED_IN');
			// An expired one too (its expiry moved into the past).
			const old = await signIn(owner);
			await server.ctx.accounts.touchSession(old.session.id, Date.now() - 1, Date.now() - 1);
			await refuse(await socketFor(old.token), 'NOT_SIGNED_IN');
			expect(await server.ctx.accounts.getSession(old.session.id)).toBeNull();
			// The plain cookie name only: a __Host- cookie over an unknown scheme is read too.
			const hosted = await socketFor(mine.token, SECURE_COOKIE_NAME);
			expect(expectOk(await emitAck(hosted, 'host:attach', { pin })).control).toBe('owner');
		});

		it('the owner adds co-hosts from the room’s organisation only; co-hosts run the room', async () => {
			const pin = await ownedRoom();
			const ownerSocket = await socketFor((await signIn(owner)).token);
			expectOk(await emitAck(ownerSocket, 'host:attach', { pin }));

			// Not a member of the organisation, or no such account: refused alike.
			for (const email of [outsider.email, `nobody-${run}@example.com`, 'not-an-email']) {
				const code = expectFail(await emitAck(ownerSocket, 'host:addCoHost', { email }));
				expect(['NOT_MEMBER', 'BAD_REQUEST']).toContain(code);
			}
			const res = expectOk(
				await emitAck(ownerSocket, 'host:addCoHost', {
					email: ` ${colleague.email.toUpperCase()} `
				})
			);
			expect(res.coHost).toBe(colleague.name);
			expect((await server.ctx.live.getRoom(pin))!.coHostIds).toEqual([colleague.id]);
			// Adding twice keeps one.
			expectOk(await emitAck(ownerSocket, 'host:addCoHost', { email: colleague.email }));
			expect((await server.ctx.live.getRoom(pin))!.coHostIds).toEqual([colleague.id]);

			const co = await socketFor((await signIn(colleague)).token);
			const attached = expectOk(await emitAck(co, 'host:attach', { pin }));
			expect(attached.control).toBe('cohost');
			expect(attached.coHosts).toEqual([]);
			expect((await command(co, { type: 'lock' })).locked).toBe(true);
			// Only the owner adds co-hosts.
			expectFail(await emitAck(co, 'host:addCoHost', { email: owner.email }), 'NOT_HOST');
			// The owner sees who co-hosts.
			const again = await socketFor((await signIn(owner)).token);
			expect(expectOk(await emitAck(again, 'host:attach', { pin })).coHosts).toEqual([
				colleague.name
			]);
			// The outsider still cannot.
			const out = await socketFor((await signIn(outsider)).token);
			expectFail(await emitAck(out, 'host:attach', { pin }), 'NOT_HOST');
		});

		it('a room outside any organisation has no co-hosts; a quick room’s host cannot add any', async () => {
			const pin = await ownedRoom(outsider, null);
			const s = await socketFor((await signIn(outsider)).token);
			expectOk(await emitAck(s, 'host:attach', { pin }));
			expectFail(await emitAck(s, 'host:addCoHost', { email: owner.email }), 'NOT_MEMBER');

			const quick = await server.createRoom(slowQuiz);
			const q = await socketFor((await signIn(owner)).token);
			expect(
				expectOk(await emitAck(q, 'host:attach', { pin: quick.pin, secret: quick.hostSecret }))
					.control
			).toBe('secret');
			expectFail(await emitAck(q, 'host:addCoHost', { email: colleague.email }), 'NOT_HOST');
		});

		it('a co-host removed from the organisation loses the room', async () => {
			const member = await account('temp');
			const { token } = await server.ctx.orgs.invite(owner.id, orgId, 'host');
			await server.ctx.orgs.accept(member.id, token);
			const pin = await ownedRoom();
			const ownerSocket = await socketFor((await signIn(owner)).token);
			expectOk(await emitAck(ownerSocket, 'host:attach', { pin }));
			expectOk(await emitAck(ownerSocket, 'host:addCoHost', { email: member.email }));
			const co = await socketFor((await signIn(member)).token);
			expectOk(await emitAck(co, 'host:attach', { pin }));

			await server.ctx.orgs.remove(owner.id, orgId, member.id);
			const later = await socketFor((await signIn(member)).token);
			expectFail(await emitAck(later, 'host:attach', { pin }), 'NOT_HOST');
		});

		it('a finished game belongs to the room’s organisation; a quick game to none', async () => {
			const pin = await ownedRoom();
			const host = await socketFor((await signIn(owner)).token);
			expectOk(await emitAck(host, 'host:attach', { pin }));
			await joinPlayer(server.url, pin, '小安');
			await command(host, { type: 'start' });
			const ended = await command(host, { type: 'end' });
			expect(ended.phase).toBe('ended');
			// Its results page is for members, so phones are not offered the link.
			expect(ended.publicResults).toBe(false);
			const id = `${pin}-${(await state(pin)).createdAt}`;
			const mine = { orgId };
			const game = (await until(() => server.ctx.records.getGame(id, mine)))!;
			expect(game.orgId).toBe(orgId);
			expect((await server.ctx.records.listGames(50, mine)).map((g) => g.id)).toContain(id);
			// Nobody else reads or lists it: not another organisation, not the shared scope.
			const other = (await server.ctx.orgs.current(outsider.id, null))!.org.id;
			expect(await server.ctx.records.getGame(id, { orgId: other })).toBeNull();
			expect(await server.ctx.records.getGame(id)).toBeNull();
			expect(await server.ctx.records.latestGameByPin(pin)).toBeNull();
			expect((await server.ctx.records.listGames(50, { orgId: other })).map((g) => g.id)).toEqual(
				[]
			);

			// A quick room's game is in the shared scope, never in an organisation's list.
			const quick = await server.createRoom(slowQuiz);
			const q = await connect(server.url);
			expectOk(await emitAck(q, 'host:attach', { pin: quick.pin, secret: quick.hostSecret }));
			await command(q, { type: 'end' });
			const quickGame = (await until(() => server.ctx.records.latestGameByPin(quick.pin)))!;
			expect(quickGame.orgId).toBeNull();
			expect((await server.ctx.records.listGames(50, mine)).map((g) => g.id)).not.toContain(
				quickGame.id
			);
		});

		it('signing out drops that session’s sockets only; reconnecting with its cookie fails', async () => {
			const pin = await ownedRoom();
			const laptopSession = await signIn(owner);
			const phoneSession = await signIn(owner);
			const laptop = await socketFor(laptopSession.token);
			const laptopScreen = await socketFor(laptopSession.token);
			const phone = await socketFor(phoneSession.token);
			expectOk(await emitAck(laptop, 'host:attach', { pin }));
			expectOk(await emitAck(laptopScreen, 'screen:attach', { pin }));
			expectOk(await emitAck(phone, 'host:attach', { pin }));
			const player = await joinPlayer(server.url, pin, '玩家');

			const heard = [laptop, laptopScreen].map((s) => {
				const events: string[] = [];
				// Told first, so that the pages take the disconnect as final.
				s.on('session:ended', () => events.push('session:ended'));
				s.on('disconnect', (r) => events.push(r));
				return events;
			});
			await server.ctx.auth.signOut(laptopSession.session.id);
			await until(
				() => heard.every((e) => e.length === 2),
				3000,
				'the signed-out session’s sockets to drop'
			);
			for (const events of heard) expect(events).toEqual(['session:ended', 'io server disconnect']);
			expect(laptop.connected).toBe(false);
			// The other session and the player are untouched.
			expect(phone.connected).toBe(true);
			expect(player.socket.connected).toBe(true);
			expect((await command(phone, { type: 'lock' })).locked).toBe(true);

			// Reconnecting (a new handshake with the old cookie) is checked again and refused.
			const back = await socketFor(laptopSession.token);
			expectFail(await emitAck(back, 'host:attach', { pin }), 'NOT_SIGNED_IN');
		});

		it('an ended session stops steering at once, even before its socket is dropped', async () => {
			const pin = await ownedRoom();
			const s = await signIn(owner);
			const socket = await socketFor(s.token);
			expectOk(await emitAck(socket, 'host:attach', { pin }));
			const before = await state(pin);
			// Deleted in the store without a broadcast (as if the message to this process were lost).
			await server.ctx.accounts.deleteSession(s.session.id);
			expectFail(await emitAck(socket, 'host:command', { type: 'end' }), 'NOT_HOST');
			expectFail(await emitAck(socket, 'host:kick', { playerId: 'x' }), 'NOT_HOST');
			expect(await state(pin)).toEqual(before);
		});
	});
});

const redis = modes.find((m) => m.name === 'redis')!;

describe.skipIf(redis.skip)('signing out across processes (Redis)', () => {
	const servers: TestServer[] = [];
	let dir: string;
	beforeAll(() => {
		requireMode(redis);
		dir = mkdtempSync(join(tmpdir(), 'anda-accounts-mp-'));
	});
	afterAll(async () => {
		closeClients();
		for (const s of servers.splice(0)) await s.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('a sign-out on one process disconnects the session’s sockets on another', async () => {
		// Two processes share Redis (live state, adapter) and the record database (sessions).
		const sqlitePath = join(dir, 'shared.sqlite');
		const a = await startTestServer({ redisUrl: redis.redisUrl, sqlitePath });
		servers.push(a);
		const b = await startTestServer({ redisUrl: redis.redisUrl, sqlitePath });
		servers.push(b);
		const fields = {
			email: `mp-${run}@example.com`,
			displayName: '跨进程',
			password: 'password-mp-1'
		};
		const ip = { ip: `mp-${run}`, userAgent: null };
		await a.ctx.auth.setup(fields, ip);
		const session = await a.ctx.auth.signIn(fields.email, fields.password, ip);
		const { pin } = await a.ctx.rooms.createOwnedRoom(slowQuiz, {
			userId: session.user.id,
			orgId: null
		});

		const onB = await connect(b.url, undefined, { cookie: `${COOKIE_NAME}=${session.token}` });
		expectOk(await emitAck(onB, 'host:attach', { pin }));
		const dropped = new Promise<string>((resolve) => onB.on('disconnect', resolve));
		await a.ctx.auth.signOut(session.session.id);
		expect(await dropped).toBe('io server disconnect');
		await a.ctx.live.deleteRoom(pin);
	});
});
