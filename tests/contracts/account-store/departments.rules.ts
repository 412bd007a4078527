// The account store's rules for departments: unique names per organisation, scoped rename and
// delete.
import { expect, it } from 'vitest';
import type { AccountStore } from '../../../src/lib/server/records/accounts/port';
import { accountFixtures, T0, uid } from './fixtures';

export function registerDepartmentRules(store: () => AccountStore): void {
	const { user, org } = accountFixtures(store);

	it('9. departments: unique names per organisation, scoped rename and delete', async () => {
		const owner = await user('owner');
		const o = await org(owner);
		const other = await org(owner, '另一个');
		const dep = (orgId: string, name: string, createdAt = T0) => ({
			id: uid('dep'),
			orgId,
			name,
			createdAt
		});
		const safety = dep(o.id, '安全部');
		const ops = dep(o.id, '生产部', T0 + 1);
		expect(await store().createDepartment(safety)).toBe('ok');
		expect(await store().createDepartment(ops)).toBe('ok');
		expect(await store().createDepartment(dep(o.id, '安全部'))).toBe('NAME_TAKEN');
		// The same name in another organisation is another department.
		const theirs = dep(other.id, '安全部');
		expect(await store().createDepartment(theirs)).toBe('ok');
		expect(await store().listDepartments(o.id)).toEqual([safety, ops]);
		expect(await store().listDepartments(other.id)).toEqual([theirs]);

		expect(await store().renameDepartment(o.id, ops.id, '安全部')).toBe('NAME_TAKEN');
		expect(await store().renameDepartment(o.id, ops.id, '运行部')).toBe('ok');
		expect(await store().renameDepartment(o.id, theirs.id, '改名')).toBe('NOT_FOUND');
		expect(await store().renameDepartment(o.id, 'nope', '改名')).toBe('NOT_FOUND');
		expect((await store().listDepartments(other.id))[0]!.name).toBe('安全部');

		expect(await store().deleteDepartment(o.id, theirs.id)).toBe(false);
		expect(await store().listDepartments(other.id)).toHaveLength(1);
		expect(await store().deleteDepartment(o.id, safety.id)).toBe(true);
		expect((await store().listDepartments(o.id)).map((d) => d.name)).toEqual(['运行部']);
	});
}
