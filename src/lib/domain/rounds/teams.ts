// Teams of a room and their scoreboard. A team's score is its members' sum (teams on a stage) or
// their mean (mass contests, so that a 12-person and a 300-person department compare fairly), shown
// with the share of its headcount that took part. Audience members belong to no team.
import { TEAMS_MAX, type TeamScoring, type TeamsSettings } from './plan';

export interface Team {
	id: string;
	name: string;
	headcount?: number;
}

export interface TeamMember {
	id: string;
	teamId: string | null;
	kicked?: boolean;
	score: number;
}

export interface TeamRow {
	teamId: string;
	name: string;
	/** Sum, or mean to one decimal. */
	score: number;
	members: number;
	/** Members over headcount (0..1), null when the team has no headcount. */
	participation: number | null;
	rank: number;
}

/** The teams a quiz's settings define, with ids stable across rooms of the same quiz. */
export function teamsFromSettings(settings: TeamsSettings | undefined): Team[] {
	return (settings?.list ?? []).slice(0, TEAMS_MAX).map((t, i) => ({
		id: `t${i + 1}`,
		name: t.name,
		...(t.headcount ? { headcount: t.headcount } : {})
	}));
}

function teamScore(sum: number, members: number, scoring: TeamScoring): number {
	if (scoring === 'sum') return sum;
	return members === 0 ? 0 : Math.round((sum / members) * 10) / 10;
}

/** Every team's row, best first (ties share a rank; then by name for a stable order). */
export function teamBoard(
	teams: readonly Team[],
	members: Iterable<TeamMember>,
	scoring: TeamScoring
): TeamRow[] {
	const sums = new Map<string, { sum: number; n: number }>();
	for (const t of teams) sums.set(t.id, { sum: 0, n: 0 });
	for (const m of members) {
		if (m.kicked || m.teamId === null) continue;
		const s = sums.get(m.teamId);
		if (!s) continue;
		s.sum += m.score;
		s.n++;
	}
	const rows = teams.map((t) => {
		const s = sums.get(t.id)!;
		return {
			teamId: t.id,
			name: t.name,
			score: teamScore(s.sum, s.n, scoring),
			members: s.n,
			participation: t.headcount ? Math.min(1, s.n / t.headcount) : null,
			rank: 0
		};
	});
	rows.sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	rows.forEach((r, i) => {
		const prev = rows[i - 1];
		r.rank = prev && prev.score === r.score ? prev.rank : i + 1;
	});
	return rows;
}

/** The scores by team id, for the tiebreak rule. */
export function teamScores(rows: readonly TeamRow[]): Record<string, number> {
	return Object.fromEntries(rows.map((r) => [r.teamId, r.score]));
}
