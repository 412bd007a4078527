// The team board: sums for teams on a stage, means (one decimal, with participation) for mass
// contests; ties share a rank; only seated, present team members count.
import { describe, expect, it } from 'vitest';
import { teamBoard, teamScores, teamsFromSettings, type Team } from '$lib/domain/rounds/teams';
import { teamsSchema } from '$lib/domain/rounds/plan';

const TEAMS: Team[] = [
	{ id: 't1', name: '甲队', headcount: 4 },
	{ id: 't2', name: '乙队' },
	{ id: 't3', name: '丙队', headcount: 10 }
];

describe('teamBoard', () => {
	it('sums members by team, best first', () => {
		const rows = teamBoard(
			TEAMS,
			[
				{ id: 'a', teamId: 't1', score: 100 },
				{ id: 'b', teamId: 't1', score: 50 },
				{ id: 'c', teamId: 't2', score: 200 },
				{ id: 'd', teamId: 't3', score: 10 }
			],
			'sum'
		);
		expect(rows.map((r) => [r.teamId, r.score, r.members, r.rank])).toStrictEqual([
			['t2', 200, 1, 1],
			['t1', 150, 2, 2],
			['t3', 10, 1, 3]
		]);
	});

	it('takes the mean to one decimal, with participation from the headcount (null without)', () => {
		const rows = teamBoard(
			TEAMS,
			[
				{ id: 'a', teamId: 't1', score: 10 },
				{ id: 'b', teamId: 't1', score: 0 },
				{ id: 'c', teamId: 't1', score: 0 },
				{ id: 'd', teamId: 't2', score: 7 },
				{ id: 'e', teamId: 't2', score: 8 }
			],
			'mean'
		);
		const t1 = rows.find((r) => r.teamId === 't1')!;
		const t2 = rows.find((r) => r.teamId === 't2')!;
		const t3 = rows.find((r) => r.teamId === 't3')!;
		expect(t1).toMatchObject({ score: 3.3, members: 3, participation: 0.75 });
		expect(t2).toMatchObject({ score: 7.5, members: 2, participation: null });
		// Nobody from 丙队 played: a mean of 0 and no participation, but still on the board.
		expect(t3).toMatchObject({ score: 0, members: 0, participation: 0 });
		expect(rows.map((r) => r.teamId)).toStrictEqual(['t2', 't1', 't3']);
	});

	it('caps participation at 1 when more members play than the headcount', () => {
		const rows = teamBoard(
			[{ id: 't1', name: '甲队', headcount: 1 }],
			[
				{ id: 'a', teamId: 't1', score: 1 },
				{ id: 'b', teamId: 't1', score: 1 }
			],
			'mean'
		);
		expect(rows[0]!.participation).toBe(1);
	});

	it('gives tied teams the same rank, and the next one the rank after all of them', () => {
		const rows = teamBoard(
			[...TEAMS, { id: 't4', name: '丁队' }],
			[
				{ id: 'a', teamId: 't1', score: 30 },
				{ id: 'b', teamId: 't2', score: 30 },
				{ id: 'c', teamId: 't3', score: 10 },
				{ id: 'd', teamId: 't4', score: 30 }
			],
			'sum'
		);
		expect(rows.map((r) => r.rank)).toStrictEqual([1, 1, 1, 4]);
		expect(rows[3]!.teamId).toBe('t3');
		// Tied rows keep a stable order by name whatever order the members came in.
		const again = teamBoard(
			[...TEAMS, { id: 't4', name: '丁队' }].reverse(),
			[
				{ id: 'd', teamId: 't4', score: 30 },
				{ id: 'c', teamId: 't3', score: 10 },
				{ id: 'b', teamId: 't2', score: 30 },
				{ id: 'a', teamId: 't1', score: 30 }
			],
			'sum'
		);
		expect(again.map((r) => r.teamId)).toStrictEqual(rows.map((r) => r.teamId));
	});

	it('ignores audience, kicked players, and members of teams it does not know', () => {
		const rows = teamBoard(
			TEAMS,
			[
				{ id: 'a', teamId: 't1', score: 5 },
				{ id: 'watcher', teamId: null, score: 900 },
				{ id: 'gone', teamId: 't1', score: 900, kicked: true },
				{ id: 'stray', teamId: 't9', score: 900 }
			],
			'sum'
		);
		expect(rows.map((r) => [r.teamId, r.score, r.members])).toStrictEqual([
			['t1', 5, 1],
			// Level on 0: by name (丙 before 乙 in code order).
			['t3', 0, 0],
			['t2', 0, 0]
		]);
		expect(teamScores(rows)).toStrictEqual({ t1: 5, t2: 0, t3: 0 });
	});
});

describe('teamsFromSettings', () => {
	it('numbers the teams t1, t2… in the order defined, keeping headcounts', () => {
		const settings = teamsSchema.parse({
			list: [{ name: '红队', headcount: 12 }, { name: '蓝队' }, { name: '绿队' }]
		});
		expect(teamsFromSettings(settings)).toStrictEqual([
			{ id: 't1', name: '红队', headcount: 12 },
			{ id: 't2', name: '蓝队' },
			{ id: 't3', name: '绿队' }
		]);
	});

	it('gives no teams without settings', () => {
		expect(teamsFromSettings(undefined)).toStrictEqual([]);
	});
});
