// What the account store rules build their records from: fresh ids, users, sessions, and
// organisations with members made through the store itself.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type {
	AccountStore,
	NewUser,
	SessionRecord
} from '../../../src/lib/server/records/accounts/port';

export const T0 = 1_760_000_000_000;
export const DAY = 24 * 3600_000;

let seq = 0;
/** A fresh id for each record, so that the tests of one suite share a database without clashes. */
export const uid = (prefix: string) => `${prefix}-${++seq}-${randomBytes(3).toString('hex')}`;

export function newUser(name = 'user'): NewUser {
	const id = uid(name);
	return {
		id,
		email: `${id}@example.com`,
		displayName: `名字 ${id}`,
		passwordHash: `scrypt$hash-of-${id}`,
		createdAt: T0
	};
}

export function session(userId: string, over: Partial<SessionRecord> = {}): SessionRecord {
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

/** Records made through the store under test. */
export function accountFixtures(store: () => AccountStore) {
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

	return { user, org, team };
}
