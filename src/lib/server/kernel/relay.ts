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
