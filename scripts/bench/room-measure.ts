// The room benchmark's arithmetic: how the bots are spread over worker and server processes, and
// what a server's CPU time is per player per question. Pure (no I/O), checked by
// tests/bench/room-measure.test.ts.

/** `total` split into `parts` counts differing by at most one, the larger first. */
export function splitEvenly(total: number, parts: number): number[] {
	return Array.from(
		{ length: parts },
		(_, p) => Math.floor(total / parts) + (p < total % parts ? 1 : 0)
	);
}

/**
 * The bot workers for `players` over `servers` server processes: at least one worker per server
 * and per `perWorker` players, rounded up to a multiple of `servers` so that each server gets the
 * same number of workers; worker p talks to server p mod `servers`.
 */
export function planWorkers(
	players: number,
	servers: number,
	wanted: number,
	maxPerWorker: number
): { server: number; count: number }[] {
	let workers = Math.max(wanted, servers, Math.ceil(players / maxPerWorker));
	workers = Math.min(Math.ceil(workers / servers) * servers, Math.max(players, servers));
	const counts = splitEvenly(players, workers);
	return counts.map((count, p) => ({ server: p % servers, count }));
}

/** CPU ms over `players` × `questions`, in µs; null when any part is unknown or zero. */
export function cpuPerPlayerQuestionUs(
	cpuMs: number | null,
	players: number,
	questions: number
): number | null {
	if (cpuMs === null || !(players > 0) || !(questions > 0)) return null;
	return (cpuMs * 1000) / (players * questions);
}

/** The sum of known values, null if any is unknown. */
export function sumKnown(values: (number | null)[]): number | null {
	let s = 0;
	for (const v of values) {
		if (v === null) return null;
		s += v;
	}
	return s;
}

/** The machine at one moment, ms summed over its cores (proc-stat.ts machineTimes). */
export interface MachineSample {
	/** Busy CPU, all processes and the kernel. */
	busy: number;
	/** Time the hypervisor gave these cores to someone else. */
	steal: number;
	/** CPU of the processes the bench knows: the servers, their Redis, the bot workers, itself. */
	known: number;
}

/** What the whole machine did over a phase, ms summed over its cores. */
export interface MachinePhase {
	steal: number;
	/**
	 * Busy CPU not charged to the processes the bench knows: other processes, and the kernel's
	 * network work that ran outside any of them. Never below 0 (the counters tick at 10 ms).
	 */
	outside: number;
}

/** The phase between two samples; null without both. */
export function machinePhase(
	a: MachineSample | null | undefined,
	b: MachineSample | null | undefined
): MachinePhase | null {
	if (!a || !b) return null;
	return { steal: b.steal - a.steal, outside: Math.max(0, b.busy - a.busy - (b.known - a.known)) };
}
