// A room server the big screen believes in: Playwright answers the page's Socket.IO connection
// itself (Engine.IO v4 over a WebSocket), acknowledges 'screen:attach' with a given view and can
// push later views. The screen's rendering of contest-day phases is checked this way without a
// room in the server: the views are exactly the protocol's types.
import type { Page, WebSocketRoute } from '@playwright/test';
import type { PlayerSummary, RoomView } from '../../src/lib/protocol';

const OPEN = JSON.stringify({
	sid: 'fake-engine',
	upgrades: [],
	pingInterval: 25_000,
	pingTimeout: 60_000,
	maxPayload: 1_000_000
});

export interface FakeRoom {
	/** Sends a 'room:view' as the server would on every change. */
	push(view: RoomView): void;
	/** The 'screen:attach' requests the page made. */
	attaches: unknown[];
}

export async function fakeRoom(
	page: Page,
	view: RoomView,
	players: PlayerSummary[] = []
): Promise<FakeRoom> {
	let socket: WebSocketRoute | null = null;
	const room: FakeRoom = {
		attaches: [],
		push(v) {
			socket?.send(`42${JSON.stringify(['room:view', v])}`);
		}
	};
	await page.routeWebSocket(/\/socket\.io\//, (ws) => {
		socket = ws;
		ws.send(`0${OPEN}`);
		ws.onMessage((raw) => {
			const msg = String(raw);
			if (msg === '3') return; // pong
			if (msg.startsWith('40')) {
				ws.send(`40${JSON.stringify({ sid: 'fake-socket' })}`);
				return;
			}
			// An emit with an ack: 42<id>[event, payload]
			const m = /^42(\d+)(\[.*)$/s.exec(msg);
			if (!m) return;
			const [event, payload] = JSON.parse(m[2]!) as [string, unknown];
			if (event === 'screen:attach') {
				room.attaches.push(payload);
				ws.send(`43${m[1]}${JSON.stringify([{ ok: true, view, players }])}`);
			}
		});
	});
	return room;
}
