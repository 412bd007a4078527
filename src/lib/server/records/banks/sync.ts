// Brings the shipped YAML banks into the bank store on start.
import type { Bank } from '../../../domain/question';
import type { BankStore } from './port';

/**
 * Saves every shipped bank with origin 'shipped'. When `prune` is set (the library loaded without
 * problems), shipped banks whose file is gone are dropped too; imported and hand-made banks are
 * never touched, except that a shipped bank replaces a stored bank with the same id.
 */
export async function syncShippedBanks(
	store: BankStore,
	shipped: Bank[],
	now: number,
	prune: boolean
): Promise<void> {
	for (const bank of shipped) await store.saveBank(bank, 'shipped', now);
	if (!prune) return;
	const current = new Set(shipped.map((b) => b.id));
	for (const b of await store.listBanks()) {
		if (b.origin === 'shipped' && !current.has(b.id)) await store.deleteBank(b.id);
	}
}
