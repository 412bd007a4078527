// What `/readyz` answers. A process is ready once its stores answered and its migrations ran, and
// stays ready while the stores keep answering a cheap ping; it is not ready while it starts, while
// a store does not answer, and from the moment it begins to drain. Load balancers and orchestrators
// send traffic only to ready processes; `/healthz` (alive) is separate and always 200.
//
// The body names what is not ready but never says where a store is or why it failed (the endpoint
// is unauthenticated); the log line says that, once per change.
import type { PingedStore } from '../kernel/store-recovery';
import { log } from '../log';

/** A store to ping: its name in the report (PostgreSQL, SQLite, Redis, memory) and the ping. */
export type StoreCheck = PingedStore;

export type ReadinessStatus = 'starting' | 'ready' | 'degraded' | 'draining';

export interface ReadinessReport {
	/** The HTTP status to answer with: 200 when ready, else 503. */
	code: 200 | 503;
	body: {
		status: ReadinessStatus;
		/** What keeps the process from being ready (empty when ready). */
		notReady: string[];
		/** Each store (and start-up step) with `ok` or what is wrong. */
		checks: Record<string, string>;
	};
}

export interface ReadinessOptions {
	/** A ping that takes longer counts as no answer. */
	timeoutMs?: number;
	/** Ping results are reused this long, so that a flood of probes costs the stores nothing. */
	cacheMs?: number;
	now?: () => number;
}

/** Start-up steps shown in the report besides the stores. */
export const START_UP_STEP = 'start-up';

const OK = 'ok';

export class Readiness {
	private phase: 'starting' | 'ready' | 'draining' = 'starting';
	/** While starting: each store's and step's state. */
	private startChecks = new Map<string, string>();
	private stores: StoreCheck[] = [];
	private cached: { at: number; result: Promise<Record<string, string>> } | null = null;
	/** The last result per store, so that a change is logged once. */
	private last = new Map<string, string>();
	private readonly timeoutMs: number;
	private readonly cacheMs: number;
	private readonly now: () => number;

	constructor(opts: ReadinessOptions = {}) {
		this.timeoutMs = opts.timeoutMs ?? 1000;
		this.cacheMs = opts.cacheMs ?? 1000;
		this.now = opts.now ?? Date.now;
	}

	/** During start-up: what a store or step is doing (`ok` once it is done). */
	starting(name: string, state: string): void {
		if (this.phase === 'starting') this.startChecks.set(name, state);
	}

	/** Start-up is done: from now on the report pings these stores. */
	ready(stores: StoreCheck[]): void {
		if (this.phase !== 'starting') return;
		this.phase = 'ready';
		this.stores = stores;
		this.startChecks.clear();
	}

	/** The process is shutting down: not ready again, whatever the stores say. */
	draining(): void {
		this.phase = 'draining';
	}

	async report(): Promise<ReadinessReport> {
		if (this.phase === 'draining') {
			return { code: 503, body: { status: 'draining', notReady: ['draining'], checks: {} } };
		}
		if (this.phase === 'starting') {
			const checks = Object.fromEntries(this.startChecks);
			const notReady = Object.keys(checks).filter((k) => checks[k] !== OK);
			// Nothing reported yet still means not ready: the start-up has not got that far.
			if (notReady.length === 0) notReady.push(START_UP_STEP);
			return { code: 503, body: { status: 'starting', notReady, checks } };
		}
		const checks = await this.pingAll();
		if (this.phase !== 'ready') return this.report(); // began draining meanwhile
		const notReady = Object.keys(checks).filter((k) => checks[k] !== OK);
		return notReady.length === 0
			? { code: 200, body: { status: 'ready', notReady, checks } }
			: { code: 503, body: { status: 'degraded', notReady, checks } };
	}

	private pingAll(): Promise<Record<string, string>> {
		const now = this.now();
		if (this.cached && now - this.cached.at < this.cacheMs) return this.cached.result;
		const result = Promise.all(
			this.stores.map(async (s) => [s.name, await this.ping(s)] as const)
		).then((pairs) => Object.fromEntries(pairs));
		this.cached = { at: now, result };
		return result;
	}

	private async ping(store: StoreCheck): Promise<string> {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<string>((resolve) => {
			timer = setTimeout(() => resolve(`no answer within ${this.timeoutMs} ms`), this.timeoutMs);
		});
		const answered = store.ping().then(
			() => OK,
			(err: unknown) => ({ err })
		);
		const outcome = await Promise.race([answered, timeout]).finally(() => clearTimeout(timer));
		const state = typeof outcome === 'string' ? outcome : 'not answering';
		if (this.last.get(store.name) !== state) {
			const was = this.last.get(store.name);
			this.last.set(store.name, state);
			if (state !== OK) {
				const err = typeof outcome === 'string' ? undefined : outcome.err;
				log.warn({ store: store.name, err }, `readiness: ${store.name} ${state}`);
			} else if (was !== undefined) {
				log.info({ store: store.name }, `readiness: ${store.name} answers again`);
			}
		}
		return state;
	}
}
