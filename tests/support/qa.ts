// Helpers for the Q&A integration suites: an organisation with two members and an outsider in
// another one, events opened through the service (the colleague on their staff, as a moderator
// unless told otherwise), participants' phones and moderators' panels.
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { QaStaffRole } from '../../src/lib/domain/qa/access';
import type { QaSettingsInput } from '../../src/lib/domain/qa/settings';
import type { QaPublicView, QaVotesFrame } from '../../src/lib/protocol';
import { COOKIE_NAME } from '../../src/lib/server/auth/session';
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
	closeClients,
	connect,
	emitAck,
	expectOk,
	requireMode,
	startTestServer,
	type ClientSocket,
	type LiveMode,
	type TestServer
} from './server';

const run = randomBytes(4).toString('hex');
let seq = 0;

export interface QaAccount {
	id: string;
	cookie: string;
}

export interface QaOrgs {
	orgId: string;
	owner: QaAccount;
	/** A member of the owner's organisation (a moderator or expert). */
	colleague: QaAccount;
	/** A member of another organisation only. */
	outsider: QaAccount;
}

async function account(server: TestServer, name: string): Promise<QaAccount> {
	const fields = {
		email: `qa-${name}-${run}-${++seq}@example.com`,
		displayName: `${name}${seq}`,
		password: `password-${name}-${seq}`
	};
	const client = { ip: `qa-${run}-${seq}`, userAgent: 'vitest' };
	const made = (await server.ctx.auth.needsSetup())
		? await server.ctx.auth.setup(fields, client)
		: await server.ctx.auth.signUp(fields, client);
	return { id: made.user.id, cookie: `${COOKIE_NAME}=${made.token}` };
}

export async function qaOrgs(server: TestServer): Promise<QaOrgs> {
	const owner = await account(server, 'owner');
	const colleague = await account(server, 'expert');
	const outsider = await account(server, 'outsider');
	const orgId = (await server.ctx.orgs.create(owner.id, '市应急管理局', 'enterprise')).id;
	const { token } = await server.ctx.orgs.invite(owner.id, orgId, 'host');
	await server.ctx.orgs.accept(colleague.id, token);
	await server.ctx.orgs.create(outsider.id, '别的单位', 'enterprise');
	return { orgId, owner, colleague, outsider };
}

export interface EventStaffing {
	/** The colleague's role on the event's staff; null: not on it. Default: moderator. */
	colleague?: QaStaffRole | null;
}

export async function openEvent(
	server: TestServer,
	orgs: QaOrgs,
	settings: QaSettingsInput = {},
	staffing: EventStaffing = {}
): Promise<string> {
	const event = await server.ctx.qa.createEvent(orgs.owner.id, orgs.orgId, {
		title: '专家云问诊',
		settings
	});
	const role = staffing.colleague === undefined ? 'moderator' : staffing.colleague;
	if (role !== null) {
		await server.ctx.qa.staff(event.code, orgs.owner.id, {
			type: 'set',
			userId: orgs.colleague.id,
			role,
			title: null
		});
	}
	return event.code;
}

export interface Phone {
	socket: ClientSocket;
	token: string;
	participantId: string;
	view: QaPublicView;
}

export async function joinPhone(server: TestServer, code: string): Promise<Phone> {
	const socket = await connect(server.url);
	const res = expectOk(await emitAck(socket, 'qa:join', { code }));
	return { socket, token: res.token, participantId: res.participantId, view: res.view };
}

export async function joinPhones(server: TestServer, code: string, n: number): Promise<Phone[]> {
	const out: Phone[] = [];
	// In groups, as a hall arrives: fast, without one burst of hundreds of handshakes.
	for (let i = 0; i < n; i += 50) {
		const size = Math.min(50, n - i);
		out.push(...(await Promise.all(Array.from({ length: size }, () => joinPhone(server, code)))));
	}
	return out;
}

export async function panel(server: TestServer, who: QaAccount, code: string) {
	const socket = await connect(server.url, undefined, { cookie: who.cookie });
	const res = expectOk(await emitAck(socket, 'qa:attach', { code }));
	return { socket, view: res.view, role: res.role, title: res.title };
}

export interface Wall {
	socket: ClientSocket;
	view: QaPublicView;
	/** Every qa:view the wall received since it watched. */
	views: QaPublicView[];
	/** Every qa:votes frame the wall received since it watched. */
	votes: QaVotesFrame[];
}

/** A wall (big screen) watching the event: no identity, the public view only. */
export async function watchWall(server: TestServer, code: string): Promise<Wall> {
	const socket = await connect(server.url);
	const views: QaPublicView[] = [];
	const votes: QaVotesFrame[] = [];
	socket.on('qa:view', (v) => views.push(v));
	socket.on('qa:votes', (f) => votes.push(f));
	const res = expectOk(await emitAck(socket, 'qa:watch', { code }));
	return { socket, view: res.view, views, votes };
}

/** Asks and returns the question's id (the asker's phone is one participant: one per 10 s). */
export async function ask(
	phone: Phone,
	text: string,
	extra: { name?: string; label?: string } = {}
) {
	const res = expectOk(
		await emitAck(phone.socket, 'qa:ask', {
			text,
			name: extra.name ?? null,
			label: extra.label ?? null
		})
	);
	return res.question;
}

/**
 * Ends a suite's events on a Redis server: deletes them and the identity secret of the suite's
 * key prefix (the one key outside any event), so that nothing of the suite stays in the shared Redis.
 */
export async function dropQaState(server: TestServer | undefined, codes: string[]): Promise<void> {
	if (!server) return;
	for (const code of codes) await server.ctx.qaStore.deleteEvent(code);
	const { redisUrl, redisPrefix } = server.ctx.config;
	if (!redisUrl || !redisPrefix) return;
	const raw = createClient({ url: redisUrl });
	raw.on('error', () => {});
	await raw.connect();
	try {
		await raw.del(`${redisPrefix}:qa-identity-secret`);
	} finally {
		await raw.quit();
	}
}

export interface QaStage {
	readonly server: TestServer;
	readonly orgs: QaOrgs;
	/** Opens an event of the organisation; it is dropped from the live store after the suite. */
	event(settings?: QaSettingsInput, staffing?: EventStaffing): Promise<string>;
}

/**
 * One server per suite in the given live mode, with the organisations, clients closed after each
 * test and every event's live state dropped after the suite. Call inside the suite's describe.
 */
export function qaStage(
	mode: LiveMode,
	opts: Omit<Parameters<typeof startTestServer>[0] & object, 'redisUrl'> = {}
): QaStage {
	let server: TestServer | undefined;
	let orgs: QaOrgs | undefined;
	const codes: string[] = [];
	beforeAll(async () => {
		requireMode(mode);
		server = await startTestServer({ redisUrl: mode.redisUrl, ...opts });
		orgs = await qaOrgs(server);
	});
	afterEach(() => closeClients());
	afterAll(async () => {
		closeClients();
		await dropQaState(server, codes);
		await server?.close();
	});
	return {
		get server() {
			return server!;
		},
		get orgs() {
			return orgs!;
		},
		async event(settings = {}, staffing = {}) {
			const code = await openEvent(server!, orgs!, settings, staffing);
			codes.push(code);
			return code;
		}
	};
}
