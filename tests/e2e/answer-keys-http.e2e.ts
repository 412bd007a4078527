// Answer keys are for hosts, over plain HTTP against the built server. Signed out, a player knows
// the room's title, and /host maps a shared quiz's title to its id: no route may then hand out the
// quiz's (or its banks') answers or explanations — not the exports, not the quiz or bank pages, not
// their __data.json. Signed out is 401, signed in outside any organisation 403, each with a message
// saying why; a member of an organisation still gets every key, and a quick room's signed-out host
// still gets the answer and explanation at the reveal, over the socket, by the room's host secret.
import { expect, request, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { io } from 'socket.io-client';
import { loadLibrary } from '../../src/lib/server/content/load-banks';
import type { Question } from '../../src/lib/domain/question';
import { skipWithoutChromium } from './chromium';
import { BASE, person, postForm, signUpHttp } from './accounts-support';

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

/** Texts that only someone holding the key would see: each question's explanation. */
async function keyTexts(quizId: string): Promise<{ questions: Question[]; texts: string[] }> {
	const lib = await loadLibrary('question-banks');
	const quiz = lib.quizzes.find((q) => q.id === quizId);
	if (!quiz) throw new Error(`no shipped quiz ${quizId}`);
	// A stretch of each explanation without characters that CSV or HTML would escape.
	const texts = quiz.questions
		.map((q) => (q.explanation ?? '').replace(/["&<>',，。；：\s].*$/s, ''))
		.filter((t) => t.length >= 6);
	expect(texts.length).toBeGreaterThan(0);
	return { questions: quiz.questions, texts };
}

function expectNoKey(body: string, texts: string[], where: string): void {
	for (const t of texts) expect(body, `${where} holds no explanation`).not.toContain(t);
}

/** A refusal with its message: the JSON `{ message }` of an endpoint or the error page. */
async function expectRefused(res: APIResponse, status: number, message: RegExp, texts: string[]) {
	const where = new URL(res.url()).pathname;
	expect(res.status(), where).toBe(status);
	const body = await res.text();
	expect(body, where).toMatch(message);
	expectNoKey(body, texts, where);
}

/** A __data.json answer: SvelteKit sends 200 with the failed load's status and message inside. */
async function expectDataRefused(
	res: APIResponse,
	status: number,
	message: RegExp,
	texts: string[]
) {
	const where = new URL(res.url()).pathname;
	const body = await res.text();
	expectNoKey(body, texts, where);
	const nodes = (JSON.parse(body) as { nodes: ({ type: string; status?: number } | null)[] }).nodes;
	const failed = nodes.find((n) => n?.type === 'error');
	expect(failed, where).toMatchObject({ type: 'error', status });
	expect(JSON.stringify(failed)).toMatch(message);
}

async function shippedBankIds(): Promise<string[]> {
	return (await loadLibrary('question-banks')).banks.map((b) => b.id);
}

test('signed out, no route hands out a shared quiz’s or bank’s answers', async () => {
	const anon = await client();
	const signIn = /只对组织成员开放：请先登录/;
	for (const quizId of ['quick-demo', 'enterprise-contest']) {
		const { texts } = await keyTexts(quizId);
		// The id is still on /host, so that a quick room can be opened from it; it leads nowhere.
		const host = await anon.get('/host/__data.json');
		expect(await host.text()).toContain(quizId);
		expectNoKey(await host.text(), texts, '/host/__data.json');
		expectNoKey(await (await anon.get('/host')).text(), texts, '/host');
		expectNoKey(await (await anon.get('/host/quizzes')).text(), texts, '/host/quizzes');

		for (const format of ['csv', 'xlsx']) {
			await expectRefused(
				await anon.get(`/api/quizzes/${quizId}/export?format=${format}`),
				401,
				signIn,
				texts
			);
		}
		await expectRefused(await anon.get(`/host/quizzes/${quizId}`), 401, signIn, texts);
		await expectDataRefused(
			await anon.get(`/host/quizzes/${quizId}/__data.json`),
			401,
			signIn,
			texts
		);
	}
	// The shipped banks hold the same questions (a shipped quiz is made of them).
	const { texts } = await keyTexts('enterprise-contest');
	for (const bankId of await shippedBankIds()) {
		await expectRefused(await anon.get(`/api/banks/${bankId}/export?format=csv`), 401, signIn, []);
		await expectRefused(await anon.get(`/host/banks/${bankId}`), 401, signIn, []);
		await expectDataRefused(await anon.get(`/host/banks/${bankId}/__data.json`), 401, signIn, []);
	}
	expectNoKey(await (await anon.get('/host/banks')).text(), texts, '/host/banks');
	// The error page shows the way on.
	expect(await (await anon.get('/host/quizzes/quick-demo')).text()).toContain(
		'href="/login?next=%2Fhost%2Fquizzes%2Fquick-demo"'
	);
	// A quiz that does not exist says the same: the refusal tells nothing about ids.
	await expectRefused(await anon.get('/api/quizzes/no-such-quiz/export'), 401, signIn, []);
});

test('signed in outside any organisation: 403 with the way to one', async () => {
	const loose = await client();
	await signUpHttp(loose, person('keyless'));
	const { texts } = await keyTexts('enterprise-contest');
	const noOrg = /只对组织成员开放：请先建立组织/;
	await expectRefused(
		await loose.get('/api/quizzes/enterprise-contest/export?format=csv'),
		403,
		noOrg,
		texts
	);
	const page = await loose.get('/host/quizzes/enterprise-contest');
	await expectRefused(page, 403, noOrg, texts);
	expect(await page.text()).toContain('href="/host/org"');
	await expectDataRefused(
		await loose.get('/host/quizzes/enterprise-contest/__data.json'),
		403,
		noOrg,
		texts
	);
	const bankId = (await shippedBankIds())[0]!;
	await expectRefused(await loose.get(`/api/banks/${bankId}/export?format=csv`), 403, noOrg, []);
	await expectRefused(await loose.get(`/host/banks/${bankId}`), 403, noOrg, []);
});

test('a member of an organisation still reads every key', async () => {
	const member = await client();
	await signUpHttp(member, person('keyholder'));
	expect(
		(
			await postForm(member, '/host/org?/create', { name: `钥匙单位-${run}`, kind: 'enterprise' })
		).status()
	).toBe(200);
	const { texts } = await keyTexts('enterprise-contest');
	const csv = await member.get('/api/quizzes/enterprise-contest/export?format=csv');
	expect(csv.status()).toBe(200);
	const exported = await csv.text();
	for (const t of texts) expect(exported).toContain(t);
	const page = await member.get('/host/quizzes/enterprise-contest');
	expect(page.status()).toBe(200);
	expect(await page.text()).toContain(texts[0]!);
	const bankId = (await shippedBankIds())[0]!;
	expect((await member.get(`/api/banks/${bankId}/export?format=csv`)).status()).toBe(200);
	expect((await member.get(`/host/banks/${bankId}`)).status()).toBe(200);
	// The lists link to the questions for members (and not for visitors).
	expect(await (await member.get('/host/quizzes')).text()).toContain(
		'href="/host/quizzes/enterprise-contest"'
	);
	const anon = await client();
	expect(await (await anon.get('/host/quizzes')).text()).not.toContain(
		'href="/host/quizzes/enterprise-contest"'
	);
	expect(await (await anon.get('/host/banks')).text()).not.toContain(`/api/banks/${bankId}/export`);
});

type Ack = { ok: boolean; view?: { phase: string; reveal: unknown } };

test('a quick room’s signed-out host gets the answer at the reveal by its host secret', async () => {
	const anon = await client();
	const opened = await anon.post('/api/rooms', { data: { quizId: 'quick-demo' } });
	expect(opened.status()).toBe(201);
	const { pin, hostSecret } = (await opened.json()) as { pin: string; hostSecret: string };
	const { questions } = await keyTexts('quick-demo');
	const socket = io(BASE, { transports: ['websocket'], forceNew: true, reconnection: false });
	try {
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', () => resolve());
			socket.once('connect_error', reject);
		});
		const ack = (event: string, payload: unknown) =>
			new Promise<Ack>((resolve) => socket.emit(event, payload, resolve));
		expect((await ack('host:attach', { pin, secret: hostSecret })).ok).toBe(true);
		expect((await ack('host:command', { type: 'start' })).ok).toBe(true);
		const closed = await ack('host:command', { type: 'next' });
		expect(closed.ok).toBe(true);
		expect(closed.view?.phase).toBe('reveal');
		expect(closed.view?.reveal).toMatchObject({ explanation: questions[0]!.explanation });
		await ack('host:command', { type: 'end' });
	} finally {
		socket.disconnect();
	}
});
