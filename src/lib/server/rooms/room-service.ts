// The quiz room as a service: the pure domain applied to state held in the live store, with what to
// send handed to the transport. Knows nothing of sockets; any process can run any command. Each
// part has one reason to change; this file only wires them together.
import type { Quiz } from '../../domain/question';
import type { RoomView } from '../../protocol';
import type { ClockTarget } from '../kernel/session-clock';
import { PROCESS_TTL_MS } from '../live/port';
import { SessionError } from '../kernel/session-error';
import { RoomAccess } from './room-access';
import { RoomAnswers } from './room-answers';
import { RoomArchive } from './room-archive';
import { RoomContext, type RoomServiceDeps } from './room-context';
import { RoomOpening, type RoomOwner } from './room-opening';
import { RoomPlayers } from './room-players';
import { RoomRounds } from './room-rounds';
import { RoomTransitions } from './room-transitions';
import { RoomViews } from './room-views';
import { log } from '../log';

export type { RoomBroadcast } from './room-broadcast';
export type { RoomServiceDeps } from './room-context';
export type { HostCredential } from './room-access';
export type { RoomOwner } from './room-opening';

/** How often the clock holder renews this process's presence and reaps dead processes'. */
const UPKEEP_MS = 1000;
/**
 * A process missing this long is dead: its players' sockets no longer count as online. Long enough
 * that a process stalled by a starved CPU or a long pause is not taken for dead (a question would
 * close on players still answering), short enough that a crash holds a question open only a few
 * seconds; the store's first beat at connection uses the same span (PROCESS_TTL_MS).
 */
const PRESENCE_TTL_MS = PROCESS_TTL_MS;
/** The rooms an upkeep reaps; see the clock target's `maintain`. */
function reapTargets(
	newlyDead: boolean,
	anyDead: boolean,
	held: string[],
	timed: string[],
	reapedTimed: ReadonlySet<string>
): string[] {
	if (newlyDead) return held;
	if (anyDead) return timed;
	return timed.filter((pin) => !reapedTimed.has(pin));
}

/** How often each process frees expired rooms (lobbies nobody used), and how many at once. */
const EXPIRY_SWEEP_MS = 60_000;
const EXPIRY_BATCH = 500;

export class RoomService {
	readonly opening: RoomOpening;
	readonly players: RoomPlayers;
	readonly answers: RoomAnswers;
	readonly access: RoomAccess;
	readonly transitions: RoomTransitions;
	readonly archive: RoomArchive;
	readonly views: RoomViews;
	readonly rounds: RoomRounds;

	private readonly ctx: RoomContext;

	private readonly expirySweepMs: number;

	constructor(deps: RoomServiceDeps & { expirySweepMs?: number }) {
		this.expirySweepMs = deps.expirySweepMs ?? EXPIRY_SWEEP_MS;
		const ctx = (this.ctx = new RoomContext(deps));
		this.opening = new RoomOpening(ctx);
		this.access = new RoomAccess(ctx);
		this.views = new RoomViews(ctx);
		this.players = new RoomPlayers(ctx, this.views);
		this.archive = new RoomArchive(ctx);
		this.transitions = new RoomTransitions(ctx, this.views, this.archive);
		this.answers = new RoomAnswers(ctx, this.transitions);
		this.rounds = new RoomRounds(ctx, this.transitions, this.views);
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

	/** Something is connected to these rooms: those still in their lobby do not expire yet. */
	keepAlive(pins: string[]): Promise<void> {
		return this.ctx.live.touchLobbies(pins);
	}

	/** Frees rooms whose time is up (lobbies idle too long); returns their PINs. */
	async expire(): Promise<string[]> {
		const gone = await this.ctx.live.expireRooms(EXPIRY_BATCH);
		for (const pin of gone) this.ctx.forget(pin);
		if (gone.length > 0) log.info({ rooms: gone.length }, 'rooms expired unused');
		return gone;
	}

	/** How the generic session clock drives rooms: the live store's leases, the domain's timers. */
	clockTarget(): ClockTarget {
		const live = this.ctx.live;
		let lastUpkeep = 0;
		let seenDead = new Set<string>();
		let reapedTimed = new Set<string>();
		let lastExpiry = 0;
		let expiring = false;
		return {
			lapsedIds: (limit) => live.lapsedLeases(limit),
			acquireLease: (pin, owner, ttl) => live.acquireLease(pin, owner, ttl),
			renewLeases: (owner, pins, ttl) => live.renewLeases(owner, pins, ttl),
			releaseLease: (pin, owner) => live.releaseLease(pin, owner),
			maintain: async (timed, held) => {
				const now = this.ctx.now();
				// Beside the sweep, not in it: freeing a batch of rooms must not delay lease renewal.
				if (!expiring && now - lastExpiry >= this.expirySweepMs) {
					lastExpiry = now;
					expiring = true;
					void this.expire()
						.catch((e: unknown) => log.error({ err: e }, 'room expiry'))
						.finally(() => (expiring = false));
				}
				// This process is alive; the rooms it drives with a timer set (where who is online
				// decides when a question closes) lose the sockets of processes that died. When a
				// process is newly seen dead, every room this one drives is reaped once, so that a
				// host looking at a reveal or a lobby sees the right count too.
				if (now - lastUpkeep < UPKEEP_MS) return;
				lastUpkeep = now;
				if (!(await live.heartbeat(PRESENCE_TTL_MS))) await this.restorePresence();
				const dead = await live.deadProcesses(PRESENCE_TTL_MS);
				const newlyDead = dead.some((p) => !seenDead.has(p));
				seenDead = new Set(dead);
				// While a process is listed dead, rooms with a timer are reaped each time (some may
				// have been taken over from it since the pass over every held room). Otherwise a room
				// is reaped once as its timer is set — a process that died long ago may still hold
				// sockets in a lobby nobody drove — and then not again: nobody else died.
				const targets = reapTargets(newlyDead, dead.length > 0, held, timed, reapedTimed);
				reapedTimed = new Set(timed);
				for (const pin of targets) {
					const gone = await live.reapPresence(pin);
					if (gone.length === 0) continue;
					// Hosts see them go offline as if their sockets had closed.
					const count = await live.playerCount(pin);
					for (const id of gone) this.ctx.broadcast.playerLeft(pin, id, count);
					this.answers.recheck(pin);
				}
			},
			nextJob: (pin) => this.transitions.nextJob(pin),
			classify: (e) =>
				e instanceof SessionError ? (e.code === 'STALE' ? 'stale' : 'refused') : 'fault',
			report: (e, where) => log.error({ err: e, where }, 'room clock')
		};
	}

	/**
	 * This process was stalled past its heartbeat (CPU starved, a long pause) and may have been
	 * taken for dead: survivors then took its sockets off the rooms' presence, and without this its
	 * players would count offline until they reconnect (a question would wait for its deadline).
	 */
	private async restorePresence(): Promise<void> {
		const local = await this.ctx.broadcast.localPlayers();
		if (!local || local.size === 0) return;
		log.warn({ rooms: local.size }, 'room presence restored after a missed heartbeat');
		for (const [pin, held] of local) {
			await this.ctx.live.restorePresence(pin, held);
			this.answers.recheck(pin);
		}
	}

	close(): void {
		this.answers.close();
		this.rounds.close();
	}
}
