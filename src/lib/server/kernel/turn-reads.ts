// Identical reads asked for in one turn of the event loop share one trip to the store. A join storm
// reads the room's state and its count of players once per join; hundreds of joins reach a process
// in one turn, and one GET answers them all. The read is sent on the next turn, after every caller
// asked: never older than what any of them would have read alone (a write this process made
// before asking is already ahead of it on the connection).
import { Batcher } from './batcher';

interface Waiter<T> {
	resolve: (value: T) => void;
	reject: (e: unknown) => void;
}

export class TurnReads<T> {
	private readonly waiting: Batcher<Waiter<T>>;

	/** `read(key)` is what each caller would have run; its result is shared, so keep it immutable. */
	constructor(read: (key: string) => Promise<T>) {
		this.waiting = new Batcher<Waiter<T>>({
			window: 'turn',
			flush: async (key, waiters) => {
				try {
					const value = await read(key);
					for (const w of waiters) w.resolve(value);
				} catch (e) {
					for (const w of waiters) w.reject(e);
				}
			},
			// The flush settles every caller itself; nothing reaches here but a bug.
			onError: () => {}
		});
	}

	get(key: string): Promise<T> {
		return new Promise((resolve, reject) => this.waiting.add(key, { resolve, reject }));
	}
}
