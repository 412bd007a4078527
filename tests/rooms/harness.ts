// The room service without sockets: the memory live store and the service share a fake clock, a
// recording broadcast keeps every frame the transport would have sent, and records go to a real
// SQLite file. A session clock driven by that fake clock fires deadlines when time is advanced.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { quizSchema, type Quiz } from '../../src/lib/domain/question';
import type { AnswerProgress, PlayerSummary, RoomView } from '../../src/lib/protocol';
import { SessionClock } from '../../src/lib/server/kernel/session-clock';
import { MemoryLiveStore, type MemoryStoreOptions } from '../../src/lib/server/live/memory';
import type { RankedResult } from '../../src/lib/server/live/port';
import { KyselyRecordStore } from '../../src/lib/server/records/kysely-store';
import { openDatabase } from '../../src/lib/server/records/open';
import type { RoomBroadcast } from '../../src/lib/server/rooms/room-broadcast';
import { RoomService, type RoomServiceDeps } from '../../src/lib/server/rooms/room-service';

export type Frame =
	| { type: 'view'; pin: string; view: RoomView }
	| { type: 'joined'; pin: string; player: PlayerSummary; count: number }
	| { type: 'left'; pin: string; playerId: string; count: number }
	| { type: 'progress'; pin: string; progress: AnswerProgress }
	| { type: 'results'; pin: string; index: number }
	| { type: 'kicked'; pin: string; playerId: string }
	| { type: 'changed'; pin: string };

/** Keeps every frame in order; `onChanged` lets a clock follow state changes as the gateway does. */
export class RecordingBroadcast implements RoomBroadcast {
	readonly frames: Frame[] = [];
	onChanged: (pin: string) => void = () => {};
	view = (pin: string, view: RoomView) => void this.frames.push({ type: 'view', pin, view });
	playerJoined = (pin: string, player: PlayerSummary, count: number) =>
		void this.frames.push({ type: 'joined', pin, player, count });
	playerLeft = (pin: string, playerId: string, count: number) =>
		void this.frames.push({ type: 'left', pin, playerId, count });
	progress = (pin: string, progress: AnswerProgress) =>
		void this.frames.push({ type: 'progress', pin, progress });
	/** Results handed over with a reveal by the process that scored it, by `pin:index`. */
	readonly handed = new Map<string, readonly RankedResult[]>();
	/** Recorded as the view, then the players' results it carries. */
	revealed = (pin: string, view: RoomView, results?: readonly RankedResult[]) => {
		this.frames.push({ type: 'view', pin, view });
		this.frames.push({ type: 'results', pin, index: view.index });
		if (results) this.handed.set(`${pin}:${view.index}`, results);
	};
	kicked = (pin: string, playerId: string) =>
		void this.frames.push({ type: 'kicked', pin, playerId });
	stateChanged = (pin: string) => {
		this.frames.push({ type: 'changed', pin });
		this.onChanged(pin);
	};
	/** The player sockets a test says this process holds, by room. */
	held = new Map<string, Map<string, number>>();
	localPlayers = async () => this.held;

	of<T extends Frame['type']>(type: T): Extract<Frame, { type: T }>[] {
		return this.frames.filter((f): f is Extract<Frame, { type: T }> => f.type === type);
	}
	/** The phases the room's views went through, repeats folded. */
	phases(): string[] {
		const out: string[] = [];
		for (const f of this.of('view')) if (out.at(-1) !== f.view.phase) out.push(f.view.phase);
		return out;
	}
}

export const demoQuiz: Quiz = quizSchema.parse({
	id: 'svc-demo',
	title: '服务测试',
	settings: { scoring: 'speed', timeLimit: 20, points: 1000 },
	questions: [
		{ type: 'single', stem: '火警电话是多少？', options: ['110', '119', '120'], answer: 'B' },
		{ type: 'truefalse', stem: '电梯可以用于火灾逃生。', answer: false, timeLimit: 10 }
	]
});

export const T0 = 1_800_000_000_000;

export interface Harness {
	service: RoomService;
	live: MemoryLiveStore;
	records: KyselyRecordStore;
	broadcast: RecordingBroadcast;
	clock: SessionClock;
	now(): number;
	/** Moves the fake clock on, firing due timers. */
	advance(ms: number): Promise<void>;
	dispose(): Promise<void>;
}

/** Fake timers drive both `Date.now`-free service time and the clock's setTimeout. */
export async function roomHarness(
	extra: Partial<RoomServiceDeps> = {},
	liveOptions: MemoryStoreOptions = {}
): Promise<Harness> {
	vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
	let now = T0;
	const dir = mkdtempSync(join(tmpdir(), 'anda-rooms-'));
	const database = await openDatabase({ sqlitePath: join(dir, 'anda.sqlite') });
	const records = new KyselyRecordStore(database.db, database.kind);
	const live = new MemoryLiveStore(() => now, { retainEndedMs: 0, ...liveOptions });
	const broadcast = new RecordingBroadcast();
	const service = new RoomService({ live, records, now: () => now, broadcast, ...extra });
	const clock = new SessionClock('test-clock', service.clockTarget(), () => now, {
		leaseMs: 60_000
	});
	broadcast.onChanged = (pin) => void clock.changed(pin);
	return {
		service,
		live,
		records,
		broadcast,
		clock,
		now: () => now,
		async advance(ms) {
			now += ms;
			await vi.advanceTimersByTimeAsync(ms);
			// Let the fired timers' store calls and the answer checks (setImmediate) settle.
			for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
		},
		async dispose() {
			await clock.stop();
			service.close();
			vi.useRealTimers();
			await records.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Lets pending setImmediate work (the per-turn answer check) run. */
export async function settle(): Promise<void> {
	for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
}
