// What every part of the room service shares: its dependencies and the per-process cache of what
// never changes in a room (its quiz and owning organisation).
import type { Quiz } from '../../domain/question';
import type { RoomState } from '../../domain/room';
import type { LiveStore } from '../live/port';
import type { RecordStore } from '../records/port';
import type { RoomBroadcast } from './room-broadcast';
import { RoomError } from './errors';

export interface RoomServiceDeps {
	live: LiveStore;
	records: RecordStore;
	now: () => number;
	broadcast: RoomBroadcast;
	/** Whether a user is a member of an organisation; without it, nobody is. */
	isMember?: (orgId: string, userId: string) => Promise<boolean>;
	/** Host accounts, for naming co-hosts; without it, nobody can be found. */
	users?: UserDirectory;
	/** An organisation's department names (teams of a quiz that uses them); absent: none. */
	departments?: (orgId: string) => Promise<string[]>;
	/** The organisation's roster: who an employee number is, and its units' sizes; absent: none. */
	roster?: RosterDirectory;
	/** New players one client address may add to one room; 0 or absent: no cap. */
	joinsPerAddress?: number;
}

/** The little the room needs to know of an organisation's roster (employee number → unit). */
export interface RosterDirectory {
	find(orgId: string, employeeNo: string): Promise<{ name: string; unit: string } | null>;
	units(orgId: string): Promise<{ name: string; headcount: number }[]>;
}

/** The little the room needs to know of host accounts. */
export interface UserDirectory {
	byEmail(email: string): Promise<{ id: string; displayName: string } | null>;
	byId(id: string): Promise<{ id: string; displayName: string } | null>;
}

export interface FixedRoom {
	quiz: Quiz;
	orgId: string | null;
}

/** Rooms whose quiz this process keeps at hand; the oldest is forgotten beyond this. */
const FIXED_CACHE = 5000;

export class RoomContext {
	private fixed = new Map<string, FixedRoom>();
	constructor(readonly deps: RoomServiceDeps) {}

	get live(): LiveStore {
		return this.deps.live;
	}
	get broadcast(): RoomBroadcast {
		return this.deps.broadcast;
	}
	now(): number {
		return this.deps.now();
	}

	remember(pin: string, fixed: FixedRoom): void {
		this.fixed.delete(pin);
		this.fixed.set(pin, fixed);
		// A Map iterates in insertion order: the first key is the longest unrefreshed.
		if (this.fixed.size > FIXED_CACHE) this.fixed.delete(this.fixed.keys().next().value!);
	}

	/** The room is gone (expired): its quiz need not be kept, and its PIN may open another. */
	forget(pin: string): void {
		this.fixed.delete(pin);
	}

	/** The room's quiz and organisation; immutable for the room's life, so cached per process. */
	async fixedOf(pin: string): Promise<FixedRoom> {
		const cached = this.fixed.get(pin);
		if (cached) return cached;
		const room = await this.live.getRoom(pin);
		if (!room) throw new RoomError('ROOM_NOT_FOUND');
		const entry = { quiz: room.quiz, orgId: room.orgId };
		this.remember(pin, entry);
		return entry;
	}

	async quizOf(pin: string): Promise<Quiz> {
		return (await this.fixedOf(pin)).quiz;
	}

	async state(pin: string): Promise<RoomState> {
		const s = await this.live.getState(pin);
		if (!s) throw new RoomError('ROOM_NOT_FOUND');
		return s;
	}
}
