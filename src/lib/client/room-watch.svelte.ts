// What a host panel or a screen knows of a room: the current view, the players (merged from batched
// deltas), the live answer count, the countdown and the work still being finished, kept up to date
// from the socket's events.
import type { AnswerProgress, PlayerSummary, RoomView } from '../protocol';
import { Countdown } from './countdown.svelte';
import { resultsSaved, roomWork, type RoomWork } from './room-status';
import type { AndaClientSocket } from './socket';

export class RoomWatch {
	view = $state<RoomView | null>(null);
	players = $state<PlayerSummary[]>([]);
	progress = $state<AnswerProgress | null>(null);
	playerCount = $state(0);
	readonly countdown = new Countdown();

	/**
	 * `mergePlayers: false` (a host panel, which keeps its own page of players): only the count is
	 * taken from the 'room:players' batches.
	 */
	constructor(private readonly opts: { mergePlayers?: boolean } = {}) {}

	/** Answers counted so far in the open question (0 until the first count arrives). */
	get answered(): number {
		return this.progress && this.view && this.progress.index === this.view.index
			? this.progress.answered
			: 0;
	}

	/** Scores or the finished game's record still being committed (the store is slow or down). */
	get work(): RoomWork | null {
		return roomWork(this.view);
	}

	/** The game has ended and its record is saved: the results page exists. */
	get resultsSaved(): boolean {
		return resultsSaved(this.view);
	}

	applyView = (v: RoomView) => {
		if (!this.view || v.index !== this.view.index) this.progress = null;
		this.view = v;
		this.playerCount = v.playerCount;
		this.countdown.sync(v);
	};

	setPlayers(players: PlayerSummary[]) {
		this.players = players;
	}

	removePlayer(id: string) {
		this.players = this.players.filter((p) => p.id !== id);
	}

	/** Subscribes to the events host panels and screens receive. */
	listen(socket: AndaClientSocket) {
		socket.on('room:view', this.applyView);
		socket.on('question:progress', (p) => (this.progress = p));
		socket.on('room:players', (d) => {
			this.playerCount = d.count;
			if (this.opts.mergePlayers === false) return;
			// A throwaway map to merge the delta; the state is the array assigned below.
			// eslint-disable-next-line svelte/prefer-svelte-reactivity
			const byId = new Map(this.players.map((p) => [p.id, p]));
			for (const id of d.left) byId.delete(id);
			for (const p of d.joined) byId.set(p.id, p);
			this.players = [...byId.values()];
		});
	}

	stop() {
		this.countdown.stop();
	}
}
