// Start-up when the stores are not up yet (a container started before its database, a database
// restarting): instead of exiting, wait for each store with back-off, saying what is awaited and
// where, and only then open the stores and migrate. Meanwhile the process serves `/healthz` and a
// `/readyz` that names what it waits for (see readiness.ts and src/server/serve.ts).
import pg from 'pg';
import { createClient } from 'redis';
import { redisNodeUrls } from '../live/redis-client';
import { createAppContext, type AppConfig, type AppContext } from '../app-context';
import { log } from '../log';
import { isPostgresUrl } from '../records/open';
import { redactUrl } from '../redact-url';
import { START_UP_STEP, type Readiness } from './readiness';

export interface StartUpOptions {
	/** Told what each store and step is doing. */
	readiness?: Readiness;
	/** Aborting stops the waiting (a shutdown during start-up); the promise then rejects. */
	signal?: AbortSignal;
	/** The first pause between tries; it doubles after each failed try, up to `maxDelayMs`. */
	firstDelayMs?: number;
	maxDelayMs?: number;
}

/** A store the process needs before it can start, with a probe that fails while it is down. */
export interface Awaited {
	name: string;
	url: string;
	probe(): Promise<void>;
}

const PROBE_TIMEOUT_MS = 3000;

/** The external stores a configuration needs (none when embedded). */
export function storesToAwait(config: AppConfig): Awaited[] {
	const out: Awaited[] = [];
	if (config.redisUrl) {
		const url = config.redisUrl;
		// A cluster answers when any node named answers: its client learns the rest from it.
		const nodes = config.redisCluster ? redisNodeUrls(url) : [url];
		out.push({ name: 'Redis', url, probe: () => probeAny(nodes, probeRedis) });
	}
	if (isPostgresUrl(config.databaseUrl)) {
		const url = config.databaseUrl;
		out.push({ name: 'PostgreSQL', url, probe: () => probePostgres(url) });
	}
	return out;
}

async function probePostgres(url: string): Promise<void> {
	const client = new pg.Client({
		connectionString: url,
		connectionTimeoutMillis: PROBE_TIMEOUT_MS,
		query_timeout: PROBE_TIMEOUT_MS
	});
	client.on('error', () => {}); // the failure is the connect's or the query's rejection
	try {
		await client.connect();
		await client.query('SELECT 1');
	} finally {
		await client.end().catch(() => {});
	}
}

/** Resolves once one of `urls` passes `probe`; else fails as the last one did. */
async function probeAny(urls: string[], probe: (url: string) => Promise<void>): Promise<void> {
	let failure: unknown = new Error('no URL to probe');
	for (const url of urls) {
		try {
			return await probe(url);
		} catch (e) {
			failure = e;
		}
	}
	throw failure;
}

async function probeRedis(url: string): Promise<void> {
	// One try per probe: the client's own reconnect loop would keep connect() pending for good.
	const client = createClient({
		url,
		socket: { reconnectStrategy: false, connectTimeout: PROBE_TIMEOUT_MS }
	});
	client.on('error', () => {});
	try {
		await client.connect();
		await client.ping();
	} finally {
		client.destroy();
	}
}

/** What a failed probe says, short: the error's code and message, never the URL's password. */
function reasonOf(err: unknown): string {
	if (err instanceof AggregateError && err.errors.length > 0) return reasonOf(err.errors[0]);
	if (err instanceof Error) {
		const code = (err as Error & { code?: string }).code;
		return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
	}
	return String(err);
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(signal.reason);
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal?.reason);
		};
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

/** A back-off of `first` doubling up to `max`. */
function backOff(first: number, max: number) {
	let next = first;
	return () => {
		const now = next;
		next = Math.min(next * 2, max);
		return now;
	};
}

/**
 * Resolves once every store answers. Each try probes them all; each one down gets a log line
 * (which store, where, the reason, when the next try is), then the next try waits longer.
 */
export async function waitForStores(stores: Awaited[], opts: StartUpOptions = {}): Promise<void> {
	const delay = backOff(opts.firstDelayMs ?? 500, opts.maxDelayMs ?? 10_000);
	const waited = new Set<string>();
	for (let attempt = 1; ; attempt++) {
		const failures = await Promise.all(
			stores.map((s) =>
				s.probe().then(
					() => null,
					(err: unknown) => err
				)
			)
		);
		const waitMs = delay();
		let down = 0;
		stores.forEach((s, i) => {
			const err = failures[i];
			opts.readiness?.starting(s.name, err === null ? 'ok' : 'waiting');
			const where = redactUrl(s.url);
			if (err === null) {
				if (waited.delete(s.name)) log.info({ store: s.name }, `${s.name} at ${where} answers`);
				return;
			}
			down++;
			waited.add(s.name);
			log.warn(
				{ store: s.name, url: where, attempt, retryInMs: waitMs },
				`waiting for ${s.name} at ${where} (try ${attempt}, next in ${waitMs / 1000} s): ${reasonOf(err)}`
			);
		});
		if (down === 0) return;
		await pause(waitMs, opts.signal);
	}
}

/**
 * The process's context, however long its stores take to come up: waits for them, then opens
 * and migrates. If that fails anyway (a store dropped again in between, a migration error), it is
 * logged and tried again with the same back-off; never an exit.
 */
export async function startAppContext(
	config: AppConfig,
	opts: StartUpOptions = {}
): Promise<AppContext> {
	const stores = storesToAwait(config);
	const delay = backOff(opts.firstDelayMs ?? 500, opts.maxDelayMs ?? 10_000);
	for (let attempt = 1; ; attempt++) {
		await waitForStores(stores, opts);
		opts.signal?.throwIfAborted();
		opts.readiness?.starting(START_UP_STEP, 'opening the stores and migrating');
		try {
			const ctx = await createAppContext(config);
			if (opts.signal?.aborted) {
				await ctx.close().catch(() => {});
				opts.signal.throwIfAborted();
			}
			opts.readiness?.starting(START_UP_STEP, 'ok');
			return ctx;
		} catch (err) {
			if (opts.signal?.aborted) throw err;
			const waitMs = delay();
			opts.readiness?.starting(START_UP_STEP, 'failed; trying again');
			log.error(
				{ err, attempt, retryInMs: waitMs },
				`start-up failed (try ${attempt}); trying again in ${waitMs / 1000} s`
			);
			await pause(waitMs, opts.signal);
		}
	}
}
