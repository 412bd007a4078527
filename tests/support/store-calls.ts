// Counts the calls made on a store instance, per method, by wrapping its methods in place (the
// services hold this same object, so a Proxy in front of it would see nothing). `mine` counts
// the calls whose first argument is, or lists, one of `ids`; lease renewal is left out of it,
// being one batched call for every room held.
import type { LiveStore } from '../../src/lib/server/live/port';

export interface StoreCalls {
	all: Map<string, number>;
	mine: Map<string, number>;
}

export function countStoreCalls(store: LiveStore, ids: Set<string> = new Set()): StoreCalls {
	const all = new Map<string, number>();
	const mine = new Map<string, number>();
	const target = store as unknown as Record<string, unknown>;
	let proto = Object.getPrototypeOf(store) as object | null;
	while (proto && proto !== Object.prototype) {
		for (const name of Object.getOwnPropertyNames(proto)) {
			const fn = target[name];
			if (name === 'constructor' || typeof fn !== 'function' || Object.hasOwn(target, name))
				continue;
			target[name] = (...args: unknown[]) => {
				all.set(name, (all.get(name) ?? 0) + 1);
				const first = args[0];
				const hit = Array.isArray(first)
					? first.some((p) => ids.has(p as string))
					: ids.has(first as string);
				if (hit && name !== 'renewLeases') mine.set(name, (mine.get(name) ?? 0) + 1);
				return (fn as (...a: unknown[]) => unknown).apply(store, args);
			};
		}
		proto = Object.getPrototypeOf(proto) as object | null;
	}
	return { all, mine };
}
