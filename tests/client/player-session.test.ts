// The player's session, driven by a fake socket: join, resume with a stored token, an answer
// tapped offline and sent once on reconnection, an answer the server did not count, reconnecting
// after every kind of disconnect but a kick, and a room the server lost.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlayerSession } from '../../src/lib/client/player-session.svelte';
import { FakeSocket, memoryStorage, settle } from './fake-socket';
import { questionView, view } from './room-view';

const PIN = '123456';
const TOKEN_KEY = `anda:player:${PIN}`;
const TOKEN = 't'.repeat(24);
const self = (patch = {}) => ({
	playerId: 'p1',
	nickname: '小安',
	score: 0,
	streak: 0,
	rank: null,
	answered: null,
	...patch
});

let session: PlayerSession | null = null;
afterEach(() => session?.close());

function start(tokens = memoryStorage()) {
	const socket = new FakeSocket();
	session = new PlayerSession(socket.client, PIN, tokens, { retryDelayMs: () => 0 });
	session.listen();
	return { socket, session, tokens };
}

const answered = (p: unknown) => ({
	ok: true,
	index: (p as { index: number }).index,
	duplicate: false
});
const notFound = {
	ok: false,
	error: { code: 'ROOM_NOT_FOUND', message: '房间不存在，请检查 PIN' }
};

/** A player already in the room (stored token), on the open first question. */
async function playing(resumeSelf = self()) {
	const started = start(memoryStorage({ [TOKEN_KEY]: TOKEN }));
	started.socket
		.answer('player:resume', () => ({ ok: true, self: resumeSelf, view: questionView() }))
		.answer('player:answer', answered);
	started.socket.connect();
	await settle();
	return started;
}

describe('PlayerSession', () => {
	it('asks for a nickname when no token is stored, joins and keeps the token', async () => {
		const { socket, session, tokens } = start();
		socket.answer('player:join', () => ({ ok: true, token: TOKEN, self: self(), view: view() }));
		socket.connect();
		expect(session.stage).toBe('nickname');

		await session.join('小安');
		expect(socket.sent('player:join')).toEqual([{ pin: PIN, nickname: '小安' }]);
		expect(session.stage).toBe('playing');
		expect(session.self?.nickname).toBe('小安');
		expect(tokens.getItem(TOKEN_KEY)).toBe(TOKEN);
	});

	it('shows why a join was refused, and that a room which is gone cannot be played', async () => {
		const { socket, session } = start();
		const taken = { code: 'NICKNAME_TAKEN', message: '这个昵称已被使用，请换一个' };
		socket.answer('player:join', () => ({ ok: false, error: taken }));
		socket.connect();
		await session.join('小安');
		expect(session.joinError).toEqual(taken);
		expect(session.stage).toBe('nickname');

		const ended = { code: 'ROOM_ENDED', message: '本场已结束' };
		socket.answer('player:join', () => ({ ok: false, error: ended }));
		await session.join('小安');
		expect(session.stage).toBe('gone');
		expect(session.goneError).toEqual(ended);
	});

	it('resumes with the stored token, restoring the score and the answer already sent', async () => {
		const answered = { choices: [1] };
		const { socket, session } = start(memoryStorage({ [TOKEN_KEY]: TOKEN }));
		socket.answer('player:resume', () => ({
			ok: true,
			self: self({ score: 900, answered }),
			view: questionView()
		}));
		socket.connect();
		await settle();
		expect(socket.sent('player:resume')).toEqual([{ pin: PIN, token: TOKEN }]);
		expect(session.stage).toBe('playing');
		expect(session.self?.score).toBe(900);
		expect(session.sent).toEqual({ index: 0, answer: answered });
		expect(session.myChoices).toEqual([1]);
	});

	it('forgets a token that no longer opens the room, and asks for a nickname', async () => {
		const { socket, session, tokens } = start(memoryStorage({ [TOKEN_KEY]: TOKEN }));
		socket.answer('player:resume', () => ({
			ok: false,
			error: { code: 'NOT_JOINED', message: '请先加入房间' }
		}));
		socket.connect();
		await settle();
		expect(session.stage).toBe('nickname');
		expect(tokens.has(TOKEN_KEY)).toBe(false);
	});

	it('sends an answer tapped offline once, when the connection is back', async () => {
		const { socket, session } = start(memoryStorage({ [TOKEN_KEY]: TOKEN }));
		socket
			.answer('player:resume', () => ({ ok: true, self: self(), view: questionView() }))
			.answer('player:answer', (p) => ({
				ok: true,
				index: (p as { index: number }).index,
				duplicate: false
			}));
		socket.connect();
		await settle();

		socket.drop();
		expect(session.online).toBe(false);
		session.choose(1);
		await settle();
		expect(socket.sent('player:answer')).toEqual([]);
		expect(session.note).toEqual({ kind: 'queued' });
		expect(session.myChoices).toEqual([1]);
		// A second tap while the first waits changes nothing.
		session.choose(0);
		expect(session.myChoices).toEqual([1]);

		socket.connect();
		await settle();
		await settle();
		expect(socket.sent('player:answer')).toEqual([{ index: 0, answer: { choices: [1] } }]);
		expect(session.sent).toEqual({ index: 0, answer: { choices: [1] } });
		expect(session.pending).toBeNull();
		expect(session.note).toBeNull();

		// Another reconnection does not send it again.
		socket.drop();
		socket.connect();
		await settle();
		await settle();
		expect(socket.sent('player:answer')).toHaveLength(1);
	});

	it('says that an answer did not count, and why', async () => {
		const { socket, session } = start(memoryStorage({ [TOKEN_KEY]: TOKEN }));
		const timeUp = { code: 'TIME_UP', message: '时间已到，本次作答未计分' };
		socket
			.answer('player:resume', () => ({ ok: true, self: self(), view: questionView() }))
			.answer('player:answer', () => ({ ok: false, error: timeUp }));
		socket.connect();
		await settle();

		session.choose(0);
		await settle();
		expect(session.note).toEqual({ kind: 'notCounted', error: timeUp });
		expect(session.sent).toBeNull();
		expect(session.pending).toBeNull();

		// The next question starts clean.
		socket.emit('room:view', questionView({ index: 1 }));
		expect(session.note).toBeNull();
		expect(session.picked).toEqual([]);
	});

	it('ticks multiple-choice options and sends them together; forgets the token when kicked', async () => {
		const { socket, session, tokens } = start(memoryStorage({ [TOKEN_KEY]: TOKEN }));
		const multiple = questionView();
		multiple.question = { ...multiple.question!, type: 'multiple', options: ['a', 'b', 'c'] };
		socket
			.answer('player:resume', () => ({ ok: true, self: self(), view: multiple }))
			.answer('player:answer', () => ({ ok: true, index: 0, duplicate: false }));
		socket.connect();
		await settle();
		session.choose(2);
		session.choose(0);
		session.choose(2);
		session.choose(1);
		expect(session.picked).toEqual([0, 1]);
		expect(socket.sent('player:answer')).toEqual([]);
		await session.submitPicked();
		expect(socket.sent('player:answer')).toEqual([{ index: 0, answer: { choices: [0, 1] } }]);

		socket.emit('player:kicked');
		expect(session.stage).toBe('kicked');
		expect(tokens.has(TOKEN_KEY)).toBe(false);
	});

	it('reconnects after the server’s own disconnect, and resumes', async () => {
		const { socket, session } = await playing();
		socket.drop('io server disconnect');
		expect(session.online).toBe(false);
		await settle();
		await settle();
		expect(socket.connects).toBe(2);
		expect(socket.sent('player:resume')).toHaveLength(2);
		expect(session.online).toBe(true);
		expect(session.stage).toBe('playing');

		// A dropped transport is socket.io-client's to retry: the session does not connect twice.
		socket.drop('transport close');
		await settle();
		expect(socket.connects).toBe(2);
	});

	it('stays out after a kick', async () => {
		const { socket, session } = await playing();
		socket.emit('player:kicked');
		socket.drop('io server disconnect');
		await settle();
		await settle();
		expect(session.stage).toBe('kicked');
		expect(socket.connects).toBe(1);
	});

	it('holds an answer tapped while the server drains, and sends it once after the reconnection', async () => {
		const { socket, session } = await playing();
		socket.emit('server:draining');
		session.choose(1);
		await settle();
		expect(socket.sent('player:answer')).toEqual([]);
		expect(session.note).toEqual({ kind: 'queued' });
		expect(session.myChoices).toEqual([1]);

		socket.drop('transport close');
		socket.connect(); // socket.io-client's reconnection, to the restarted server
		await settle();
		await settle();
		expect(socket.sent('player:answer')).toEqual([{ index: 0, answer: { choices: [1] } }]);
		expect(session.sent).toEqual({ index: 0, answer: { choices: [1] } });
		expect(session.pending).toBeNull();
		expect(session.note).toBeNull();
		expect(session.draining).toBe(false);
	});

	it('sends again an answer whose ack the drop cut off, once', async () => {
		const { socket, session } = await playing();
		socket.hold('player:answer');
		session.choose(1);
		await settle();
		expect(socket.sent('player:answer')).toHaveLength(1);

		socket.drop('transport close');
		await settle();
		// Not "did not count": it waits for the connection, as one tapped offline does.
		expect(session.note).toEqual({ kind: 'queued' });
		expect(session.pending).toEqual({ index: 0, answer: { choices: [1] } });

		socket.release('player:answer');
		socket.connect();
		await settle();
		await settle();
		expect(socket.sent('player:answer')).toHaveLength(2);
		expect(session.sent).toEqual({ index: 0, answer: { choices: [1] } });
		expect(session.note).toBeNull();
	});

	it('does not send again an answer the server stored before the drop', async () => {
		const { socket, session } = await playing();
		socket.hold('player:answer');
		session.choose(1);
		await settle();
		socket.drop('transport close');
		await settle();

		socket.release('player:answer');
		// The resume shows the answer already stored for this question.
		socket.answer('player:resume', () => ({
			ok: true,
			self: self({ answered: { choices: [1] } }),
			view: questionView()
		}));
		socket.connect();
		await settle();
		await settle();
		expect(socket.sent('player:answer')).toHaveLength(1);
		expect(session.pending).toBeNull();
		expect(session.sent).toEqual({ index: 0, answer: { choices: [1] } });
		expect(session.note).toBeNull();
	});

	it('says the room ended because the server restarted, when it was running here and is gone', async () => {
		const { socket, session } = await playing();
		const stop = vi.spyOn(session.countdown, 'stop');
		socket.drop('transport close');
		socket.answer('player:resume', () => notFound);
		socket.connect();
		await settle();
		expect(session.stage).toBe('gone');
		expect(session.lost).toBe('restarted');
		expect(stop).toHaveBeenCalled();

		// Gone for good: a later server close is not retried.
		socket.drop('io server disconnect');
		await settle();
		expect(socket.connects).toBe(2);
	});

	it('says the room closed when this browser joined it but has not seen it running', async () => {
		const { socket, session } = start(memoryStorage({ [TOKEN_KEY]: TOKEN }));
		socket.answer('player:resume', () => notFound);
		socket.connect();
		await settle();
		expect(session.stage).toBe('gone');
		expect(session.lost).toBe('closed');
	});

	it('still blames the PIN when nothing says the room ever existed here', async () => {
		const { socket, session } = start();
		socket.answer('player:join', () => notFound);
		socket.connect();
		await session.join('小安');
		expect(session.stage).toBe('gone');
		expect(session.lost).toBeNull();
		expect(session.goneError?.code).toBe('ROOM_NOT_FOUND');
	});
});
