// Organisations' own word lists (domain/org-words.ts), in the record database: one row per
// organisation. tests/contracts/org-word-store.contract.ts holds the Kysely implementation to
// this port on SQLite and PostgreSQL.

export interface OrgWordStore {
	/** The organisation's words, in the order they were saved; none if it never saved any. */
	orgWords(orgId: string): Promise<string[]>;
	/** Replaces the organisation's words (an empty list clears them). */
	setOrgWords(orgId: string, words: string[], now: number): Promise<void>;
}
