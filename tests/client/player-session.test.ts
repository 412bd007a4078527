// The player's session, driven by a fake socket: join, resume with a stored token, an answer
// tapped offline and sent once on reconnection, and an answer the server did not count.
import { afterEach, describe, expect, it } from 'vitest';
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
	session = new PlayerSession(socket.client, PIN, tokens);
	session.listen();
	return { socket, session, tokens };
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
});
