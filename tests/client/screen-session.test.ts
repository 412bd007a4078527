// The big screen's session, driven by a fake socket: attach on every connection, reconnect after
// the server's own disconnect, and say that a room it was showing is over when the server lost it.
import { afterEach, describe, expect, it } from 'vitest';
import { ScreenSession } from '../../src/lib/client/screen-session.svelte';
import { FakeSocket, settle } from './fake-socket';
import { questionView } from './room-view';

const PIN = '123456';
const shown = () => ({ ok: true, view: questionView(), players: [] });
const notFound = {
	ok: false,
	error: { code: 'ROOM_NOT_FOUND', message: '房间不存在，请检查 PIN' }
};

let session: ScreenSession | null = null;
afterEach(() => session?.close());

function start() {
	const socket = new FakeSocket();
	session = new ScreenSession(socket.client, PIN, { retryDelayMs: () => 0 });
	session.listen();
	return { socket, session };
}

describe('ScreenSession', () => {
	it('attaches again after the server’s own disconnect', async () => {
		const { socket, session } = start();
		socket.answer('screen:attach', shown);
		socket.connect();
		await settle();
		expect(session.watch.view?.phase).toBe('question');

		socket.drop('io server disconnect');
		await settle();
		await settle();
		expect(socket.connects).toBe(2);
		expect(socket.sent('screen:attach')).toHaveLength(2);
	});

	it('says the room is over when the server lost the room it was showing', async () => {
		const { socket, session } = start();
		socket.answer('screen:attach', shown);
		socket.connect();
		await settle();
		socket.drop('transport close');
		socket.answer('screen:attach', () => notFound);
		socket.connect();
		await settle();
		expect(session.lost).toBe('restarted');
		expect(session.error).toBeNull();
	});

	it('shows the refusal for a PIN it never showed', async () => {
		const { socket, session } = start();
		socket.answer('screen:attach', () => notFound);
		socket.connect();
		await settle();
		expect(session.lost).toBeNull();
		expect(session.error?.code).toBe('ROOM_NOT_FOUND');
	});
});
