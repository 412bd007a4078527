// Contract suite for the account store port: every rule runs against SQLite (a temp file) and a
// real PostgreSQL (a throwaway database), so the one Kysely query layer is held to both. The rules
// that must survive concurrency (one first admin, one use per invitation, an owner always left)
// are also raced.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KyselyAccountStore } from '../src/lib/server/records/accounts/kysely-store';
import type { AccountStore, NewUser, SessionRecord } from '../src/lib/server/records/accounts/port';
import { recordDatabases } from './support/record-dbs';

interface Opened {
	store: AccountStore;
	dispose(): Promise<void>;
}

interface Impl {
	name: 'sqlite' | 'postgres';
	skip: boolean;
	open(): Promise<Opened>;
}

const impls: Impl[] = (await recordDatabases('account-store')).map((d) => ({
	name: d.name,
	skip: d.skip,
	async open() {
		const { database, dispose } = await d.open();
		return { store: new KyselyAccountStore(database.db), dispose };
	}
}));

const T0 = 1_760_000_000_000;
const DAY = 24 * 3600_000;

let seq = 0;
/** A fresh id for each record, so that the tests of one suite share a database without clashes. */
const uid = (prefix: string) => `${prefix}-${++seq}-${randomBytes(3).toString('hex')}`;

function newUser(name = 'user'): NewUser {
	const id = uid(name);
	return {
		id,
		email: `${id}@example.com`,
		displayName: `名字 ${id}`,
		passwordHash: `scrypt$hash-of-${id}`,
		createdAt: T0
	};
}

function session(userId: string, over: Partial<SessionRecord> = {}): SessionRecord {
	return {
		id: uid('s'),
		userId,
		createdAt: T0,
		expiresAt: T0 + 30 * DAY,
		lastSeenAt: T0,
		userAgent: 'Mozilla/5.0',
		ip: '127.0.0.1',
		...over
	};
}

describe.each(impls.map((impl) => [impl.name, impl] as const))('account store on %s', (_, impl) => {
	describe.skipIf(impl.skip)('contract', () => {
		let opened: Opened;
		const store = () => opened.store;

		beforeAll(async () => {
			opened = await impl.open();
		});
		afterAll(async () => {
			await opened?.dispose();
		});

		async function user(name = 'user') {
			const u = newUser(name);
			expect(await store().createUser(u)).toBe('ok');
			return u;
		}

		async function org(owner: NewUser, name = '安答安全', createdAt = T0) {
			const o = { id: uid('org'), name, kind: 'enterprise' as const, createdAt };
			await store().createOrganisation(o, owner.id);
			return o;
		}

		/** An organisation with an owner, an admin and a host. */
		async function team() {
			const owner = await user('owner');
			const admin = await user('admin');
			const host = await user('host');
			const o = await org(owner);
			for (const [u, role] of [
				[admin, 'admin'],
				[host, 'host']
			] as const) {
				const inv = { id: uid('inv'), orgId: o.id, role, createdBy: owner.id, createdAt: T0 };
				await store().createInvitation({ ...inv, expiresAt: T0 + 7 * DAY });
				expect(await store().acceptInvitation(inv.id, u.id, T0 + 1)).toMatchObject({
					status: 'ok'
				});
			}
			return { owner, admin, host, org: o };
		}

		// The first-admin test must see an empty database, so it runs first.
		it('1. the first admin is created only while no user exists, once, also when raced', async () => {
			expect(await store().countUsers()).toBe(0);
			const a = newUser('admin');
			const b = newUser('admin');
			const results = await Promise.all([store().createFirstAdmin(a), store().createFirstAdmin(b)]);
			expect(results.filter((r) => r === 'ok')).toHaveLength(1);
			expect(results.filter((r) => r === 'SETUP_DONE')).toHaveLength(1);
			expect(await store().countUsers()).toBe(1);
			const winner = results[0] === 'ok' ? a : b;
			expect(await store().getUser(winner.id)).toMatchObject({
				isAdmin: true,
				email: winner.email
			});
			// Never again, whoever asks.
			expect(await store().createFirstAdmin(newUser('late'))).toBe('SETUP_DONE');
			expect(await store().countUsers()).toBe(1);
		});

		it('2. users: create, read by id and email, unique email, password and current org', async () => {
			const u = newUser();
			expect(await store().createUser(u)).toBe('ok');
			const got = await store().getUser(u.id);
			expect(got).toEqual({ ...u, isAdmin: false, currentOrgId: null });
			expect(await store().getUserByEmail(u.email)).toEqual(got);
			expect(await store().getUserByEmail(`x${u.email}`)).toBeNull();
			expect(await store().getUser('nobody')).toBeNull();

			const twin = { ...newUser(), email: u.email };
			expect(await store().createUser(twin)).toBe('EMAIL_TAKEN');
			expect(await store().getUser(twin.id)).toBeNull();

			await store().setPasswordHash(u.id, 'scrypt$new');
			expect((await store().getUser(u.id))!.passwordHash).toBe('scrypt$new');
			const o = await org(u);
			expect((await store().getUser(u.id))!.currentOrgId).toBe(o.id);
			await store().setCurrentOrg(u.id, null);
			expect((await store().getUser(u.id))!.currentOrgId).toBeNull();
		});

		it('3. sessions: create, read with the user, touch, list, end one, end others, sweep', async () => {
			const u = await user();
			const other = await user();
			const s1 = session(u.id, { lastSeenAt: T0 + 1 });
			const s2 = session(u.id, { lastSeenAt: T0 + 2 });
			const old = session(u.id, { expiresAt: T0 + 10 });
			const theirs = session(other.id);
			for (const s of [s1, s2, old, theirs]) await store().createSession(s);

			const found = await store().getSessionWithUser(s1.id);
			expect(found?.session).toEqual(s1);
			expect(found?.user).toMatchObject({ id: u.id, email: u.email });
			expect(await store().getSession(s2.id)).toEqual(s2);
			expect(await store().getSessionWithUser('nope')).toBeNull();

			await store().touchSession(s1.id, T0 + 40 * DAY, T0 + 5);
			expect(await store().getSession(s1.id)).toEqual({
				...s1,
				expiresAt: T0 + 40 * DAY,
				lastSeenAt: T0 + 5
			});
			// Unexpired only, most recently seen first.
			expect((await store().listUserSessions(u.id, T0 + 100)).map((s) => s.id)).toEqual([
				s1.id,
				s2.id
			]);

			// One's own session only.
			expect(await store().deleteUserSession(u.id, theirs.id)).toBe(false);
			expect(await store().getSession(theirs.id)).not.toBeNull();
			expect(await store().deleteUserSession(u.id, s2.id)).toBe(true);
			expect(await store().deleteUserSession(u.id, s2.id)).toBe(false);

			const s3 = session(u.id);
			await store().createSession(s3);
			const ended = await store().deleteUserSessions(u.id, s1.id);
			expect(ended.sort()).toEqual([old.id, s3.id].sort());
			expect(await store().getSession(s1.id)).not.toBeNull();
			expect(await store().getSession(theirs.id)).not.toBeNull();

			const stale = session(other.id, { expiresAt: T0 + 50 });
			await store().createSession(stale);
			expect(await store().deleteExpiredSessions(T0 + 50)).toBeGreaterThanOrEqual(1);
			expect(await store().getSession(stale.id)).toBeNull();
			expect(await store().getSession(theirs.id)).not.toBeNull();
			expect(await store().deleteSession(theirs.id)).toBe(true);
			expect(await store().deleteSession(theirs.id)).toBe(false);
		});

		it('4. organisations: the creator owns it, memberships and members read back', async () => {
			const { owner, admin, host, org: o } = await team();
			expect(await store().getOrganisation(o.id)).toEqual(o);
			expect(await store().getOrganisation('nope')).toBeNull();
			expect(await store().getRole(o.id, owner.id)).toBe('owner');
			expect(await store().getRole(o.id, admin.id)).toBe('admin');
			expect(await store().getRole(o.id, host.id)).toBe('host');
			const members = await store().listMembers(o.id);
			expect(members.map((m) => [m.userId, m.role])).toEqual([
				[owner.id, 'owner'],
				[admin.id, 'admin'],
				[host.id, 'host']
			]);
			expect(members[0]).toMatchObject({ email: owner.email, displayName: owner.displayName });

			const second = await org(host, '第二个组织', T0 + 100);
			const mine = await store().listMemberships(host.id);
			expect(mine.map((m) => [m.org.id, m.role])).toEqual([
				[o.id, 'host'],
				[second.id, 'owner']
			]);
			expect((await store().getUser(host.id))!.currentOrgId).toBe(second.id);
		});

		it('5. roles: changed in place; the last owner is never demoted or removed', async () => {
			const { owner, admin, host, org: o } = await team();
			expect(await store().setRole(o.id, host.id, 'admin', T0)).toBe('ok');
			expect(await store().getRole(o.id, host.id)).toBe('admin');
			expect(await store().setRole(o.id, owner.id, 'admin', T0)).toBe('LAST_OWNER');
			expect(await store().removeMember(o.id, owner.id, T0)).toBe('LAST_OWNER');
			expect(await store().getRole(o.id, owner.id)).toBe('owner');
			expect(await store().setRole(o.id, 'nobody', 'host', T0)).toBe('NOT_MEMBER');
			expect(await store().removeMember(o.id, 'nobody', T0)).toBe('NOT_MEMBER');
			expect(await store().setRole('no-org', owner.id, 'host', T0)).toBe('NOT_MEMBER');

			// With a second owner, the first may step down.
			expect(await store().setRole(o.id, admin.id, 'owner', T0)).toBe('ok');
			expect(await store().setRole(o.id, owner.id, 'host', T0)).toBe('ok');
			expect(await store().removeMember(o.id, admin.id, T0)).toBe('LAST_OWNER');

			// Removing a member clears their current organisation if it was this one.
			expect((await store().getUser(host.id))!.currentOrgId).toBe(o.id);
			expect(await store().removeMember(o.id, host.id, T0)).toBe('ok');
			expect(await store().getRole(o.id, host.id)).toBeNull();
			expect((await store().getUser(host.id))!.currentOrgId).toBeNull();
			expect(await store().removeMember(o.id, host.id, T0)).toBe('NOT_MEMBER');
		});

		it('6. two owners demoting each other at once leave one owner', async () => {
			for (let round = 0; round < 5; round++) {
				const { owner, admin, org: o } = await team();
				expect(await store().setRole(o.id, admin.id, 'owner', T0)).toBe('ok');
				const results = await Promise.all([
					store().setRole(o.id, owner.id, 'host', T0),
					store().setRole(o.id, admin.id, 'host', T0)
				]);
				expect(results.sort()).toEqual(['LAST_OWNER', 'ok']);
				const owners = (await store().listMembers(o.id)).filter((m) => m.role === 'owner');
				expect(owners).toHaveLength(1);
				// Removal races the same way.
				const other = owners[0]!.userId === owner.id ? admin : owner;
				expect(await store().setRole(o.id, other.id, 'owner', T0)).toBe('ok');
				const removed = await Promise.all([
					store().removeMember(o.id, owner.id, T0),
					store().removeMember(o.id, admin.id, T0)
				]);
				expect(removed.sort()).toEqual(['LAST_OWNER', 'ok']);
				expect((await store().listMembers(o.id)).filter((m) => m.role === 'owner')).toHaveLength(1);
			}
		});

		it('7. invitations: pending list, single use, expiry, revocation within the organisation', async () => {
			const owner = await user('owner');
			const o = await org(owner);
			const base = { orgId: o.id, createdBy: owner.id, createdAt: T0, expiresAt: T0 + 7 * DAY };
			const hostInv = { ...base, id: uid('inv'), role: 'host' as const };
			const adminInv = { ...base, id: uid('inv'), role: 'admin' as const, createdAt: T0 + 1 };
			const expired = { ...base, id: uid('inv'), role: 'host' as const, expiresAt: T0 + 5 };
			for (const inv of [hostInv, adminInv, expired]) await store().createInvitation(inv);

			expect(await store().getInvitation(hostInv.id)).toEqual({
				...hostInv,
				usedAt: null,
				usedBy: null
			});
			expect((await store().listPendingInvitations(o.id, T0 + 10)).map((i) => i.id)).toEqual([
				adminInv.id,
				hostInv.id
			]);

			const a = await user();
			const b = await user();
			expect(await store().acceptInvitation(hostInv.id, a.id, T0 + 20)).toEqual({
				status: 'ok',
				orgId: o.id,
				role: 'host'
			});
			expect(await store().getRole(o.id, a.id)).toBe('host');
			expect((await store().getUser(a.id))!.currentOrgId).toBe(o.id);
			expect(await store().getInvitation(hostInv.id)).toMatchObject({
				usedAt: T0 + 20,
				usedBy: a.id
			});
			// Used once: nobody else gets in with it, not even the same user again.
			expect(await store().acceptInvitation(hostInv.id, b.id, T0 + 21)).toEqual({
				status: 'INVALID'
			});
			expect(await store().getRole(o.id, b.id)).toBeNull();
			expect(await store().acceptInvitation(expired.id, b.id, T0 + 21)).toEqual({
				status: 'INVALID'
			});
			expect(await store().acceptInvitation('unknown', b.id, T0 + 21)).toEqual({
				status: 'INVALID'
			});
			// A member does not use up an invitation.
			expect(await store().acceptInvitation(adminInv.id, a.id, T0 + 22)).toEqual({
				status: 'ALREADY_MEMBER',
				orgId: o.id
			});
			expect((await store().getInvitation(adminInv.id))!.usedAt).toBeNull();
			expect(await store().getRole(o.id, a.id)).toBe('host');
			expect((await store().listPendingInvitations(o.id, T0 + 22)).map((i) => i.id)).toEqual([
				adminInv.id
			]);

			// Revocation is scoped to the organisation and spares used invitations.
			const otherOrg = await org(b, '别的组织');
			expect(await store().revokeInvitation(otherOrg.id, adminInv.id)).toBe(false);
			expect(await store().getInvitation(adminInv.id)).not.toBeNull();
			expect(await store().revokeInvitation(o.id, hostInv.id)).toBe(false);
			expect(await store().revokeInvitation(o.id, adminInv.id)).toBe(true);
			expect(await store().getInvitation(adminInv.id)).toBeNull();
			expect(await store().acceptInvitation(adminInv.id, b.id, T0 + 23)).toEqual({
				status: 'INVALID'
			});
		});

		it('8. an invitation accepted by two users at once admits one', async () => {
			const owner = await user('owner');
			const o = await org(owner);
			for (let round = 0; round < 5; round++) {
				const inv = {
					id: uid('inv'),
					orgId: o.id,
					role: 'host' as const,
					createdBy: owner.id,
					createdAt: T0,
					expiresAt: T0 + DAY
				};
				await store().createInvitation(inv);
				const a = await user();
				const b = await user();
				const results = await Promise.all([
					store().acceptInvitation(inv.id, a.id, T0 + 1),
					store().acceptInvitation(inv.id, b.id, T0 + 1)
				]);
				expect(results.map((r) => r.status).sort()).toEqual(['INVALID', 'ok']);
				const roles = [await store().getRole(o.id, a.id), await store().getRole(o.id, b.id)];
				expect(roles.filter((r) => r !== null)).toEqual(['host']);
			}
		});

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

		it('10. one organisation never sees or changes another: members, roles, removals', async () => {
			const a = await team();
			const b = await team();
			const bMembers = await store().listMembers(b.org.id);
			expect(bMembers.map((m) => m.userId).sort()).toEqual(
				[b.owner.id, b.admin.id, b.host.id].sort()
			);
			expect(await store().getRole(a.org.id, b.host.id)).toBeNull();
			expect(await store().setRole(a.org.id, b.host.id, 'owner', T0)).toBe('NOT_MEMBER');
			expect(await store().removeMember(a.org.id, b.host.id, T0)).toBe('NOT_MEMBER');
			expect(await store().getRole(b.org.id, b.host.id)).toBe('host');
		});
	});
});
