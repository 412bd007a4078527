// The account store on Kysely: one object over the per-aggregate stores (users, sessions,
// organisations and members, invitations, departments), all on the one record database. Rules
// that must hold under concurrency are each kept by their aggregate's store.
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { KyselyDepartmentStore } from './department-store';
import { KyselyInvitationStore } from './invitation-store';
import { KyselyOrganisationStore } from './organisation-store';
import type { AccountStore } from './port';
import { KyselySessionStore } from './session-store';
import { KyselyUserStore } from './user-store';

type AggregateStore = new (db: Kysely<Database>) => object;

/**
 * `A | B | C` as `A & B & C` of their public members (private ones, such as each store's own
 * database handle, stay out): an object that answers for every aggregate store at once.
 */
type AllOf<U> = (U extends unknown ? (part: { [K in keyof U]: U[K] }) => void : never) extends (
	all: infer I
) => void
	? I
	: never;

/**
 * A class whose instances answer every method of the given stores, each bound to that store's
 * own instance over the same database; so a method added to an aggregate needs no forwarding here.
 */
function allOf<P extends AggregateStore[]>(...parts: P) {
	return class {
		constructor(db: Kysely<Database>) {
			for (const Part of parts) {
				const store = new Part(db) as Record<string, unknown>;
				for (const name of Object.getOwnPropertyNames(Part.prototype)) {
					const method = store[name];
					if (name === 'constructor' || typeof method !== 'function') continue;
					Object.defineProperty(this, name, { value: method.bind(store) });
				}
			}
		}
	} as new (db: Kysely<Database>) => AllOf<InstanceType<P[number]>>;
}

export class KyselyAccountStore
	extends allOf(
		KyselyUserStore,
		KyselySessionStore,
		KyselyOrganisationStore,
		KyselyInvitationStore,
		KyselyDepartmentStore
	)
	implements AccountStore {}
