// The Q&A record store's contract (tests/contracts/qa-record-store.contract.ts) on SQLite (a temp
// file) and a real PostgreSQL (a throwaway database per rule), so the one Kysely query layer is
// held to both.
import { KyselyQaRecordStore } from '../src/lib/server/records/qa/kysely-qa-store';
import { registerQaRecordStoreContract } from './contracts/qa-record-store.contract';
import { recordTargets } from './support/record-dbs';

const targets = await recordTargets('qa-record-store', ({ db }) => ({
	store: new KyselyQaRecordStore(db)
}));
for (const target of targets) registerQaRecordStoreContract(target);
