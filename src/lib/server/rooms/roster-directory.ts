// The organisation's roster (imported for self-paced contests) as the room service reads it: who an
// employee number is and which unit they belong to, and each unit's size.
import type { ContestRecordStore } from '../records/contests/port';
import type { RosterDirectory } from './room-context';

export function rosterDirectory(records: ContestRecordStore): RosterDirectory {
	return {
		find: async (orgId, employeeNo) => {
			const row = await records.findRosterRow(orgId, employeeNo);
			return row ? { name: row.name, unit: row.unit } : null;
		},
		units: async (orgId) =>
			(await records.rosterUnits(orgId)).map((u) => ({ name: u.name, headcount: u.headcount ?? 0 }))
	};
}
