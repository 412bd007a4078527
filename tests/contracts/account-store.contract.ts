// The account store's contract: numbered rules every implementation must keep, one file of rules
// per aggregate under account-store/, all run in this order on one store per target (the rules
// make fresh ids, and the first-admin rule, run first, sees an empty store). The rules that must
// survive concurrency (one first admin, one use per invitation, an owner always left) are raced.
import type { AccountStore } from '../../src/lib/server/records/accounts/port';
import { registerDepartmentRules } from './account-store/departments.rules';
import { registerInvitationRules } from './account-store/invitations.rules';
import { registerOrganisationRules } from './account-store/organisations.rules';
import { registerSessionRules } from './account-store/sessions.rules';
import { registerUserRules } from './account-store/users.rules';
import { contractSuite, type ContractTarget, type Opened } from './harness';

export interface AccountStoreUnderTest extends Opened {
	store: AccountStore;
}

export function registerAccountStoreContract(target: ContractTarget<AccountStoreUnderTest>): void {
	contractSuite('account store', target, { lifetime: 'suite' }, (current) => {
		const store = () => current().store;
		registerUserRules(store);
		registerSessionRules(store);
		registerOrganisationRules(store);
		registerInvitationRules(store);
		registerDepartmentRules(store);
	});
}
