// Who may answer a question of a round: everyone, team members only or the audience only (the
// round's setting), and within that the team whose turn it is (轮流必答) or those level on the top
// score (加赛). 抢答 answers are taken from the player who buzzed first, decided elsewhere.
import { turnTeam } from './draw';
import { roundAt, type Round, type RoundPosition } from './plan';

export interface Seat {
	id: string;
	teamId: string | null;
	audience: boolean;
}

export type AnswerBar = 'NOT_YOUR_TURN' | 'NOT_YOUR_ROUND';

/**
 * Those a turn or tiebreak question is for: team ids, or player ids in a tiebreak without teams.
 * Null: no such restriction.
 */
export function eligibleAt(
	pos: RoundPosition | null,
	order: readonly string[],
	tied: readonly string[] | null
): string[] | null {
	if (!pos) return null;
	if (pos.round.type === 'turn') {
		const team = turnTeam(order, pos.position);
		return team ? [team] : [];
	}
	if (pos.round.type === 'tiebreak') return [...(tied ?? [])];
	return null;
}

/** Why `seat` may not answer a question of `round` (null: it may). */
export function answerBar(
	round: Round | null,
	eligible: readonly string[] | null,
	seat: Seat,
	hasTeams: boolean
): AnswerBar | null {
	if (!round) return null;
	const inTeam = !seat.audience && seat.teamId !== null;
	if (round.players === 'audience' && !seat.audience) return 'NOT_YOUR_ROUND';
	if (round.players === 'teams' && !inTeam) return 'NOT_YOUR_ROUND';
	// Turns, tiebreaks and stakes belong to teams: the audience watches them in a room with teams.
	const teamsOnly = round.type === 'turn' || round.type === 'tiebreak' || round.type === 'wager';
	if (hasTeams && teamsOnly && !inTeam) return 'NOT_YOUR_ROUND';
	if (eligible) {
		const key = hasTeams ? seat.teamId : seat.id;
		if (key === null || !eligible.includes(key)) return 'NOT_YOUR_TURN';
	}
	return null;
}

/** The same rule at question `index` of a quiz's rounds. */
export function answerBarAt(
	rounds: readonly Round[] | undefined,
	index: number,
	order: readonly string[],
	tied: readonly string[] | null,
	seat: Seat,
	hasTeams: boolean
): AnswerBar | null {
	const pos = roundAt(rounds, index);
	return answerBar(pos?.round ?? null, eligibleAt(pos, order, tied), seat, hasTeams);
}
