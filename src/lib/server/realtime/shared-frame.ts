// One event sent to many sockets with the same first argument and, for each socket, an argument
// of its own: the reveal and each player's result. `socket.emit` would serialise the whole reveal
// once per player (ten thousand times for one room on one process); here it is serialised once.
//
// Over WebSocket the event goes out as one message in two frames (RFC 6455 fragmentation): the
// first holds the packet up to the shared argument and is built once, bytes and header, for every
// socket; the second holds the socket's own argument and the closing bracket. Only the small
// second frame is made per socket: the reveal's kilobyte of text is neither copied nor converted
// to UTF-8 again for each player. The page's WebSocket joins the frames into one message, so the
// client sees exactly the packet `emit` would have sent. Socket.IO's adapter pre-builds a room
// broadcast's frame the same way (engine.io's `wsPreEncodedFrame`); over HTTP long-polling the
// same packet goes out as text.
import * as ws from 'ws';
import type { AndaSocket } from './types';

/** Socket.IO's EVENT packet type, the first character of an encoded event on the main namespace. */
const EVENT = '2';
/** Engine.IO's MESSAGE packet type, before every Socket.IO packet on the wire. */
const MESSAGE = '4';
/** WebSocket opcodes: a text message's first frame, and each frame after it. */
const TEXT = 1;
const CONTINUATION = 0;

interface FrameOptions {
	fin: boolean;
	opcode: number;
	mask: false;
	readOnly: boolean;
	rsv1: false;
}
/** ws's frame builder, the one Socket.IO's adapter uses (ws's typings leave it out). */
const { Sender } = ws as unknown as { Sender: { frame(data: Buffer, o: FrameOptions): Buffer[] } };

/** One unmasked server frame, header and payload in one buffer. */
function frame(payload: string, opcode: number, fin: boolean): Buffer {
	const parts = Sender.frame(Buffer.from(payload), {
		fin,
		opcode,
		mask: false,
		readOnly: false,
		rsv1: false
	});
	return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/** The last frame of a message whose socket has nothing of its own: `]`, the same every time. */
const CLOSING = frame(']', CONTINUATION, true);

interface EngineWriter {
	writeToEngine(
		encoded: string,
		opts: { preEncoded: true; wsPreEncodedFrame: [Buffer, Buffer] }
	): void;
}

export class SharedFrame {
	/** `2["event",shared` — the packet without its closing bracket. */
	private readonly head: string;
	/** The WebSocket message's first frame: `4` and the head, not final. */
	private readonly opening: Buffer;

	constructor(
		private readonly event: string,
		private readonly shared: unknown
	) {
		const json = JSON.stringify([event, shared]);
		this.head = EVENT + json.slice(0, -1);
		this.opening = frame(MESSAGE + this.head, TEXT, false);
	}

	/** The encoded packet, with `own` as the event's second argument when there is one. */
	encoded(own?: unknown): string {
		return `${this.head}${tail(own)}`;
	}

	/** Sends the frame to one socket (nothing, as with `emit`, when its connection is not open). */
	send(socket: AndaSocket, own?: unknown): void {
		// Only the main namespace's packets carry no namespace prefix; elsewhere emit as usual.
		if (socket.nsp.name !== '/') {
			(socket.emit as (...a: unknown[]) => void)(
				this.event,
				this.shared,
				...(own === undefined ? [] : [own])
			);
			return;
		}
		if (!socket.connected || socket.conn.readyState !== 'open') return;
		const end = tail(own);
		const last = own === undefined ? CLOSING : frame(end, CONTINUATION, true);
		// The text is for a long-polling transport; over WebSocket the two frames go out instead.
		(socket.client as unknown as EngineWriter).writeToEngine(`${this.head}${end}`, {
			preEncoded: true,
			wsPreEncodedFrame: [this.opening, last]
		});
	}
}

const tail = (own: unknown) => (own === undefined ? ']' : `,${JSON.stringify(own)}]`);
