// Departments on Kysely: names are unique per organisation (a unique index), and every statement
// is scoped to the organisation, so one never renames or deletes another's department.
import type { Kysely } from 'kysely';
import { compareText, isUniqueViolation, touchedAny } from '../query-helpers';
import type { Database } from '../schema';
import type { DepartmentRecord, DepartmentStore } from './port';
import { toDepartment } from './rows';

export class KyselyDepartmentStore implements DepartmentStore {
	constructor(private readonly db: Kysely<Database>) {}

	async listDepartments(orgId: string): Promise<DepartmentRecord[]> {
		const rows = await this.db
			.selectFrom('departments')
			.selectAll()
			.where('org_id', '=', orgId)
			.execute();
		return rows
			.map(toDepartment)
			.sort((a, b) => a.createdAt - b.createdAt || compareText(a.id, b.id));
	}

	async createDepartment(dep: DepartmentRecord): Promise<'ok' | 'NAME_TAKEN'> {
		const row = await this.db
			.insertInto('departments')
			.values({ id: dep.id, org_id: dep.orgId, name: dep.name, created_at: dep.createdAt })
			.onConflict((oc) => oc.columns(['org_id', 'name']).doNothing())
			.returning('id')
			.executeTakeFirst();
		return row ? 'ok' : 'NAME_TAKEN';
	}

	async renameDepartment(
		orgId: string,
		id: string,
		name: string
	): Promise<'ok' | 'NOT_FOUND' | 'NAME_TAKEN'> {
		try {
			const r = await this.db
				.updateTable('departments')
				.set({ name })
				.where('id', '=', id)
				.where('org_id', '=', orgId)
				.executeTakeFirst();
			return touchedAny(r) ? 'ok' : 'NOT_FOUND';
		} catch (e) {
			if (isUniqueViolation(e)) return 'NAME_TAKEN';
			throw e;
		}
	}

	async deleteDepartment(orgId: string, id: string): Promise<boolean> {
		const r = await this.db
			.deleteFrom('departments')
			.where('id', '=', id)
			.where('org_id', '=', orgId)
			.executeTakeFirst();
		return touchedAny(r);
	}
}
