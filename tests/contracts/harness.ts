// The one harness every store contract suite is built on. A contract is a function that registers
// numbered rules against "the store under test"; each implementation (memory, Redis, SQLite,
// PostgreSQL, …) is a target that opens such a store. A new implementation gets the whole suite by
// one `registerXContract(target)` call, a new store by writing its rules once.
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';

/** What a target hands the rules: the store under test plus whatever helpers it offers. */
export interface Opened {
	dispose(): Promise<void>;
}

export interface ContractTarget<T extends Opened> {
	/** Shown in the suite's title, e.g. `memory`, `redis`, `sqlite`, `postgres`. */
	name: string;
	/** True where the target's service is down and not required (the skip line was printed). */
	skip: boolean;
	open(): Promise<T>;
}

export interface ContractOptions {
	/**
	 * `suite`: one store for the whole suite (cheap to share; the rules clean up after themselves).
	 * `test`: a fresh store per rule (e.g. a throwaway database each).
	 */
	lifetime: 'suite' | 'test';
}

/**
 * Registers `rules` as `<title> on <target>`. Inside the rules, `current()` is the opened store of
 * the running rule; `describe.skipIf` keeps a skipped target visible in the report.
 */
export function contractSuite<T extends Opened>(
	title: string,
	target: ContractTarget<T>,
	options: ContractOptions,
	rules: (current: () => T) => void
): void {
	describe(`${title} on ${target.name}`, () => {
		describe.skipIf(target.skip)('contract', () => {
			let opened: T | null = null;
			const current = () => {
				if (!opened) throw new Error(`${title}: no ${target.name} store is open`);
				return opened;
			};
			const open = async () => {
				opened = await target.open();
			};
			const close = async () => {
				const o = opened;
				opened = null;
				await o?.dispose();
			};
			if (options.lifetime === 'suite') {
				beforeAll(open);
				afterAll(close);
			} else {
				beforeEach(open);
				afterEach(close);
			}
			rules(current);
		});
	});
}
