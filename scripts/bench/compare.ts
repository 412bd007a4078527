// Anda beside its floor: the table bench:qa and bench:room print, each figure with Anda's value,
// the floor's and their ratio. Pure (no I/O), so tests/bench/compare.test.ts checks what it prints.

export interface CompareLine<R> {
	label: string;
	value: (r: R) => number | null;
	show: (v: number) => string;
	/** Compared with the floor as a ratio. */
	ratio?: boolean;
}

/** A ratio as "1.9×" (no decimals from 10× up). */
const showRatio = (r: number) => `${r.toFixed(r >= 10 ? 0 : 1)}×`;

/** Anda / floor, or null when either side is unknown or the floor is 0. */
function ratioOf(anda: number | null | undefined, floor: number | null | undefined): number | null {
	if (anda == null || floor == null || !(floor > 0)) return null;
	const r = anda / floor;
	return Number.isFinite(r) ? r : null;
}

/** Anda / floor as "1.9×", or '' when either side is unknown or 0. */
export function ratioCell(anda: number | null, floor: number | null): string {
	const r = ratioOf(anda, floor);
	return r === null ? '' : showRatio(r);
}

/** The median of the known values (the lower of the middle two), null if none. */
export function median(values: (number | null)[]): number | null {
	const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
	if (known.length === 0) return null;
	known.sort((a, b) => a - b);
	return known[Math.floor((known.length - 1) / 2)]!;
}

/**
 * The table's lines: a header, then per line the label and, per column (runs of one server, their
 * median taken), the value. The first column is Anda's; each further one is a floor, named by
 * `floors` (default "floor"), and is followed by Anda/that floor for the lines that ask.
 */
export function compareTable<R>(
	lines: CompareLine<R>[],
	columns: R[][],
	opts: { labelWidth?: number; cellWidth?: number; floors?: string[] } = {}
): string[] {
	const lw = opts.labelWidth ?? 24;
	const cw = opts.cellWidth ?? 14;
	const names = columns.slice(1).map((_, k) => opts.floors?.[k] ?? 'floor');
	const head = ['Anda', ...names.flatMap((n) => [n, `Anda/${n}`])];
	// A column is as wide as asked, or as its heading and two spaces, so headings never touch.
	const widths = head.map((h) => Math.max(cw, h.length + 2));
	const cells = (cols: string[]) => cols.map((c, k) => c.padStart(widths[k]!)).join('');
	const out = [`${''.padEnd(lw)}${cells(head)}`];
	for (const line of lines) {
		const [anda, ...floors] = columns.map((runs) => median(runs.map((r) => line.value(r))));
		const shown = (v: number | null | undefined) => (v == null ? '–' : line.show(v));
		const row = [shown(anda)];
		for (const f of floors)
			row.push(shown(f), line.ratio ? ratioCell(anda ?? null, f ?? null) : '');
		out.push(`${line.label.padEnd(lw)}${cells(row)}`.trimEnd());
	}
	return out;
}

/**
 * Anda/floor round by round: a round runs Anda and the floor back to back, so a busy minute on a
 * shared machine tends to hit both or neither, and the ratio within a round says more than either
 * figure. Per ratio line: each round's ratio, then their median. `rounds[k]` holds round k's Anda
 * run and floor run (either may be missing: that round's cell is a dash); `floor` names the floor.
 */
export function roundRatioTable<R>(
	lines: CompareLine<R>[],
	rounds: { anda: R | null; floor: R | null }[],
	opts: { labelWidth?: number; cellWidth?: number; floor?: string } = {}
): string[] {
	const lw = opts.labelWidth ?? 24;
	const cw = opts.cellWidth ?? 8;
	const cells = (cols: string[]) => cols.map((c) => c.padStart(cw)).join('');
	const head = [...rounds.map((_, k) => `#${k + 1}`), 'median'];
	const out = [`${`Anda/${opts.floor ?? 'floor'} by round`.padEnd(lw)}${cells(head)}`];
	for (const line of lines) {
		if (!line.ratio) continue;
		const ratios = rounds.map(({ anda, floor }) =>
			ratioOf(anda && line.value(anda), floor && line.value(floor))
		);
		const mid = median(ratios);
		const shown = [...ratios, mid].map((r) => (r === null ? '–' : showRatio(r)));
		out.push(`${line.label.padEnd(lw)}${cells(shown)}`);
	}
	return out;
}
