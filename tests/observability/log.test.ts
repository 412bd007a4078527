// The logger: level and format from the environment, JSON lines with errors' stacks, child loggers
// carrying request and socket ids, sane request ids, and SvelteKit's error hook writing one line
// per failed request (debug for a 404, info for another 4xx, an error with the stack for 5xx),
// sampled per kind under a flood.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { handle, handleError } from '../../src/hooks.server';
import {
	createLogger,
	log,
	logFormat,
	logLevel,
	requestIdFrom,
	requestLogger,
	socketLogger,
	type Logger
} from '$lib/server/log';
import { LogSampler, withSampler, writeSuppressed, type Suppressed } from '$lib/server/log-sampler';

/** A logger at `level` whose JSON lines land in the returned array. */
function capture(level = 'debug'): { logger: Logger; lines: Record<string, unknown>[] } {
	const lines: Record<string, unknown>[] = [];
	const sink = new Writable({
		write(chunk: Buffer, _enc, done) {
			for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
			done();
		}
	});
	return { logger: createLogger({ LOG_LEVEL: level }, sink), lines };
}

describe('logLevel and logFormat', () => {
	it('defaults to info, silent under vitest, and LOG_LEVEL wins', () => {
		expect(logLevel({})).toBe('info');
		expect(logLevel({ VITEST: 'true' })).toBe('silent');
		expect(logLevel({ VITEST: 'true', LOG_LEVEL: 'debug' })).toBe('debug');
		expect(log.level).toBe(process.env.LOG_LEVEL ?? 'silent');
	});

	it('is JSON unless in development, and LOG_FORMAT wins', () => {
		expect(logFormat({})).toBe('json');
		expect(logFormat({ NODE_ENV: 'production' })).toBe('json');
		expect(logFormat({ NODE_ENV: 'development' })).toBe('pretty');
		expect(logFormat({ NODE_ENV: 'development', LOG_FORMAT: 'json' })).toBe('json');
		expect(logFormat({ LOG_FORMAT: 'pretty' })).toBe('pretty');
	});
});

describe('createLogger', () => {
	it('writes one JSON object per line, errors with their type, message and stack', () => {
		const { logger, lines } = capture();
		logger.error({ err: new TypeError('bad thing') }, 'it failed');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({ level: 50, msg: 'it failed' });
		const err = lines[0]?.err as Record<string, string>;
		expect(err.type).toBe('TypeError');
		expect(err.message).toBe('bad thing');
		expect(err.stack).toContain('TypeError: bad thing');
	});

	it('child loggers carry the request id or the socket id', () => {
		const { logger, lines } = capture();
		requestLogger('req-1', logger).info('page');
		socketLogger('sock-9', logger).warn('slow ack');
		expect(lines[0]).toMatchObject({ reqId: 'req-1', msg: 'page' });
		expect(lines[1]).toMatchObject({ socketId: 'sock-9', level: 40 });
	});

	it('drops lines below its level', () => {
		const { logger, lines } = capture('warn');
		logger.info('quiet');
		logger.warn('loud');
		expect(lines.map((l) => l.msg)).toEqual(['loud']);
	});
});

describe('requestIdFrom', () => {
	it("keeps a proxy's sane id and replaces anything else with a UUID", () => {
		expect(requestIdFrom('abc-123_x.y:z')).toBe('abc-123_x.y:z');
		const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
		for (const bad of [null, undefined, '', 'has space', 'x'.repeat(129), 'line\nbreak']) {
			expect(requestIdFrom(bad)).toMatch(uuid);
		}
		expect(requestIdFrom(null)).not.toBe(requestIdFrom(null));
	});
});

describe('handleError', () => {
	type ErrorInput = Parameters<typeof handleError>[0];
	/** Runs the hook for one failed request, its lines sampled by `sampler` (a fresh one each time). */
	function fail(
		logger: Logger,
		path: string,
		status: number,
		error: unknown,
		message: string,
		sampler: LogSampler
	) {
		const event = {
			url: new URL(`http://localhost${path}`),
			request: new Request(`http://localhost/`),
			locals: { log: logger, requestId: 'r1' }
		} as unknown as ErrorInput['event'];
		withSampler(sampler, () => void handleError({ error, event, status, message }));
	}
	function failed(path: string, status: number, error: unknown, message: string) {
		const { logger, lines } = capture();
		fail(logger, path, status, error, message, new LogSampler({}, () => {}));
		return lines;
	}

	it('logs a malformed URL as one info line without a stack', () => {
		const lines = failed(
			'/%c0%ae%c0%ae/x',
			400,
			new Error('Failed to decode URI: /%c0%ae%c0%ae/x'),
			'Malformed URI'
		);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({
			level: 30,
			status: 400,
			method: 'GET',
			path: '/%c0%ae%c0%ae/x',
			msg: 'Malformed URI: Failed to decode URI: /%c0%ae%c0%ae/x'
		});
		expect(JSON.stringify(lines[0])).not.toContain('stack');
	});

	it('logs a 404 as one debug line, so nothing at the default level', () => {
		const lines = failed('/nope', 404, new Error('Not found: /nope'), 'Not Found');
		expect(lines).toEqual([expect.objectContaining({ level: 20, status: 404 })]);
		const { logger, lines: atInfo } = capture('info');
		fail(
			logger,
			'/nope',
			404,
			new Error('Not found: /nope'),
			'Not Found',
			new LogSampler({}, () => {})
		);
		expect(atInfo).toEqual([]);
	});

	it('logs a 5xx as an error with the stack', () => {
		const lines = failed('/host', 500, new Error('db gone'), 'Internal Error');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({ level: 50, status: 500, msg: 'Internal Error' });
		expect((lines[0]?.err as { stack: string }).stack).toContain('Error: db gone');
	});

	it('under a flood writes the first lines of each kind, then one summary per window', () => {
		const { logger, lines } = capture();
		let now = 0;
		const sampler = new LogSampler({ perWindow: 5, windowMs: 60_000, now: () => now }, (s) =>
			writeSuppressed(logger, s)
		);
		for (let i = 0; i < 1000; i++) {
			fail(logger, `/probe/${i}`, 404, new Error(`Not found: /probe/${i}`), 'Not Found', sampler);
			fail(
				logger,
				`/%c0%ae/${i}`,
				400,
				new Error('Failed to decode URI'),
				'Malformed URI',
				sampler
			);
		}
		// A kind of its own is not crowded out by the flood.
		fail(logger, '/host', 500, new Error('db gone'), 'Internal Error', sampler);
		expect(lines).toHaveLength(11);
		expect(lines.filter((l) => l.status === 404)).toHaveLength(5);
		expect(lines.filter((l) => l.status === 400)).toHaveLength(5);
		expect(lines.at(-1)).toMatchObject({ level: 50, status: 500 });

		// The window ends: one line per kind says how many were left out, at that kind's level.
		now = 60_000;
		sampler.sweep();
		expect(lines.slice(11)).toEqual([
			expect.objectContaining({
				level: 20,
				kind: '404 Not Found',
				suppressed: 995,
				msg: '404 Not Found: suppressed 995 similar lines in the last 60 s'
			}),
			expect.objectContaining({ level: 30, kind: '400 Malformed URI', suppressed: 995 })
		]);
		// And the next window writes again.
		fail(logger, '/nope', 404, new Error('Not found: /nope'), 'Not Found', sampler);
		expect(lines).toHaveLength(14);
	});
});

describe('LogSampler', () => {
	it('keeps its table small: kinds past the cap share one', () => {
		const reports: Suppressed[] = [];
		const sampler = new LogSampler({ perWindow: 1, maxKinds: 3, now: () => 0 }, (s) =>
			reports.push(s)
		);
		const written = Array.from({ length: 100 }, (_, i) => sampler.admit(`kind ${i}`, 'info'));
		// Three kinds of their own, then one shared: four lines written of a hundred.
		expect(written.filter(Boolean)).toHaveLength(4);
		sampler.sweep(60_000);
		expect(reports).toEqual([expect.objectContaining({ kind: 'other', suppressed: 96 })]);
	});

	it('says nothing at the end of a window that left nothing out', () => {
		const reports: Suppressed[] = [];
		let now = 0;
		const sampler = new LogSampler({ perWindow: 3, now: () => now }, (s) => reports.push(s));
		for (let i = 0; i < 3; i++) expect(sampler.admit('k', 'info')).toBe(true);
		now = 61_000;
		expect(sampler.admit('k', 'info')).toBe(true);
		sampler.sweep(200_000);
		expect(reports).toEqual([]);
	});
});

describe('handle: request id', () => {
	it("puts the request id (a proxy's X-Request-ID if sane) and its logger on locals", async () => {
		for (const [header, expected] of [
			['edge-42', 'edge-42'],
			['not sane!', null]
		] as const) {
			const locals = {} as App.Locals;
			const event = {
				url: new URL('http://anda.test/'),
				request: new Request('http://anda.test/', { headers: { 'x-request-id': header } }),
				cookies: { get: () => undefined, set: () => {} },
				locals
			} as unknown as Parameters<typeof handle>[0]['event'];
			await handle({ event, resolve: async () => new Response('ok') });
			if (expected) expect(locals.requestId).toBe(expected);
			else expect(locals.requestId).toMatch(/^[0-9a-f-]{36}$/);
			expect(locals.log.bindings()).toMatchObject({ reqId: locals.requestId });
		}
	});
});
