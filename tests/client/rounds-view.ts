// Contest-day fixtures for the phone's tests and screenshots: a round, its rounds view, a player in
// a team (or the audience), with only what a test cares about changed.
import type { BuzzView, PlayerSelf, RoomView, RoundView, RoundsView } from '../../src/lib/protocol';
import { questionView, view } from './room-view';

export const RED = { id: 't1', name: '红队' };
export const BLUE = { id: 't2', name: '蓝队' };

export function round(patch: Partial<RoundView> = {}): RoundView {
	return {
		number: 1,
		title: '第二轮 抢答题',
		type: 'buzz',
		players: 'everyone',
		questionInRound: 1,
		questionsInRound: 5,
		rounds: 4,
		stakes: null,
		buzz: {
			armSec: 3,
			openSec: 15,
			answerSec: 20,
			passOnWrong: true,
			earlyPenalty: 0,
			oral: false
		},
		...patch
	};
}

export function roundsView(patch: Partial<RoundsView> = {}): RoundsView {
	return {
		round: round(),
		teams: null,
		teamScoring: 'sum',
		eligible: null,
		buzz: null,
		stakes: null,
		draw: null,
		tied: null,
		podiumNext: false,
		...patch
	};
}

export function buzzState(patch: Partial<BuzzView> = {}): BuzzView {
	return {
		phase: 'arming',
		remainingMs: 3000,
		answering: null,
		order: [],
		tried: 0,
		oral: false,
		winner: null,
		...patch
	};
}

/** An open question in a contest round. */
export function contestQuestion(rounds: Partial<RoundsView> = {}, patch: Partial<RoomView> = {}) {
	return questionView({ rounds: roundsView(rounds), ...patch });
}

export function contestView(patch: Partial<RoomView>, rounds: Partial<RoundsView> = {}): RoomView {
	return view({ rounds: roundsView(rounds), ...patch });
}

export function member(patch: Partial<PlayerSelf> = {}, team = RED): PlayerSelf {
	return {
		playerId: 'p1',
		nickname: '小安',
		score: 0,
		streak: 0,
		rank: 4,
		answered: null,
		team: { teamId: team.id, teamName: team.name, teamRank: 2, audience: false, stake: null },
		...patch
	};
}

export function audienceMember(patch: Partial<PlayerSelf> = {}): PlayerSelf {
	return member({
		team: { teamId: null, teamName: null, teamRank: null, audience: true, stake: null },
		...patch
	});
}

export const line = (
	playerId: string,
	nickname: string,
	marginMs = 0,
	team: string | null = null
) => ({
	playerId,
	nickname,
	team,
	marginMs
});
