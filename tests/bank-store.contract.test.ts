// The bank store's contract (tests/contracts/bank-store.contract.ts) on SQLite (a temp file) and a
// real PostgreSQL (a throwaway database per rule), so the one Kysely query layer is held to both.
import { KyselyBankStore } from '../src/lib/server/records/banks/kysely-bank-store';
import { registerBankStoreContract } from './contracts/bank-store.contract';
import { recordTargets } from './support/record-dbs';

const targets = await recordTargets('bank-store', ({ db, kind }) => ({
	store: new KyselyBankStore(db, kind),
	questionRowsOf: (bankId: string) =>
		db.selectFrom('bank_questions').select('idx').where('bank_id', '=', bankId).execute()
}));
for (const target of targets) registerBankStoreContract(target);
