// The live room as a pure state machine: (state, command, now) → next state, or a refusal.
// The transport applies the result; timers are derived from `deadline`, never kept here.
import type { QuizSettings } from './question';
import { applyBuzz, createBuzzState } from './rounds/buzz';
import {
	buzzDeadline,
	buzzNextAt,
	buzzRoundAt,
	buzzSettings,
	createDayState,
	extendBuzz,
	settleBuzz,
	shiftBuzz,
	type DayPlan,
	type DayState
} from './rounds/day';
import { drawOrder } from './rounds/draw';
import { regularCount, roundAt } from './rounds/plan';

// 'intro' shows a round's title before its first question; 'stake' takes 风险题 stakes before the
// question opens. In both, `index` is the question about to open (not shown yet).
export const PHASES = [
	'lobby',
	'intro',
	'stake',
	'question',
	'reveal',
	'leaderboard',
	'podium',
	'ended'
] as const;
export type Phase = (typeof PHASES)[number];

export interface RoomState {
	pin: string;
	quizId: string;
	title: string;
	settings: QuizSettings;
	questionCount: number;
	phase: Phase;
	/** Index of the current (or last) question; -1 before the first. */
	index: number;
	/** Server time the current question opened. */
	openedAt: number;
	/** Server time the current question closes; moves on pause, resume and add-time. */
	deadline: number;
	/** The current question's limit in ms, add-time included (T in the scoring rule). */
	limitMs: number;
	/** Paused time accumulated in the current question, excluded from answer times. */
	pausedMs: number;
	/** Set while paused during a question. */
	pausedAt: number | null;
	locked: boolean;
	allowLateJoin: boolean;
	/** When set, reveal and leaderboard move on by themselves after these many seconds. */
	autoAdvance: AutoAdvance | null;
	/** Server time the current reveal or leaderboard moves on (auto-advance only). */
	phaseEndsAt: number | null;
	createdAt: number;
	endedAt: number | null;
	/**
	 * Set from closing question `pendingScore` until its scores are committed and announced: if the
	 * process closing it dies or the store drops meanwhile, whichever process holds the clock
	 * finishes the job (commits are idempotent; only the `scored` step announces, exactly once).
	 */
	pendingScore?: number;
	/** Set from the end until the finished game's record exists; the live state is kept till then. */
	pendingSave?: true;
	/** Contest-day state (teams, draw, buzzer, tiebreak); absent for a quiz without rounds or teams. */
	day?: DayState;
	/** Bumped on every change; stores use it for compare-and-set. */
	version: number;
}

export type HostCommand =
	| { type: 'start' }
	| { type: 'next' }
	| { type: 'skip' }
	| { type: 'pause' }
	| { type: 'resume' }
	| { type: 'addTime'; seconds: number }
	| { type: 'end' }
	/** The electronic draw of the team order; the service picks the seed at random. */
	| { type: 'draw'; seed: string }
	/** 抢答: the answering player was right or wrong (the host's call, or their device's answer). */
	| { type: 'judge'; right: boolean; playerId?: string }
	| { type: 'lock' }
	| { type: 'unlock' }
	| { type: 'lateJoin'; allow: boolean }
	| { type: 'autoAdvance'; settings: AutoAdvance | null };

export interface AutoAdvance {
	revealSec: number;
	leaderboardSec: number;
}

/** Internal commands, issued by the room's clock or by the answer counter. */
export type ClockCommand =
	| { type: 'close'; index: number; reason: 'deadline' | 'all-answered' }
	/** Auto-advance: moves on from a reveal or leaderboard whose time is up. */
	| { type: 'advance'; phase: 'reveal' | 'leaderboard'; index: number }
	/** 抢答: the buzzer opens, closes unbuzzed, or an answer runs out. */
	| { type: 'buzzTick'; index: number }
	/** 抢答: the store put this player first in the opening's log. */
	| { type: 'buzzWon'; index: number; opening: number; playerId: string };

/** Internal commands that mark a pending job done (the service did the work before sending it). */
export type DoneCommand =
	| {
			type: 'scored';
			index: number;
			/** Level on the top score, when it decides a tiebreak. */ tied?: string[];
	  }
	| { type: 'saved' };

export type RoomCommand = HostCommand | ClockCommand | DoneCommand;

/** Work the service must finish after a transition, kept in the state until it is done. */
export type RoomTask = { type: 'finishScoring'; index: number } | { type: 'finishSaving' };

export type RefusalCode =
	| 'WRONG_PHASE'
	| 'NOT_PAUSED'
	| 'ALREADY_PAUSED'
	| 'STALE'
	| 'NO_TEAMS'
	| 'TOO_EARLY'
	| 'TAKEN'
	| 'ALREADY_TRIED'
	| 'NOT_ANSWERING';

/** What the transport must do after a transition, beyond broadcasting the new state. */
export type RoomEffect =
	| { type: 'questionOpened'; index: number }
	| { type: 'roundIntro'; index: number }
	| { type: 'stakesOpen'; index: number }
	| { type: 'questionClosed'; index: number }
	/** The closed question's scores are committed: announce its results (once). */
	| { type: 'questionScored'; index: number }
	/** The finished game's record exists: the room's live state may go. */
	| { type: 'saved' }
	| { type: 'leaderboardShown'; index: number }
	| { type: 'podiumShown' }
	| { type: 'ended' };

export type Transition =
	| { ok: true; state: RoomState; effects: RoomEffect[] }
	| { ok: false; code: RefusalCode; message: string };

export interface QuestionTiming {
	timeLimit: number; // seconds
}

export function createRoomState(init: {
	pin: string;
	quizId: string;
	title: string;
	settings: QuizSettings;
	questionCount: number;
	now: number;
	/** Rounds and teams: the room gets a contest-day state. */
	plan?: DayPlan;
}): RoomState {
	const day = init.plan && (init.plan.rounds?.length || init.plan.teamIds.length);
	return {
		pin: init.pin,
		quizId: init.quizId,
		title: init.title,
		settings: init.settings,
		questionCount: init.questionCount,
		phase: 'lobby',
		index: -1,
		openedAt: 0,
		deadline: 0,
		limitMs: 0,
		pausedMs: 0,
		pausedAt: null,
		locked: false,
		allowLateJoin: true,
		autoAdvance: null,
		phaseEndsAt: null,
		createdAt: init.now,
		endedAt: null,
		...(day ? { day: createDayState(init.plan!) } : {}),
		version: 0
	};
}

const refuse = (code: RefusalCode, message: string): Transition => ({ ok: false, code, message });

function next(state: RoomState, patch: Partial<RoomState>, effects: RoomEffect[]): Transition {
	return { ok: true, state: { ...state, ...patch, version: state.version + 1 }, effects };
}

function openQuestion(
	state: RoomState,
	index: number,
	limitSec: number,
	now: number,
	plan: DayPlan | undefined
): Transition {
	const limitMs = limitSec * 1000;
	const patch: Partial<RoomState> = {
		phase: 'question',
		index,
		openedAt: now,
		deadline: now + limitMs,
		limitMs,
		pausedMs: 0,
		pausedAt: null
	};
	if (state.day) {
		const pos = buzzRoundAt(plan, index);
		let buzz = null;
		if (pos) {
			const settings = buzzSettings(pos.round);
			const opened = applyBuzz(createBuzzState(), { type: 'open' }, settings, now);
			if (opened.ok) buzz = opened.state;
			if (buzz) patch.deadline = buzzDeadline(buzz, settings);
		}
		patch.day = { ...state.day, buzz };
	}
	return next(state, patch, [{ type: 'questionOpened', index }]);
}

const podium = (state: RoomState) =>
	next(state, { phase: 'podium', pausedAt: null }, [{ type: 'podiumShown' }]);

/**
 * Moves towards question `index`: a round's first question is introduced first, a 风险题 takes
 * stakes before it opens, and a tiebreak is played only when someone is level on the top score.
 */
function enter(
	state: RoomState,
	index: number,
	from: 'before' | 'intro' | 'stake',
	limitOf: (i: number) => number,
	plan: DayPlan | undefined,
	now: number
): Transition {
	const pos = roundAt(plan?.rounds, index);
	if (pos) {
		if (pos.round.type === 'tiebreak' && !state.day?.tied?.length) return podium(state);
		if (from === 'before' && pos.position === 0) {
			return next(state, { phase: 'intro', index, pausedAt: null }, [
				{ type: 'roundIntro', index }
			]);
		}
		if (from !== 'stake' && pos.round.type === 'wager') {
			return next(state, { phase: 'stake', index, pausedAt: null }, [
				{ type: 'stakesOpen', index }
			]);
		}
	}
	return openQuestion(state, index, limitOf(index), now, plan);
}

function afterQuestion(
	state: RoomState,
	index: number,
	limitOf: (i: number) => number,
	plan: DayPlan | undefined,
	now: number
) {
	const following = index + 1;
	if (following >= state.questionCount) return podium(state);
	// Past the regular rounds, only a tie on the top score goes on (to the tiebreak's reserve).
	if (following >= regularCount(plan?.rounds, state.questionCount) && !state.day?.tied?.length) {
		return podium(state);
	}
	return enter(state, following, 'before', limitOf, plan, now);
}

/**
 * Applies a command. `limitOf(i)` gives question i's time limit in seconds (the quiz knows it;
 * the state does not carry the questions so that it stays small enough to CAS on every change).
 */
export function applyCommand(
	state: RoomState,
	cmd: RoomCommand,
	now: number,
	limitOf: (index: number) => number,
	plan?: DayPlan
): Transition {
	const t = transition(state, cmd, now, limitOf, plan);
	if (!t.ok) return t;
	return { ...t, state: { ...t.state, phaseEndsAt: phaseEnd(state, t.state, now) } };
}

/** With auto-advance on, entering a reveal or leaderboard starts its timer; leaving it clears it. */
function phaseEnd(before: RoomState, after: RoomState, now: number): number | null {
	const auto = after.autoAdvance;
	const timed = after.phase === 'reveal' || after.phase === 'leaderboard';
	if (!auto || !timed) return null;
	const entered = before.phase !== after.phase || before.index !== after.index;
	if (!entered && before.phaseEndsAt !== null && before.autoAdvance) return before.phaseEndsAt;
	return now + (after.phase === 'reveal' ? auto.revealSec : auto.leaderboardSec) * 1000;
}

function transition(
	state: RoomState,
	cmd: RoomCommand,
	now: number,
	limitOf: (index: number) => number,
	plan: DayPlan | undefined
): Transition {
	const { phase } = state;
	if (cmd.type === 'saved') {
		if (phase !== 'ended' || !state.pendingSave) return refuse('STALE', 'already saved');
		return next(state, { pendingSave: undefined }, [{ type: 'saved' }]);
	}
	// A game ended while its last question was being scored still gets that question's scores.
	if (cmd.type === 'scored') {
		if (state.pendingScore !== cmd.index) return refuse('STALE', 'already scored');
		const patch: Partial<RoomState> = { pendingScore: undefined };
		if (cmd.tied && state.day) patch.day = { ...state.day, tied: cmd.tied };
		return next(state, patch, [{ type: 'questionScored', index: cmd.index }]);
	}
	if (phase === 'ended') return refuse('WRONG_PHASE', 'the room has ended');
	switch (cmd.type) {
		case 'start':
			if (phase !== 'lobby') return refuse('WRONG_PHASE', 'the game has already started');
			return enter(state, 0, 'before', limitOf, plan, now);
		case 'next':
			switch (phase) {
				case 'lobby':
					return enter(state, 0, 'before', limitOf, plan, now);
				case 'intro':
					return enter(state, state.index, 'intro', limitOf, plan, now);
				case 'stake':
					return enter(state, state.index, 'stake', limitOf, plan, now);
				case 'question':
					return close(state, now);
				case 'reveal':
					return next(state, { phase: 'leaderboard' }, [
						{ type: 'leaderboardShown', index: state.index }
					]);
				case 'leaderboard':
					return afterQuestion(state, state.index, limitOf, plan, now);
				case 'podium':
					return ended(state, now);
			}
			return refuse('WRONG_PHASE', `cannot advance from ${phase}`);
		case 'skip':
			// Skipping drops the current question unscored and moves straight on.
			if (phase !== 'question') return refuse('WRONG_PHASE', 'no question is open');
			return afterQuestion({ ...state, pausedAt: null }, state.index, limitOf, plan, now);
		case 'close':
			if (phase !== 'question' || state.index !== cmd.index)
				return refuse('STALE', 'question already closed');
			if (cmd.reason === 'deadline' && (state.pausedAt !== null || now < state.deadline)) {
				return refuse('STALE', 'deadline moved');
			}
			return close(state, now);
		case 'pause':
			if (phase !== 'question') return refuse('WRONG_PHASE', 'only an open question can be paused');
			if (state.pausedAt !== null) return refuse('ALREADY_PAUSED', 'already paused');
			return next(state, { pausedAt: now }, []);
		case 'resume': {
			if (phase !== 'question' || state.pausedAt === null)
				return refuse('NOT_PAUSED', 'not paused');
			const held = Math.max(0, now - state.pausedAt);
			const patch: Partial<RoomState> = {
				pausedAt: null,
				pausedMs: state.pausedMs + held,
				deadline: state.deadline + held
			};
			// A paused buzzer picks up where it was: its countdowns move by the time held.
			if (state.day?.buzz) patch.day = { ...state.day, buzz: shiftBuzz(state.day.buzz, held) };
			return next(state, patch, []);
		}
		case 'addTime': {
			if (phase !== 'question') return refuse('WRONG_PHASE', 'no question is open');
			const ms = cmd.seconds * 1000;
			if (state.day?.buzz) {
				const buzz = extendBuzz(state.day.buzz, ms);
				const settings = buzzSettings(buzzRoundAt(plan, state.index)!.round);
				return next(
					state,
					{ day: { ...state.day, buzz }, deadline: buzzDeadline(buzz, settings) },
					[]
				);
			}
			return next(state, { deadline: state.deadline + ms, limitMs: state.limitMs + ms }, []);
		}
		case 'draw': {
			if (phase !== 'lobby') return refuse('WRONG_PHASE', 'the draw is made before the start');
			if (!state.day || !plan || plan.teamIds.length < 2) return refuse('NO_TEAMS', 'no teams');
			const order = drawOrder(plan.teamIds, cmd.seed);
			return next(
				state,
				{ day: { ...state.day, order, draw: { seed: cmd.seed, order, at: now } } },
				[]
			);
		}
		case 'buzzTick':
		case 'buzzWon':
		case 'judge':
			return buzzStep(state, cmd, now, plan);
		case 'end':
			return ended(state, now);
		case 'lock':
			return next(state, { locked: true }, []);
		case 'unlock':
			return next(state, { locked: false }, []);
		case 'lateJoin':
			return next(state, { allowLateJoin: cmd.allow }, []);
		case 'autoAdvance':
			return next(state, { autoAdvance: cmd.settings }, []);
		case 'advance':
			if (phase !== cmd.phase || state.index !== cmd.index)
				return refuse('STALE', 'already moved on');
			if (state.phaseEndsAt === null || now < state.phaseEndsAt) return refuse('STALE', 'not yet');
			return transition(state, { type: 'next' }, now, limitOf, plan);
	}
}

/** 抢答 steps: the clock's tick, the store's first buzz, and the judgement of the answer. */
function buzzStep(
	state: RoomState,
	cmd: Extract<RoomCommand, { type: 'buzzTick' | 'buzzWon' | 'judge' }>,
	now: number,
	plan: DayPlan | undefined
): Transition {
	const pos = buzzRoundAt(plan, state.index);
	const buzz = state.day?.buzz;
	if (state.phase !== 'question' || !pos || !buzz || !state.day) {
		return refuse(cmd.type === 'judge' ? 'WRONG_PHASE' : 'STALE', 'no buzzer is running');
	}
	if (cmd.type !== 'judge' && cmd.index !== state.index) return refuse('STALE', 'another question');
	if (state.pausedAt !== null) return refuse('STALE', 'paused');
	const settings = buzzSettings(pos.round);
	const settled = settleBuzz(buzz, settings, now);
	let after = settled;
	if (cmd.type === 'buzzWon') {
		if (settled.opening !== cmd.opening) return refuse('STALE', 'that opening is over');
		const step = applyBuzz(settled, { type: 'buzz', playerId: cmd.playerId }, settings, now);
		if (!step.ok) return refuse(step.code, step.code);
		after = step.state;
	} else if (cmd.type === 'judge') {
		if (settled.phase !== 'answering' || !settled.answering) {
			return refuse('WRONG_PHASE', 'nobody is answering');
		}
		if (cmd.playerId !== undefined && settled.answering.playerId !== cmd.playerId) {
			return refuse('NOT_ANSWERING', 'not the answering player');
		}
		const step = applyBuzz(settled, { type: 'judge', right: cmd.right }, settings, now);
		if (!step.ok) return refuse(step.code === 'WRONG_PHASE' ? 'WRONG_PHASE' : 'STALE', step.code);
		after = step.state;
	} else if (after === buzz) {
		return refuse('STALE', 'not yet');
	}
	const day = { ...state.day, buzz: after };
	if (after.phase === 'done') return close({ ...state, day }, now);
	return next(state, { day, deadline: buzzDeadline(after, settings) }, []);
}

function close(state: RoomState, now: number): Transition {
	// A question closed while paused keeps its paused time out of nobody's answers: answers stop here.
	const held = state.pausedAt !== null ? Math.max(0, now - state.pausedAt) : 0;
	return next(
		state,
		{
			phase: 'reveal',
			pausedAt: null,
			pausedMs: state.pausedMs + held,
			pendingScore: state.index
		},
		[{ type: 'questionClosed', index: state.index }]
	);
}

function ended(state: RoomState, now: number): Transition {
	return next(state, { phase: 'ended', endedAt: now, pausedAt: null, pendingSave: true }, [
		{ type: 'ended' }
	]);
}

/**
 * The job a command must wait for: moving past a closed question (or ending the game) before its
 * scores are committed would show standings without its points, and score it against the next
 * question's limit. The service finishes the job first, or refuses the command.
 */
export function mustFinishFirst(state: RoomState, cmd: RoomCommand): RoomTask | null {
	if (state.pendingScore === undefined) return null;
	const movesOn =
		cmd.type === 'next' || cmd.type === 'advance' || cmd.type === 'skip' || cmd.type === 'end';
	return movesOn ? { type: 'finishScoring', index: state.pendingScore } : null;
}

/** The job left to finish, if any: scoring a closed question, or saving the finished game. */
export function pendingTask(state: RoomState): RoomTask | null {
	if (state.pendingScore !== undefined) return { type: 'finishScoring', index: state.pendingScore };
	if (state.phase === 'ended' && state.pendingSave) return { type: 'finishSaving' };
	return null;
}

/** A clock job: when it falls due and the command the session's clock then applies. */
export interface DueTimer<C> {
	at: number;
	command: C;
}

/**
 * The room's next timer, if any: an open question's deadline (none while paused), or the end of an
 * auto-advancing reveal or leaderboard. The clock asks this after every change; it knows no phases.
 */
export function nextTimer(state: RoomState): DueTimer<ClockCommand | RoomTask> | null {
	const { phase, index } = state;
	// Unfinished work comes first, and is due at once.
	const task = pendingTask(state);
	if (task) return { at: 0, command: task };
	if (phase === 'question') {
		if (state.pausedAt !== null) return null;
		const buzz = state.day?.buzz;
		if (buzz) {
			const at = buzzNextAt(buzz);
			return at === null ? null : { at, command: { type: 'buzzTick', index } };
		}
		return { at: state.deadline, command: { type: 'close', index, reason: 'deadline' } };
	}
	if ((phase === 'reveal' || phase === 'leaderboard') && state.phaseEndsAt !== null) {
		return { at: state.phaseEndsAt, command: { type: 'advance', phase, index } };
	}
	return null;
}

export type JoinRefusal = 'ROOM_LOCKED' | 'GAME_STARTED' | 'ROOM_ENDED';

/** Whether a new player may join now (a returning player always may, unless kicked). */
export function canJoin(state: RoomState): JoinRefusal | null {
	if (state.phase === 'ended') return 'ROOM_ENDED';
	if (state.locked) return 'ROOM_LOCKED';
	if (state.phase !== 'lobby' && !state.allowLateJoin) return 'GAME_STARTED';
	return null;
}

export type AnswerRefusal = 'NO_QUESTION' | 'WRONG_QUESTION' | 'TIME_UP' | 'PAUSED';

/** Whether an answer received at `now` for question `index` may count; else why not. */
export function answerWindow(state: RoomState, index: number, now: number): AnswerRefusal | null {
	if (state.phase !== 'question') return 'NO_QUESTION';
	if (state.index !== index) return 'WRONG_QUESTION';
	if (state.pausedAt !== null) return 'PAUSED';
	if (now > state.deadline) return 'TIME_UP';
	return null;
}

/** Answer time t as the scoring rule defines it: since opening, pauses excluded. */
export function elapsedMs(state: RoomState, now: number): number {
	return Math.max(0, now - state.openedAt - state.pausedMs);
}

/** Time left in ms, frozen while paused. */
export function remainingMs(state: RoomState, now: number): number {
	if (state.phase !== 'question') return 0;
	const at = state.pausedAt ?? now;
	return Math.max(0, state.deadline - at);
}
