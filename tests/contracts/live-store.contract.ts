// The live store contract: numbered rules every live store (memory, Redis, any next one) must keep,
// so that the embedded and the production adapter behave the same. Rooms use random 6-digit PINs
// and are deleted after each rule. A new implementation gets the whole suite with one call of
// `registerLiveStoreContract(target)`.
import { expect, it, afterEach } from 'vitest';
import type { AnswerInput } from '../../src/lib/domain/answer';
import { nicknameKey } from '../../src/lib/domain/nickname';
import { quizSchema, type Quiz } from '../../src/lib/domain/question';
import {
	answerWindow,
	applyCommand,
	createRoomState,
	elapsedMs,
	type RoomCommand,
	type RoomState
} from '../../src/lib/domain/room';
import {
	compareStandings,
	questionLimitSec,
	scoreQuestion,
	type PlayerStanding
} from '../../src/lib/domain/round-scoring';
import type {
	LiveStore,
	PlayerRecord,
	RankedResult,
	ScoredQuestion
} from '../../src/lib/server/live/port';
import { SCAN_START } from '../../src/lib/server/live/port';
import { ranked as rankedByRule, rankTable } from '../../src/lib/domain/ranking';
import { scoreEntries } from '../../src/lib/server/live/score-chunks';
import { RANKING_CASES } from '../support/ranking-cases';
import { contractSuite, type ContractTarget } from './harness';

/**
 * The answer window's edges, each with how to reach it from a room whose question 0 opened at
 * `openedAt` (20 s limit), and what the domain's answerWindow says there.
 */
const WINDOW_EDGES: {
	name: string;
	/** Commands (at offsets from openedAt) before the answer; the answer's own offset and index. */
	before: [RoomCommand, number][];
	at: (s: RoomState) => number;
	index?: number;
	expected: 'stored' | 'TIME_UP' | 'PAUSED' | 'WRONG_QUESTION' | 'NO_QUESTION';
}[] = [
	{ name: 'the moment it opens', before: [], at: (s) => s.openedAt, expected: 'stored' },
	{ name: 'exactly at the deadline', before: [], at: (s) => s.deadline, expected: 'stored' },
	{ name: '1 ms after the deadline', before: [], at: (s) => s.deadline + 1, expected: 'TIME_UP' },
	{
		name: 'during a pause',
		before: [[{ type: 'pause' }, 2000]],
		at: (s) => s.openedAt + 3000,
		expected: 'PAUSED'
	},
	{
		name: 'exactly at the deadline moved by a 3 s pause',
		before: [
			[{ type: 'pause' }, 2000],
			[{ type: 'resume' }, 5000]
		],
		at: (s) => s.deadline,
		expected: 'stored'
	},
	{
		name: '1 ms after the moved deadline',
		before: [
			[{ type: 'pause' }, 2000],
			[{ type: 'resume' }, 5000]
		],
		at: (s) => s.deadline + 1,
		expected: 'TIME_UP'
	},
	{
		name: 'exactly at a deadline extended by +10 s',
		before: [[{ type: 'addTime', seconds: 10 }, 1000]],
		at: (s) => s.deadline,
		expected: 'stored'
	},
	{
		name: 'for another question',
		before: [],
		at: (s) => s.openedAt + 10,
		index: 1,
		expected: 'WRONG_QUESTION'
	},
	{
		name: 'after the question closed',
		before: [[{ type: 'next' }, 4000]],
		at: (s) => s.openedAt + 4500,
		expected: 'NO_QUESTION'
	}
];

export interface OpenedLiveStore {
	store: LiveStore;
	/** Lets `ms` pass for the store's own clock (leases): a fake clock, or a real wait. */
	elapse(ms: number): Promise<void>;
	/**
	 * A second process on the same backend (Redis): its own store, which `crash` abandons without
	 * a goodbye. Absent where one process holds everything (memory).
	 */
	peer?(): Promise<{ store: LiveStore; processId: string; crash(): Promise<void> }>;
	/** Rule 14, which each implementation proves its own way (key expiry, retention timer). */
	proveRoomsExpire(fixture: LiveFixture): Promise<void>;
	/**
	 * A second store on the same backend whose lobbies expire after `lobbyIdleMs` (rule 18), with
	 * its own way of letting time pass.
	 */
	withLobbyIdle(lobbyIdleMs: number): Promise<{
		store: LiveStore;
		elapse(ms: number): Promise<void>;
		dispose(): Promise<void>;
	}>;
	/** A second store on the same backend committing scores `scoreChunk` players per call (9b). */
	withScoreChunk(scoreChunk: number): Promise<{ store: LiveStore; dispose(): Promise<void> }>;
	dispose(): Promise<void>;
}

/** The helpers rule 14 gets, bound to the store under test. */
export interface LiveFixture {
	store: () => LiveStore;
	roomWithQuestion(n?: number, active?: boolean): Promise<RoomState>;
	command(pin: string, cmd: RoomCommand, now: number): Promise<RoomState>;
}

export type LiveStoreTarget = ContractTarget<OpenedLiveStore>;

// ---- fixtures -------------------------------------------------------------------------------

// Room times are synthetic (answers carry their own receivedAt) but lie an hour ahead of the real
// clock, so that no room clock sharing this Redis sees a deadline in the past.
export const T0 = Math.floor(Date.now() / 1000) * 1000 + 3_600_000;

/** The control fields of a quick room (a host secret's hash, no owner). */
export function quick(hostSecretHash: string) {
	return {
		hostSecretHash,
		ownerUserId: null,
		orgId: null,
		coHostIds: [] as string[],
		screenToken: null
	};
}

export const quiz: Quiz = quizSchema.parse({
	id: 'fire-safety',
	title: '消防安全知识',
	settings: { scoring: 'speed', timeLimit: 20, points: 1000 },
	questions: [
		{ type: 'single', stem: '火警电话是多少？', options: ['110', '119', '120'], answer: 'B' },
		{ type: 'truefalse', stem: '电梯可以用于火灾逃生。', answer: false, timeLimit: 10 },
		{ type: 'fillin', stem: '火警电话：___', answer: ['119'] },
		{ type: 'poll', stem: 'How safe do you feel?', options: ['Very', 'Somewhat', 'Not'] }
	]
});

const limitOf = (i: number) => questionLimitSec(quiz.questions[i]!, quiz.settings);

function randomPin(): string {
	return String(100_000 + Math.floor(Math.random() * 900_000));
}

export function lobbyState(pin: string, now = T0): RoomState {
	return createRoomState({
		pin,
		quizId: quiz.id,
		title: quiz.title,
		settings: quiz.settings,
		questionCount: quiz.questions.length,
		now
	});
}

/** Applies a command to a state that must accept it. */
function step(state: RoomState, cmd: RoomCommand, now: number): RoomState {
	const t = applyCommand(state, cmd, now, limitOf);
	if (!t.ok) throw new Error(`${cmd.type} refused: ${t.code}`);
	return t.state;
}

function playerRecord(id: string, nickname: string, joinedAt: number): PlayerRecord {
	return {
		id,
		nickname,
		joinedAt,
		kicked: false,
		score: 0,
		streak: 0,
		correctCount: 0,
		totalTimeMs: 0
	};
}

export const standing = (
	id: string,
	score: number,
	totalTimeMs: number,
	streak = 0,
	correctCount = 0
): PlayerStanding => ({ id, score, totalTimeMs, streak, correctCount });

export function ranked(
	playerId: string,
	points: number,
	score: number,
	rank: number
): RankedResult {
	return {
		playerId,
		answered: true,
		correct: points > 0,
		points,
		bonus: 0,
		streak: points > 0 ? 1 : 0,
		score,
		elapsedMs: 1000,
		rank
	};
}

export function scored(index: number, limitMs = 20_000): ScoredQuestion {
	return { index, limitMs, distribution: { counts: [0, 1, 0], answered: 1, correct: 1 } };
}

// ---- the contract -----------------------------------------------------------------------------

export function registerLiveStoreContract(target: LiveStoreTarget): void {
	contractSuite('live store', target, { lifetime: 'suite' }, (current) => {
		let pins: string[] = [];
		/** Set while a rule runs its steps on another store of the same backend (withScoreChunk). */
		let elsewhere: LiveStore | null = null;
		const store = () => elsewhere ?? current().store;

		afterEach(async () => {
			for (const pin of pins) await store().deleteRoom(pin);
			pins = [];
		});

		/**
		 * Creates a room in the lobby under a fresh random PIN. Unless `active` is asked for, the room is
		 * marked inactive at once: a server or test process sharing this Redis runs a room clock that
		 * sweeps the active rooms, takes their leases and closes their questions.
		 */
		async function newRoom({ active = false } = {}): Promise<RoomState> {
			for (;;) {
				const pin = randomPin();
				if (pins.includes(pin)) continue;
				const state = lobbyState(pin);
				if (await store().createRoom({ state, quiz, ...quick(`hash-${pin}`) })) {
					pins.push(pin);
					if (!active) await store().markInactive(pin);
					return state;
				}
			}
		}

		/** Applies a command to the stored state by compare-and-set; returns the new state. */
		async function command(pin: string, cmd: RoomCommand, now: number): Promise<RoomState> {
			const state = (await store().getState(pin))!;
			const next = step(state, cmd, now);
			expect(await store().casState(pin, state.version, next)).toBe(true);
			return next;
		}

		async function join(pin: string, id: string, nickname = id, joinedAt = T0): Promise<void> {
			const outcome = await store().addPlayer(
				pin,
				playerRecord(id, nickname, joinedAt),
				nicknameKey(nickname),
				`token-${id}`
			);
			expect(outcome.outcome).toBe('ok');
		}

		/** A room with players p1…pn (joined in order) and question 0 open at T0 + 1000. */
		async function roomWithQuestion(n = 3, active = false): Promise<RoomState> {
			const { pin } = await newRoom({ active });
			for (let i = 1; i <= n; i++) await join(pin, `p${i}`, `Player ${i}`, T0 + i);
			return command(pin, { type: 'start' }, T0 + 1000);
		}

		// 1. createRoom is create-if-absent: a second room under the same PIN is refused and the first
		//    is kept; getRoom and getState return what was stored; unknown PINs give null.
		it('1 · createRoom is NX and round-trips the room', async () => {
			const state = await newRoom();
			const pin = state.pin;
			expect(await store().getRoom(pin)).toEqual({ state, quiz, ...quick(`hash-${pin}`) });
			const other = { ...lobbyState(pin, T0 + 99), title: 'Other' };
			expect(await store().createRoom({ state: other, quiz, ...quick('x') })).toBe(false);
			expect(await store().getState(pin)).toEqual(state);
			expect((await store().getRoom(pin))!.hostSecretHash).toBe(`hash-${pin}`);
			const unknown = `${randomPin()}x`; // no real room has a letter in its PIN
			expect(await store().getRoom(unknown)).toBeNull();
			expect(await store().getState(unknown)).toBeNull();
		});

		// 2. casState replaces the state only while its version is still the expected one.
		it('2 · casState checks the version', async () => {
			const lobby = await newRoom();
			const started = step(lobby, { type: 'start' }, T0 + 1000);
			expect(await store().casState(lobby.pin, 0, started)).toBe(true);
			expect(await store().getState(lobby.pin)).toEqual(started);
			// A second writer that read version 0 loses.
			const locked = step(lobby, { type: 'lock' }, T0 + 1000);
			expect(await store().casState(lobby.pin, 0, locked)).toBe(false);
			expect(await store().getState(lobby.pin)).toEqual(started);
			// The next change must expect version 1.
			const paused = step(started, { type: 'pause' }, T0 + 2000);
			expect(await store().casState(lobby.pin, 2, paused)).toBe(false);
			expect(await store().casState(lobby.pin, 1, paused)).toBe(true);
			expect((await store().getState(lobby.pin))!.version).toBe(2);
			expect(await store().casState(randomPin() + 'x', 0, paused)).toBe(false);
		});

		// 3. addPlayer reserves the nickname key atomically: a second player under the same key is
		//    refused; players are found by token and id, listed in join order and counted.
		it('3 · addPlayer keeps nickname keys unique; playerByToken finds the player', async () => {
			const { pin } = await newRoom();
			const alice = playerRecord('a1', 'Alice', T0 + 1);
			// Each call also tells the room's count of players once it is done.
			expect(await store().addPlayer(pin, alice, 'alice', 'tok-a')).toEqual({
				outcome: 'ok',
				count: 1
			});
			expect(
				await store().addPlayer(pin, playerRecord('a2', 'ALICE', T0 + 2), 'alice', 'tok-b')
			).toEqual({ outcome: 'NICKNAME_TAKEN', count: 1 });
			expect(
				await store().addPlayer(pin, playerRecord('b1', 'Bob', T0 + 3), 'bob', 'tok-c')
			).toEqual({ outcome: 'ok', count: 2 });
			expect(
				await store().addPlayer(randomPin() + 'x', playerRecord('z', 'Zed', T0), 'zed', 'tok-z')
			).toEqual({ outcome: 'ROOM_NOT_FOUND', count: 0 });

			expect(await store().playerByToken(pin, 'tok-a')).toEqual(alice);
			expect(await store().playerByToken(pin, 'tok-b')).toBeNull(); // the refused player's token
			expect(await store().playerByToken(pin, 'nope')).toBeNull();
			expect(await store().getPlayer(pin, 'a1')).toEqual(alice);
			expect(await store().getPlayer(pin, 'a2')).toBeNull();
			expect((await store().listPlayers(pin)).map((p) => [p.id, p.nickname])).toEqual([
				['a1', 'Alice'],
				['b1', 'Bob']
			]);
			expect(await store().playerCount(pin)).toBe(2);
			// A player added after a full listing is in the next one, whole (a store may keep
			// what it listed before: identities never change).
			const cy = playerRecord('c1', 'Cy', T0 + 4);
			expect((await store().addPlayer(pin, cy, 'cy', 'tok-d')).outcome).toBe('ok');
			expect(await store().listPlayers(pin)).toEqual([
				alice,
				playerRecord('b1', 'Bob', T0 + 3),
				cy
			]);
		});

		// 3c. addPlayer judges the room's state in the same step: a locked room, a started one
		//     without late joins and an ended one refuse (nothing stored, the count told), so no
		//     join read the state before a lock and lands after it; unlocking takes joins again.
		it('3c · addPlayer refuses what the room does not take, in the step that adds', async () => {
			const lobby = await newRoom();
			const { pin } = lobby;
			expect((await store().addPlayer(pin, playerRecord('a', 'A', T0), 'a', 'tok-a')).outcome).toBe(
				'ok'
			);
			const setState = async (cmd: RoomCommand) => {
				const st = (await store().getState(pin))!;
				expect(await store().casState(pin, st.version, step(st, cmd, T0 + 100))).toBe(true);
			};
			const tryJoin = (id: string) =>
				store().addPlayer(pin, playerRecord(id, id, T0 + 200), id, `tok-${id}`);

			await setState({ type: 'lock' });
			expect(await tryJoin('b')).toEqual({ outcome: 'ROOM_LOCKED', count: 1 });
			// Several in one turn (one batch with Redis) are each refused.
			expect((await Promise.all(['c', 'd'].map(tryJoin))).map((o) => o.outcome)).toEqual([
				'ROOM_LOCKED',
				'ROOM_LOCKED'
			]);
			await setState({ type: 'unlock' });
			await setState({ type: 'start' });
			// Started: late joins are on by default.
			expect(await tryJoin('e')).toEqual({ outcome: 'ok', count: 2 });
			await setState({ type: 'lateJoin', allow: false });
			expect(await tryJoin('f')).toEqual({ outcome: 'GAME_STARTED', count: 2 });
			await setState({ type: 'end' });
			expect(await tryJoin('g')).toEqual({ outcome: 'ROOM_ENDED', count: 2 });

			// The refused players are stored nowhere: not by id, not by token, not under their name.
			for (const id of ['b', 'c', 'd', 'f', 'g']) {
				expect(await store().getPlayer(pin, id)).toBeNull();
				expect(await store().playerByToken(pin, `tok-${id}`)).toBeNull();
			}
			expect((await store().listPlayers(pin)).map((p) => p.id)).toEqual(['a', 'e']);
			expect(await store().playerCount(pin)).toBe(2);
		});

		// 3b. Joins and presence changes made together (a join storm: many in one turn, with Redis
		//     sent in one call) are each judged as if alone: exactly one player per nickname key
		//     whichever way the race goes, the refused ones stored nowhere, every join per source
		//     counted against its cap, the room on as many players online as hold a socket, and a
		//     join to a room that is not there refused.
		it('3b · concurrent joins and presence changes each count once', async () => {
			const { pin } = await newRoom();
			const names = Array.from({ length: 150 }, (_, i) => `n${i}`);
			// Every name twice (150 pairs racing for 150 keys), and 10 joins from a source capped at 4.
			const joins: { id: string; key: string; source?: string }[] = [
				...names.flatMap((n) => [`${n}-x`, `${n}-y`].map((id) => ({ id, key: n }))),
				...Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, key: `s${i}`, source: 'S' }))
			];
			const added = await Promise.all(
				joins.map((j) =>
					store().addPlayer(
						pin,
						playerRecord(j.id, j.id, T0 + 1),
						j.key,
						`tok-${j.id}`,
						j.source ? { key: j.source, cap: 4 } : undefined
					)
				)
			);
			const outcomes = added.map((a) => a.outcome);
			const ok = joins.filter((_, i) => outcomes[i] === 'ok').map((j) => j.id);
			// The count a join is told holds at least itself, and the last one told holds everyone.
			expect(added.every((a) => a.count >= 1 && a.count <= 154)).toBe(true);
			expect(Math.max(...added.map((a) => a.count))).toBe(154);
			for (const n of names) {
				const mine = [`${n}-x`, `${n}-y`].map(
					(id) => outcomes[joins.findIndex((j) => j.id === id)]
				);
				expect(mine.sort()).toEqual(['NICKNAME_TAKEN', 'ok']);
			}
			expect(outcomes.filter((o) => o === 'TOO_MANY_JOINS')).toHaveLength(6);
			expect(ok).toHaveLength(154);
			expect(await store().playerCount(pin)).toBe(154);
			expect((await store().listPlayers(pin)).map((p) => p.id).sort()).toEqual([...ok].sort());
			for (const j of joins.filter((_, i) => outcomes[i] !== 'ok')) {
				expect(await store().playerByToken(pin, `tok-${j.id}`)).toBeNull();
			}

			// All of them online at once, then a second tab for the first ten and a socket closed for
			// the first twenty: each player counts once (the first ten keep a tab, the next ten go),
			// and every change is told a count after it.
			const up = await Promise.all(ok.map((id) => store().setOnline(pin, id, 1)));
			expect(Math.max(...up)).toBe(154);
			expect(up.every((n) => n >= 1 && n <= 154)).toBe(true);
			await Promise.all([
				...ok.slice(0, 10).map((id) => store().setOnline(pin, id, 1)),
				...ok.slice(0, 20).map((id) => store().setOnline(pin, id, -1))
			]);
			expect(await store().onlineCount(pin)).toBe(144);
			expect((await store().onlineIds(pin)).sort()).toEqual(
				[...ok.slice(0, 10), ...ok.slice(20)].sort()
			);

			expect(
				await Promise.all(
					['z1', 'z2'].map((id) =>
						store().addPlayer(`${randomPin()}x`, playerRecord(id, id, T0), id, `tok-${id}`)
					)
				)
			).toEqual([
				{ outcome: 'ROOM_NOT_FOUND', count: 0 },
				{ outcome: 'ROOM_NOT_FOUND', count: 0 }
			]);
		});

		// 4. kickPlayer marks a player kicked once: their answers are refused with KICKED, they leave
		//    the leaderboard and the player count, their nickname stays reserved; kicking again, or
		//    kicking an unknown player, returns false.
		it('4 · kick excludes the player but keeps the nickname reserved', async () => {
			const state = await roomWithQuestion(3);
			const pin = state.pin;
			expect(await store().kickPlayer(pin, 'p2')).toBe(true);
			expect(await store().kickPlayer(pin, 'p2')).toBe(false);
			expect(await store().kickPlayer(pin, 'ghost')).toBe(false);

			expect(await store().getPlayer(pin, 'p2')).toMatchObject({ id: 'p2', kicked: true });
			expect((await store().playerByToken(pin, 'token-p2'))!.kicked).toBe(true);
			expect(await store().playerCount(pin)).toBe(2);
			expect((await store().listPlayers(pin)).map((p) => [p.id, p.kicked])).toEqual([
				['p1', false],
				['p2', true],
				['p3', false]
			]);
			expect((await store().leaderboard(pin, 10)).map((p) => p.id)).not.toContain('p2');
			expect(await store().rankOf(pin, 'p2')).toBeNull();
			expect((await store().listKicked(pin)).map((p) => [p.id, p.kicked])).toEqual([['p2', true]]);
			expect(await store().listKicked(`${randomPin()}x`)).toEqual([]);
			// The count told leaves the kicked player out, as playerCount does.
			expect(
				await store().addPlayer(pin, playerRecord('p9', 'PLAYER 2', T0 + 9), 'player 2', 'tok-9')
			).toEqual({ outcome: 'NICKNAME_TAKEN', count: 2 });
			expect(await store().submitAnswer(pin, 0, 'p2', { choices: [1] }, T0 + 2000)).toEqual({
				status: 'refused',
				code: 'KICKED'
			});
			expect(await store().answerCount(pin, 0)).toBe(0);

			// Standings committed for a kicked player do not bring them back to the leaderboard.
			expect(
				await store().commitScores(
					pin,
					scored(0),
					[ranked('p1', 900, 900, 1)],
					[standing('p1', 900, 1000), standing('p2', 5000, 1000), standing('p3', 0, 0)]
				)
			).toBe(true);
			expect((await store().leaderboard(pin, 10)).map((p) => p.id)).toEqual(['p1', 'p3']);
			expect(await store().playerCount(pin)).toBe(2);
		});

		// 5. setOnline counts players, not sockets: two sockets of one player count once, and a player
		//    whose last socket closes is no longer online.
		it('5 · setOnline counts each player once', async () => {
			const { pin } = await newRoom();
			await join(pin, 'p1');
			await join(pin, 'p2');
			expect(await store().setOnline(pin, 'p1', 1)).toBe(1);
			expect(await store().setOnline(pin, 'p1', 1)).toBe(1); // second tab
			expect(await store().setOnline(pin, 'p2', 1)).toBe(2);
			expect(await store().onlineCount(pin)).toBe(2);
			expect((await store().onlineIds(pin)).sort()).toEqual(['p1', 'p2']);
			expect(await store().setOnline(pin, 'p1', -1)).toBe(2); // one tab still open
			expect(await store().setOnline(pin, 'p1', -1)).toBe(1);
			expect(await store().onlineIds(pin)).toEqual(['p2']);
			expect(await store().setOnline(pin, 'p1', -1)).toBe(1); // never below zero
			expect(await store().setOnline(pin, 'p2', -1)).toBe(0);
			expect(await store().onlineCount(pin)).toBe(0);
			expect(await store().onlineIds(pin)).toEqual([]);
			expect(await store().setOnline(pin, 'p1', 1)).toBe(1); // and back
		});

		// 5b. listPlayersPage reads the players newest first (joinedAt, then id, descending), kicked
		//     ones left out: consecutive pages cover everyone exactly once, past the end is empty, and
		//     each record is the stored one. onlineOf tells, in order, who has a socket open.
		it('5b · listPlayersPage pages newest first; onlineOf', async () => {
			const { pin } = await newRoom();
			// Joined out of time order, two at the same moment: the page order is the store's, not
			// the order of the calls.
			await join(pin, 'p3', 'Player 3', T0 + 3);
			await join(pin, 'p1', 'Player 1', T0 + 1);
			await join(pin, 'p2b', 'Player 2b', T0 + 2);
			await join(pin, 'p2a', 'Player 2a', T0 + 2);
			for (let i = 4; i <= 8; i++) await join(pin, `p${i}`, `Player ${i}`, T0 + i);
			expect(await store().kickPlayer(pin, 'p5')).toBe(true);

			const newestFirst = ['p8', 'p7', 'p6', 'p4', 'p3', 'p2b', 'p2a', 'p1'];
			const pages: string[][] = [];
			for (let offset = 0; offset < 12; offset += 3) {
				pages.push((await store().listPlayersPage(pin, offset, 3)).map((p) => p.id));
			}
			expect(pages).toEqual([['p8', 'p7', 'p6'], ['p4', 'p3', 'p2b'], ['p2a', 'p1'], []]);
			expect(pages.flat()).toEqual(newestFirst);
			expect((await store().listPlayersPage(pin, 0, 100)).map((p) => p.id)).toEqual(newestFirst);
			expect(await store().listPlayersPage(pin, 0, 0)).toEqual([]);
			expect(await store().listPlayersPage(pin, 1, 1)).toEqual([
				await store().getPlayer(pin, 'p7')
			]);
			expect(await store().listPlayersPage(randomPin() + 'x', 0, 10)).toEqual([]);

			await store().setOnline(pin, 'p7', 1);
			await store().setOnline(pin, 'p1', 1);
			await store().setOnline(pin, 'p1', -1);
			expect(await store().onlineOf(pin, ['p8', 'p7', 'p1', 'ghost'])).toEqual([
				false,
				true,
				false,
				false
			]);
			expect(await store().onlineOf(pin, [])).toEqual([]);

			await store().deleteRoom(pin);
			expect(await store().listPlayersPage(pin, 0, 10)).toEqual([]);
		});
		// 6. submitAnswer refuses, storing nothing: NO_QUESTION outside a question, WRONG_QUESTION for
		//    another index, PAUSED while paused, TIME_UP after the deadline, NOT_JOINED for strangers.
		it('6 · submitAnswer refusals', async () => {
			const lobby = await newRoom();
			const pin = lobby.pin;
			await join(pin, 'p1');
			await join(pin, 'p2');
			const a: AnswerInput = { choices: [1] };
			expect(await store().submitAnswer(pin, 0, 'p1', a, T0 + 500)).toEqual({
				status: 'refused',
				code: 'NO_QUESTION'
			});
			const open = await command(pin, { type: 'start' }, T0 + 1000); // deadline T0 + 21000
			expect(await store().submitAnswer(pin, 1, 'p1', a, T0 + 2000)).toEqual({
				status: 'refused',
				code: 'WRONG_QUESTION'
			});
			expect(await store().submitAnswer(pin, 0, 'stranger', a, T0 + 2000)).toEqual({
				status: 'refused',
				code: 'NOT_JOINED'
			});
			expect(await store().submitAnswer(pin, 0, 'p1', a, open.deadline + 1)).toEqual({
				status: 'refused',
				code: 'TIME_UP'
			});
			await command(pin, { type: 'pause' }, T0 + 3000);
			expect(await store().submitAnswer(pin, 0, 'p1', a, T0 + 4000)).toEqual({
				status: 'refused',
				code: 'PAUSED'
			});
			expect(await store().answerCount(pin, 0)).toBe(0);
			expect(await store().listAnswers(pin, 0)).toEqual([]);
			await command(pin, { type: 'resume' }, T0 + 5000);
			// At the (moved) deadline exactly the answer is still in time.
			expect((await store().submitAnswer(pin, 0, 'p2', a, open.deadline + 2000)).status).toBe(
				'stored'
			);
			await command(pin, { type: 'close', index: 0, reason: 'deadline' }, open.deadline + 2000);
			expect(await store().submitAnswer(pin, 0, 'p1', a, open.deadline + 2000)).toEqual({
				status: 'refused',
				code: 'NO_QUESTION'
			});
		});

		// 6b. Answers that arrive together (one batch on Redis) are each settled as if they came one
		//     after the other, in order: a player answering twice in the batch gets the first answer
		//     back, a stranger and a kicked player are refused, and the counts run on.
		it('6b · answers arriving together are settled one by one, in order', async () => {
			const { pin, openedAt } = await roomWithQuestion(3);
			expect(await store().kickPlayer(pin, 'p3')).toBe(true);
			const at = openedAt + 1000;
			const outs = await Promise.all([
				store().submitAnswer(pin, 0, 'p1', { choices: [1] }, at),
				store().submitAnswer(pin, 0, 'stranger', { choices: [1] }, at),
				store().submitAnswer(pin, 0, 'p1', { choices: [2] }, at + 1),
				store().submitAnswer(pin, 0, 'p3', { choices: [0] }, at + 2),
				store().submitAnswer(pin, 0, 'p2', { choices: [3] }, at + 3)
			]);
			expect(outs).toEqual([
				{ status: 'stored', count: 1, answer: { choices: [1] } },
				{ status: 'refused', code: 'NOT_JOINED' },
				{ status: 'duplicate', count: 1, answer: { choices: [1] } },
				{ status: 'refused', code: 'KICKED' },
				{ status: 'stored', count: 2, answer: { choices: [3] } }
			]);
			expect((await store().listAnswers(pin, 0)).map((a) => a.playerId).sort()).toEqual([
				'p1',
				'p2'
			]);
			// A later batch counts on from what is stored.
			const [again, late] = await Promise.all([
				store().submitAnswer(pin, 0, 'p2', { choices: [0] }, at + 10),
				store().submitAnswer(pin, 0, 'p1', { choices: [0] }, at + 11)
			]);
			expect(again).toEqual({ status: 'duplicate', count: 2, answer: { choices: [3] } });
			expect(late).toEqual({ status: 'duplicate', count: 2, answer: { choices: [1] } });
		});

		// 6b'. A typed answer holding what a phone can type, control characters, quotes, a newline
		//      and an emoji included, comes back as it was sent: stored, listed, and as a duplicate's
		//      first answer.
		it("6b' · a typed answer with awkward characters comes back as sent", async () => {
			const { pin, openedAt } = await roomWithQuestion(2);
			const text = { text: '安全\u001f帽\u001e"\\\n\u0000 😀' };
			const at = openedAt + 500;
			const [first, second] = await Promise.all([
				store().submitAnswer(pin, 0, 'p1', text, at),
				store().submitAnswer(pin, 0, 'p2', { text: ':' }, at)
			]);
			expect(first).toEqual({ status: 'stored', count: 1, answer: text });
			expect(second).toEqual({ status: 'stored', count: 2, answer: { text: ':' } });
			expect(await store().submitAnswer(pin, 0, 'p1', { text: 'again' }, at + 1)).toEqual({
				status: 'duplicate',
				count: 2,
				answer: text
			});
			const listed = await store().listAnswers(pin, 0);
			expect(listed.find((a) => a.playerId === 'p1')?.answer).toEqual(text);
		});

		// 6c. What a caller passes in or gets back is its own: changing it afterwards changes nothing
		//     stored (Redis parses afresh on every read; memory must copy).
		it('6c · records passed in and read back are copies', async () => {
			const { pin, openedAt } = await roomWithQuestion(1);
			const answer = { choices: [1] };
			await store().submitAnswer(pin, 0, 'p1', answer, openedAt + 100);
			answer.choices.push(2);
			const read = (await store().getAnswer(pin, 0, 'p1'))!;
			expect(read.answer).toEqual({ choices: [1] });
			(read.answer as { choices: number[] }).choices[0] = 3;
			(await store().listAnswers(pin, 0))[0]!.elapsedMs = -1;
			expect(await store().getAnswer(pin, 0, 'p1')).toEqual({ ...read, answer: { choices: [1] } });
			const player = (await store().getPlayer(pin, 'p1'))!;
			player.score = 999;
			(await store().listPlayers(pin))[0]!.nickname = 'changed';
			expect(await store().getPlayer(pin, 'p1')).toMatchObject({ score: 0, nickname: 'Player 1' });
		});

		// 7. The first answer is stored with elapsedMs = receivedAt − openedAt − pausedMs; any later
		//    answer from the same player is a duplicate that returns the first answer and changes
		//    nothing.
		it('7 · stored, then duplicate returning the first answer', async () => {
			const { pin, openedAt } = await roomWithQuestion(2);
			await command(pin, { type: 'pause' }, openedAt + 2000);
			await command(pin, { type: 'resume' }, openedAt + 5500); // 3500 ms paused

			expect(await store().submitAnswer(pin, 0, 'p1', { choices: [1] }, openedAt + 7000)).toEqual({
				status: 'stored',
				count: 1,
				answer: { choices: [1] }
			});
			expect(await store().submitAnswer(pin, 0, 'p1', { choices: [1] }, openedAt + 7100)).toEqual({
				status: 'duplicate',
				count: 1,
				answer: { choices: [1] }
			});
			expect(await store().submitAnswer(pin, 0, 'p1', { choices: [2] }, openedAt + 7200)).toEqual({
				status: 'duplicate',
				count: 1,
				answer: { choices: [1] }
			});
			expect(await store().answerCount(pin, 0)).toBe(1);
			expect(await store().getAnswer(pin, 0, 'p1')).toEqual({
				playerId: 'p1',
				answer: { choices: [1] },
				elapsedMs: 3500, // 7000 − 3500 paused
				receivedAt: openedAt + 7000
			});
			expect(await store().getAnswer(pin, 0, 'p2')).toBeNull();

			expect(await store().submitAnswer(pin, 0, 'p2', { choices: [0] }, openedAt + 9000)).toEqual({
				status: 'stored',
				count: 2,
				answer: { choices: [0] }
			});
			const list = await store().listAnswers(pin, 0);
			expect(list.sort((x, y) => x.receivedAt - y.receivedAt)).toEqual([
				{ playerId: 'p1', answer: { choices: [1] }, elapsedMs: 3500, receivedAt: openedAt + 7000 },
				{ playerId: 'p2', answer: { choices: [0] }, elapsedMs: 5500, receivedAt: openedAt + 9000 }
			]);
			// Fill-in text survives the round trip unchanged (the store does not normalise).
			const next = await command(pin, { type: 'skip' }, openedAt + 10_000);
			await command(pin, { type: 'skip' }, openedAt + 10_000);
			expect(next.index).toBe(1);
			const text = { text: ' “一一九”\u3000\\n "quoted" ' };
			expect(await store().submitAnswer(pin, 2, 'p1', text, openedAt + 10_500)).toEqual({
				status: 'stored',
				count: 1,
				answer: text
			});
			expect((await store().getAnswer(pin, 2, 'p1'))!).toMatchObject({
				answer: text,
				elapsedMs: 500
			});
			// A duplicate after the question closed is still a duplicate, not a refusal.
			await command(pin, { type: 'next' }, openedAt + 11_000);
			expect(
				(await store().submitAnswer(pin, 2, 'p1', { text: 'x' }, openedAt + 12_000)).status
			).toBe('duplicate');
		});

		// 8. submitAnswer is atomic: 200 players answering at once are all stored with count 200, and
		//    200 simultaneous answers from one player store exactly one.
		it('8 · concurrent submits', async () => {
			const { pin, openedAt } = await newRoom().then(async (s) => {
				await Promise.all(
					Array.from({ length: 200 }, (_, i) => join(s.pin, `c${i}`, `Crowd ${i}`, T0 + i))
				);
				return command(s.pin, { type: 'start' }, T0 + 1000);
			});
			expect(await store().playerCount(pin)).toBe(200);

			const outcomes = await Promise.all(
				Array.from({ length: 200 }, (_, i) =>
					store().submitAnswer(pin, 0, `c${i}`, { choices: [i % 3] }, openedAt + 100 + i)
				)
			);
			expect(outcomes.every((o) => o.status === 'stored')).toBe(true);
			const counts = outcomes.map((o) => (o.status === 'stored' ? o.count : -1));
			expect(new Set(counts).size).toBe(200); // each write saw a distinct count: 1…200
			expect(Math.min(...counts)).toBe(1);
			expect(Math.max(...counts)).toBe(200);
			expect(await store().answerCount(pin, 0)).toBe(200);
			expect(await store().listAnswers(pin, 0)).toHaveLength(200);

			const burst = await Promise.all(
				Array.from({ length: 200 }, (_, i) =>
					store().submitAnswer(pin, 1, 'c0', { choices: [i % 2] }, openedAt + 500)
				)
			);
			// question 1 is not open: all refused, none stored
			expect(burst.every((o) => o.status === 'refused' && o.code === 'WRONG_QUESTION')).toBe(true);

			const next = await command(pin, { type: 'skip' }, openedAt + 1000);
			const same = await Promise.all(
				Array.from({ length: 200 }, (_, i) =>
					store().submitAnswer(pin, 1, 'c7', { choices: [i % 2] }, next.openedAt + 100)
				)
			);
			const stored = same.filter((o) => o.status === 'stored');
			expect(stored).toHaveLength(1);
			expect(same.filter((o) => o.status === 'duplicate')).toHaveLength(199);
			const first = stored[0]!.status === 'stored' ? stored[0]!.answer : null;
			for (const o of same) {
				expect(o.status !== 'refused' && o.count).toBe(1);
				expect(o.status !== 'refused' && o.answer).toEqual(first);
			}
			expect(await store().answerCount(pin, 1)).toBe(1);
			expect((await store().getAnswer(pin, 1, 'c7'))!.answer).toEqual(first);
		});

		// 9. commitScores writes a question's results and standings once: a second commit for the same
		//    question returns false and changes nothing. getResults answers per player, null if none.
		it('9 · commitScores once only; getResults', async () => {
			const state = await roomWithQuestion(3);
			const pin = state.pin;
			const openedAt = state.openedAt;
			await store().submitAnswer(pin, 0, 'p1', { choices: [1] }, openedAt + 5000);
			await store().submitAnswer(pin, 0, 'p2', { choices: [0] }, openedAt + 2000);
			const closed = await command(pin, { type: 'next' }, openedAt + 6000);

			// Score it with the domain, exactly as the room service does.
			const answers = await store().listAnswers(pin, 0);
			const players = await store().listPlayers(pin);
			const out = scoreQuestion(
				quiz.questions[0]!,
				quiz.settings,
				closed.limitMs,
				answers,
				players
			);
			const order = [...out.standings].sort(compareStandings);
			const results: RankedResult[] = out.results.map((r) => ({
				...r,
				rank: order.findIndex((s) => s.id === r.playerId) + 1
			}));
			const sq: ScoredQuestion = {
				index: 0,
				limitMs: closed.limitMs,
				distribution: out.distribution
			};
			expect(await store().getScored(pin, 0)).toBeNull();
			expect(await store().commitScores(pin, sq, results, out.standings)).toBe(true);

			const p1 = { playerId: 'p1', answered: true, correct: true, points: 875, bonus: 0 };
			expect(await store().getScored(pin, 0)).toEqual({
				index: 0,
				limitMs: 20_000,
				distribution: { counts: [1, 1, 0], answered: 2, correct: 1 }
			});
			const got = await store().getResults(pin, 0, ['p1', 'p2', 'p3', 'ghost']);
			expect(got).toEqual([
				{ ...p1, streak: 1, score: 875, elapsedMs: 5000, rank: 1 },
				{
					playerId: 'p2',
					answered: true,
					correct: false,
					points: 0,
					bonus: 0,
					streak: 0,
					score: 0,
					elapsedMs: 2000,
					rank: 3 // level with p3 on points, but slower
				},
				{
					playerId: 'p3',
					answered: false,
					correct: false,
					points: 0,
					bonus: 0,
					streak: 0,
					score: 0,
					elapsedMs: null,
					rank: 2
				},
				null
			]);
			expect(await store().getResults(pin, 0, [])).toEqual([]);
			expect(await store().getResults(pin, 1, ['p1'])).toEqual([null]);
			expect(await store().getPlayer(pin, 'p1')).toMatchObject({
				score: 875,
				streak: 1,
				correctCount: 1,
				totalTimeMs: 5000
			});

			// A second commit (say, a second process closing the same question) changes nothing.
			const again = await store().commitScores(
				pin,
				{ ...sq, limitMs: 99 },
				[ranked('p1', 5000, 5000, 1), ranked('p3', 4000, 4000, 2)],
				[standing('p1', 5000, 1), standing('p3', 4000, 1)]
			);
			expect(again).toBe(false);
			expect((await store().getScored(pin, 0))!.limitMs).toBe(20_000);
			expect(await store().getResults(pin, 0, ['p1', 'p2', 'p3', 'ghost'])).toEqual(got);
			expect((await store().getPlayer(pin, 'p1'))!.score).toBe(875);
			expect((await store().getPlayer(pin, 'p3'))!.score).toBe(0);
			expect((await store().leaderboard(pin, 10)).map((p) => [p.id, p.score])).toEqual([
				['p1', 875],
				['p3', 0],
				['p2', 0]
			]);
		});

		// 10. The leaderboard orders by score, then by less total answer time, leaves out kicked
		//     players and honours its limit; rankOf is the 1-based position on it. The board read
		//     before a commit, a kick or a join is never served again after it.
		it('10 · leaderboard order and rankOf', async () => {
			const state = await roomWithQuestion(5);
			const pin = state.pin;
			expect(await store().rankOf(pin, 'p1')).not.toBeNull(); // joined players are ranked at 0
			expect(await store().leaderboard(pin, 10)).toHaveLength(5);
			const standings = [
				standing('p1', 1000, 5000, 1, 1),
				standing('p2', 1500, 9000, 1, 1),
				standing('p3', 1000, 3000, 1, 1),
				standing('p4', 0, 0),
				standing('p5', 1000, 4000, 1, 1)
			];
			expect(await store().commitScores(pin, scored(0), [], standings)).toBe(true);
			const board = await store().leaderboard(pin, 10);
			expect(board.map((p) => [p.id, p.score, p.totalTimeMs])).toEqual([
				['p2', 1500, 9000],
				['p3', 1000, 3000],
				['p5', 1000, 4000],
				['p1', 1000, 5000],
				['p4', 0, 0]
			]);
			expect(board[0]).toEqual({
				id: 'p2',
				nickname: 'Player 2',
				joinedAt: T0 + 2,
				kicked: false,
				score: 1500,
				streak: 1,
				correctCount: 1,
				totalTimeMs: 9000,
				scoredThrough: 0 // the last question its standing includes
			});
			expect((await store().leaderboard(pin, 2)).map((p) => p.id)).toEqual(['p2', 'p3']);
			expect((await store().leaderboard(pin, 0)).map((p) => p.id)).toEqual([]);
			const ranks = await Promise.all(
				['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => store().rankOf(pin, id))
			);
			expect(ranks).toEqual([4, 1, 2, 5, 3]);
			expect(await store().rankOf(pin, 'ghost')).toBeNull();

			await store().kickPlayer(pin, 'p3');
			expect((await store().leaderboard(pin, 10)).map((p) => p.id)).toEqual([
				'p2',
				'p5',
				'p1',
				'p4'
			]);
			expect(await store().rankOf(pin, 'p3')).toBeNull();
			expect(await store().rankOf(pin, 'p4')).toBe(4);

			// A late joiner starts on 0, after the others on 0 (less total time first, then by id).
			await join(pin, 'p6');
			expect((await store().leaderboardPage(pin, 3, 10)).map((p) => p.id)).toEqual(['p4', 'p6']);
		});

		/** Room state, standings, board, ranks and results after a commit, to compare two runs. */
		async function snapshotOf(pin: string, ids: string[], index: number) {
			const players = await store().listPlayers(pin);
			return {
				standings: players.map((p) => [p.id, p.score, p.streak, p.correctCount, p.totalTimeMs]),
				board: (await store().leaderboard(pin, 100)).map((p) => p.id),
				ranks: await Promise.all(ids.map((id) => store().rankOf(pin, id))),
				results: await store().getResults(pin, index, ids),
				scored: await store().getScored(pin, index)
			};
		}

		/** Players q1…qn, all on 0, with a commit of one question each scoring them differently. */
		async function chunkRoom(n: number) {
			const { pin } = await newRoom();
			const ids: string[] = [];
			for (let i = 1; i <= n; i++) {
				ids.push(`q${i}`);
				await join(pin, `q${i}`, `Q ${i}`, T0 + i);
			}
			await store().kickPlayer(pin, 'q4');
			const standings = ids.map((id, i) => standing(id, (i % 3) * 500, 1000 + i, i % 2, i % 3));
			const order = [...standings].filter((s) => s.id !== 'q4').sort(compareStandings);
			const results = ids.map((id, i) => ({
				...ranked(id, (i % 3) * 500, (i % 3) * 500, order.findIndex((s) => s.id === id) + 1),
				...(id === 'q4' ? { rank: null } : {})
			}));
			return { pin, ids, standings, results };
		}

		/** A retry's results where the players already applied got other values: all skipped. */
		function doubledRun(room: { results: RankedResult[] }): RankedResult[] {
			return room.results.map((r, i) => (i < 6 ? { ...r, points: 99_999 } : r));
		}

		// 9b. commitScores writes in chunks (applyScores per chunk, markScored last): the outcome is
		//     the one-shot commit's. Cut short after k chunks and run again, every player ends with
		//     the question applied once (a player's standing records the last question applied); a
		//     commit of a question already scored returns false and changes nothing.
		it('9b · chunked and interrupted commits equal one whole commit', async () => {
			const n = 10;
			const whole = await chunkRoom(n);
			expect(await store().commitScores(whole.pin, scored(0), whole.results, whole.standings)).toBe(
				true
			);
			const expected = await snapshotOf(whole.pin, whole.ids, 0);
			expect(expected.results.every((r) => r !== null)).toBe(true);
			expect(expected.board).not.toContain('q4');

			// The same entries three at a time, the first two chunks only (a crash after them).
			const cut = await chunkRoom(n);
			const entries = scoreEntries(cut.results, cut.standings);
			expect(await store().applyScores(cut.pin, 0, entries.slice(0, 3))).toBe(true);
			expect(await store().applyScores(cut.pin, 0, entries.slice(3, 6))).toBe(true);
			expect(await store().getScored(cut.pin, 0)).toBeNull(); // not scored till every chunk is in
			expect((await store().getPlayer(cut.pin, 'q2'))!.scoredThrough).toBe(0);
			expect((await store().getPlayer(cut.pin, 'q9'))!.scoredThrough).toBeUndefined();
			// The retry scores the players already applied as if from scratch (say, from their new
			// standing): they are skipped, the rest applied.
			const doubled = cut.standings.map((s) => ({ ...s, score: s.score * 2 + 7 }));
			const retried = cut.results.map((r, i) => (i < 6 ? { ...r, points: 99_999 } : r));
			const redo = scoreEntries(
				retried,
				cut.standings.map((s, i) => (i < 6 ? doubled[i]! : s))
			);
			for (let i = 0; i < redo.length; i += 3) {
				expect(await store().applyScores(cut.pin, 0, redo.slice(i, i + 3))).toBe(true);
			}
			expect(await store().markScored(cut.pin, scored(0))).toBe(true);
			expect(await snapshotOf(cut.pin, cut.ids, 0)).toEqual(expected);

			// commitScores itself, 3 players per call, failing after 2 calls and then run again.
			const chunked = await current().withScoreChunk(3);
			try {
				const s3 = (elsewhere = chunked.store);
				const calls: number[] = [];
				const apply = s3.applyScores.bind(s3);
				let down = true;
				s3.applyScores = (pin, index, list) => {
					calls.push(list.length);
					if (down && calls.length > 2) return Promise.reject(new Error('connection refused'));
					return apply(pin, index, list);
				};
				down = false;
				const one = await chunkRoom(n);
				expect(await s3.commitScores(one.pin, scored(0), one.results, one.standings)).toBe(true);
				expect(calls).toEqual([3, 3, 3, 1]); // in chunks, none longer than 3
				expect(await snapshotOf(one.pin, one.ids, 0)).toEqual(expected);

				calls.length = 0;
				down = true;
				const broken = await chunkRoom(n);
				await expect(
					s3.commitScores(broken.pin, scored(0), broken.results, broken.standings)
				).rejects.toThrow('connection refused');
				expect(await store().getScored(broken.pin, 0)).toBeNull();
				expect((await store().getPlayer(broken.pin, 'q6'))!.scoredThrough).toBe(0);
				expect((await store().getPlayer(broken.pin, 'q7'))!.scoredThrough).toBeUndefined();
				down = false;
				expect(
					await s3.commitScores(broken.pin, scored(0), doubledRun(broken), broken.standings)
				).toBe(true);
				expect(await snapshotOf(broken.pin, broken.ids, 0)).toEqual(expected);
			} finally {
				elsewhere = null;
				await chunked.dispose();
			}

			// A commit over a partial one (another process's chunk) applies each player once.
			const again = await chunkRoom(n);
			expect(await store().applyScores(again.pin, 0, entries.slice(0, 4))).toBe(true);
			expect(await store().commitScores(again.pin, scored(0), again.results, again.standings)).toBe(
				true
			);
			expect(await snapshotOf(again.pin, again.ids, 0)).toEqual(expected);

			// Already scored: false, nothing written, by the whole call or a chunk.
			const after = await snapshotOf(again.pin, again.ids, 0);
			const other = again.standings.map((s) => ({ ...s, score: 12_345 }));
			expect(await store().commitScores(again.pin, { ...scored(0), limitMs: 1 }, [], other)).toBe(
				false
			);
			expect(await store().applyScores(again.pin, 0, scoreEntries([], other))).toBe(false);
			expect(await store().markScored(again.pin, { ...scored(0), limitMs: 1 })).toBe(false);
			expect(await snapshotOf(again.pin, again.ids, 0)).toEqual(after);

			// The next question applies on top: a standing that went through 0 takes question 1.
			const next = again.standings.map((s) => ({ ...s, score: s.score + 1 }));
			expect(await store().commitScores(again.pin, scored(1), [], next)).toBe(true);
			expect((await store().getPlayer(again.pin, 'q1'))!).toMatchObject({
				score: 1,
				scoredThrough: 1
			});
		});

		// 9c. firstUnanswered names an online player without an answer to the question (the hint
		//     first while it still holds), or null once every online player has answered.
		it('9c · firstUnanswered', async () => {
			const state = await roomWithQuestion(4);
			const pin = state.pin;
			const at = state.openedAt + 1000;
			expect(await store().firstUnanswered(pin, 0)).toBeNull(); // nobody online
			for (const id of ['p1', 'p2', 'p3']) await store().setOnline(pin, id, 1);
			expect(['p1', 'p2', 'p3']).toContain(await store().firstUnanswered(pin, 0));
			expect(await store().firstUnanswered(pin, 0, 'p2')).toBe('p2');
			await store().submitAnswer(pin, 0, 'p2', { choices: [1] }, at);
			await store().submitAnswer(pin, 0, 'p4', { choices: [1] }, at); // offline: not waited for
			expect(['p1', 'p3']).toContain(await store().firstUnanswered(pin, 0, 'p2'));
			// A hint that went offline, or never was a player, is passed over.
			expect(['p1', 'p3']).toContain(await store().firstUnanswered(pin, 0, 'p4'));
			expect(['p1', 'p3']).toContain(await store().firstUnanswered(pin, 0, 'ghost'));
			await store().submitAnswer(pin, 0, 'p1', { choices: [0] }, at);
			expect(await store().firstUnanswered(pin, 0, 'p1')).toBe('p3');
			await store().setOnline(pin, 'p3', -1); // left without answering
			expect(await store().firstUnanswered(pin, 0, 'p3')).toBeNull();
			// Another question's answers do not count.
			expect(['p1', 'p2']).toContain(await store().firstUnanswered(pin, 1));
			expect(await store().firstUnanswered(`${randomPin()}x`, 0)).toBeNull();
		});

		// 10b. The archive's readers: scanning a question's answers in pages gives every record and
		//     nothing else; Redis may repeat a record across pages (HSCAN while the hash is
		//     resized), so pages are deduped by id as the archive's writes are. leaderboardPage
		//     pages are the leaderboard in slices; listKicked gives the players it leaves out.
		it('10b · scanAnswers, leaderboardPage and listKicked cover 2,500 players', async () => {
			const n = 2500;
			const { pin } = await newRoom();
			const ids = Array.from({ length: n }, (_, i) => `s${i}`);
			for (let from = 0; from < n; from += 500) {
				await Promise.all(
					ids.slice(from, from + 500).map((id, i) => join(pin, id, `Scan ${id}`, T0 + from + i))
				);
			}
			const { openedAt } = await command(pin, { type: 'start' }, T0 + 10_000);
			for (let from = 0; from < n; from += 500) {
				const outcomes = await Promise.all(
					ids
						.slice(from, from + 500)
						.map((id, i) =>
							store().submitAnswer(pin, 0, id, { choices: [i % 3] }, openedAt + from + i)
						)
				);
				expect(outcomes.every((o) => o.status === 'stored')).toBe(true);
			}
			await store().kickPlayer(pin, 's7');

			async function scanAll<T>(
				read: (cursor: string) => Promise<{ items: T[]; next: string }>,
				key: (t: T) => string
			): Promise<{ pages: number; byId: Map<string, T> }> {
				const byId = new Map<string, T>();
				let cursor = SCAN_START;
				let pages = 0;
				do {
					const page = await read(cursor);
					pages++;
					for (const item of page.items) {
						const seen = byId.get(key(item));
						// A repeat is the same record, never a different one under the same id.
						if (seen !== undefined) expect(item).toEqual(seen);
						byId.set(key(item), item);
					}
					cursor = page.next;
				} while (cursor !== SCAN_START);
				return { pages, byId };
			}

			// The players off the leaderboard: the kicked one, read whole, and no one else.
			expect(await store().listKicked(pin)).toEqual([await store().getPlayer(pin, 's7')]);

			const answers = await scanAll(
				(c) => store().scanAnswers(pin, 0, c, 300),
				(a) => a.playerId
			);
			expect(answers.pages).toBeGreaterThan(1);
			expect([...answers.byId.keys()].sort()).toEqual([...ids].sort());
			expect(answers.byId.get('s42')).toEqual(await store().getAnswer(pin, 0, 's42'));
			const none = await store().scanAnswers(pin, 1, SCAN_START, 300);
			expect(none).toEqual({ items: [], next: SCAN_START });

			const board = await store().leaderboard(pin, n);
			expect(board).toHaveLength(n - 1);
			const paged = [];
			for (let offset = 0; offset < n; offset += 700) {
				paged.push(...(await store().leaderboardPage(pin, offset, 700)));
			}
			expect(paged.map((p) => p.id)).toEqual(board.map((p) => p.id));
			expect(await store().leaderboardPage(pin, n, 700)).toEqual([]);
			expect(await store().leaderboardPage(pin, 0, 0)).toEqual([]);
		});

		// 11. listScored returns every scored question in question order, whatever the commit order.
		it('11 · listScored is ordered by index', async () => {
			const { pin } = await newRoom();
			expect(await store().listScored(pin)).toEqual([]);
			for (const i of [2, 0, 3])
				expect(await store().commitScores(pin, scored(i, i * 1000 + 5000), [], [])).toBe(true);
			expect(await store().listScored(pin)).toEqual([
				scored(0, 5000),
				scored(2, 7000),
				scored(3, 8000)
			]);
			expect(await store().getScored(pin, 2)).toEqual(scored(2, 7000));
			expect(await store().getScored(pin, 1)).toBeNull();
		});

		// 12. A room's clock lease is held by one owner at a time until it expires: the owner renews it,
		//     others are refused, release frees it (only by its owner), expiry frees it.
		it('12 · leases', async () => {
			const { pin } = await newRoom();
			expect(await store().acquireLease(pin, 'A', 200)).toBe(true);
			expect(await store().acquireLease(pin, 'B', 200)).toBe(false);
			expect(await store().acquireLease(pin, 'A', 200)).toBe(true); // renews
			await store().releaseLease(pin, 'B'); // not B's to release
			expect(await store().acquireLease(pin, 'B', 200)).toBe(false);
			await store().releaseLease(pin, 'A');
			expect(await store().acquireLease(pin, 'B', 200)).toBe(true);
			expect(await store().acquireLease(pin, 'A', 200)).toBe(false);

			// Expiry: B stops renewing, the lease lapses, A takes over.
			await current().elapse(350);
			expect(await store().acquireLease(pin, 'A', 200)).toBe(true);
			expect(await store().acquireLease(pin, 'B', 200)).toBe(false);

			// Renewal extends the lease from now: renewed half way, it is still held past the first ttl.
			await current().elapse(120);
			expect(await store().acquireLease(pin, 'A', 300)).toBe(true);
			await current().elapse(150); // 270 ms after first taken, 150 ms after the renewal
			expect(await store().acquireLease(pin, 'B', 300)).toBe(false);
		});

		// 12c. Take-over finds rooms by their lapsed lease: a room never leased (a lobby) or inactive
		//      is not listed; renewLeases renews only what the owner still holds; a released lease
		//      lapses at once; an inactive room leaves the leases for good.
		it('12c · lapsed leases and renewal', async () => {
			const { pin } = await newRoom({ active: true });
			const { pin: other } = await newRoom({ active: true });
			const lapsed = async () =>
				(await store().lapsedLeases(10_000)).filter((p) => pins.includes(p));
			expect(await lapsed()).toEqual([]); // never leased: nothing to drive yet
			expect(await store().acquireLease(pin, 'A', 200)).toBe(true);
			expect(await store().acquireLease(other, 'B', 200)).toBe(true);
			expect(await store().renewLeases('A', [pin, other], 300)).toEqual([pin]);
			await current().elapse(250);
			expect(await lapsed()).toEqual([other]); // B did not renew; A's renewal still runs
			expect(await store().acquireLease(other, 'A', 200)).toBe(true);
			await store().releaseLease(pin, 'A');
			expect((await lapsed()).sort()).toEqual([pin]);
			expect(await store().acquireLease(pin, 'B', 200)).toBe(true);
			await store().markInactive(other);
			await current().elapse(250);
			expect(await lapsed()).toEqual([pin]);
			expect(await store().renewLeases('A', [other], 200)).toEqual([]);
		});

		// 12d. Presence outlives no process: deadProcesses names a process that stopped heartbeating,
		//      and reapPresence takes its sockets off the room (naming who went offline) and leaves
		//      those of live processes (memory: one process, nothing to reap).
		it('12d · presence of a dead process is reaped', async () => {
			const state = await roomWithQuestion(3);
			const pin = state.pin;
			await store().heartbeat(60_000);
			await store().setOnline(pin, 'p1', 1);
			await store().setOnline(pin, 'p2', 1);
			const peer = await current().peer?.();
			if (!peer) {
				expect(await store().reapPresence(pin)).toEqual([]);
				expect(await store().deadProcesses(1)).toEqual([]);
				expect((await store().onlineIds(pin)).sort()).toEqual(['p1', 'p2']);
				return;
			}
			await peer.store.heartbeat(150);
			await peer.store.setOnline(pin, 'p2', 1); // p2 has a socket on each process
			await peer.store.setOnline(pin, 'p3', 1);
			expect(await store().onlineCount(pin)).toBe(3);
			expect(await store().reapPresence(pin)).toEqual([]); // the peer is alive
			expect(await store().deadProcesses(150)).not.toContain(peer.processId);
			await peer.crash(); // no goodbyes, no more heartbeats
			await current().elapse(300);
			expect(await store().deadProcesses(150)).toContain(peer.processId);
			expect(await store().reapPresence(pin)).toEqual(['p3']); // p3 went; p2 is still here
			expect((await store().onlineIds(pin)).sort()).toEqual(['p1', 'p2']);
			await store().setOnline(pin, 'p2', -1);
			expect((await store().onlineIds(pin)).sort()).toEqual(['p1']);
		});

		// 12e. A process stalled past its heartbeat is taken for dead and its sockets reaped; its next
		//      heartbeat says so (false), and restorePresence puts its share back exactly: counted
		//      once however often it is restored, and what it no longer holds not counted at all.
		it('12e · a process taken for dead restores its presence', async () => {
			const state = await roomWithQuestion(3);
			const pin = state.pin;
			expect(await store().heartbeat(60_000)).toBe(true);
			await store().setOnline(pin, 'p1', 1);
			const peer = await current().peer?.();
			if (!peer) {
				// One process: its share is the room's presence.
				const held = new Map([
					['p1', 1],
					['p2', 2]
				]);
				expect(await store().restorePresence(pin, held)).toBe(2);
				expect(await store().restorePresence(pin, held)).toBe(2);
				await store().setOnline(pin, 'p2', -1);
				expect((await store().onlineIds(pin)).sort()).toEqual(['p1', 'p2']);
				await store().setOnline(pin, 'p2', -1);
				expect(await store().onlineIds(pin)).toEqual(['p1']);
				return;
			}
			try {
				await peer.store.heartbeat(150);
				expect(await peer.store.heartbeat(150)).toBe(true); // in time
				await peer.store.setOnline(pin, 'p1', 1);
				await peer.store.setOnline(pin, 'p2', 1);
				await peer.store.setOnline(pin, 'p2', 1); // two sockets
				await current().elapse(300); // the peer stalls: no beat
				expect(await store().reapPresence(pin)).toEqual(['p2']);
				expect(await store().onlineIds(pin)).toEqual(['p1']);

				expect(await peer.store.heartbeat(150)).toBe(false); // it had lapsed
				// Meanwhile one of p2's sockets closed: the peer holds p1 once and p2 once.
				const held = new Map([
					['p1', 1],
					['p2', 1]
				]);
				expect(await peer.store.restorePresence(pin, held)).toBe(2);
				expect(await peer.store.restorePresence(pin, held)).toBe(2);
				await peer.store.setOnline(pin, 'p2', -1);
				expect(await store().onlineIds(pin)).toEqual(['p1']);
				await peer.store.setOnline(pin, 'p1', -1);
				expect(await store().onlineIds(pin)).toEqual(['p1']); // this process's socket
				await store().setOnline(pin, 'p1', -1);
				expect(await store().onlineCount(pin)).toBe(0);
			} finally {
				await peer.crash();
			}
		});

		// 12b. A room opened by a signed-in host has an owner, an organisation and a screen token and no
		//      secret; co-hosts are added once each, are kept with the room, and cannot be added to a
		//      missing room.
		it('12b · owned rooms and co-hosts', async () => {
			let pin = randomPin();
			while (pins.includes(pin)) pin = randomPin();
			const state = lobbyState(pin);
			const owned = {
				hostSecretHash: null,
				ownerUserId: 'u-owner',
				orgId: 'org-1',
				coHostIds: [],
				screenToken: `screen-${pin}-token`
			};
			expect(await store().createRoom({ state, quiz, ...owned })).toBe(true);
			pins.push(pin);
			await store().markInactive(pin);
			expect(await store().getRoom(pin)).toEqual({ state, quiz, ...owned });

			expect(await store().addCoHost(pin, 'u-b')).toBe(true);
			expect(await store().addCoHost(pin, 'u-a')).toBe(true);
			expect(await store().addCoHost(pin, 'u-b')).toBe(true);
			const room = (await store().getRoom(pin))!;
			expect(room.coHostIds).toEqual(['u-a', 'u-b']);
			expect(room).toMatchObject({
				hostSecretHash: null,
				ownerUserId: 'u-owner',
				orgId: 'org-1',
				screenToken: `screen-${pin}-token`
			});
			// State changes leave ownership alone.
			await command(pin, { type: 'lock' }, T0 + 10);
			expect((await store().getRoom(pin))!.coHostIds).toEqual(['u-a', 'u-b']);

			const missing = `${randomPin()}x`;
			expect(await store().addCoHost(missing, 'u-a')).toBe(false);
			expect(await store().getRoom(missing)).toBeNull();
			// Deleting the room forgets its co-hosts: a new room under the PIN starts without any.
			await store().deleteRoom(pin);
			expect(await store().createRoom({ state, quiz, ...owned })).toBe(true);
			expect((await store().getRoom(pin))!.coHostIds).toEqual([]);
			await store().markInactive(pin);
		});

		// 13. activePins lists rooms not yet marked inactive; deleteRoom forgets a room entirely.
		it('13 · activePins, markInactive and deleteRoom', async () => {
			const a = await newRoom({ active: true });
			const b = await newRoom({ active: true });
			const active = await store().activePins();
			expect(active).toContain(a.pin);
			expect(active).toContain(b.pin);
			await store().markInactive(a.pin);
			const after = await store().activePins();
			expect(after).not.toContain(a.pin);
			expect(after).toContain(b.pin);
			expect(await store().getState(a.pin)).not.toBeNull(); // still readable, only inactive

			await join(b.pin, 'p1');
			await command(b.pin, { type: 'start' }, T0 + 1000);
			await store().submitAnswer(b.pin, 0, 'p1', { choices: [1] }, T0 + 2000);
			await store().deleteRoom(b.pin);
			expect(await store().getRoom(b.pin)).toBeNull();
			expect(await store().getState(b.pin)).toBeNull();
			expect(await store().activePins()).not.toContain(b.pin);
			expect(await store().listPlayers(b.pin)).toEqual([]);
			expect(await store().answerCount(b.pin, 0)).toBe(0);
			// The PIN is free again.
			expect(await store().createRoom({ state: lobbyState(b.pin), quiz, ...quick('again') })).toBe(
				true
			);
			expect(await store().playerCount(b.pin)).toBe(0);
			expect(
				(await store().addPlayer(b.pin, playerRecord('p1', 'p1', T0), 'p1', 'token-p1')).outcome
			).toBe('ok');
		});

		// 15. Ranking ties fall as the domain's one rule says (ranking.ts): the leaderboard lists the
		//     players in its order and rankOf gives each their place in it, kicked players excluded.
		for (const c of RANKING_CASES) {
			it(`15 · ranks as the domain rule: ${c.name}`, async () => {
				const { pin } = await newRoom();
				for (const p of c.standings) await join(pin, p.id);
				for (const id of c.kicked ?? []) await store().kickPlayer(pin, id);
				expect(await store().commitScores(pin, scored(0), [], c.standings)).toBe(true);
				const active = c.standings.filter((p) => !(c.kicked ?? []).includes(p.id));
				expect(rankedByRule(active).map((p) => p.id)).toEqual(c.order);
				const board = await store().leaderboard(pin, 100);
				expect(board.map((p) => p.id)).toEqual(c.order);
				const table = rankTable(active);
				for (const p of c.standings) {
					expect(await store().rankOf(pin, p.id)).toBe(table.get(p.id) ?? null);
				}
			});
		}

		// 16. The answer window is the domain's (room.ts answerWindow and elapsedMs), in the store's
		//     atomic submit too (Redis: the Lua script): at its edges both agree on whether an answer
		//     counts, and on its answer time.
		for (const edge of WINDOW_EDGES) {
			it(`16 · answer window agrees with the domain ${edge.name}`, async () => {
				const opened = await roomWithQuestion(1);
				let state = opened;
				for (const [cmd, offset] of edge.before) {
					state = await command(opened.pin, cmd, opened.openedAt + offset);
				}
				const at = edge.at(state);
				const index = edge.index ?? 0;
				const refusal = answerWindow(state, index, at);
				expect(refusal ?? 'stored').toBe(edge.expected);
				const answer: AnswerInput = { choices: [1] };
				const out = await store().submitAnswer(opened.pin, index, 'p1', answer, at);
				expect(out).toEqual(
					refusal ? { status: 'refused', code: refusal } : { status: 'stored', count: 1, answer }
				);
				if (!refusal) {
					expect((await store().getAnswer(opened.pin, index, 'p1'))!.elapsedMs).toBe(
						elapsedMs(state, at)
					);
				}
			});
		}

		// 17. addPlayer counts joins per source (a client address's key) in each room: at its cap a
		//     source is refused with TOO_MANY_JOINS and nothing is stored (the nickname stays free,
		//     the token unknown); other sources, other rooms and joins without a source are not
		//     held back; a cap of 0 is no cap.
		it('17 · joins per source are capped per room', async () => {
			const { pin } = await newRoom();
			const { pin: other } = await newRoom();
			const from = (key: string, cap = 2) => ({ key, cap });
			const add = (room: string, id: string, source?: { key: string; cap: number }) =>
				store()
					.addPlayer(room, playerRecord(id, id, T0), nicknameKey(id), `tok-${id}`, source)
					.then((a) => a.outcome);
			expect(await add(pin, 'a1', from('A'))).toBe('ok');
			expect(await add(pin, 'a2', from('A'))).toBe('ok');
			expect(await add(pin, 'a3', from('A'))).toBe('TOO_MANY_JOINS');
			expect(await store().playerByToken(pin, 'tok-a3')).toBeNull();
			expect(await store().playerCount(pin)).toBe(2);
			expect(await add(pin, 'a3', from('B'))).toBe('ok'); // the refused nickname was not taken
			expect(await add(pin, 'a4')).toBe('ok');
			expect(await add(pin, 'a5', from('A', 0))).toBe('ok');
			expect(await add(other, 'a1', from('A'))).toBe('ok');
			expect(await add(`${randomPin()}x`, 'z', from('A'))).toBe('ROOM_NOT_FOUND');
			expect((await store().listPlayers(pin)).map((p) => p.id)).toEqual([
				'a1',
				'a2',
				'a3',
				'a4',
				'a5'
			]);
		});

		// 18. A room left in its lobby expires after the store's lobby idle time without activity.
		//     Activity is a touch (something connected), a join or a state change in the lobby; a
		//     room that has started no longer expires as a lobby. After expireRooms an expired room
		//     does not exist — not readable, not joinable, not active — and its PIN opens a fresh
		//     room without its players.
		it('18 · unused lobbies expire; activity and starting keep rooms', async () => {
			const idle = 1000;
			const short = await current().withLobbyIdle(idle);
			const s = short.store;
			const made: string[] = [];
			const open = async () => {
				for (;;) {
					const pin = randomPin();
					if (pins.includes(pin) || made.includes(pin)) continue;
					if (await s.createRoom({ state: lobbyState(pin), quiz, ...quick(`h-${pin}`) })) {
						made.push(pin);
						return pin;
					}
				}
			};
			const exists = async (pin: string) => (await s.getState(pin)) !== null;
			const stepOn = async (pin: string, cmd: RoomCommand) => {
				const st = (await s.getState(pin))!;
				expect(await s.casState(pin, st.version, step(st, cmd, T0 + 5))).toBe(true);
			};
			try {
				const [unused, touched, joined, changed, started] = [
					await open(),
					await open(),
					await open(),
					await open(),
					await open()
				];
				const player = playerRecord('p1', 'Early', T0);
				expect((await s.addPlayer(unused, player, 'early', 'tok-early')).outcome).toBe('ok');
				await short.elapse(idle * 0.6);
				await s.touchLobbies([touched, `${randomPin()}x`]);
				expect(
					(await s.addPlayer(joined, playerRecord('p2', 'Late', T0), 'late', 'tok-late')).outcome
				).toBe('ok');
				await stepOn(changed, { type: 'lock' });
				await stepOn(started, { type: 'start' });
				await short.elapse(idle * 0.6);

				// `unused` saw nothing for 1.2 × idle; the others were active 0.6 × idle ago.
				expect(await s.expireRooms(1000)).toContain(unused);
				expect(await s.getRoom(unused)).toBeNull();
				expect(await s.getState(unused)).toBeNull();
				expect(await s.activePins()).not.toContain(unused);
				expect((await s.addPlayer(unused, playerRecord('p3', 'x', T0), 'x', 'tok-x')).outcome).toBe(
					'ROOM_NOT_FOUND'
				);
				for (const pin of [touched, joined, changed, started]) expect(await exists(pin)).toBe(true);

				await short.elapse(idle * 0.6);
				await s.touchLobbies([started]); // past its lobby: a touch changes nothing
				const freed = await s.expireRooms(1000);
				for (const pin of [touched, joined, changed]) {
					expect(freed).toContain(pin);
					expect(await exists(pin)).toBe(false);
				}
				expect(freed).not.toContain(started);
				expect(await exists(started)).toBe(true);
				expect(await s.activePins()).toContain(started);

				// The PIN is free again, and the new room has none of the old one's players.
				expect(await s.createRoom({ state: lobbyState(unused), quiz, ...quick('fresh') })).toBe(
					true
				);
				expect(await s.playerCount(unused)).toBe(0);
				expect(await s.playerByToken(unused, 'tok-early')).toBeNull();
				expect(
					(await s.addPlayer(unused, playerRecord('p9', 'Early', T0), 'early', 't9')).outcome
				).toBe('ok');
			} finally {
				for (const pin of made) await s.deleteRoom(pin);
				await short.dispose();
			}
		});

		// 19. A race log takes each member once, in the order the store received them; a member seen
		//     before gets its old place back and nothing is appended.
		it('19 · raceAppend: first, repeats and order', async () => {
			const { pin } = await newRoom();
			const first = await store().raceAppend(pin, '3:o1', 'p1', T0 + 10);
			expect(first).toEqual({
				position: 1,
				at: T0 + 10,
				first: { member: 'p1', at: T0 + 10 },
				duplicate: false
			});
			expect(await store().raceAppend(pin, '3:o1', 'p2', T0 + 20)).toEqual({
				position: 2,
				at: T0 + 20,
				first: { member: 'p1', at: T0 + 10 },
				duplicate: false
			});
			// Again, later: the old place and time, and the log does not grow.
			expect(await store().raceAppend(pin, '3:o1', 'p1', T0 + 30)).toEqual({
				position: 1,
				at: T0 + 10,
				first: { member: 'p1', at: T0 + 10 },
				duplicate: true
			});
			expect(await store().raceAppend(pin, '3:o1', 'p2', T0 + 40)).toMatchObject({
				position: 2,
				at: T0 + 20,
				duplicate: true
			});
			expect(await store().raceAppend(pin, '3:o1', 'p3', T0 + 50)).toMatchObject({
				position: 3,
				duplicate: false
			});
			expect(await store().readRace(pin, '3:o1')).toEqual([
				{ member: 'p1', at: T0 + 10 },
				{ member: 'p2', at: T0 + 20 },
				{ member: 'p3', at: T0 + 50 }
			]);
		});

		// 20. Times never go backwards along a log: an entry that arrives with an earlier time than
		//     the last one is stamped with the last one's.
		it('20 · raceAppend stamps no time earlier than the last entry', async () => {
			const { pin } = await newRoom();
			await store().raceAppend(pin, '0:early', 'p1', T0 + 500);
			const late = await store().raceAppend(pin, '0:early', 'p2', T0 + 100);
			expect(late).toMatchObject({ position: 2, at: T0 + 500, duplicate: false });
			expect(await store().raceAppend(pin, '0:early', 'p3', T0 + 501)).toMatchObject({
				position: 3,
				at: T0 + 501
			});
			// A fractional time comes back as it was sent.
			expect(await store().raceAppend(pin, '0:early', 'p4', T0 + 501.25)).toMatchObject({
				at: T0 + 501.25
			});
			expect((await store().readRace(pin, '0:early')).map((e) => e.at)).toEqual([
				T0 + 500,
				T0 + 500,
				T0 + 501,
				T0 + 501.25
			]);
		});

		// 21. Many callers at once: exactly one first, places 1..n with no gap or repeat, the log in
		//     the order of the places, times non-decreasing.
		it('21 · 200 concurrent appends get places 1..200', async () => {
			const { pin } = await newRoom();
			const members = Array.from({ length: 200 }, (_, i) => `m${i}`);
			for (let i = members.length - 1; i > 0; i--) {
				const j = Math.floor(Math.random() * (i + 1));
				[members[i], members[j]] = [members[j]!, members[i]!];
			}
			const outcomes = await Promise.all(
				members.map((m, i) => store().raceAppend(pin, '1:o1', m, T0 + (i % 7)))
			);
			const positions = outcomes.map((o) => o!.position).sort((a, b) => a - b);
			expect(positions).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
			expect(outcomes.filter((o) => o!.position === 1)).toHaveLength(1);
			expect(outcomes.every((o) => !o!.duplicate)).toBe(true);
			const log = await store().readRace(pin, '1:o1');
			expect(log).toHaveLength(200);
			members.forEach((m, i) => {
				const o = outcomes[i]!;
				expect(log[o.position - 1]).toEqual({ member: m, at: o.at });
				expect(o.first).toEqual(log[0]);
			});
			for (let i = 1; i < log.length; i++)
				expect(log[i]!.at).toBeGreaterThanOrEqual(log[i - 1]!.at);
		});

		// 22. Logs belong to their room: none for an unknown room, gone with deleteRoom (also for the
		//     next room under the PIN); two logs of a room, or two rooms' logs, are independent.
		it('22 · race logs: unknown rooms, deleteRoom, independence', async () => {
			const unknown = `${randomPin()}x`;
			expect(await store().raceAppend(unknown, '0:o1', 'p1', T0)).toBeNull();
			expect(await store().readRace(unknown, '0:o1')).toEqual([]);

			const a = await newRoom();
			const b = await newRoom();
			expect(await store().readRace(a.pin, '0:o1')).toEqual([]);
			await store().raceAppend(a.pin, '0:o1', 'p1', T0 + 1);
			await store().raceAppend(a.pin, '0:o1', 'p2', T0 + 2);
			// Another log of the same room: p2 is first there.
			expect(await store().raceAppend(a.pin, '0:right', 'p2', T0 + 3)).toMatchObject({
				position: 1,
				duplicate: false
			});
			// Another room's log of the same name.
			expect(await store().raceAppend(b.pin, '0:o1', 'p2', T0 + 4)).toEqual({
				position: 1,
				at: T0 + 4,
				first: { member: 'p2', at: T0 + 4 },
				duplicate: false
			});
			expect(await store().readRace(a.pin, '0:o1')).toEqual([
				{ member: 'p1', at: T0 + 1 },
				{ member: 'p2', at: T0 + 2 }
			]);
			expect(await store().readRace(a.pin, '0:right')).toEqual([{ member: 'p2', at: T0 + 3 }]);

			await store().deleteRoom(a.pin);
			expect(await store().readRace(a.pin, '0:o1')).toEqual([]);
			expect(await store().readRace(a.pin, '0:right')).toEqual([]);
			expect(await store().raceAppend(a.pin, '0:o1', 'p1', T0 + 5)).toBeNull();
			expect(await store().readRace(b.pin, '0:o1')).toEqual([{ member: 'p2', at: T0 + 4 }]);
			// A new room under the PIN starts with empty logs.
			expect(await store().createRoom({ state: lobbyState(a.pin), quiz, ...quick('again') })).toBe(
				true
			);
			expect(await store().readRace(a.pin, '0:o1')).toEqual([]);
			expect(await store().raceAppend(a.pin, '0:o1', 'p9', T0 + 6)).toMatchObject({
				position: 1,
				first: { member: 'p9', at: T0 + 6 }
			});
		});

		// 23. Stakes are taken only while the room is in phase 'stake' at that question, atomically
		//     with the state; the last stake a holder sets is the one kept.
		it('23 · setStake only in the stake phase of its question', async () => {
			expect(await store().setStake(`${randomPin()}x`, 0, 'p1', 100)).toBe('ROOM_NOT_FOUND');
			const lobby = await newRoom();
			const pin = lobby.pin;
			expect(await store().setStake(pin, 0, 'p1', 100)).toBe('LOCKED'); // still in the lobby
			// The phase list of RoomState does not name 'stake' on this branch yet (the contest rounds
			// add it): the state is written as the room service will write it.
			const staking: RoomState = {
				...lobby,
				phase: 'stake' as never,
				index: 1,
				version: lobby.version + 1
			};
			expect(await store().casState(pin, lobby.version, staking)).toBe(true);
			expect(await store().setStake(pin, 1, 'p1', 100)).toBe('ok');
			expect(await store().setStake(pin, 1, 'p2', 0)).toBe('ok');
			expect(await store().setStake(pin, 1, 'p1', 250)).toBe('ok');
			expect(await store().setStake(pin, 0, 'p3', 50)).toBe('LOCKED'); // another question
			expect(await store().setStake(pin, 2, 'p3', 50)).toBe('LOCKED');
			expect(await store().listStakes(pin, 1)).toEqual({ p1: 250, p2: 0 });
			expect(await store().listStakes(pin, 0)).toEqual({});

			// The question opens: stakes are locked, those set are kept.
			const open: RoomState = { ...staking, phase: 'question', version: staking.version + 1 };
			expect(await store().casState(pin, staking.version, open)).toBe(true);
			expect(await store().setStake(pin, 1, 'p1', 999)).toBe('LOCKED');
			expect(await store().setStake(pin, 1, 'p4', 10)).toBe('LOCKED');
			expect(await store().listStakes(pin, 1)).toEqual({ p1: 250, p2: 0 });

			await store().deleteRoom(pin);
			expect(await store().listStakes(pin, 1)).toEqual({});
			expect(await store().setStake(pin, 1, 'p1', 1)).toBe('ROOM_NOT_FOUND');
		});

		// 14. Rooms nobody deletes do not pile up. Redis: every key a room writes expires, and a room
		//     whose state has expired is no longer listed as active. Memory: an ended (inactive) room
		//     is freed after the store's retention period, while active rooms stay.
		it('14 · finished rooms do not pile up', async () => {
			await current().proveRoomsExpire({ store, roomWithQuestion, command });
		});
	});
}
