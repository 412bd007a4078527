// Ownership over plain HTTP against the built server: quizzes, banks and finished games belong to
// an organisation. Organisation B cannot list, read, edit, delete, export, copy, draw from or open
// a room from A's quiz or bank, nor see A's results or games; the shipped library is visible to
// both and writable by neither; signed-out visitors (and users outside any organisation) cannot
// create or import; a host cannot delete the organisation's banks. Quick-room results stay public
// by their link and are listed to nobody.
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { skipWithoutChromium } from './chromium';
import { io } from 'socket.io-client';
import { BASE, person, postForm, signUpHttp, type Person } from './accounts-support';

skipWithoutChromium();

const run = Date.now().toString(36);
const contexts: APIRequestContext[] = [];
async function client(): Promise<APIRequestContext> {
	const c = await request.newContext({ baseURL: BASE });
	contexts.push(c);
	return c;
}
test.afterAll(async () => {
	for (const c of contexts) await c.dispose();
});

async function account(who: Person = person('own')): Promise<APIRequestContext> {
	const api = await client();
	await signUpHttp(api, who);
	return api;
}

async function withOrg(name: string): Promise<APIRequestContext> {
	const api = await account();
	expect((await postForm(api, '/host/org?/create', { name, kind: 'enterprise' })).status()).toBe(
		200
	);
	return api;
}

async function sessionCookie(api: APIRequestContext): Promise<string> {
	const c = (await api.storageState()).cookies.find((x) => x.name === 'anda_session');
	if (!c) throw new Error('no session cookie');
	return `anda_session=${c.value}`;
}

/** Creates a quiz through the form action; returns its id. */
async function createQuiz(api: APIRequestContext, title: string): Promise<string> {
	const res = await postForm(api, '/host/quizzes?/create', { title });
	expect(res.status()).toBe(303);
	const id = /^\/host\/quizzes\/(q-[0-9a-z]+)$/.exec(res.headers()['location'] ?? '')?.[1];
	expect(id).toBeTruthy();
	return id!;
}

const CSV = (tag: string) =>
	Buffer.from(
		`题型,题目,选项A,选项B,答案\n单选,${tag} 第一题,甲,乙,A\n判断,${tag} 第二题,,,对\n单选,${tag} 第三题,丙,丁,B\n`
	);

function preview(api: APIRequestContext, tag: string) {
	return api.post('/api/banks/import/preview', {
		multipart: { file: { name: `${tag}.csv`, mimeType: 'text/csv', buffer: CSV(tag) } },
		headers: { origin: BASE }
	});
}

function commit(api: APIRequestContext, body: Record<string, unknown>) {
	return api.post('/api/banks/import/commit', { data: body, headers: { origin: BASE } });
}

/** Imports a three-question bank as a new bank; returns its id. */
async function importBank(api: APIRequestContext, title: string): Promise<string> {
	const pre = await preview(api, title);
	expect(pre.status()).toBe(200);
	const { token } = await pre.json();
	const done = await commit(api, { token, mode: 'all', newBank: { title } });
	expect(done.status()).toBe(201);
	return (await done.json()).bankId;
}

type Ack = { ok: boolean; error?: { code: string } };

/** Attaches to a room as its host (session cookie or quick-room secret) and ends it. */
async function endRoom(pin: string, auth: { cookie: string } | { secret: string }): Promise<void> {
	const socket = io(BASE, {
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		...('cookie' in auth ? { extraHeaders: { cookie: auth.cookie } } : {})
	});
	try {
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', () => resolve());
			socket.once('connect_error', reject);
		});
		const ack = (event: string, payload: unknown) =>
			new Promise<Ack>((resolve) => socket.emit(event, payload, resolve));
		const attach = await ack(
			'host:attach',
			'secret' in auth ? { pin, secret: auth.secret } : { pin }
		);
		expect(attach.ok, JSON.stringify(attach)).toBe(true);
		expect((await ack('host:command', { type: 'end' })).ok).toBe(true);
	} finally {
		socket.disconnect();
	}
}

test('organisation B cannot reach organisation A’s quizzes and banks', async () => {
	const a = await withOrg(`甲单位-${run}`);
	const b = await withOrg(`乙单位-${run}`);
	const quizTitle = `甲的测验 ${run}`;
	const bankTitle = `甲的题库 ${run}`;
	const quizId = await createQuiz(a, quizTitle);
	const bankId = await importBank(a, bankTitle);

	// A sees its own.
	expect(await (await a.get('/host/quizzes')).text()).toContain(quizTitle);
	expect(await (await a.get('/host/banks')).text()).toContain(bankTitle);
	expect((await a.get(`/host/quizzes/${quizId}`)).status()).toBe(200);
	expect((await a.get(`/host/banks/${bankId}`)).status()).toBe(200);

	// B does not list or read them.
	for (const path of ['/host', '/host/quizzes', '/host/banks']) {
		const html = await (await b.get(path)).text();
		expect(html).not.toContain(quizTitle);
		expect(html).not.toContain(bankTitle);
		expect(html).not.toContain(quizId);
		expect(html).not.toContain(bankId);
	}
	expect((await b.get(`/host/quizzes/${quizId}`)).status()).toBe(404);
	expect((await b.get(`/host/banks/${bankId}`)).status()).toBe(404);

	// Nor export them, open a room from the quiz, count or draw from the bank.
	expect((await b.get(`/api/quizzes/${quizId}/export?format=csv`)).status()).toBe(404);
	expect((await b.get(`/api/banks/${bankId}/export?format=csv`)).status()).toBe(404);
	expect((await b.post('/api/rooms', { data: { quizId } })).status()).toBe(404);
	expect(await (await b.get(`/api/quizzes/pool?banks=${bankId}`)).json()).toEqual({
		available: 0
	});
	expect(await (await a.get(`/api/quizzes/pool?banks=${bankId}`)).json()).toEqual({
		available: 3
	});
	const draw = {
		banks: bankId,
		count: '2',
		title: '偷来的测验',
		scoring: 'speed',
		timeLimit: '20',
		points: '1000'
	};
	expect((await postForm(b, '/host/quizzes?/draw', draw)).status()).toBe(400);

	// Nor edit, copy or delete the quiz.
	const settings = { title: '被乙改了', scoring: 'speed', timeLimit: '20', points: '1000' };
	expect((await postForm(b, `/host/quizzes/${quizId}?/settings`, settings)).status()).toBe(404);
	expect(
		(
			await postForm(b, `/host/quizzes/${quizId}?/saveQuestion`, {
				index: 'new',
				type: 'truefalse',
				stem: '乙加的题',
				answer: 'true'
			})
		).status()
	).toBe(404);
	expect(
		(await postForm(b, `/host/quizzes/${quizId}?/deleteQuestion`, { index: '0' })).status()
	).toBe(404);
	expect((await postForm(b, `/host/quizzes/${quizId}?/copy`, {})).status()).toBe(404);
	expect((await postForm(b, '/host/quizzes?/duplicate', { id: quizId })).status()).toBe(404);
	expect((await postForm(b, '/host/quizzes?/delete', { id: quizId })).status()).toBe(404);

	// Nor append to, replace or delete the bank.
	const { token } = await (await preview(b, `乙-${run}`)).json();
	for (const merge of ['append', 'replace']) {
		const res = await commit(b, { token, mode: 'all', bankId, merge });
		expect(res.status()).toBe(404);
	}
	expect((await postForm(b, '/host/banks?/delete', { id: bankId })).status()).toBe(404);

	// A's quiz and bank are as they were.
	const quizPage = await (await a.get(`/host/quizzes/${quizId}`)).text();
	expect(quizPage).toContain(quizTitle);
	expect(quizPage).not.toContain('被乙改了');
	expect(quizPage).not.toContain('乙加的题');
	expect(await (await a.get(`/api/quizzes/pool?banks=${bankId}`)).json()).toEqual({
		available: 3
	});
	expect(await (await b.get('/host/quizzes')).text()).not.toContain(quizTitle);

	// A itself can do all of it: draw, copy, export, delete.
	const drawn = await postForm(a, '/host/quizzes?/draw', { ...draw, title: `甲抽的 ${run}` });
	expect(drawn.status()).toBe(303);
	expect((await a.get(`/api/banks/${bankId}/export?format=csv`)).status()).toBe(200);
	expect((await postForm(a, '/host/quizzes?/delete', { id: quizId })).status()).toBe(200);
	expect((await a.get(`/host/quizzes/${quizId}`)).status()).toBe(404);
	expect((await postForm(a, '/host/banks?/delete', { id: bankId })).status()).toBe(200);
	expect((await a.get(`/host/banks/${bankId}`)).status()).toBe(404);
});

test('organisation results and games are for its members only; quick results stay public', async () => {
	const a = await withOrg(`甲场次-${run}`);
	const b = await withOrg(`乙场次-${run}`);
	const anon = await client();

	// A opens a room from a shipped quiz and ends it: the game is A's.
	const opened = await a.post('/api/rooms', { data: { quizId: 'quick-demo' } });
	expect(opened.status()).toBe(201);
	const { pin } = await opened.json();
	await endRoom(pin, { cookie: await sessionCookie(a) });

	const aHost = await (await a.get('/host')).text();
	const gameId = new RegExp(`/results/(${pin}-\\d+)`).exec(aHost)?.[1];
	expect(gameId, 'A lists its game under 最近的场次').toBeTruthy();
	expect((await a.get(`/results/${gameId}`)).status()).toBe(200);
	expect((await a.get(`/results/${pin}`)).status()).toBe(200);

	// B and a signed-out visitor: not listed, and 404 by id and by PIN.
	expect(await (await b.get('/host')).text()).not.toContain(gameId!);
	for (const who of [b, anon]) {
		expect((await who.get(`/results/${gameId}`)).status()).toBe(404);
		expect((await who.get(`/results/${pin}`)).status()).toBe(404);
	}

	// A quick room (signed out): public results by link, listed on nobody's /host.
	const quick = await (await anon.post('/api/rooms', { data: { quizId: 'quick-demo' } })).json();
	await endRoom(quick.pin, { secret: quick.hostSecret });
	for (const who of [anon, a, b]) {
		expect((await who.get(`/results/${quick.pin}`)).status()).toBe(200);
	}
	for (const who of [a, b]) {
		expect(await (await who.get('/host')).text()).not.toContain(`/results/${quick.pin}-`);
	}
});

test('the shipped library is visible to every organisation and writable by none', async () => {
	const a = await withOrg(`甲内置-${run}`);
	const b = await withOrg(`乙内置-${run}`);
	const anon = await client();
	const shippedBank = /href="\/host\/banks\/([^"?#]+)"/.exec(
		await (await a.get('/host/banks')).text()
	)?.[1];
	expect(shippedBank, 'a shipped bank is listed').toBeTruthy();
	expect(await (await anon.get('/host/banks')).text()).toContain('data-testid="import-locked"');

	for (const who of [a, b, anon]) {
		expect(await (await who.get('/host/quizzes')).text()).toContain('三题快速体验');
		// Its questions carry their answers: for members only (answer-keys-http.e2e.ts).
		const status = who === anon ? 401 : 200;
		expect((await who.get('/host/quizzes/quick-demo')).status()).toBe(status);
		expect((await who.get(`/host/banks/${shippedBank}`)).status()).toBe(status);
		expect((await who.get('/api/quizzes/quick-demo/export?format=csv')).status()).toBe(status);
		expect((await who.get(`/api/banks/${shippedBank}/export?format=csv`)).status()).toBe(status);
	}
	const copied: string[] = [];
	for (const who of [a, b]) {
		const settings = { title: '改内置', scoring: 'speed', timeLimit: '20', points: '1000' };
		expect((await postForm(who, '/host/quizzes/quick-demo?/settings', settings)).status()).toBe(
			400
		);
		expect((await postForm(who, '/host/quizzes?/delete', { id: 'quick-demo' })).status()).toBe(400);
		expect((await postForm(who, '/host/banks?/delete', { id: shippedBank! })).status()).toBe(400);
		const { token } = await (await preview(who, `内置-${run}`)).json();
		const into = await commit(who, { token, mode: 'all', bankId: shippedBank });
		expect(into.status()).toBe(409);
		// Copying is how an organisation gets its own version.
		const copy = await postForm(who, '/host/quizzes/quick-demo?/copy', {});
		expect(copy.status()).toBe(303);
		copied.push(/^\/host\/quizzes\/(q-[0-9a-z]+)$/.exec(copy.headers()['location'] ?? '')![1]!);
	}
	expect(await (await a.get('/host/quizzes/quick-demo')).text()).not.toContain('改内置');
	// Each copy is its organisation's own: editable there, invisible elsewhere.
	const [copyA, copyB] = copied as [string, string];
	expect(await (await a.get('/host/quizzes')).text()).toContain(copyA);
	expect(await (await a.get('/host/quizzes')).text()).not.toContain(copyB);
	expect(await (await b.get('/host/quizzes')).text()).toContain(copyB);
	expect((await b.get(`/host/quizzes/${copyA}`)).status()).toBe(404);
	expect((await anon.get(`/host/quizzes/${copyA}`)).status()).toBe(401);
	const rename = { title: `甲的副本 ${run}`, scoring: 'speed', timeLimit: '20', points: '1000' };
	expect((await postForm(a, `/host/quizzes/${copyA}?/settings`, rename)).status()).toBe(200);
	expect(await (await a.get(`/host/quizzes/${copyA}`)).text()).toContain(rename.title);
});

test('signed out, or outside any organisation, nothing can be created or imported', async () => {
	const anon = await client();
	const loose = await account(person('loose')); // signed in, no organisation
	const login = /^\/login\?next=%2Fhost%2F(quizzes|banks)&why=content$/;

	// Signed out: sent to sign in, with the reason.
	for (const [path, form] of [
		['/host/quizzes?/create', { title: '匿名测验' }],
		['/host/quizzes?/duplicate', { id: 'quick-demo' }],
		['/host/quizzes?/draw', { banks: 'x', count: '1', title: 't' }],
		['/host/banks?/delete', { id: 'x' }]
	] as const) {
		const res = await postForm(anon, path, form);
		expect(res.status(), path).toBe(303);
		expect(res.headers()['location']).toMatch(login);
	}
	const copy = await postForm(anon, '/host/quizzes/quick-demo?/copy', {});
	expect(copy.headers()['location']).toBe('/login?next=%2Fhost%2Fquizzes%2Fquick-demo&why=content');
	const notice = await (await anon.get('/login?next=%2Fhost%2Fquizzes&why=content')).text();
	expect(notice).toContain('题库和测验归组织所有');
	expect((await preview(anon, 'anon')).status()).toBe(401);
	expect((await commit(anon, { token: 'x', mode: 'all', newBank: { title: 't' } })).status()).toBe(
		401
	);
	// The pages say so instead of offering the forms.
	expect(await (await anon.get('/host/quizzes')).text()).toContain('data-testid="create-locked"');
	expect(await (await anon.get('/host/banks')).text()).toContain('data-testid="import-locked"');

	// Signed in outside any organisation: sent to /host/org; the API says 403.
	const res = await postForm(loose, '/host/quizzes?/create', { title: '无组织测验' });
	expect(res.status()).toBe(303);
	expect(res.headers()['location']).toBe('/host/org?why=no-org');
	expect(await (await loose.get('/host/org?why=no-org')).text()).toContain('请先建立组织');
	expect((await preview(loose, 'loose')).status()).toBe(403);
	expect(await (await anon.get('/host/quizzes')).text()).not.toContain('匿名测验');
});

test('a host creates quizzes and imports banks; only admins and owners delete banks', async () => {
	const owner = await withOrg(`角色单位-${run}`);
	const inv = await postForm(owner, '/host/org?/invite', { role: 'host' });
	const link = /\/invite\/([a-z2-7]{32})/.exec(await inv.text())![1]!;
	const host = await client();
	expect((await postForm(host, `/invite/${link}?/signup`, { ...person('host') })).status()).toBe(
		303
	);

	const quizId = await createQuiz(host, `主持人的测验 ${run}`);
	const bankId = await importBank(host, `主持人的题库 ${run}`);
	// Both belong to the organisation: the owner sees and edits them.
	expect(await (await owner.get('/host/quizzes')).text()).toContain(quizId);
	expect((await owner.get(`/host/banks/${bankId}`)).status()).toBe(200);

	// The host may not delete the bank nor replace its questions; appending is fine.
	expect((await postForm(host, '/host/banks?/delete', { id: bankId })).status()).toBe(403);
	const { token } = await (await preview(host, `追加-${run}`)).json();
	expect((await commit(host, { token, mode: 'all', bankId, merge: 'replace' })).status()).toBe(403);
	expect((await commit(host, { token, mode: 'all', bankId, merge: 'append' })).status()).toBe(201);
	expect(await (await owner.get(`/api/quizzes/pool?banks=${bankId}`)).json()).toEqual({
		available: 6
	});
	// The host deletes quizzes; the owner deletes the bank.
	expect((await postForm(host, '/host/quizzes?/delete', { id: quizId })).status()).toBe(200);
	expect((await postForm(owner, '/host/banks?/delete', { id: bankId })).status()).toBe(200);
});
