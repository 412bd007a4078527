// The quiz room as a service: the pure domain applied to state held in the live store, with what to
// send handed to the transport. Knows nothing of sockets; any process can run any command. Each
// part has one reason to change; this file only wires them together.
import type { Quiz } from '../../domain/question';
import type { RoomView } from '../../protocol';
import type { ClockTarget } from '../kernel/session-clock';
import { SessionError } from '../kernel/session-error';
import { RoomAccess } from './room-access';
import { RoomAnswers } from './room-answers';
import { RoomArchive } from './room-archive';
import { RoomContext, type RoomServiceDeps } from './room-context';
import { RoomOpening, type RoomOwner } from './room-opening';
import { RoomPlayers } from './room-players';
import { RoomTransitions } from './room-transitions';
import { RoomViews } from './room-views';
import { log } from '../log';

export type { RoomBroadcast } from './room-broadcast';
export type { RoomServiceDeps } from './room-context';
export type { HostCredential } from './room-access';
export type { RoomOwner } from './room-opening';

/** How often the clock holder renews this process's presence and reaps dead processes'. */
const UPKEEP_MS = 1000;
/** A process missing this long is dead: its players' sockets no longer count as online. */
const PRESENCE_TTL_MS = 3000;

export class RoomService {
	readonly opening: RoomOpening;
	readonly players: RoomPlayers;
	readonly answers: RoomAnswers;
	readonly access: RoomAccess;
	readonly transitions: RoomTransitions;
	readonly archive: RoomArchive;
	readonly views: RoomViews;

	private readonly ctx: RoomContext;

	constructor(deps: RoomServiceDeps) {
		const ctx = (this.ctx = new RoomContext(deps));
		this.opening = new RoomOpening(ctx);
		this.players = new RoomPlayers(ctx);
		this.access = new RoomAccess(ctx);
		this.views = new RoomViews(ctx);
		this.archive = new RoomArchive(ctx);
		this.transitions = new RoomTransitions(ctx, this.views, this.archive);
		this.answers = new RoomAnswers(ctx, this.transitions);
	}

	createRoom(quiz: Quiz): Promise<{ pin: string; hostSecret: string }> {
		return this.opening.createRoom(quiz);
	}

	createOwnedRoom(quiz: Quiz, owner: RoomOwner): Promise<{ pin: string }> {
		return this.opening.createOwnedRoom(quiz, owner);
	}

	view(pin: string): Promise<RoomView> {
		return this.views.view(pin);
	}

	/** How the generic session clock drives rooms: the live store's leases, the domain's timers. */
	clockTarget(): ClockTarget {
		const live = this.ctx.live;
		let lastUpkeep = 0;
		return {
			lapsedIds: (limit) => live.lapsedLeases(limit),
			acquireLease: (pin, owner, ttl) => live.acquireLease(pin, owner, ttl),
			renewLeases: (owner, pins, ttl) => live.renewLeases(owner, pins, ttl),
			releaseLease: (pin, owner) => live.releaseLease(pin, owner),
			maintain: async (held) => {
				// This process is alive; the rooms it drives lose the sockets of processes that died.
				const now = this.ctx.now();
				if (now - lastUpkeep < UPKEEP_MS) return;
				lastUpkeep = now;
				await live.heartbeat(PRESENCE_TTL_MS);
				for (const pin of held) {
					if ((await live.reapPresence(pin)) > 0) this.answers.recheck(pin);
				}
			},
			nextJob: (pin) => this.transitions.nextJob(pin),
			classify: (e) =>
				e instanceof SessionError ? (e.code === 'STALE' ? 'stale' : 'refused') : 'fault',
			report: (e, where) => log.error({ err: e, where }, 'room clock')
		};
	}

	close(): void {
		this.answers.close();
	}
}
