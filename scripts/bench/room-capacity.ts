// The capacity model the room benchmark prints: from the costs one run measured, how many server
// processes (one core each) and how much of a Redis core a room of N players needs. Pure, checked
// by tests/bench/room-capacity.test.ts.
//
// Two budgets bound a process. A question's work for the players it holds (fan-out, answers,
// results) must be done within `burstMs`, since the players wait for it; their arrivals must be
// absorbed within `arrivalMs`. Both at `utilisation` of a core, leaving room for the rest.
// A room's live keys share one hash tag, so one Redis shard carries all of a room's work whatever
// the cluster's size: its per-question time is the room's Redis ceiling.

export interface RoomCost {
	/** Server CPU per player per question, µs, on the process holding the player. */
	serverUsPerPlayerQuestion: number;
	/** Server CPU per player arriving (connect + join), µs. */
	serverUsPerJoin: number;
	/** Redis CPU per player per question, µs; null without Redis. */
	redisUsPerPlayerQuestion: number | null;
}

export interface CapacityBudget {
	burstMs: number;
	arrivalMs: number;
	utilisation: number;
}

export const DEFAULT_BUDGET: CapacityBudget = {
	burstMs: 1000,
	arrivalMs: 60_000,
	utilisation: 0.7
};

export interface Capacity {
	players: number;
	/** Processes needed: the larger of the two below. */
	processes: number;
	/** Processes for a question's work within the burst budget. */
	forQuestions: number;
	/** Processes for the arrivals within their window. */
	forArrivals: number;
	/** Redis time per question on the room's shard, ms; null without Redis. */
	redisMsPerQuestion: number | null;
	/** Whether that fits the burst budget on one Redis core. */
	redisFits: boolean | null;
}

export function capacityFor(
	cost: RoomCost,
	players: number,
	budget: CapacityBudget = DEFAULT_BUDGET
): Capacity {
	const core = (ms: number) => ms * 1000 * budget.utilisation; // µs of one core in a budget
	const forQuestions = Math.max(
		1,
		Math.ceil((players * cost.serverUsPerPlayerQuestion) / core(budget.burstMs))
	);
	const forArrivals = Math.max(
		1,
		Math.ceil((players * cost.serverUsPerJoin) / core(budget.arrivalMs))
	);
	const redisMs =
		cost.redisUsPerPlayerQuestion === null
			? null
			: (players * cost.redisUsPerPlayerQuestion) / 1000;
	return {
		players,
		processes: Math.max(forQuestions, forArrivals),
		forQuestions,
		forArrivals,
		redisMsPerQuestion: redisMs,
		redisFits: redisMs === null ? null : redisMs <= budget.burstMs * budget.utilisation
	};
}

/**
 * What the model predicts for K processes sharing `players` evenly, from a cost measured on one:
 * each process's CPU per question (ms), to set beside a K-process run's per-process figures.
 */
export function predictedProcessMsPerQuestion(
	cost: RoomCost,
	players: number,
	processes: number
): number {
	return ((players / processes) * cost.serverUsPerPlayerQuestion) / 1000;
}
