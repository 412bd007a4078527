// RoomBroadcast over Socket.IO. Room-wide frames are emitted once to a Socket.IO room (encoded once);
// arrivals and answer counts are batched and throttled so hosts get aggregates, not a frame per player.
import type { PlayerSummary, AnswerProgress } from '../../protocol';
import type { RoomBroadcast, RoomService } from '../rooms/room-service';
import { rooms, type AndaServer } from './types';

const BATCH_MS = 250;

interface PlayerBatch {
	joined: Map<string, PlayerSummary>;
	left: Set<string>;
	count: number;
	timer: ReturnType<typeof setTimeout>;
}

export class SocketBroadcast implements RoomBroadcast {
	private batches = new Map<string, PlayerBatch>();
	private progressTimers = new Map<
		string,
		{ latest: AnswerProgress; timer: ReturnType<typeof setTimeout> }
	>();
	onChanged: (pin: string) => void = () => {};

	constructor(
		private readonly io: AndaServer,
		private readonly service: RoomService,
		/** Whether other processes share the rooms (a cluster adapter): only then relay to them. */
		private readonly clustered = false
	) {}

	view: RoomBroadcast['view'] = (pin, view) => {
		this.io.to(rooms.all(pin)).emit('room:view', view);
	};

	private batch(pin: string, count: number): PlayerBatch {
		let b = this.batches.get(pin);
		if (!b) {
			const timer = setTimeout(() => this.flushPlayers(pin), BATCH_MS);
			b = { joined: new Map(), left: new Set(), count, timer };
			this.batches.set(pin, b);
		}
		b.count = count;
		return b;
	}

	private flushPlayers(pin: string) {
		const b = this.batches.get(pin);
		if (!b) return;
		this.batches.delete(pin);
		this.io.to(rooms.staff(pin)).emit('room:players', {
			joined: [...b.joined.values()],
			left: [...b.left],
			count: b.count
		});
	}

	playerJoined: RoomBroadcast['playerJoined'] = (pin, player, count) => {
		const b = this.batch(pin, count);
		b.left.delete(player.id);
		b.joined.set(player.id, player);
	};

	playerLeft: RoomBroadcast['playerLeft'] = (pin, playerId, count) => {
		const b = this.batch(pin, count);
		b.joined.delete(playerId);
		b.left.add(playerId);
	};

	progress: RoomBroadcast['progress'] = (pin, progress) => {
		const pending = this.progressTimers.get(pin);
		if (pending) {
			if (progress.index > pending.latest.index || progress.answered > pending.latest.answered) {
				pending.latest = progress;
			}
			return;
		}
		const timer = setTimeout(() => {
			const p = this.progressTimers.get(pin);
			this.progressTimers.delete(pin);
			if (p) this.io.to(rooms.staff(pin)).emit('question:progress', p.latest);
		}, BATCH_MS);
		this.progressTimers.set(pin, { latest: progress, timer });
	};

	resultsReady: RoomBroadcast['resultsReady'] = (pin, index) => {
		void this.deliverResults(pin, index);
		if (this.clustered) this.io.serverSideEmit('anda:results', pin, index);
	};

	/** Sends each of this process's connected players their own result. */
	async deliverResults(pin: string, index: number): Promise<void> {
		const sockets = await this.io.local.in(rooms.players(pin)).fetchSockets();
		const ids = [...new Set(sockets.map((s) => s.data.playerId).filter((x): x is string => !!x))];
		try {
			const results = await this.service.results(pin, index, ids);
			for (const s of sockets) {
				const r = s.data.playerId ? results.get(s.data.playerId) : undefined;
				if (r) s.emit('player:result', r);
			}
		} catch (e) {
			console.error('[broadcast] results', e);
		}
	}

	kicked: RoomBroadcast['kicked'] = (pin, playerId) => {
		const room = rooms.player(pin, playerId);
		this.io.to(room).emit('player:kicked');
		this.io.in(room).disconnectSockets(true);
	};

	/**
	 * Drops every socket opened with a session (signed out or ended). Through the adapter this
	 * reaches the sockets on every process, with Redis as well as embedded.
	 */
	disconnectSession(sessionId: string): void {
		this.io.in(rooms.session(sessionId)).disconnectSockets(true);
	}

	stateChanged: RoomBroadcast['stateChanged'] = (pin) => {
		this.onChanged(pin);
		if (this.clustered) this.io.serverSideEmit('anda:changed', pin);
	};

	close() {
		for (const b of this.batches.values()) clearTimeout(b.timer);
		for (const p of this.progressTimers.values()) clearTimeout(p.timer);
	}
}
