// The organisation word store's contract (tests/contracts/org-word-store.contract.ts) on SQLite
// (a temp file) and a real PostgreSQL (a throwaway database).
import { KyselyOrgWordStore } from '../src/lib/server/records/org-words/kysely-org-word-store';
import { registerOrgWordStoreContract } from './contracts/org-word-store.contract';
import { recordTargets } from './support/record-dbs';

const targets = await recordTargets('org-word-store', (database) => ({
	store: new KyselyOrgWordStore(database.db)
}));
for (const target of targets) registerOrgWordStoreContract(target);
