// Cell texts the exports share, written so that a sheet sorts and sums them as numbers.

/** Milliseconds as seconds with at most one decimal ("83.4"). */
export function seconds(ms: number): string {
	return String(Math.round(ms / 100) / 10);
}

/** A share as a percentage to one decimal ("45.5"; "0" of nobody). */
export function percent(count: number, total: number): string {
	if (total === 0) return '0';
	return String(Math.round((count / total) * 1000) / 10);
}
