// What the big screen says about a contest day's rounds, teams and draw. Pure, so that the texts
// and counts are tested without a browser. Contest days are a Chinese setting: the texts are Chinese.
import type { PlayerSummary } from '$lib/protocol';
import type { RoundView } from '$lib/protocol/room-rounds';
import type { TeamRow } from '$lib/domain/rounds/teams';

/** The round's rules in one line, read out by the host while the title card shows. */
export function roundRule(round: RoundView, hasTeams: boolean): string {
	const who = hasTeams ? '各队' : '每位选手';
	switch (round.type) {
		case 'all':
			return round.players === 'audience'
				? '观众作答，每题限时，答对得分'
				: round.players === 'teams'
					? '各队队员作答，每题限时，答对得分'
					: '全体作答，每题限时，答对得分';
		case 'turn':
			return '各队轮流作答，每题由一支队伍作答，其他队伍不得作答';
		case 'buzz': {
			const pass = round.buzz?.passOnWrong ?? true;
			const penalty = round.buzz?.earlyPenalty ?? 0;
			return (
				'倒计时结束后抢答，先抢先答' +
				(pass ? '，答错可由其他选手继续抢答' : '') +
				(penalty > 0 ? `；提前抢答扣 ${penalty} 分` : '')
			);
		}
		case 'wager':
			return `${who}选择 ${(round.stakes ?? []).join('/')} 分，答对得分，答错扣分`;
		case 'tiebreak':
			return '比分相同者加赛，决出名次';
	}
}

export interface TeamCount {
	teamId: string;
	name: string;
	count: number;
}

/** The lobby's teams with how many of the players the screen knows have joined each. */
export function teamCounts(teams: TeamRow[], players: PlayerSummary[]): TeamCount[] {
	const counts = new Map<string, number>();
	for (const p of players) {
		if (p.teamId && !p.audience) counts.set(p.teamId, (counts.get(p.teamId) ?? 0) + 1);
	}
	return teams.map((t) => ({ teamId: t.teamId, name: t.name, count: counts.get(t.teamId) ?? 0 }));
}

export function audienceCount(players: PlayerSummary[]): number {
	return players.filter((p) => p.audience).length;
}

/** "+12 ms" behind the first buzz; seconds once the gap is large enough to read as such. */
export function marginText(ms: number): string {
	return ms < 1000 ? `+${ms} ms` : `+${(ms / 1000).toFixed(2)} 秒`;
}

/** Share of a team's headcount that took part, as the board prints it. */
export function participationText(p: number | null): string | null {
	return p === null ? null : `参与率 ${Math.round(p * 100)}%`;
}

/** A score as the board prints it: a mean keeps its one decimal, a sum has none. */
export function scoreText(score: number): string {
	return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

/**
 * The draw's reveal: the frames of names shuffling before the drawn order settles. Slot i stops on
 * its drawn name at frame `settleAt(i)`, one after the other, so that the order lands top to bottom.
 * Deterministic in (order, frame) so that the same draw animates the same way on every screen.
 */
export function drawFrame(order: string[], frame: number, frames: number): string[] {
	const n = order.length;
	if (n === 0) return [];
	return order.map((name, i) => {
		const settleAt = Math.round((frames * (i + 1)) / (n + 1));
		if (frame >= settleAt) return name;
		return order[(i + frame * 7 + 3) % n]!;
	});
}

/** The frame from which slot i shows its drawn name (for highlighting a slot as it lands). */
export function settled(order: string[], i: number, frame: number, frames: number): boolean {
	return frame >= Math.round((frames * (i + 1)) / (order.length + 1));
}
