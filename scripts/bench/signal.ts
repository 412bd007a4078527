// A change signal for the benchmarks' parents: whatever updates state calls notify(), and
// waitUntil() re-checks its condition on every notification, bounded by a time limit.

export class Signal {
	private readonly waiting = new Set<() => void>();

	notify(): void {
		for (const f of [...this.waiting]) f();
	}

	/** Resolves when `pred` holds (re-checked on every notify) or after `ms`; true if it held. */
	waitUntil(pred: () => boolean, ms: number): Promise<boolean> {
		if (pred()) return Promise.resolve(true);
		return new Promise((resolve) => {
			const check = () => {
				if (!pred()) return;
				clearTimeout(timer);
				this.waiting.delete(check);
				resolve(true);
			};
			// No timer for an unbounded wait: the caller's global timeout ends the run instead.
			const timer = Number.isFinite(ms)
				? setTimeout(
						() => {
							this.waiting.delete(check);
							resolve(pred());
						},
						Math.max(0, ms)
					)
				: undefined;
			this.waiting.add(check);
		});
	}
}
