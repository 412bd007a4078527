// Open sockets per client address, counted on this process. Without a cap one address held 10,000
// sockets. The cap is per process (each process counts what it holds; a load balancer spreads an
// address over several), and high: a school or a company often reaches Anda from one NAT address.
export class SocketCap {
	private readonly open = new Map<string, number>();

	/** `cap` 0: no cap (every socket is admitted, and counted). */
	constructor(readonly cap: number) {}

	/** Counts one socket more for `key`; false (nothing counted) if the address is at its cap. */
	admit(key: string): boolean {
		const n = this.open.get(key) ?? 0;
		if (this.cap > 0 && n >= this.cap) return false;
		this.open.set(key, n + 1);
		return true;
	}

	/** One socket of `key` closed. */
	release(key: string): void {
		const n = (this.open.get(key) ?? 0) - 1;
		if (n > 0) this.open.set(key, n);
		else this.open.delete(key);
	}

	count(key: string): number {
		return this.open.get(key) ?? 0;
	}
}
