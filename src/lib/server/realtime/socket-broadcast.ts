// RoomBroadcast over Socket.IO. Room-wide frames are emitted once to a Socket.IO room (encoded once);
// arrivals and answer counts are batched and throttled so hosts get aggregates, not a frame per player.
import type { AnswerProgress, PlayerSummary, RoomView } from '../../protocol';
import { viewAudience } from '../../domain/view';
import { Batcher } from '../kernel/batcher';
import type { RankedResult } from '../live/port';
import type { RoomBroadcast } from '../rooms/room-broadcast';
import type { RoomViews } from '../rooms/room-views';
import { localPlayerSockets, localSocketsIn } from './local-presence';
import { SharedFrame } from './shared-frame';
import { localRoomPins, rooms, type AndaServer } from './types';
import { log } from '../log';

const BATCH_MS = 250;

type Arrival =
	| { type: 'joined'; player: PlayerSummary; count: number }
	| { type: 'left'; playerId: string; count: number };

const report = (what: string) => (e: unknown) => log.error({ err: e, what }, 'broadcast failed');

export class SocketBroadcast implements RoomBroadcast {
	private readonly arrivals: Batcher<Arrival>;
	private readonly progressFrames: Batcher<AnswerProgress>;
	onChanged: (pin: string) => void = () => {};

	constructor(
		private readonly io: AndaServer,
		private readonly views: RoomViews,
		/** Whether other processes share the rooms (a cluster adapter): only then relay to them. */
		private readonly clustered = false
	) {
		this.arrivals = new Batcher({
			window: BATCH_MS,
			flush: (pin, items) => this.flushArrivals(pin, items),
			onError: report('players')
		});
		this.progressFrames = new Batcher({
			window: BATCH_MS,
			flush: (pin, items) => {
				// The furthest count wins: answers only grow within a question, and a newer question
				// replaces an older one.
				const latest = items.reduce((a, b) =>
					b.index > a.index || (b.index === a.index && b.answered > a.answered) ? b : a
				);
				this.io.to(rooms.staff(pin)).emit('question:progress', latest);
			},
			onError: report('progress')
		});
	}

	view: RoomBroadcast['view'] = (pin, view) => {
		const to = viewAudience(view.phase) === 'staff' ? rooms.staff(pin) : rooms.all(pin);
		this.io.to(to).emit('room:view', view);
	};

	/** One frame for a quarter second of arrivals and departures; the last count is the room's. */
	private flushArrivals(pin: string, items: Arrival[]) {
		const joined = new Map<string, PlayerSummary>();
		const left = new Set<string>();
		for (const it of items) {
			if (it.type === 'joined') {
				left.delete(it.player.id);
				joined.set(it.player.id, it.player);
			} else {
				joined.delete(it.playerId);
				left.add(it.playerId);
			}
		}
		this.io.to(rooms.staff(pin)).emit('room:players', {
			joined: [...joined.values()],
			left: [...left],
			count: items[items.length - 1]!.count
		});
	}

	playerJoined: RoomBroadcast['playerJoined'] = (pin, player, count) => {
		this.arrivals.add(pin, { type: 'joined', player, count });
	};

	playerLeft: RoomBroadcast['playerLeft'] = (pin, playerId, count) => {
		this.arrivals.add(pin, { type: 'left', playerId, count });
	};

	progress: RoomBroadcast['progress'] = (pin, progress) => {
		this.progressFrames.add(pin, progress);
	};

	revealed: RoomBroadcast['revealed'] = (pin, view, results) => {
		this.io.to(rooms.staff(pin)).emit('room:view', view);
		void this.deliverReveal(pin, view, results);
		if (this.clustered) this.io.serverSideEmit('anda:reveal', pin, view);
	};

	/**
	 * This process's connected players of the room, each with their result of question `index`
	 * (none for a player the question did not score, such as one who joined after it closed).
	 */
	private async localResults(pin: string, index: number, known?: readonly RankedResult[]) {
		const sockets = localSocketsIn(this.io, rooms.players(pin));
		const idOf = (s: (typeof sockets)[number]) =>
			s.data.room?.role === 'player' ? s.data.room.playerId : null;
		const ids = [...new Set(sockets.map(idOf).filter((x): x is string => !!x))];
		const results = await this.views.results(pin, index, ids, known);
		return sockets.map((s) => {
			const id = idOf(s);
			return { socket: s, result: id ? results.get(id) : undefined };
		});
	}

	/**
	 * The reveal to each of this process's players, their own result in the same frame (from
	 * `known` when this process scored the question, otherwise read from the store).
	 */
	async deliverReveal(pin: string, view: RoomView, known?: readonly RankedResult[]): Promise<void> {
		try {
			const frame = new SharedFrame('room:view', view);
			for (const { socket, result } of await this.localResults(pin, view.index, known)) {
				frame.send(socket, result);
			}
		} catch (e) {
			report('reveal')(e);
		}
	}

	/** Each of this process's players their own result of question `index`, on its own. */
	private async deliverResults(pin: string, index: number): Promise<void> {
		for (const { socket, result } of await this.localResults(pin, index)) {
			if (result) socket.emit('player:result', result);
		}
	}

	/**
	 * Redis pub/sub keeps nothing: frames that other processes published while this process's
	 * adapter was cut off from Redis (a reveal, their results relay) are gone. Once it is back,
	 * every room with sockets here gets its current view again and, once its question is scored,
	 * its players here their results (a repeated frame is the same frame to the pages).
	 */
	async resync(): Promise<void> {
		for (const pin of localRoomPins(this.io)) {
			try {
				const view = await this.views.view(pin);
				this.io.local.to(rooms.all(pin)).emit('room:view', view);
				if (view.phase === 'reveal' || view.phase === 'leaderboard') {
					await this.deliverResults(pin, view.index);
				}
			} catch (e) {
				report('resync')(e);
			}
		}
	}

	kicked: RoomBroadcast['kicked'] = (pin, playerId) => {
		void this.kickHere(pin, playerId);
		if (this.clustered) this.io.serverSideEmit('anda:kick', pin, playerId);
	};

	/**
	 * Tells this process's sockets of a kicked player so, and closes them (said first, so that the
	 * page takes the disconnect as final and stops retrying).
	 */
	async kickHere(pin: string, playerId: string): Promise<void> {
		try {
			for (const s of localSocketsIn(this.io, rooms.players(pin))) {
				const b = s.data.room;
				if (b?.role !== 'player' || b.playerId !== playerId) continue;
				s.emit('player:kicked');
				s.disconnect(true);
			}
		} catch (e) {
			report('kick')(e);
		}
	}

	/**
	 * Drops every socket opened with a session (signed out or ended). Through the adapter this
	 * reaches the sockets on every process, with Redis as well as embedded.
	 */
	disconnectSession(sessionId: string): void {
		const room = rooms.session(sessionId);
		// Said first, so that the pages take the disconnect as final (every other one they retry).
		this.io.to(room).emit('session:ended');
		this.io.in(room).disconnectSockets(true);
	}

	localPlayers: RoomBroadcast['localPlayers'] = () => localPlayerSockets(this.io);

	stateChanged: RoomBroadcast['stateChanged'] = (pin) => {
		this.onChanged(pin);
		if (this.clustered) this.io.serverSideEmit('anda:changed', pin);
	};

	close() {
		this.arrivals.close();
		this.progressFrames.close();
	}
}
