// What the page header shows of the signed-in user: name, current organisation and role.
import { ROLE_LABELS, type OrgRole } from '../../domain/org-roles';
import type { OrgService } from '../orgs/org-service';
import type { SessionUser } from './service';

export interface HeaderAccount {
	name: string;
	email: string;
	isAdmin: boolean;
	org: { id: string; name: string; role: OrgRole; roleLabel: string } | null;
}

export async function headerAccount(
	orgs: OrgService,
	user: SessionUser | null
): Promise<HeaderAccount | null> {
	if (!user) return null;
	const current = await orgs.current(user.id, user.currentOrgId);
	return {
		name: user.displayName,
		email: user.email,
		isAdmin: user.isAdmin,
		org: current
			? {
					id: current.org.id,
					name: current.org.name,
					role: current.role,
					roleLabel: ROLE_LABELS[current.role]
				}
			: null
	};
}
