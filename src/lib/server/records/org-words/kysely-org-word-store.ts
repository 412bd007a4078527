// Organisations' word lists on Kysely: the list is one JSON column keyed by the organisation, so
// that a save replaces it whole (one upsert, never half a list).
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { OrgWordStore } from './port';

export class KyselyOrgWordStore implements OrgWordStore {
	constructor(private readonly db: Kysely<Database>) {}

	async orgWords(orgId: string): Promise<string[]> {
		const row = await this.db
			.selectFrom('org_words')
			.select('words')
			.where('org_id', '=', orgId)
			.executeTakeFirst();
		return row ? (JSON.parse(row.words) as string[]) : [];
	}

	async setOrgWords(orgId: string, words: string[], now: number): Promise<void> {
		const values = { org_id: orgId, words: JSON.stringify(words), updated_at: now };
		await this.db
			.insertInto('org_words')
			.values(values)
			.onConflict((oc) =>
				oc.column('org_id').doUpdateSet({ words: values.words, updated_at: values.updated_at })
			)
			.execute();
	}
}
