// The bank store port: question banks as durable records, beside quizzes and games in the same
// database. Shipped YAML banks are synced in on start; imported and hand-made banks live only here.
// Banks are owned like quizzes (see ../port.ts): a scope reads its own banks and the shared
// (shipped) library, and changes only its own; a scope left out is the shared scope.
import type { Bank, Question, QuestionType } from '../../../domain/question';
import type { OrgScope } from '../port';

export type BankOrigin = 'shipped' | 'imported' | 'custom';

export interface StoredBank extends Bank {
	origin: BankOrigin;
	updatedAt: number;
	/** The owning organisation; absent for a bank of the shared library. */
	orgId?: string;
}

export interface BankSummary {
	id: string;
	title: string;
	description: string | null;
	language: Bank['language'];
	origin: BankOrigin;
	questionCount: number;
	/** Distinct categories, sorted. */
	categories: string[];
	updatedAt: number;
	/** The owning organisation; absent for a bank of the shared library. */
	orgId?: string;
}

export interface QuestionFilter {
	bankIds: string[];
	/** Empty or absent: any. */
	categories?: string[];
	types?: QuestionType[];
	difficulties?: (1 | 2 | 3)[];
}

export interface FoundQuestion {
	bankId: string;
	/** Position in its bank, stable until the bank is replaced. */
	index: number;
	question: Question;
}

export interface BankStore {
	/**
	 * Creates a bank owned by `orgId` (null: shared), or replaces it whole if that same owner has
	 * it, all its questions in one transaction. False, and nothing written, when the id belongs to
	 * another owner (or to the shared library and `orgId` is an organisation's).
	 */
	saveBank(bank: Bank, origin: BankOrigin, now: number, orgId?: string | null): Promise<boolean>;
	/** A bank the scope can read: its own or a shared one. */
	getBank(id: string, scope?: OrgScope): Promise<StoredBank | null>;
	/** Whether any owner has a bank by this id (ids are unique across organisations). */
	bankExists(id: string): Promise<boolean>;
	/** The scope's own banks and the shared ones, by title. */
	listBanks(scope?: OrgScope): Promise<BankSummary[]>;
	/** Deletes one of the scope's own banks; false if it has none by that id. */
	deleteBank(id: string, scope?: OrgScope): Promise<boolean>;
	/**
	 * Questions matching a filter, in bank then position order (the caller draws at random), from
	 * the banks the scope can read only: other organisations' bank ids match nothing.
	 */
	findQuestions(filter: QuestionFilter, scope?: OrgScope): Promise<FoundQuestion[]>;
}
