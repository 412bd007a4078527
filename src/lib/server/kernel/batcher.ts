// Gathers what arrives for one key within a short window into one flush. The live store sends the
// answers that reach a process in one turn of the event loop to Redis in one call; the room service
// runs one "has everyone answered?" check for a burst of answers; the socket broadcast sends hosts
// one arrivals frame per quarter second instead of one per player. One batcher serves all three.

export interface BatcherOptions<T> {
	/** `turn`: flush on the next turn of the event loop; a number: that many ms after the first item. */
	window: 'turn' | number;
	/** Flush at once when a batch holds this many items (bounds one store call). */
	maxItems?: number;
	/**
	 * At most one flush per key at a time: items that arrive while one runs wait for the next,
	 * which starts a window after it ends. Without it, batches of one key may flush concurrently.
	 */
	serial?: boolean;
	flush(key: string, items: T[]): Promise<void> | void;
	/** A flush that throws or rejects; the batcher itself carries on. */
	onError(error: unknown, key: string): void;
}

interface OpenBatch<T> {
	items: T[];
	cancel: (() => void) | null;
}

export class Batcher<T> {
	private open = new Map<string, OpenBatch<T>>();
	private busy = new Set<string>();
	private closed = false;

	constructor(private readonly opts: BatcherOptions<T>) {}

	add(key: string, item: T): void {
		if (this.closed) return;
		let batch = this.open.get(key);
		if (!batch) {
			batch = { items: [], cancel: null };
			this.open.set(key, batch);
			if (!this.busy.has(key)) this.arm(key, batch);
		}
		batch.items.push(item);
		const max = this.opts.maxItems;
		if (max !== undefined && batch.items.length >= max && !this.busy.has(key)) this.run(key);
	}

	/** Keys with items waiting (for tests and metrics). */
	get pendingKeys(): number {
		return this.open.size;
	}

	/** Drops whatever is waiting; nothing flushes afterwards. */
	close(): void {
		this.closed = true;
		for (const batch of this.open.values()) batch.cancel?.();
		this.open.clear();
	}

	private arm(key: string, batch: OpenBatch<T>): void {
		const go = () => this.run(key);
		if (this.opts.window === 'turn') {
			const handle = setImmediate(go);
			batch.cancel = () => clearImmediate(handle);
		} else {
			const handle = setTimeout(go, this.opts.window);
			handle.unref?.();
			batch.cancel = () => clearTimeout(handle);
		}
	}

	private run(key: string): void {
		const batch = this.open.get(key);
		if (!batch) return;
		batch.cancel?.();
		this.open.delete(key);
		const serial = this.opts.serial === true;
		if (serial) this.busy.add(key);
		let done: Promise<void>;
		try {
			done = Promise.resolve(this.opts.flush(key, batch.items));
		} catch (e) {
			done = Promise.reject(e);
		}
		void done
			.catch((e: unknown) => this.opts.onError(e, key))
			.finally(() => {
				if (!serial) return;
				this.busy.delete(key);
				const next = this.open.get(key);
				if (next && !this.closed) this.arm(key, next);
			});
	}
}
