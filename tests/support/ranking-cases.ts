// The tie cases every ranking must order alike: the domain rule, the memory store and Redis.
// Each case lists standings and the order they must rank in (kicked players are left out).
import type { PlayerStanding } from '../../src/lib/domain/round-scoring';

export interface RankingCase {
	name: string;
	standings: PlayerStanding[];
	kicked?: string[];
	/** Ids best first, kicked ones excluded. */
	order: string[];
}

const s = (id: string, score: number, totalTimeMs: number): PlayerStanding => ({
	id,
	score,
	totalTimeMs,
	streak: 0,
	correctCount: score > 0 ? 1 : 0
});

export const RANKING_CASES: RankingCase[] = [
	{
		name: 'more points first',
		standings: [s('p1', 900, 1000), s('p2', 1500, 9000), s('p3', 1000, 100)],
		order: ['p2', 'p3', 'p1']
	},
	{
		name: 'equal points: less total answer time first',
		standings: [s('p1', 1000, 5000), s('p2', 1000, 3000), s('p3', 1000, 4000)],
		order: ['p2', 'p3', 'p1']
	},
	{
		name: 'equal points and time: ascending id',
		standings: [s('pc', 1000, 3000), s('pa', 1000, 3000), s('pb', 1000, 3000)],
		order: ['pa', 'pb', 'pc']
	},
	{
		name: 'a full tie at zero (nobody answered): ascending id',
		standings: [s('z9', 0, 0), s('a1', 0, 0), s('m5', 0, 0)],
		order: ['a1', 'm5', 'z9']
	},
	{
		name: 'kicked players are not ranked and take no place',
		standings: [s('p1', 2000, 100), s('p2', 1000, 100), s('p3', 500, 100)],
		kicked: ['p1'],
		order: ['p2', 'p3']
	},
	{
		// A late joiner has missed questions: no points and no answer time. Answer time only
		// breaks ties of points, so they rank ahead of a player whose wrong answers took time.
		name: 'late joiner (0 points, 0 time) ahead of a wrong answerer (0 points, some time)',
		standings: [s('early', 0, 8000), s('late', 0, 0), s('good', 800, 9000)],
		order: ['good', 'late', 'early']
	},
	{
		name: 'answer time is whole milliseconds: 1.4 ms and 1 ms tie, then id',
		standings: [s('pb', 1000, 1.4), s('pa', 1000, 1), s('pc', 1000, 2)],
		order: ['pa', 'pb', 'pc']
	}
];
