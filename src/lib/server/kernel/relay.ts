// Services are built before the transport exists (pages may load first), so they talk to a relay:
// every method call on `port` is forwarded to the attached transport, and dropped until one is
// attached. A new kind of session adds methods to its broadcast interface; the relay needs no change.

type Methods<T> = { [K in keyof T]: T[K] extends (...args: never[]) => unknown ? T[K] : never };

export class Relay<T extends Methods<T>> {
	target: T | null = null;
	readonly port: T;

	constructor() {
		this.port = new Proxy({} as T, {
			get: (_, name) => {
				return (...args: unknown[]) => {
					const target = this.target;
					if (!target) return undefined;
					const method = target[name as keyof T] as unknown;
					return typeof method === 'function' ? method.apply(target, args) : undefined;
				};
			}
		});
	}
}

/** The intersection of the parts' types: what the joined target offers. */
type AllOf<P extends object[]> = P extends [infer H, ...infer R extends object[]]
	? H & AllOf<R>
	: unknown;

/**
 * One transport target made of each kind of session's broadcast (the room's, the Q&A event's, …):
 * a method is looked up in each part in turn, so a new kind adds its part, not a copy of another.
 */
export function joinTargets<P extends object[]>(...parts: P): AllOf<P> {
	return new Proxy(
		{},
		{
			get: (_, name) => {
				for (const part of parts) {
					const method = (part as Record<PropertyKey, unknown>)[name];
					if (typeof method === 'function') return method.bind(part);
				}
				return undefined;
			}
		}
	) as AllOf<P>;
}
