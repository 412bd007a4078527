/** A number the user submitted (kept after a refused form), or the default when there is none. */
export function submittedOr(value: number | undefined | null, fallback: number): number {
	return value !== undefined && value !== null && !Number.isNaN(value) ? value : fallback;
}
