// Sampling for the log lines a client can cause at will (a 404, a malformed URL, a body too large,
// an error page): a flood of requests must not become a flood of lines. Per kind of line, the first
// `perWindow` in each window are written; the rest are counted, and when the window ends one line
// says how many were left out. Kinds are few (status and SvelteKit's message, never the path), and
// capped in number, so that varied requests cannot grow the table either.
import { log, type Logger } from './log';

export type SampledLevel = 'debug' | 'info' | 'warn' | 'error';

export interface SamplerOptions {
	/** Lines of one kind written per window. */
	perWindow: number;
	windowMs: number;
	/** Kinds tracked at once; beyond that, new kinds share one. */
	maxKinds: number;
	now: () => number;
}

export interface Suppressed {
	kind: string;
	level: SampledLevel;
	suppressed: number;
	windowMs: number;
}

interface Window {
	start: number;
	seen: number;
	level: SampledLevel;
}

const OVERFLOW_KIND = 'other';

export class LogSampler {
	readonly #windows = new Map<string, Window>();
	readonly #opts: SamplerOptions;
	readonly #report: (s: Suppressed) => void;

	constructor(opts: Partial<SamplerOptions>, report: (s: Suppressed) => void) {
		this.#opts = { perWindow: 20, windowMs: 60_000, maxKinds: 200, now: Date.now, ...opts };
		this.#report = report;
	}

	/** Whether to write this line of `kind`; counts it either way. */
	admit(kind: string, level: SampledLevel): boolean {
		const now = this.#opts.now();
		let key = kind;
		if (!this.#windows.has(key) && this.#windows.size >= this.#opts.maxKinds) {
			this.sweep(now);
			if (this.#windows.size >= this.#opts.maxKinds) key = OVERFLOW_KIND;
		}
		const w = this.#windows.get(key);
		if (!w || now - w.start >= this.#opts.windowMs) {
			if (w) this.#close(key, w);
			this.#windows.set(key, { start: now, seen: 1, level });
			return true;
		}
		w.seen++;
		return w.seen <= this.#opts.perWindow;
	}

	/** Ends the windows that are over by `now`, reporting what each left out. */
	sweep(now: number = this.#opts.now()): void {
		for (const [key, w] of this.#windows) {
			if (now - w.start < this.#opts.windowMs) continue;
			this.#windows.delete(key);
			this.#close(key, w);
		}
	}

	#close(kind: string, w: Window): void {
		const suppressed = w.seen - this.#opts.perWindow;
		if (suppressed > 0) {
			this.#report({ kind, level: w.level, suppressed, windowMs: this.#opts.windowMs });
		}
	}
}

/** The summary line for a window that left lines out. */
export function writeSuppressed(logger: Logger, s: Suppressed): void {
	logger[s.level](
		{ kind: s.kind, suppressed: s.suppressed, windowSec: s.windowMs / 1000 },
		`${s.kind}: suppressed ${s.suppressed} similar lines in the last ${s.windowMs / 1000} s`
	);
}

const SAMPLER = Symbol.for('anda.log.sampler');
type WithSampler = typeof globalThis & { [SAMPLER]?: LogSampler };

/**
 * The process's sampler for request lines, writing summaries through the root logger. Its sweep
 * runs once a window (unref'd: it never keeps the process up), so a flood that stops is still
 * summed up. One per process, as the root logger is.
 */
export function requestSampler(): LogSampler {
	const g = globalThis as WithSampler;
	if (!g[SAMPLER]) {
		const sampler = new LogSampler({}, (s) => writeSuppressed(log, s));
		setInterval(() => sampler.sweep(), 60_000).unref();
		g[SAMPLER] = sampler;
	}
	return g[SAMPLER];
}

/** Runs `fn` with `sampler` as the process's request sampler (for tests of what calls it). */
export function withSampler<T>(sampler: LogSampler, fn: () => T): T {
	const g = globalThis as WithSampler;
	const before = g[SAMPLER];
	g[SAMPLER] = sampler;
	try {
		return fn();
	} finally {
		if (before) g[SAMPLER] = before;
		else delete g[SAMPLER];
	}
}

/**
 * Writes one request line of `kind` at `level` unless its kind is over its share for this window.
 * Lines below the logger's level are neither written nor counted.
 */
export function sampledLine(
	logger: Logger,
	level: SampledLevel,
	kind: string,
	fields: Record<string, unknown>,
	message: string,
	sampler: LogSampler = requestSampler()
): void {
	if (!logger.isLevelEnabled(level)) return;
	if (sampler.admit(kind, level)) logger[level](fields, message);
}
