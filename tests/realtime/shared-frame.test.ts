// A frame written pre-encoded must reach the client exactly as the same `emit` would: the event,
// the shared argument and the socket's own, text of any script included.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { SharedFrame } from '../../src/lib/server/realtime/shared-frame';
import type { AndaSocket } from '../../src/lib/server/realtime/types';

const http = createServer();
const server = new Server(http);
let url = '';
const clients: ClientSocket[] = [];

beforeAll(async () => {
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
	for (const c of clients) c.close();
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A connected client and the server's socket for it. */
async function pair(): Promise<{ client: ClientSocket; socket: AndaSocket }> {
	const arrived = new Promise<AndaSocket>((resolve) =>
		server.once('connection', (s) => resolve(s as unknown as AndaSocket))
	);
	const client = connect(url, { transports: ['websocket'], forceNew: true });
	clients.push(client);
	const socket = await arrived;
	await new Promise<void>((resolve) =>
		client.connected ? resolve() : client.once('connect', () => resolve())
	);
	return { client, socket };
}

const received = (client: ClientSocket, event: string) =>
	new Promise<unknown[]>((resolve) => client.once(event, (...args: unknown[]) => resolve(args)));

const shared = {
	phase: 'reveal',
	index: 2,
	text: '发生火灾时应拨打 "119"，切勿乘电梯 \\ </script> \u2028',
	options: [
		{ id: 'a', text: '甲' },
		{ id: 'b', text: null }
	],
	nested: { deep: [1, 2.5, 0, true, false] }
};

describe('SharedFrame', () => {
	it('gives each client the shared argument and its own, as emit would', async () => {
		const a = await pair();
		const b = await pair();
		const frame = new SharedFrame('room:view', shared);
		const gotA = received(a.client, 'room:view');
		const gotB = received(b.client, 'room:view');
		frame.send(a.socket, { points: 850, correct: true, rank: 1 });
		frame.send(b.socket, { points: 0, correct: false, rank: 2 });
		expect(await gotA).toEqual([shared, { points: 850, correct: true, rank: 1 }]);
		expect(await gotB).toEqual([shared, { points: 0, correct: false, rank: 2 }]);

		const viaEmit = received(a.client, 'room:view');
		(a.socket.emit as (...x: unknown[]) => void)('room:view', shared, {
			points: 850,
			correct: true,
			rank: 1
		});
		expect(await viaEmit).toEqual(await gotA);
	});

	it('sends the shared argument alone when the socket has nothing of its own', async () => {
		const { client, socket } = await pair();
		const got = received(client, 'room:view');
		new SharedFrame('room:view', shared).send(socket);
		expect(await got).toEqual([shared]);
	});

	it('falls back to emit on another namespace, whose packets name it', async () => {
		const arrived = new Promise<AndaSocket>((resolve) =>
			server.of('/other').once('connection', (s) => resolve(s as unknown as AndaSocket))
		);
		const client = connect(`${url}/other`, { transports: ['websocket'], forceNew: true });
		clients.push(client);
		const socket = await arrived;
		const got = received(client, 'room:view');
		new SharedFrame('room:view', shared).send(socket, { points: 5 });
		expect(await got).toEqual([shared, { points: 5 }]);
	});

	it('encodes as Socket.IO would: the event packet type, then the arguments as JSON', () => {
		const frame = new SharedFrame('room:view', { a: 1 });
		expect(frame.encoded()).toBe('2["room:view",{"a":1}]');
		expect(frame.encoded({ b: '乙' })).toBe('2["room:view",{"a":1},{"b":"乙"}]');
	});
});
