// Brings the shipped YAML banks into the bank store on start.
import type { Bank } from '../../../domain/question';
import { log } from '../../log';
import type { BankStore } from './port';

/**
 * Saves every shipped bank with origin 'shipped', in the shared scope. When `prune` is set (the
 * library loaded without problems), shipped banks whose file is gone are dropped too. Imported and
 * hand-made banks are never touched, except that a shipped bank replaces a shared bank with the
 * same id; an organisation's bank is never replaced (that shipped bank is skipped, with a warning).
 */
export async function syncShippedBanks(
	store: BankStore,
	shipped: Bank[],
	now: number,
	prune: boolean
): Promise<void> {
	for (const bank of shipped) {
		if (!(await store.saveBank(bank, 'shipped', now))) {
			log.warn({ bankId: bank.id }, "an organisation's bank has this id; shipped bank skipped");
		}
	}
	if (!prune) return;
	const current = new Set(shipped.map((b) => b.id));
	for (const b of await store.listBanks()) {
		if (b.origin === 'shipped' && !current.has(b.id)) await store.deleteBank(b.id);
	}
}
