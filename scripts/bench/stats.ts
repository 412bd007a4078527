// Statistics and report lines shared by the benchmarks (room.ts, qa.ts).

/** The q-quantile of ascending `sorted` (nearest rank); NaN when empty. */
export function quantile(sorted: number[], q: number): number {
	if (sorted.length === 0) return NaN;
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
	return sorted[i]!;
}

export function fmtMs(ms: number): string {
	if (!Number.isFinite(ms)) return '–';
	return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

export interface Spread {
	n: number;
	p50: number;
	p99: number;
	max: number;
}

export function spread(values: number[]): Spread {
	const s = Float64Array.from(values).sort();
	const sorted = Array.from(s);
	return {
		n: sorted.length,
		p50: quantile(sorted, 0.5),
		p99: quantile(sorted, 0.99),
		max: sorted.length ? sorted[sorted.length - 1]! : NaN
	};
}

export function latencyLine(values: number[]): string {
	if (values.length === 0) return 'no samples';
	const s = spread(values);
	return `p50 ${fmtMs(s.p50)} · p99 ${fmtMs(s.p99)} · max ${fmtMs(s.max)}`;
}

/** Error counts by code, most frequent first: "RATE_LIMITED 3, ACK_TIMEOUT 1". */
export const codes = (map: Record<string, number>) =>
	Object.entries(map)
		.sort((a, b) => b[1] - a[1])
		.map(([code, n]) => `${code} ${n}`)
		.join(', ');

export const bump = (map: Record<string, number>, key: string, by = 1) => {
	map[key] = (map[key] ?? 0) + by;
};

export const row = (label: string, value: string, width = 22) =>
	console.log(`${label.padEnd(width)}${value}`);
