// Notices when a store that failed answers again. The session clock backs off from a failing store
// (up to half a minute between tries), so work left pending by an outage — a finished game to
// save, a closed question to score — would otherwise wait out the pause after the store is back.
// On a fault, the stores are pinged every few hundred milliseconds; once one that did not answer
// does, `onBack` runs (the clock then retries at once). A fault whose stores all answer (the cause
// was elsewhere) ends the watch at the first round without calling back, so nothing loops.

export interface PingedStore {
	name: string;
	ping(): Promise<unknown>;
}

export interface StoreRecoveryOptions {
	/** Between rounds of pings while a store is down. */
	intervalMs?: number;
	/** A ping that takes longer counts as no answer. */
	timeoutMs?: number;
}

export class StoreRecovery {
	private watching = false;
	private closed = false;
	private readonly intervalMs: number;
	private readonly timeoutMs: number;

	constructor(
		private readonly stores: PingedStore[],
		private readonly onBack: (names: string[]) => void,
		opts: StoreRecoveryOptions = {}
	) {
		this.intervalMs = opts.intervalMs ?? 250;
		this.timeoutMs = opts.timeoutMs ?? 1000;
	}

	/** A store operation failed: watch the stores until those that are down answer again. */
	suspect(): void {
		if (this.watching || this.closed) return;
		this.watching = true;
		void this.watch().finally(() => {
			this.watching = false;
		});
	}

	close(): void {
		this.closed = true;
	}

	private async watch(): Promise<void> {
		const down = new Set<string>();
		while (!this.closed) {
			const answers = await Promise.all(this.stores.map((s) => this.answers(s)));
			const back: string[] = [];
			this.stores.forEach((s, i) => {
				if (!answers[i]) down.add(s.name);
				else if (down.delete(s.name)) back.push(s.name);
			});
			if (back.length > 0 && !this.closed) this.onBack(back);
			if (down.size === 0) return;
			await new Promise<void>((r) => setTimeout(r, this.intervalMs).unref?.());
		}
	}

	private async answers(store: PingedStore): Promise<boolean> {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<boolean>((resolve) => {
			timer = setTimeout(() => resolve(false), this.timeoutMs);
		});
		const answered = store.ping().then(
			() => true,
			() => false
		);
		try {
			return await Promise.race([answered, timeout]);
		} finally {
			clearTimeout(timer);
		}
	}
}
