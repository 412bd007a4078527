// SvelteKit's request stores are switched off whenever no page request is in flight, because on
// Node 20 an enabled AsyncLocalStorage taxes every promise of the process (request-context.ts).
// These tests run a real HTTP server on port 0 with a handler that keeps its request in a store the
// way SvelteKit does, and read the store from work that outlives a response.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { captureContextStores, contextOnlyWhileBusy } from '../../src/server/request-context';

const servers: Server[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/**
 * A server whose handler answers `/hold` only once `release` is called and every other path at
 * once; each request, inside `store.run`, reports what the store holds a moment after its
 * response has closed (work a request leaves running).
 */
async function serveWith(store: AsyncLocalStorage<string>, wrap: boolean) {
	const seenAfterClose = new Map<string, string | undefined>();
	const afterClose = new Map<string, Promise<void>>();
	let release: () => void = () => {};
	const held = new Promise<void>((r) => (release = r));
	const handler = contextOnlyWhileBusy(
		(req, res) => {
			const name = req.url!.slice(1);
			store.run(name, () => {
				afterClose.set(
					name,
					new Promise<void>((done) => {
						res.once('close', () =>
							setImmediate(() => {
								seenAfterClose.set(name, store.getStore());
								done();
							})
						);
					})
				);
				void (name === 'hold' ? held : Promise.resolve()).then(() => res.end(store.getStore()));
			});
		},
		wrap ? [store as AsyncLocalStorage<unknown>] : []
	);
	const server = createServer(handler);
	servers.push(server);
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { base, seenAfterClose, afterClose, release };
}

describe('request stores', () => {
	it('a request still reads its own store after an await, as a page reads its event', async () => {
		const store = new AsyncLocalStorage<string>();
		const { base } = await serveWith(store, true);
		expect(await (await fetch(`${base}/first`)).text()).toBe('first');
		// Switched off after the first, on again for the second.
		expect(await (await fetch(`${base}/second`)).text()).toBe('second');
	});

	it('are off once the last request in flight has closed, on while one still is', async () => {
		const store = new AsyncLocalStorage<string>();
		const { base, seenAfterClose, afterClose, release } = await serveWith(store, true);
		const hold = fetch(`${base}/hold`);
		await new Promise((r) => setTimeout(r, 50));
		expect(await (await fetch(`${base}/quick`)).text()).toBe('quick');
		await afterClose.get('quick');
		// /hold is still in flight, so the store stays on and /quick's leftover work still sees it.
		expect(seenAfterClose.get('quick')).toBe('quick');
		release();
		expect(await (await hold).text()).toBe('hold');
		await afterClose.get('hold');
		// The last one closed: the store is off, so work left behind finds none.
		expect(seenAfterClose.get('hold')).toBeUndefined();
	});

	it('without the wrapper, work left behind keeps its store (what the wrapper changes)', async () => {
		const store = new AsyncLocalStorage<string>();
		const { base, seenAfterClose, afterClose } = await serveWith(store, false);
		await (await fetch(`${base}/alone`)).text();
		await afterClose.get('alone');
		expect(seenAfterClose.get('alone')).toBe('alone');
	});

	it('are captured while a module loads, the class given back after', async () => {
		const { value, stores } = await captureContextStores(async () => {
			// As SvelteKit does: the store is made once a dynamic import of async_hooks settles.
			void import('node:async_hooks').then((h) => new h.AsyncLocalStorage());
			const direct = new AsyncLocalStorage();
			return direct;
		});
		expect(stores).toHaveLength(2);
		expect(stores).toContain(value);
		expect(stores.every((s) => s instanceof AsyncLocalStorage)).toBe(true);
		const hooks = await import('node:async_hooks');
		expect(hooks.AsyncLocalStorage).toBe(AsyncLocalStorage);
		new hooks.AsyncLocalStorage();
		expect(stores).toHaveLength(2);
	});
});
