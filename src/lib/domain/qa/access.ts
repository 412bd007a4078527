// Who may do what in a Q&A event. A participant is a signed identity from the server (no
// account). The panel is for signed-in members of the event's organisation, in three roles:
// the event's hosts (its creator and the organisation's owners and admins) do everything,
// staff included; the moderators the host names run the questions, the bans and the polls; the
// experts answer and order what comes next. Any other member, and anyone outside the
// organisation, reaches no panel, no held or rejected question and no author's identity. A staff
// member is checked to be a member on every action: one who left the organisation loses access.
import { canManage, type OrgRole } from '../org-roles';
import { QA_TEXT_MAX } from '../limits';
import { cleanQaText } from './text';

export type QaPanelRole = 'host' | 'moderator' | 'expert';
export type QaRole = 'participant' | QaPanelRole;
export type QaStaffRole = Exclude<QaPanelRole, 'host'>;
export const QA_STAFF_ROLES = ['moderator', 'expert'] as const satisfies readonly QaStaffRole[];

/** A member of the organisation the host added to the event. */
export interface QaStaffMember {
	userId: string;
	role: QaStaffRole;
	/** How the expert is named on answers ("市应急管理局 安全生产专家"); null: not named. */
	title: string | null;
}

/** Staff one event holds. */
export const QA_STAFF_MAX = 50;

/** The least role each action takes; panel roles rank host > moderator > expert. */
export const QA_ACTIONS = {
	ask: 'participant',
	vote: 'participant',
	unvote: 'participant',
	answer: 'expert',
	star: 'expert',
	pin: 'expert',
	upNext: 'expert',
	approve: 'moderator',
	reject: 'moderator',
	archive: 'moderator',
	ban: 'moderator',
	close: 'moderator',
	reopen: 'moderator',
	poll: 'moderator',
	settings: 'host',
	details: 'host',
	staff: 'host'
} as const satisfies Record<string, QaRole>;

export type QaAction = keyof typeof QA_ACTIONS;

const PANEL_RANK: Record<QaPanelRole, number> = { expert: 1, moderator: 2, host: 3 };

export function mayDo(role: QaRole, action: QaAction): boolean {
	const needed = QA_ACTIONS[action];
	if (role === 'participant' || needed === 'participant') return role === needed;
	return PANEL_RANK[role] >= PANEL_RANK[needed];
}

/** A closed event takes no new questions or votes; its panel may still tidy it up. */
export function openFor(action: QaAction, closed: boolean): boolean {
	return !closed || QA_ACTIONS[action] !== 'participant';
}

/**
 * The user's role on the event's panel: `orgRole` is theirs in the event's organisation now
 * (null: not a member, whatever the staff list says). Null: no panel.
 */
export function panelRole(
	event: { createdBy: string; staff: readonly QaStaffMember[] },
	userId: string,
	orgRole: OrgRole | null
): QaPanelRole | null {
	if (orgRole === null) return null;
	if (event.createdBy === userId || canManage(orgRole)) return 'host';
	return event.staff.find((s) => s.userId === userId)?.role ?? null;
}

/** How a staff member is named on their answers (null for hosts and unnamed staff). */
export function staffTitle(
	event: { staff: readonly QaStaffMember[] },
	userId: string
): string | null {
	return event.staff.find((s) => s.userId === userId)?.title ?? null;
}

export type StaffChange =
	| { type: 'set'; userId: string; role: QaStaffRole; title: string | null }
	| { type: 'remove'; userId: string };

export type StaffChangeError = 'QA_STAFF_TITLE' | 'QA_STAFF_FULL' | 'QA_STAFF_NOT_FOUND';

/**
 * The staff list after a change: `set` adds the member or changes their role and title (a title
 * of invisible characters is none), `remove` takes them off. Membership is the caller's to check.
 */
export function changeStaff(
	staff: readonly QaStaffMember[],
	c: StaffChange
): { ok: true; staff: QaStaffMember[] } | { ok: false; code: StaffChangeError } {
	const others = staff.filter((s) => s.userId !== c.userId);
	if (c.type === 'remove') {
		if (others.length === staff.length) return { ok: false, code: 'QA_STAFF_NOT_FOUND' };
		return { ok: true, staff: others };
	}
	let title: string | null = null;
	if (c.title !== null) {
		const cleaned = cleanQaText(c.title, QA_TEXT_MAX.expert);
		if (!cleaned.ok && cleaned.code === 'QA_TEXT_LENGTH')
			return { ok: false, code: 'QA_STAFF_TITLE' };
		title = cleaned.ok ? cleaned.text.replace(/\n/g, ' ') : null;
	}
	const member: QaStaffMember = { userId: c.userId, role: c.role, title };
	const at = staff.findIndex((s) => s.userId === c.userId);
	if (at >= 0) return { ok: true, staff: staff.map((s, i) => (i === at ? member : s)) };
	if (staff.length >= QA_STAFF_MAX) return { ok: false, code: 'QA_STAFF_FULL' };
	return { ok: true, staff: [...staff, member] };
}
