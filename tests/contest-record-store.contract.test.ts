// The contest record store's contract (tests/contracts/contest-record-store.contract.ts) on SQLite
// (a temp file) and a real PostgreSQL (a throwaway database per rule), so the one Kysely query
// layer, and its locking under concurrent starts, is held to both.
import { KyselyContestRecordStore } from '../src/lib/server/records/contests/kysely-contest-store';
import { registerContestRecordStoreContract } from './contracts/contest-record-store.contract';
import { recordTargets } from './support/record-dbs';

const targets = await recordTargets('contest-record-store', ({ db, kind }) => ({
	store: new KyselyContestRecordStore(db, kind)
}));
for (const target of targets) registerContestRecordStoreContract(target);
