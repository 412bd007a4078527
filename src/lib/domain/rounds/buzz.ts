// One 抢答 (buzz-in) question as a pure state machine: (state, command, now) → next state.
//
//   ready ──open (the "get ready" countdown starts)──► arming ──(armAt passes)──► open
//   open ──first buzz by server receipt──► answering (the winner alone answers, within a limit)
//   answering ──judge right──► done
//             ──judge wrong / time up──► open again for the others (passOnWrong), or done
//   open ──the buzzer's own limit passes with no buzz──► done
//
// A buzz stamped before the buzzer opens is refused (and, with a penalty set, counted against the
// player: the store keeps it, the score applies it). Receipt order is the order buzzes reach here;
// the store makes "first" atomic across processes, this module decides what each buzz means.
// Every buzz after the first is kept with its margin behind the winner, for the screen.

export interface BuzzSettings {
	/** The "get ready" countdown after the question shows, before the buzzer opens. */
	armMs: number;
	/** How long the buzzer stays open with nobody buzzing. */
	openMs: number;
	/** How long the winner has to answer (on their device, or orally before the host judges). */
	answerMs: number;
	/** A wrong answer (or none) passes the question to the players who have not yet tried. */
	passOnWrong: boolean;
	/** Points taken for a buzz before the buzzer opens; 0: refused without a penalty. */
	earlyPenalty: number;
}

export interface Buzz {
	playerId: string;
	at: number;
	/** Milliseconds behind the first buzz of the same opening (0 for the first). */
	marginMs: number;
}

export type BuzzPhase = 'ready' | 'arming' | 'open' | 'answering' | 'done';

export interface BuzzState {
	phase: BuzzPhase;
	/** 1 for the first opening, +1 each time a wrong answer passes the question on (0 before). */
	opening: number;
	/** When the buzzer opens (arming) or opened (open); null before `open`. */
	openAt: number | null;
	/** When the open buzzer closes with nobody buzzing. */
	closesAt: number | null;
	/** The player answering now, and by when. */
	answering: { playerId: string; until: number } | null;
	/** Buzzes of the current opening, in receipt order. */
	buzzes: Buzz[];
	/** Players who have had their turn (they cannot buzz again on this question). */
	tried: string[];
	/** Players who buzzed early, once each (the penalty is applied once). */
	early: string[];
	/** Who answered right, when it is done; null: nobody. */
	winner: string | null;
}

export type BuzzCommand =
	| { type: 'open' }
	| { type: 'buzz'; playerId: string }
	| { type: 'judge'; right: boolean }
	/** The clock's tick: arming ends, an open buzzer or an answer runs out. */
	| { type: 'tick' };

export type BuzzRefusal =
	| 'WRONG_PHASE' // a command the phase does not take
	| 'TOO_EARLY' // a buzz before the buzzer opened
	| 'ALREADY_TRIED' // this player had their turn on this question
	| 'TAKEN'; // someone else buzzed first

export type BuzzStep =
	| { ok: true; state: BuzzState; won?: boolean }
	| { ok: false; code: BuzzRefusal; state: BuzzState; penalised?: boolean };

export function createBuzzState(): BuzzState {
	return {
		phase: 'ready',
		opening: 0,
		openAt: null,
		closesAt: null,
		answering: null,
		buzzes: [],
		tried: [],
		early: [],
		winner: null
	};
}

/** The state as the clock has moved it by `now` (arming done, an opening or an answer run out). */
export function settleBuzz(s: BuzzState, settings: BuzzSettings, now: number): BuzzState {
	let state = s;
	if (state.phase === 'arming' && state.openAt !== null && now >= state.openAt) {
		state = { ...state, phase: 'open', closesAt: state.openAt + settings.openMs };
	}
	if (state.phase === 'answering' && state.answering && now >= state.answering.until) {
		// No answer in time counts as a wrong one.
		state = afterWrong(state, settings, state.answering.until);
	}
	if (state.phase === 'open' && state.closesAt !== null && now >= state.closesAt) {
		state = { ...state, phase: 'done', answering: null };
	}
	return state;
}

function afterWrong(s: BuzzState, settings: BuzzSettings, at: number): BuzzState {
	if (!settings.passOnWrong) return { ...s, phase: 'done', answering: null };
	// Reopened for the others straight away: they have seen the question and the get-ready already.
	return {
		...s,
		phase: 'open',
		opening: s.opening + 1,
		answering: null,
		buzzes: [],
		openAt: at,
		closesAt: at + settings.openMs
	};
}

export function applyBuzz(
	s: BuzzState,
	cmd: BuzzCommand,
	settings: BuzzSettings,
	now: number
): BuzzStep {
	const state = settleBuzz(s, settings, now);
	switch (cmd.type) {
		case 'open':
			if (state.phase !== 'ready') return { ok: false, code: 'WRONG_PHASE', state };
			return {
				ok: true,
				state: settleBuzz(
					{ ...state, phase: 'arming', opening: 1, openAt: now + settings.armMs },
					settings,
					now
				)
			};
		case 'tick':
			return { ok: true, state };
		case 'buzz':
			return buzz(state, cmd.playerId, settings, now);
		case 'judge': {
			if (state.phase !== 'answering' || !state.answering) {
				return { ok: false, code: 'WRONG_PHASE', state };
			}
			if (cmd.right) {
				return {
					ok: true,
					state: { ...state, phase: 'done', winner: state.answering.playerId, answering: null }
				};
			}
			return { ok: true, state: afterWrong(state, settings, now) };
		}
	}
}

function buzz(state: BuzzState, playerId: string, settings: BuzzSettings, now: number): BuzzStep {
	if (state.tried.includes(playerId)) return { ok: false, code: 'ALREADY_TRIED', state };
	if (state.phase === 'ready' || state.phase === 'arming') {
		const penalised = settings.earlyPenalty > 0 && !state.early.includes(playerId);
		const next = penalised ? { ...state, early: [...state.early, playerId] } : state;
		return { ok: false, code: 'TOO_EARLY', state: next, penalised };
	}
	if (state.phase === 'answering') {
		// Too late, but kept: the screen shows who came next and by how much.
		const first = state.buzzes[0];
		if (state.buzzes.some((b) => b.playerId === playerId)) {
			return { ok: false, code: 'TAKEN', state };
		}
		const margin = first ? now - first.at : 0;
		return {
			ok: false,
			code: 'TAKEN',
			state: { ...state, buzzes: [...state.buzzes, { playerId, at: now, marginMs: margin }] }
		};
	}
	if (state.phase !== 'open') return { ok: false, code: 'WRONG_PHASE', state };
	return {
		ok: true,
		won: true,
		state: {
			...state,
			phase: 'answering',
			answering: { playerId, until: now + settings.answerMs },
			buzzes: [{ playerId, at: now, marginMs: 0 }],
			tried: [...state.tried, playerId]
		}
	};
}

/** Points of one player from this question: the question's points to the winner, penalties off. */
export function buzzPoints(
	state: BuzzState,
	settings: BuzzSettings,
	playerId: string,
	points: number
): number {
	const early = state.early.includes(playerId) ? -settings.earlyPenalty : 0;
	return (state.winner === playerId ? points : 0) + early;
}
