// The bank store port: question banks as durable records, beside quizzes and games in the same
// database. Shipped YAML banks are synced in on start; imported and hand-made banks live only here.
import type { Bank, Question, QuestionType } from '../../../domain/question';

export type BankOrigin = 'shipped' | 'imported' | 'custom';

export interface StoredBank extends Bank {
	origin: BankOrigin;
	updatedAt: number;
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
	/** Creates or replaces a bank by id, all its questions in one transaction. */
	saveBank(bank: Bank, origin: BankOrigin, now: number): Promise<void>;
	getBank(id: string): Promise<StoredBank | null>;
	listBanks(): Promise<BankSummary[]>;
	deleteBank(id: string): Promise<boolean>;
	/** Questions matching a filter, in bank then position order (the caller draws at random). */
	findQuestions(filter: QuestionFilter): Promise<FoundQuestion[]>;
}
