// A question's scores written in bounded chunks, the same way by every live store: one store call
// per chunk of players, then the question's scored marker last, so that a reader never sees a
// question scored before every player's share is in.
import type { PlayerStanding } from '../../domain/round-scoring';
import type { LiveStore, RankedResult, ScoreEntry, ScoredQuestion } from './port';

/** Each player once, standing and result together, in the standings' order. */
export function scoreEntries(results: RankedResult[], standings: PlayerStanding[]): ScoreEntry[] {
	const byId = new Map<string, ScoreEntry>();
	for (const s of standings) byId.set(s.id, { id: s.id, standing: s });
	for (const r of results) {
		const e = byId.get(r.playerId);
		if (e) e.result = r;
		else byId.set(r.playerId, { id: r.playerId, result: r });
	}
	return [...byId.values()];
}

export async function commitInChunks(
	store: Pick<LiveStore, 'applyScores' | 'markScored'>,
	pin: string,
	scored: ScoredQuestion,
	results: RankedResult[],
	standings: PlayerStanding[],
	chunk: number
): Promise<boolean> {
	const entries = scoreEntries(results, standings);
	const size = Math.max(1, chunk);
	for (let i = 0; i < entries.length; i += size) {
		// Already scored (by another process): nothing more to write.
		if (!(await store.applyScores(pin, scored.index, entries.slice(i, i + size)))) return false;
	}
	return store.markScored(pin, scored);
}
