// The record store's contract (tests/contracts/record-store.contract.ts) on SQLite (a temp file) and
// a real PostgreSQL (a throwaway database per rule), so the one Kysely query layer is held to both.
import { KyselyRecordStore } from '../src/lib/server/records/kysely-store';
import { registerRecordStoreContract } from './contracts/record-store.contract';
import { recordTargets } from './support/record-dbs';

const targets = await recordTargets('record-store', (database) => ({
	store: new KyselyRecordStore(database.db, database.kind),
	db: database.db
}));
for (const target of targets) registerRecordStoreContract(target);
