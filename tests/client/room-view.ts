// A room view for the client tests, with only what a test cares about changed.
import type { RoomView } from '../../src/lib/protocol';

export function view(patch: Partial<RoomView> = {}): RoomView {
	return {
		pin: '123456',
		title: 't',
		phase: 'lobby',
		index: -1,
		questionCount: 3,
		locked: false,
		allowLateJoin: true,
		playerCount: 0,
		paused: false,
		remainingMs: 0,
		limitMs: 0,
		serverNow: 0,
		question: null,
		reveal: null,
		publicResults: true,
		autoAdvance: null,
		phaseRemainingMs: null,
		leaderboard: null,
		rounds: null,
		...patch
	};
}

/** The first question of three, open. */
export function questionView(patch: Partial<RoomView> = {}): RoomView {
	return view({
		phase: 'question',
		index: 0,
		remainingMs: 10_000,
		limitMs: 20_000,
		question: {
			index: 0,
			total: 3,
			type: 'single',
			stem: '火警电话是？',
			options: ['110', '119'],
			points: 1000,
			timeLimit: 20
		},
		...patch
	});
}
