// A TCP proxy in front of a server (here: Redis), so that a test can cut one process off from it
// while every other process still reaches it: `cut()` drops every connection through the proxy and
// refuses new ones (as a network partition or a dead link would), `restore()` lets them in again.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export class TcpProxy {
	private readonly open = new Set<Socket>();
	private refusing = false;

	private constructor(
		private readonly server: Server,
		readonly port: number
	) {}

	static async start(target: { host: string; port: number }): Promise<TcpProxy> {
		let proxy: TcpProxy | null = null;
		const server = createServer((client) => {
			if (!proxy || proxy.refusing) {
				client.destroy();
				return;
			}
			const upstream = createConnection(target);
			const pair = [client, upstream];
			for (const s of pair) {
				proxy.open.add(s);
				s.on('error', () => pair.forEach((x) => x.destroy()));
				s.on('close', () => {
					proxy?.open.delete(s);
					pair.forEach((x) => x.destroy());
				});
			}
			client.pipe(upstream).pipe(client);
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => resolve());
		});
		const address = server.address();
		proxy = new TcpProxy(server, typeof address === 'object' && address ? address.port : 0);
		return proxy;
	}

	/** A redis:// URL through the proxy. */
	get redisUrl(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	/** Drops every connection through the proxy and refuses new ones until `restore()`. */
	cut(): void {
		this.refusing = true;
		for (const s of this.open) s.destroy();
		this.open.clear();
	}

	restore(): void {
		this.refusing = false;
	}

	/**
	 * As a dead server's port does: every connection dropped and new ones refused outright
	 * (ECONNREFUSED), not accepted and closed as `cut()` does. `up()` listens again on the port.
	 */
	async down(): Promise<void> {
		this.cut();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	async up(): Promise<void> {
		this.refusing = false;
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.port, '127.0.0.1', () => resolve());
		});
	}

	async close(): Promise<void> {
		this.cut();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}
