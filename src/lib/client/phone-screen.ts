// What a player's phone shows in a contest-day room (知识竞赛), decided from the room's view, the
// player's own standing and their last buzz: pure, so that every case can be tested without a page.
// The server refuses whatever a phone should not send; the phone's part is never to offer it.
import type { PlayerResult, PlayerSelf, RoomView } from '../protocol';

/** The server's answer to this phone's buzz on one question. */
export type BuzzOutcome =
	| { index: number; kind: 'placed'; position: number; marginMs: number; won: boolean }
	| { index: number; kind: 'refused'; code: string; message: string };

/** The strip under the header: the team (or 观众) and, between questions, the team's rank. */
export interface PhoneBadge {
	label: string;
	audience: boolean;
	teamRank: number | null;
	ownRank: number | null;
}

/** Why the options are not offered on this question. */
export type WatchReason =
	{ kind: 'turn'; teams: string[] } | { kind: 'audienceOnly' } | { kind: 'teamsOnly' };

export type QuestionScreen =
	| { kind: 'answer'; won: boolean }
	| { kind: 'watch'; reason: WatchReason }
	| { kind: 'buzzArming'; remainingMs: number; penalty: number }
	| { kind: 'buzzOpen'; remainingMs: number }
	| { kind: 'buzzOral' }
	| { kind: 'buzzOthers'; who: string; team: string | null; place: BuzzPlace | null }
	| { kind: 'buzzPlaced'; position: number; marginMs: number; won: boolean }
	| { kind: 'buzzRefused'; code: string; message: string; penalty: number }
	| { kind: 'buzzWaiting'; place: BuzzPlace | null };

/** Where this phone's buzz came, behind the first. */
export interface BuzzPlace {
	position: number;
	marginMs: number;
}

const BETWEEN_QUESTIONS = new Set(['intro', 'stake', 'reveal', 'leaderboard', 'podium', 'ended']);

export function phoneBadge(view: RoomView | null, self: PlayerSelf | null): PhoneBadge | null {
	const team = self?.team;
	if (!view?.rounds || !team) return null;
	const between = BETWEEN_QUESTIONS.has(view.phase);
	if (team.audience) {
		return { label: '观众', audience: true, teamRank: null, ownRank: between ? self.rank : null };
	}
	if (!team.teamName) return null;
	return {
		label: team.teamName,
		audience: false,
		teamRank: between ? team.teamRank : null,
		ownRank: between ? self.rank : null
	};
}

/** Who may not answer the open question, and why; null when this player may. */
export function watchReason(view: RoomView, self: PlayerSelf | null): WatchReason | null {
	const rounds = view.rounds;
	if (!rounds?.round) return null;
	const team = self?.team ?? null;
	const audience = team?.audience ?? false;
	if (rounds.round.players === 'audience' && !audience) return { kind: 'audienceOnly' };
	if (rounds.round.players === 'teams' && (audience || !team?.teamId)) return { kind: 'teamsOnly' };
	const eligible = rounds.eligible;
	if (eligible && !eligible.some((t) => t.id === team?.teamId)) {
		return { kind: 'turn', teams: eligible.map((t) => t.name) };
	}
	return null;
}

/** What the open question shows: the options, a watching card, or the buzzer in one of its states. */
export function questionScreen(
	view: RoomView,
	self: PlayerSelf | null,
	buzz: BuzzOutcome | null
): QuestionScreen {
	const reason = watchReason(view, self);
	if (reason) return { kind: 'watch', reason };
	const state = view.rounds?.buzz;
	if (!state) return { kind: 'answer', won: false };
	const mine = buzz && buzz.index === view.index ? buzz : null;
	const penalty = view.rounds?.round?.buzz?.earlyPenalty ?? 0;
	const me = self?.playerId;
	const won = mine?.kind === 'placed' && mine.won;
	const place =
		mine?.kind === 'placed' ? { position: mine.position, marginMs: mine.marginMs } : null;
	if (state.phase === 'answering' && state.answering) {
		if (state.answering.playerId === me) {
			return state.oral ? { kind: 'buzzOral' } : { kind: 'answer', won: true };
		}
		return {
			kind: 'buzzOthers',
			who: state.answering.nickname,
			team: state.answering.team,
			place: place && !won ? place : null
		};
	}
	// An early buzz is refused only until the buzzer opens; other refusals last the question.
	if (mine?.kind === 'refused' && (state.phase !== 'open' || mine.code !== 'TOO_EARLY')) {
		return { kind: 'buzzRefused', code: mine.code, message: mine.message, penalty };
	}
	if (state.phase === 'arming')
		return { kind: 'buzzArming', remainingMs: state.remainingMs, penalty };
	if (state.phase === 'open') {
		// After a wrong answer the buzzer reopens with a fresh order: a buzz of the last opening
		// that never got to answer may buzz again.
		if (place && state.order.some((l) => l.playerId === me)) {
			return { kind: 'buzzPlaced', ...place, won };
		}
		return { kind: 'buzzOpen', remainingMs: state.remainingMs };
	}
	return { kind: 'buzzWaiting', place: place && !won ? place : null };
}

/** 风险题: the points the team's stake won or lost on this question; null outside a wager. */
export function stakeOutcome(
	view: RoomView,
	self: PlayerSelf | null,
	result: PlayerResult | null
): number | null {
	const stake = self?.team?.stake;
	if (view.rounds?.round?.type !== 'wager' || !stake || !result || result.correct === null) {
		return null;
	}
	if (result.index !== view.index) return null;
	return result.correct ? stake : -stake;
}

/** The stake phase: the values, the one chosen (by this player or a teammate), and whether it may change. */
export interface StakeScreen {
	values: number[];
	chosen: number | null;
	locked: boolean;
	audience: boolean;
}

export function stakeScreen(view: RoomView, self: PlayerSelf | null): StakeScreen {
	const book = view.rounds?.stakes ?? null;
	const values = book?.values ?? view.rounds?.round?.stakes ?? [];
	const team = self?.team ?? null;
	const line = book?.lines.find((l) => l.holder === team?.teamId);
	return {
		values,
		chosen: team?.stake ?? line?.stake ?? null,
		locked: book?.locked ?? false,
		audience: team?.audience ?? false
	};
}

/** "本题由 红队、蓝队 作答，请观战". */
export function watchText(reason: WatchReason): string {
	if (reason.kind === 'audienceOnly') return '本轮仅限观众作答，请观战';
	if (reason.kind === 'teamsOnly') return '本轮仅限队伍作答，请观战';
	return `本题由 ${reason.teams.join('、')} 作答，请观战`;
}

/** "第 3 位，慢了 42 ms". */
export function placeText(place: BuzzPlace): string {
	if (place.position <= 1) return '你抢到了！请作答';
	return `第 ${place.position} 位，慢了 ${Math.round(place.marginMs)} ms`;
}

/** What a refused buzz says: 抢早了 (with the penalty), 你已答过, or the server's own words. */
export function refusalText(code: string, message: string, penalty: number): string {
	if (code === 'TOO_EARLY') return penalty > 0 ? `提前抢答，扣 ${penalty} 分` : '抢早了';
	if (code === 'ALREADY_TRIED') return '你已答过';
	if (code === 'TAKEN') return '慢了一步，已有人抢到';
	return message;
}
