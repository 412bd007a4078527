// The word filter of each organisation's events: the built-in lists plus the organisation's own
// words (records/org-words). Built once per organisation and kept for a short while, so that a
// hall asking hundreds of questions costs one read of the list, not one per question; a save in
// this process drops its organisation at once, other processes see it within `ttlMs`.
import { createTextGuard, type TextGuard } from '../../domain/text-safety';

export const ORG_GUARD_TTL_MS = 30_000;

export class OrgGuards {
	private readonly cache = new Map<string, { until: number; guard: Promise<TextGuard> }>();

	constructor(
		private readonly words: (orgId: string) => Promise<string[]>,
		private readonly now: () => number,
		private readonly ttlMs = ORG_GUARD_TTL_MS
	) {}

	guardFor(orgId: string): Promise<TextGuard> {
		const now = this.now();
		const hit = this.cache.get(orgId);
		if (hit && hit.until > now) return hit.guard;
		this.prune(now);
		const guard = this.words(orgId).then((extraWords) => createTextGuard({ extraWords }));
		const entry = { until: now + this.ttlMs, guard };
		this.cache.set(orgId, entry);
		// A failed read is not kept: the next question tries again.
		guard.catch(() => {
			if (this.cache.get(orgId) === entry) this.cache.delete(orgId);
		});
		return guard;
	}

	/** Forgets an organisation's filter (its words were just saved). */
	drop(orgId: string): void {
		this.cache.delete(orgId);
	}

	private prune(now: number): void {
		for (const [orgId, e] of this.cache) if (e.until <= now) this.cache.delete(orgId);
	}
}
