// A contest's units and an organisation's roster, as plain data: the importers parse into them,
// the record store keeps them, the boards compute participation rates from the headcounts.

/** A unit of a contest, with the headcount its participation rate is computed against. */
export interface ContestUnit {
	name: string;
	/** null: unknown (no rate is shown). */
	headcount: number | null;
}

/** A row of an organisation's roster (roster-mode contests match participants against it). */
export interface RosterRow {
	employeeNo: string;
	name: string;
	unit: string;
}
