// The account store port: users, sessions, organisations, memberships, invitations and
// departments, in the record database beside games and quizzes; one interface per aggregate, and
// AccountStore all of them. One Kysely implementation serves SQLite and PostgreSQL;
// tests/contracts/accounts/ hold both to this contract. Every organisation-scoped method takes the
// organisation's id and touches nothing outside it.
import type { OrgKind, OrgRole } from '../../../domain/org-roles';

export interface UserRecord {
	id: string;
	/** Normalised: trimmed, lower case. */
	email: string;
	displayName: string;
	passwordHash: string;
	isAdmin: boolean;
	currentOrgId: string | null;
	createdAt: number;
}

export type NewUser = Omit<UserRecord, 'isAdmin' | 'currentOrgId'>;

export interface SessionRecord {
	/** SHA-256 (hex) of the session token. */
	id: string;
	userId: string;
	createdAt: number;
	expiresAt: number;
	lastSeenAt: number;
	userAgent: string | null;
	ip: string | null;
}

export interface OrganisationRecord {
	id: string;
	name: string;
	kind: OrgKind;
	createdAt: number;
}

export interface MembershipRecord {
	org: OrganisationRecord;
	role: OrgRole;
	joinedAt: number;
}

export interface MemberRecord {
	userId: string;
	email: string;
	displayName: string;
	role: OrgRole;
	joinedAt: number;
}

export interface InvitationRecord {
	/** SHA-256 (hex) of the link's token. */
	id: string;
	orgId: string;
	role: OrgRole;
	createdBy: string;
	createdAt: number;
	expiresAt: number;
	usedAt: number | null;
	usedBy: string | null;
}

export interface DepartmentRecord {
	id: string;
	orgId: string;
	name: string;
	createdAt: number;
}

export type MemberChange = 'ok' | 'NOT_MEMBER' | 'LAST_OWNER';
export type AcceptOutcome =
	| { status: 'ok'; orgId: string; role: OrgRole }
	| { status: 'ALREADY_MEMBER'; orgId: string }
	| { status: 'INVALID' };

export interface UserStore {
	countUsers(): Promise<number>;
	/**
	 * Creates the instance's first user as its admin, only while no user exists; once one has
	 * been created (by anyone, concurrently included) it returns 'SETUP_DONE' and creates nothing.
	 */
	createFirstAdmin(user: NewUser): Promise<'ok' | 'SETUP_DONE'>;
	/** Creates a user; 'EMAIL_TAKEN' (and nothing created) if the email is in use. */
	createUser(user: NewUser): Promise<'ok' | 'EMAIL_TAKEN'>;
	getUser(id: string): Promise<UserRecord | null>;
	getUserByEmail(email: string): Promise<UserRecord | null>;
	setPasswordHash(userId: string, hash: string): Promise<void>;
	setCurrentOrg(userId: string, orgId: string | null): Promise<void>;
}

export interface SessionStore {
	createSession(session: SessionRecord): Promise<void>;
	getSession(id: string): Promise<SessionRecord | null>;
	getSessionWithUser(id: string): Promise<{ session: SessionRecord; user: UserRecord } | null>;
	/** Moves a session's expiry and last-seen time. */
	touchSession(id: string, expiresAt: number, lastSeenAt: number): Promise<void>;
	deleteSession(id: string): Promise<boolean>;
	/** Deletes one of the user's sessions; false if it is not theirs or does not exist. */
	deleteUserSession(userId: string, sessionId: string): Promise<boolean>;
	/** Deletes all the user's sessions but `exceptId`; returns the deleted ids. */
	deleteUserSessions(userId: string, exceptId?: string): Promise<string[]>;
	/** The user's unexpired sessions, most recently seen first. */
	listUserSessions(userId: string, now: number): Promise<SessionRecord[]>;
	deleteExpiredSessions(now: number): Promise<number>;
}

/** Organisations and their members. */
export interface OrganisationStore {
	/** Creates an organisation with `ownerId` as its owner, and makes it the owner's current one. */
	createOrganisation(org: OrganisationRecord, ownerId: string): Promise<void>;
	getOrganisation(id: string): Promise<OrganisationRecord | null>;
	/** The user's organisations, oldest membership first. */
	listMemberships(userId: string): Promise<MembershipRecord[]>;
	getRole(orgId: string, userId: string): Promise<OrgRole | null>;
	/** Members by role (owners first), then name. */
	listMembers(orgId: string): Promise<MemberRecord[]>;
	/** Changes a member's role; never leaves the organisation without an owner. */
	setRole(orgId: string, userId: string, role: OrgRole, now: number): Promise<MemberChange>;
	/** Removes a member; never the last owner. */
	removeMember(orgId: string, userId: string, now: number): Promise<MemberChange>;
}

export interface InvitationStore {
	createInvitation(inv: Omit<InvitationRecord, 'usedAt' | 'usedBy'>): Promise<void>;
	getInvitation(id: string): Promise<InvitationRecord | null>;
	/** Unused, unexpired invitations, newest first. */
	listPendingInvitations(orgId: string, now: number): Promise<InvitationRecord[]>;
	/** Deletes an unused invitation of this organisation; false if there is none. */
	revokeInvitation(orgId: string, id: string): Promise<boolean>;
	/**
	 * Uses an invitation once: atomically marks it used and adds the member. An existing member
	 * leaves it unused; a used, expired or unknown one is 'INVALID'.
	 */
	acceptInvitation(id: string, userId: string, now: number): Promise<AcceptOutcome>;
}

export interface DepartmentStore {
	listDepartments(orgId: string): Promise<DepartmentRecord[]>;
	createDepartment(dep: DepartmentRecord): Promise<'ok' | 'NAME_TAKEN'>;
	renameDepartment(
		orgId: string,
		id: string,
		name: string
	): Promise<'ok' | 'NOT_FOUND' | 'NAME_TAKEN'>;
	deleteDepartment(orgId: string, id: string): Promise<boolean>;
}

/** The whole port, as the auth and organisation services take it. */
export type AccountStore = UserStore &
	SessionStore &
	OrganisationStore &
	InvitationStore &
	DepartmentStore;
