// SvelteKit keeps each request's event in an AsyncLocalStorage, so that `getRequestEvent()` works
// after an `await`. On Node 20, while any AsyncLocalStorage is enabled, a hook runs for every
// promise the process makes — the sockets' too, though no socket handler reads a request event.
// Measured here: a million awaited promises took 230 ms of CPU with no store enabled and 650 ms
// with one (2.8×); a 10,000-player room spent about 10 % less server CPU per player per question
// with the hook off. A store is enabled by its first `run()` and stays so. So the production entry
// captures the stores SvelteKit's handler makes as it loads, and switches them off whenever no
// page request is in flight; SvelteKit's next `run()` switches them on again.
import asyncHooks, { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { syncBuiltinESMExports } from 'node:module';

type Store = AsyncLocalStorage<unknown>;
// Kept by value: the imported name is a live binding, and follows the export while it is replaced.
const Original = AsyncLocalStorage;

/**
 * Runs `load` and returns what it gave with every AsyncLocalStorage constructed meanwhile, or in
 * the few turns after it (a module may import `node:async_hooks` dynamically and construct its
 * store once that import settles). `node:async_hooks` exports the original class again after.
 */
export async function captureContextStores<T>(
	load: () => Promise<T>,
	settleTurns = 3
): Promise<{ value: T; stores: Store[] }> {
	const stores: Store[] = [];
	class Captured<S> extends Original<S> {
		constructor() {
			super();
			stores.push(this as Store);
		}
	}
	asyncHooks.AsyncLocalStorage = Captured;
	syncBuiltinESMExports();
	try {
		const value = await load();
		for (let k = 0; k < settleTurns; k++) await new Promise((r) => setImmediate(r));
		return { value, stores };
	} finally {
		asyncHooks.AsyncLocalStorage = Original;
		syncBuiltinESMExports();
	}
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * `handler`, with `stores` disabled each time the last request in flight through it closes
 * (finished or cut off). A request's own `run()` enables them again, so a page sees its event as
 * before; only work a request left running after its response closed finds no store.
 */
export function contextOnlyWhileBusy(handler: Handler, stores: Store[]): Handler {
	if (stores.length === 0) return handler;
	let inFlight = 0;
	const closed = () => {
		if (--inFlight === 0) for (const s of stores) s.disable();
	};
	return (req, res) => {
		inFlight++;
		res.once('close', closed);
		handler(req, res);
	};
}
