// The account store's contract (tests/contracts/account-store.contract.ts) on SQLite (a temp file)
// and a real PostgreSQL (a throwaway database), so the one Kysely query layer is held to both.
import { KyselyAccountStore } from '../src/lib/server/records/accounts/kysely-store';
import { registerAccountStoreContract } from './contracts/account-store.contract';
import { recordTargets } from './support/record-dbs';

const targets = await recordTargets('account-store', (database) => ({
	store: new KyselyAccountStore(database.db)
}));
for (const target of targets) registerAccountStoreContract(target);
