// The contest's HTTP surface on a real server for integration tests: a node http server on port 0
// whose requests go to the contest's SvelteKit route handlers (the same modules the built app
// serves), with an app context of its own (memory or Redis live store, SQLite records), a bank
// with enough questions, and a published contest. Phones are plain fetch clients that keep their
// identity token, as a browser keeps the cookie.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppContext, setAppContext, type AppContext } from '../../src/lib/server/app-context';
import { DEFAULT_ABUSE_LIMITS, type AbuseLimits } from '../../src/lib/server/abuse/limits';
import { bankSchema, type Bank } from '../../src/lib/domain/question';
import type { ContestSettingsInput } from '../../src/lib/domain/contest/settings';
import type { ContestRecord } from '../../src/lib/server/records/contests/port';
import type { ContestMe } from '../../src/lib/protocol';
import { TEST_REDIS_PREFIX } from './server';
import * as landing from '../../src/routes/api/contests/[slug]/+server';
import * as entry from '../../src/routes/api/contests/[slug]/entry/+server';
import * as attempts from '../../src/routes/api/contests/[slug]/attempts/+server';
import * as attempt from '../../src/routes/api/contests/[slug]/attempts/[id]/+server';
import * as answerRoute from '../../src/routes/api/contests/[slug]/attempts/[id]/answer/+server';
import * as show from '../../src/routes/api/contests/[slug]/attempts/[id]/show/+server';
import * as visibility from '../../src/routes/api/contests/[slug]/attempts/[id]/visibility/+server';
import * as submit from '../../src/routes/api/contests/[slug]/attempts/[id]/submit/+server';
import * as board from '../../src/routes/api/contests/[slug]/board/+server';

export const ORG = 'org-contest';
export const USER = 'user-organiser';

type Handler = (event: never) => Response | Promise<Response>;
interface Route {
	pattern: RegExp;
	names: string[];
	methods: Record<string, Handler | undefined>;
}

const routes: Route[] = [
	['/api/contests/([^/]+)', ['slug'], landing],
	['/api/contests/([^/]+)/entry', ['slug'], entry],
	['/api/contests/([^/]+)/attempts', ['slug'], attempts],
	['/api/contests/([^/]+)/attempts/([^/]+)', ['slug', 'id'], attempt],
	['/api/contests/([^/]+)/attempts/([^/]+)/answer', ['slug', 'id'], answerRoute],
	['/api/contests/([^/]+)/attempts/([^/]+)/show', ['slug', 'id'], show],
	['/api/contests/([^/]+)/attempts/([^/]+)/visibility', ['slug', 'id'], visibility],
	['/api/contests/([^/]+)/attempts/([^/]+)/submit', ['slug', 'id'], submit],
	['/api/contests/([^/]+)/board', ['slug'], board]
].map(([p, names, mod]) => ({
	pattern: new RegExp(`^${p as string}$`),
	names: names as string[],
	methods: mod as unknown as Record<string, Handler | undefined>
}));

/** The cookies API a handler uses, over the request's Cookie header and the response's Set-Cookie. */
function cookieJar(header: string | undefined) {
	const sent = new Map<string, string>();
	for (const part of (header ?? '').split(';')) {
		const at = part.indexOf('=');
		if (at > 0) sent.set(part.slice(0, at).trim(), decodeURIComponent(part.slice(at + 1).trim()));
	}
	const set: string[] = [];
	return {
		set,
		api: {
			get: (name: string) => sent.get(name),
			set: (name: string, value: string, opts: { path: string; maxAge?: number }) => {
				set.push(`${name}=${encodeURIComponent(value)}; Path=${opts.path}; HttpOnly; SameSite=Lax`);
			}
		}
	};
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const c of req) chunks.push(c as Buffer);
	return Buffer.concat(chunks);
}

async function dispatch(req: IncomingMessage, res: ServerResponse, base: string) {
	const url = new URL(req.url ?? '/', base);
	for (const route of routes) {
		const m = route.pattern.exec(url.pathname);
		if (!m) continue;
		const handler = route.methods[req.method ?? 'GET'];
		if (!handler) {
			res.statusCode = 405;
			return res.end();
		}
		const params = Object.fromEntries(
			route.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])
		);
		const body = req.method === 'GET' ? undefined : await readBody(req);
		const headers = new Headers();
		for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
		const request = new Request(url, {
			method: req.method,
			headers,
			body: body === undefined ? undefined : new Uint8Array(body)
		});
		const jar = cookieJar(req.headers.cookie);
		const event = {
			params,
			url,
			request,
			cookies: jar.api,
			locals: { user: null, session: null },
			getClientAddress: () => req.headers['x-test-ip']?.toString() ?? req.socket.remoteAddress ?? ''
		};
		const out = await handler(event as never);
		res.statusCode = out.status;
		out.headers.forEach((v, k) => res.setHeader(k, v));
		if (jar.set.length) res.setHeader('set-cookie', jar.set);
		return res.end(Buffer.from(await out.arrayBuffer()));
	}
	res.statusCode = 404;
	res.end();
}

/**
 * Thirty single-choice questions in three categories and three difficulties; the answer is "B"
 * (the second stored option). Option texts say nothing of which is right, and every explanation
 * starts with 解析, so a response that carried one would be seen.
 */
export function contestBank(id = 'contest-bank'): Bank {
	const categories = ['消防', '用电', '交通'];
	return bankSchema.parse({
		id,
		title: '安全知识',
		questions: Array.from({ length: 30 }, (_, i) => ({
			id: `q${String(i).padStart(2, '0')}`,
			type: 'single',
			stem: `安全知识第 ${i + 1} 题：下列做法正确的是？`,
			options: [`做法甲-${i}`, `做法乙-${i}`, `做法丙-${i}`, `做法丁-${i}`],
			answer: 'B',
			explanation: `解析${i}：只有做法乙-${i}才安全。`,
			category: categories[i % 3],
			difficulty: (i % 3) + 1
		}))
	});
}

/** The shown position of the right option of a question shown with `options` (see contestBank). */
export const rightPosition = (options: string[]) =>
	options.findIndex((o) => o.startsWith('做法乙'));

export const NOON = (day = 16) => Date.UTC(2026, 5, day, 4, 0, 0); // 12:00 Beijing time, June

export function contestSettings(over: Partial<ContestSettingsInput> = {}): ContestSettingsInput {
	return {
		title: '测测你的安全力',
		rules: '每天一次，每次 5 题，限时 60 秒。',
		window: { startsAt: Date.UTC(2026, 5, 1), endsAt: Date.UTC(2026, 6, 1) },
		draw: { total: 5, bankIds: ['contest-bank'] },
		totalTimeS: 60,
		attemptsPerDay: 1,
		entry: {
			name: 'required',
			region: 'optional',
			unit: 'optional',
			phone: 'required',
			employeeNo: 'off',
			custom: []
		},
		...over
	};
}

export interface ContestServer {
	url: string;
	ctx: AppContext;
	/** The test's clock: every service reads it; tests move it. */
	clock: { now: number };
	publish(settings?: ContestSettingsInput, slug?: string): Promise<ContestRecord>;
	phone(slug: string, ip?: string): Phone;
	close(): Promise<void>;
}

export async function startContestServer(
	opts: {
		redisUrl?: string;
		/** PostgreSQL records (a throwaway database's URL) instead of a SQLite file. */
		databaseUrl?: string;
		abuse?: Partial<AbuseLimits>;
		sweepMs?: number;
		now?: number;
	} = {}
): Promise<ContestServer> {
	const dir = mkdtempSync(join(tmpdir(), 'anda-contest-'));
	const clock = { now: opts.now ?? NOON() };
	const ctx = await createAppContext({
		redisUrl: opts.redisUrl,
		redisPrefix: TEST_REDIS_PREFIX,
		sqlitePath: join(dir, 'records.sqlite'),
		databaseUrl: opts.databaseUrl,
		banksDir: undefined,
		abuse: { ...DEFAULT_ABUSE_LIMITS, ...opts.abuse },
		contestSweep: { everyMs: opts.sweepMs ?? 3_600_000 },
		contestNow: () => clock.now
	});
	setAppContext(Promise.resolve(ctx));
	await ctx.banks.saveBank(contestBank(), 'imported', clock.now, ORG);
	const http = createServer((req, res) => {
		dispatch(req, res, 'http://127.0.0.1').catch((e: unknown) => {
			res.statusCode = 500;
			res.end(String(e));
		});
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const { port } = http.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}`;
	const published: string[] = [];
	return {
		url,
		ctx,
		clock,
		async publish(settings = contestSettings(), slug) {
			const draft = await ctx.contests.admin.create(USER, { orgId: ORG }, settings, slug);
			published.push(draft.id);
			return ctx.contests.admin.publish(draft.id, { orgId: ORG }, draft.version);
		},
		phone: (slug, ip) => new Phone(url, slug, ip),
		async close() {
			http.closeAllConnections();
			await new Promise<void>((resolve) => http.close(() => resolve()));
			for (const id of published) await ctx.contestBoards.clear(id).catch(() => {});
			await ctx.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

export interface Reply<T = Record<string, unknown>> {
	status: number;
	body: T & { ok: boolean; error?: { code: string; message: string } };
	/** The raw text, for checks of what a response must not carry. */
	text: string;
	setCookie: string | null;
}

/** A participant's phone: keeps the identity token it was given, as the browser keeps the cookie. */
export class Phone {
	token: string | null = null;
	/** Every response body this phone received, in order (the no-key checks read them). */
	readonly received: string[] = [];

	constructor(
		private readonly base: string,
		readonly slug: string,
		private readonly ip = '10.0.0.1'
	) {}

	async call<T = Record<string, unknown>>(
		method: 'GET' | 'POST',
		path: string,
		body?: unknown
	): Promise<Reply<T>> {
		const headers: Record<string, string> = { 'x-test-ip': this.ip };
		if (this.token) headers['x-contest-token'] = this.token;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const res = await fetch(`${this.base}/api/contests/${this.slug}${path}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		const text = await res.text();
		this.received.push(text);
		return {
			status: res.status,
			body: JSON.parse(text) as Reply<T>['body'],
			text,
			setCookie: res.headers.get('set-cookie')
		};
	}

	async enter(fields: Record<string, unknown>) {
		const r = await this.call<{ token: string; me: ContestMe }>('POST', '/entry', fields);
		if (r.body.ok) this.token = r.body.token;
		return r;
	}

	start() {
		return this.call<{ attemptId: string; view: { questions: { options: string[] }[] } }>(
			'POST',
			'/attempts'
		);
	}
}
