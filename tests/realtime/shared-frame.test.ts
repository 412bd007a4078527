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
async function pair(
	transport: 'websocket' | 'polling' = 'websocket'
): Promise<{ client: ClientSocket; socket: AndaSocket }> {
	const arrived = new Promise<AndaSocket>((resolve) =>
		server.once('connection', (s) => resolve(s as unknown as AndaSocket))
	);
	const client = connect(url, { transports: [transport], forceNew: true });
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

	it('reaches a long-polling client as the same packet', async () => {
		const { client, socket } = await pair('polling');
		expect(socket.conn.transport.name).toBe('polling');
		const got = received(client, 'room:view');
		new SharedFrame('room:view', shared).send(socket, { points: 850, rank: 3 });
		expect(await got).toEqual([shared, { points: 850, rank: 3 }]);
	});

	it('goes out over WebSocket as one message in two frames, the first shared', async () => {
		const a = await pair();
		const b = await pair();
		const frame = new SharedFrame('room:view', shared);
		// What the server writes to each connection, read at the TCP socket under the WebSocket.
		const wire = (s: AndaSocket) => {
			const chunks: Buffer[] = [];
			const raw = (s.conn.transport as unknown as { socket: { _socket: NodeJS.WritableStream } })
				.socket._socket;
			const write = raw.write.bind(raw) as (c: Buffer, ...r: unknown[]) => boolean;
			(raw as unknown as { write: typeof write }).write = (c, ...r) => {
				chunks.push(Buffer.from(c));
				return write(c, ...r);
			};
			return chunks;
		};
		const wa = wire(a.socket);
		const wb = wire(b.socket);
		const gotA = received(a.client, 'room:view');
		const gotB = received(b.client, 'room:view');
		frame.send(a.socket, { rank: 1 });
		frame.send(b.socket, { rank: 22 });
		expect(await gotA).toEqual([shared, { rank: 1 }]);
		expect(await gotB).toEqual([shared, { rank: 22 }]);
		const [firstA, lastA] = wa;
		const [firstB, lastB] = wb;
		// First frame: text opcode, FIN clear, the packet up to the shared argument.
		expect(firstA![0]).toBe(0x01);
		expect(firstA!.equals(firstB!)).toBe(true);
		// Last frame: continuation opcode, FIN set, the socket's own argument and the bracket.
		expect(lastA![0]).toBe(0x80);
		expect(lastA!.subarray(2).toString()).toBe(',{"rank":1}]');
		expect(lastB!.subarray(2).toString()).toBe(',{"rank":22}]');
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
