// The bank store on Kysely, sharing the record database (and its portable-SQL rules) with the
// record store: a bank row plus one row per question, the question kept whole as JSON.
import type { Kysely } from 'kysely';
import type { Bank, Question } from '../../../domain/question';
import { SHARED, type OrgScope } from '../port';
import {
	compareText,
	deleteOwnedRow,
	insertInChunks,
	readableBy,
	saveOwnedRow,
	type RecordStoreKind
} from '../query-helpers';
import type { BanksTable, Database } from '../schema';
import type {
	BankOrigin,
	BankStore,
	BankSummary,
	FoundQuestion,
	QuestionFilter,
	StoredBank
} from './port';

/** The bank row's columns, read with its questions (and grouped by, to count them). */
const BANK_COLUMNS = [
	'banks.id',
	'banks.title',
	'banks.description',
	'banks.language',
	'banks.origin',
	'banks.updated_at',
	'banks.org_id'
] as const;

/** Where a bank came from and who owns it, as a stored bank and a bank summary both say it. */
function provenance(r: Pick<BanksTable, 'origin' | 'updated_at' | 'org_id'>) {
	return {
		origin: r.origin as BankOrigin,
		updatedAt: Number(r.updated_at),
		...(r.org_id !== null ? { orgId: r.org_id } : {})
	};
}

function unique<T>(items: readonly T[] | undefined): T[] {
	return [...new Set(items ?? [])];
}

export class KyselyBankStore implements BankStore {
	private readonly db: Kysely<Database>;
	private readonly kind: RecordStoreKind;

	constructor(db: Kysely<Database>, kind: RecordStoreKind) {
		this.db = db;
		this.kind = kind;
	}

	async saveBank(
		bank: Bank,
		origin: BankOrigin,
		now: number,
		orgId: string | null = null
	): Promise<boolean> {
		const rows = bank.questions.map((q, idx) => ({
			bank_id: bank.id,
			idx,
			type: q.type,
			category: q.category || null,
			difficulty: q.difficulty ?? null,
			stem: q.stem,
			data: JSON.stringify(q)
		}));
		return this.db.transaction().execute(async (trx) => {
			// The bank row first: its row lock makes a concurrent save of the same id wait here, so
			// that its DELETE below sees this save's questions and the INSERTs cannot collide. The
			// replace happens only where the owner matches; otherwise the questions of another
			// owner's bank are left alone.
			const claimed = await saveOwnedRow(trx, 'banks', {
				id: bank.id,
				title: bank.title,
				description: bank.description ?? null,
				language: bank.language,
				origin,
				updated_at: now,
				org_id: orgId
			});
			if (!claimed) return false;
			await trx.deleteFrom('bank_questions').where('bank_id', '=', bank.id).execute();
			await insertInChunks(trx, this.kind, 'bank_questions', rows);
			return true;
		});
	}

	async getBank(id: string, scope: OrgScope = SHARED): Promise<StoredBank | null> {
		// One statement, so that a concurrent replace cannot mix two versions of the bank.
		const rows = await this.db
			.selectFrom('banks')
			.leftJoin('bank_questions', 'bank_questions.bank_id', 'banks.id')
			.select([...BANK_COLUMNS, 'bank_questions.data'])
			.where('banks.id', '=', id)
			.where(readableBy('banks', scope))
			.orderBy('bank_questions.idx')
			.execute();
		const row = rows[0];
		if (!row) return null;
		return {
			id: row.id,
			title: row.title,
			language: row.language as Bank['language'],
			...(row.description !== null ? { description: row.description } : {}),
			questions: rows.flatMap((r) => (r.data === null ? [] : [JSON.parse(r.data) as Question])),
			...provenance(row)
		};
	}

	async bankExists(id: string): Promise<boolean> {
		const row = await this.db
			.selectFrom('banks')
			.select('id')
			.where('id', '=', id)
			.executeTakeFirst();
		return row !== undefined;
	}

	async listBanks(scope: OrgScope = SHARED): Promise<BankSummary[]> {
		// One row per (bank, category), counted in one statement so counts match the bank rows.
		const rows = await this.db
			.selectFrom('banks')
			.leftJoin('bank_questions', 'bank_questions.bank_id', 'banks.id')
			.select((eb) => [
				...BANK_COLUMNS,
				'bank_questions.category',
				eb.fn.count<number>('bank_questions.idx').as('n')
			])
			.where(readableBy('banks', scope))
			.groupBy([...BANK_COLUMNS, 'bank_questions.category'])
			.execute();
		const byId = new Map<string, BankSummary>();
		for (const r of rows) {
			let bank = byId.get(r.id);
			if (!bank) {
				bank = {
					id: r.id,
					title: r.title,
					description: r.description,
					language: r.language as Bank['language'],
					questionCount: 0,
					categories: [],
					...provenance(r)
				};
				byId.set(r.id, bank);
			}
			// count() arrives as a string from PostgreSQL's bigint.
			bank.questionCount += Number(r.n);
			if (r.category !== null) bank.categories.push(r.category);
		}
		for (const bank of byId.values()) bank.categories.sort(compareText);
		return [...byId.values()].sort(
			(a, b) => compareText(a.title, b.title) || compareText(a.id, b.id)
		);
	}

	async deleteBank(id: string, scope: OrgScope = SHARED): Promise<boolean> {
		// Questions go with the bank (ON DELETE CASCADE; SQLite is opened with foreign keys on).
		return deleteOwnedRow(this.db, 'banks', id, scope);
	}

	async findQuestions(filter: QuestionFilter, scope: OrgScope = SHARED): Promise<FoundQuestion[]> {
		const bankIds = unique(filter.bankIds);
		if (bankIds.length === 0) return [];
		const categories = unique(filter.categories);
		const types = unique(filter.types);
		const difficulties = unique(filter.difficulties);
		// Joined to the bank rows so that only banks the scope can read contribute questions.
		let query = this.db
			.selectFrom('bank_questions')
			.innerJoin('banks', 'banks.id', 'bank_questions.bank_id')
			.select(['bank_questions.bank_id', 'bank_questions.idx', 'bank_questions.data'])
			.where('bank_questions.bank_id', 'in', bankIds)
			.where(readableBy('banks', scope));
		if (categories.length > 0) query = query.where('bank_questions.category', 'in', categories);
		if (types.length > 0) query = query.where('bank_questions.type', 'in', types);
		if (difficulties.length > 0) {
			query = query.where('bank_questions.difficulty', 'in', difficulties);
		}
		const rows = await query.execute();
		// Sorted here: bank ids must order the same under any collation.
		return rows
			.sort((a, b) => compareText(a.bank_id, b.bank_id) || a.idx - b.idx)
			.map((r) => ({
				bankId: r.bank_id,
				index: r.idx,
				question: JSON.parse(r.data) as Question
			}));
	}
}
