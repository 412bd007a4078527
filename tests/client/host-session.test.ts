// The host's control of a room, driven by a fake socket: attach by the stored secret, fall back to
// the signed-in session when the secret no longer controls the room, the refusals in between,
// reconnecting after every disconnect but a signed-out session's, and a room the server lost.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HostSession } from '../../src/lib/client/host-session.svelte';
import { FakeSocket, settle } from './fake-socket';
import { questionView, view } from './room-view';

const PIN = '123456';
const SECRET = 's'.repeat(32);
const attached = (control: string) => ({
	ok: true,
	view: view({ playerCount: 1 }),
	players: [{ id: 'p1', nickname: '小安', online: true, score: 0 }],
	counts: { total: 1, online: 1 },
	control,
	coHosts: []
});
const refused = (code: string, message = code) => ({ ok: false, error: { code, message } });

let session: HostSession | null = null;
afterEach(() => session?.close());

function start(secret: string | null) {
	const socket = new FakeSocket();
	session = new HostSession(socket.client, PIN, () => secret, { retryDelayMs: () => 0 });
	session.listen();
	return { socket, session };
}

describe('HostSession', () => {
	it('attaches a quick room by the secret this browser keeps', async () => {
		const { socket, session } = start(SECRET);
		socket.answer('host:attach', () => attached('secret'));
		socket.connect();
		await settle();
		expect(socket.sent('host:attach')).toEqual([{ pin: PIN, secret: SECRET }]);
		expect(session.control).toBe('secret');
		expect(session.denied).toBe(false);
		expect(session.players.players.map((p) => p.nickname)).toEqual(['小安']);
		expect(session.players.total).toBe(1);
		expect(session.onlineCount).toBe(1);
		expect(session.watch.view?.playerCount).toBe(1);
	});

	it('falls back to the session when the stored secret is refused', async () => {
		const { socket, session } = start(SECRET);
		socket.answer('host:attach', (p) =>
			(p as { secret?: string }).secret ? refused('NOT_HOST') : attached('owner')
		);
		socket.connect();
		await settle();
		await settle();
		expect(socket.sent('host:attach')).toEqual([{ pin: PIN, secret: SECRET }, { pin: PIN }]);
		expect(session.control).toBe('owner');
		expect(session.denied).toBe(false);
	});

	it('keeps the secret’s refusal when the session only says it is not signed in', async () => {
		const { socket, session } = start(SECRET);
		socket.answer('host:attach', (p) =>
			(p as { secret?: string }).secret
				? refused('NOT_HOST', '没有主持权限')
				: refused('NOT_SIGNED_IN', '请先登录主持人账号')
		);
		socket.connect();
		await settle();
		await settle();
		expect(session.denied).toBe(true);
		expect(session.needsSignIn).toBe(false);
		expect(session.error).toBe('没有主持权限');
	});

	it('attaches by the session alone when no secret is kept, and asks to sign in if refused', async () => {
		const { socket, session } = start(null);
		socket.answer('host:attach', () => refused('NOT_SIGNED_IN', '请先登录主持人账号'));
		socket.connect();
		await settle();
		expect(socket.sent('host:attach')).toEqual([{ pin: PIN }]);
		expect(session.denied).toBe(true);
		expect(session.needsSignIn).toBe(true);
	});

	it('sends commands, shows refusals, and is told when the server signs it out', async () => {
		const { socket, session } = start(null);
		socket
			.answer('host:attach', () => attached('owner'))
			.answer('host:command', (p) =>
				(p as { type: string }).type === 'start'
					? { ok: true, view: questionView() }
					: refused('WRONG_PHASE', '当前阶段不能执行该操作')
			)
			.answer('host:kick', () => ({ ok: true }))
			.answer('host:addCoHost', () => ({ ok: true, coHost: '小全' }));
		socket.connect();
		await settle();

		expect(await session.send({ type: 'start' })).toEqual({ ok: true });
		expect(session.watch.view?.phase).toBe('question');
		const res = await session.send({ type: 'resume' });
		expect(res.ok).toBe(false);
		expect(session.error).toBe('当前阶段不能执行该操作');

		await session.kick({ id: 'p1', nickname: '小安', online: true, score: 0 });
		expect(session.players.players).toEqual([]);
		expect(await session.addCoHost('a@example.com')).toEqual({ ok: true, coHost: '小全' });
		expect(session.coHosts).toEqual(['小全']);

		socket.emit('session:ended');
		socket.drop('io server disconnect');
		expect(session.online).toBe(false);
		expect(session.denied).toBe(true);
		expect(session.signedOut).toBe(true);
		expect(session.needsSignIn).toBe(true);
		// Signed out of an account's room: a new connection would not steer it either.
		await settle();
		await settle();
		expect(socket.connects).toBe(1);
	});

	it('reconnects and attaches again after the server’s own disconnect (a restart), never denied', async () => {
		const { socket, session } = start(SECRET);
		socket.answer('host:attach', () => attached('secret'));
		socket.connect();
		await settle();

		socket.drop('io server disconnect');
		expect(session.denied).toBe(false);
		await settle();
		await settle();
		expect(socket.connects).toBe(2);
		expect(socket.sent('host:attach')).toEqual([
			{ pin: PIN, secret: SECRET },
			{ pin: PIN, secret: SECRET }
		]);
		expect(session.online).toBe(true);
		expect(session.denied).toBe(false);
		expect(session.error).toBe('');
	});

	it('keeps a quick room by its secret when the browser’s session is signed out', async () => {
		const { socket, session } = start(SECRET);
		socket.answer('host:attach', () => attached('secret'));
		socket.connect();
		await settle();
		socket.emit('session:ended');
		socket.drop('io server disconnect');
		await settle();
		await settle();
		expect(socket.connects).toBe(2);
		expect(session.denied).toBe(false);
		expect(session.control).toBe('secret');
	});

	it('does not send a command while offline (it would arrive before the re-attach)', async () => {
		const { socket, session } = start(SECRET);
		socket.answer('host:attach', () => attached('secret'));
		socket.connect();
		await settle();
		socket.drop('transport close');
		const res = await session.send({ type: 'start' });
		expect(res.ok).toBe(false);
		expect(socket.sent('host:command')).toEqual([]);
		expect(session.error).toMatch(/连接中断/);
	});

	it('says the room ended because the server restarted, and stops the countdown', async () => {
		const { socket, session } = start(SECRET);
		socket.answer('host:attach', () => ({ ...attached('secret'), view: questionView() }));
		socket.connect();
		await settle();
		expect(session.watch.countdown.seconds).toBe(10);
		const stop = vi.spyOn(session.watch.countdown, 'stop');

		socket.drop('transport close');
		socket.answer('host:attach', () => refused('ROOM_NOT_FOUND', '房间不存在，请检查 PIN'));
		socket.connect();
		await settle();
		expect(session.lost).toBe('restarted');
		expect(session.denied).toBe(false);
		expect(stop).toHaveBeenCalled();
	});

	it('says the room closed when this browser opened it but has not seen it running', async () => {
		const { socket, session } = start(SECRET);
		socket.answer('host:attach', () => refused('ROOM_NOT_FOUND', '房间不存在，请检查 PIN'));
		socket.connect();
		await settle();
		expect(session.lost).toBe('closed');
	});

	it('still blames the PIN when this browser never had the room', async () => {
		const { socket, session } = start(null);
		socket.answer('host:attach', () => refused('ROOM_NOT_FOUND', '房间不存在，请检查 PIN'));
		socket.connect();
		await settle();
		expect(session.lost).toBeNull();
		expect(session.error).toBe('房间不存在，请检查 PIN');
	});

	it('keeps one page of players: arrivals on the newest page, other pages asked for', async () => {
		const { socket, session } = start(SECRET);
		const pageOf = (offset: number, n: number) =>
			Array.from({ length: n }, (_, i) => ({
				id: `p${offset + i}`,
				nickname: `玩家${offset + i}`,
				online: false,
				score: 0
			}));
		socket
			.answer('host:attach', () => ({
				...attached('secret'),
				players: pageOf(0, 100),
				counts: { total: 250, online: 7 }
			}))
			.answer('host:players', (p) => {
				const { offset, query } = p as { offset: number; query?: string };
				if (query) return { ok: true, players: pageOf(900, 1), offset, total: 1 };
				return { ok: true, players: pageOf(offset, 50), offset, total: 250 };
			});
		socket.connect();
		await settle();
		expect(session.players.players).toHaveLength(100);
		expect(session.players.total).toBe(250);
		expect(session.onlineCount).toBe(7);

		const arrival = { id: 'new1', nickname: '新人', online: true, score: 0 };
		socket.emit('room:players', { joined: [arrival], left: ['p5'], count: 250 });
		expect(session.players.players).toHaveLength(100);
		expect(session.players.players[0]).toEqual(arrival);
		expect(session.players.players.map((p) => p.id)).not.toContain('p5');
		expect(session.watch.playerCount).toBe(250);
		expect(session.onlineCount).toBe(7);

		expect(await session.showPage(200)).toEqual({ ok: true });
		expect(socket.sent('host:players')).toEqual([{ offset: 200, limit: 100 }]);
		expect(session.players).toMatchObject({ offset: 200, total: 250, query: null });
		socket.emit('room:players', { joined: [{ ...arrival, id: 'new2' }], left: [], count: 251 });
		expect(session.players.players.map((p) => p.id)).not.toContain('new2');
		expect(session.players.unseen).toBe(1);
		expect(session.players.total).toBe(251);

		expect(await session.showPage(0, '  玩家9 ')).toEqual({ ok: true });
		expect(socket.sent('host:players')[1]).toEqual({ offset: 0, limit: 100, query: '玩家9' });
		expect(session.players).toMatchObject({ query: '玩家9', total: 1 });
	});

	it('shows why a page was refused', async () => {
		const { socket, session } = start(SECRET);
		socket
			.answer('host:attach', () => attached('secret'))
			.answer('host:players', () => refused('NOT_HOST', '没有主持权限'));
		socket.connect();
		await settle();
		const res = await session.showPage(100);
		expect(res.ok).toBe(false);
		expect(session.error).toBe('没有主持权限');
		expect(session.players.offset).toBe(0);
	});
});
