// Accounts over plain HTTP against the built server: cookie flags (HTTP and, behind a proxy that
// says so, HTTPS), a signed-out session reused, brute force limited with 429, CSRF, escalation,
// invitation reuse and isolation between organisations, through the real form actions.
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { skipWithoutChromium } from './chromium';
import {
	BASE,
	hiddenValues,
	person,
	postForm,
	setCookies,
	signUpHttp,
	type Person
} from './accounts-support';

skipWithoutChromium();

const contexts: APIRequestContext[] = [];
async function client(): Promise<APIRequestContext> {
	const c = await request.newContext({ baseURL: BASE });
	contexts.push(c);
	return c;
}
test.afterAll(async () => {
	for (const c of contexts) await c.dispose();
});

async function account(who: Person = person('http')): Promise<APIRequestContext> {
	const api = await client();
	await signUpHttp(api, who);
	return api;
}

async function orgOf(api: APIRequestContext, name: string): Promise<void> {
	const res = await postForm(api, '/host/org?/create', { name, kind: 'enterprise' });
	expect(res.status()).toBe(200);
}

test('the session cookie is HttpOnly, SameSite=Lax, Path=/, and not Secure over plain HTTP', async () => {
	const who = person('cookie');
	await account(who);
	const api = await client();
	const res = await postForm(api, '/login', { email: who.email, password: who.password });
	expect(res.status()).toBe(303);
	const [cookie] = setCookies(res).filter((c) => c.startsWith('anda_session='));
	expect(cookie).toBeTruthy();
	expect(cookie).toMatch(/^anda_session=[a-z2-7]{32};/);
	expect(cookie).toMatch(/; HttpOnly/i);
	expect(cookie).toMatch(/; SameSite=Lax/i);
	expect(cookie).toMatch(/; Path=\//i);
	expect(cookie).toMatch(/; Expires=/i);
	expect(cookie).not.toMatch(/; Secure/i);

	// Over HTTPS (ORIGIN=https://… or a trusted PROTOCOL_HEADER) the cookie is __Host- and Secure:
	// checked through the request hook in tests/auth/hooks.test.ts, as this server speaks plain HTTP.
});

test('a signed-out session is dead: its cookie opens nothing afterwards', async () => {
	const who = person('signout');
	await account(who);
	const api = await client();
	const login = await postForm(api, '/login', { email: who.email, password: who.password });
	const token = /anda_session=([a-z2-7]{32})/.exec(setCookies(login).join('\n'))![1]!;
	const withOld = await client();
	const asOld = () =>
		withOld.get('/account', { headers: { cookie: `anda_session=${token}` }, maxRedirects: 0 });
	expect((await asOld()).status()).toBe(200);

	const out = await postForm(api, '/logout', {});
	expect(out.status()).toBe(303);
	expect(setCookies(out).join('\n')).toMatch(
		/anda_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i
	);
	// The old cookie, replayed: sent to sign in and told to forget it.
	const replay = await asOld();
	expect(replay.status()).toBe(303);
	expect(replay.headers()['location']).toMatch(/^\/login\?next=%2Faccount/);
	expect(setCookies(replay).join('\n')).toMatch(/anda_session=;/);
	// Signing out is a POST only.
	expect((await api.get('/logout', { maxRedirects: 0 })).status()).toBe(303);
});

test('guessing passwords: same message for unknown accounts, then 429 in Chinese', async () => {
	const who = person('brute');
	await account(who);
	const api = await client();
	const unknown = await postForm(api, '/login', { email: `no-${who.email}`, password: 'x' });
	const wrong = await postForm(api, '/login', { email: who.email, password: 'wrong-1' });
	expect(unknown.status()).toBe(400);
	expect(wrong.status()).toBe(400);
	for (const res of [unknown, wrong]) expect(await res.text()).toContain('邮箱或密码不正确');
	for (let i = 2; i <= 5; i++) {
		const res = await postForm(api, '/login', { email: who.email, password: `wrong-${i}` });
		expect(res.status()).toBe(400);
	}
	// The sixth attempt is refused even with the right password.
	const blocked = await postForm(api, '/login', { email: who.email, password: who.password });
	expect(blocked.status()).toBe(429);
	expect(await blocked.text()).toMatch(/尝试次数过多，请 \d+ 分钟后再试/);
	expect(setCookies(blocked).join('\n')).not.toMatch(/anda_session=[a-z2-7]/);
});

test('cross-site form posts are refused (CSRF), same-site ones pass', async () => {
	const who = person('csrf');
	await account(who);
	const api = await client();
	const evil = await api.post('/login', {
		form: { email: who.email, password: who.password },
		headers: { origin: 'http://evil.example' },
		maxRedirects: 0
	});
	expect(evil.status()).toBe(403);
	// /api/rooms takes JSON only, so a cross-site form cannot open rooms in someone's name.
	const signedIn = await account();
	const plain = await signedIn.post('/api/rooms', {
		data: JSON.stringify({ quizId: 'quick-demo' }),
		headers: { 'content-type': 'text/plain', origin: BASE }
	});
	expect(plain.status()).toBe(415);
	const json = await signedIn.post('/api/rooms', { data: { quizId: 'quick-demo' } });
	expect(json.status()).toBe(201);
	const body = await json.json();
	expect(body.pin).toMatch(/^\d{6}$/);
	expect(body.hostSecret).toBeUndefined(); // controlled by the session, not a secret
	// Signed out: a quick room with its secret.
	const anon = await client();
	const quick = await (await anon.post('/api/rooms', { data: { quizId: 'quick-demo' } })).json();
	expect(quick.hostSecret).toEqual(expect.any(String));
});

test('roles cannot be escalated and invitations cannot be reused', async () => {
	const owner = await account();
	await orgOf(owner, '升级测试组织');
	const invited = await postForm(owner, '/host/org?/invite', { role: 'admin' });
	expect(invited.status()).toBe(200);
	const link = /\/invite\/([a-z2-7]{32})/.exec(await invited.text())![1]!;

	// A new user joins through the link, as admin.
	const admin = await client();
	const joined = await postForm(admin, `/invite/${link}?/signup`, { ...person('admin') });
	expect(joined.status()).toBe(303);
	expect(joined.headers()['location']).toBe('/host');
	// The link is used up: nobody else gets in with it.
	const late = await client();
	const reused = await postForm(late, `/invite/${link}?/signup`, { ...person('late') });
	expect(reused.status()).toBe(404);
	expect(await reused.text()).toContain('邀请链接无效');
	expect(await (await late.get(`/invite/${link}`)).text()).toContain('邀请链接无效');

	// The admin cannot reach owner: not by invitation, not for themself, not over the owner.
	expect((await postForm(admin, '/host/org?/invite', { role: 'owner' })).status()).toBe(403);
	const ownerPage = await (await owner.get('/host/org')).text();
	const ids = [...new Set(hiddenValues(ownerPage, 'userId'))];
	expect(ids).toHaveLength(2); // the owner and the admin
	for (const id of ids) {
		const up = await postForm(admin, '/host/org?/role', { userId: id, role: 'owner' });
		expect(up.status()).toBe(403);
	}
	const after = await (await owner.get('/host/org')).text();
	expect(after.match(/<option value="owner" selected/g) ?? []).toHaveLength(1);
});

test('a member of one organisation cannot read or change another’s', async () => {
	const a = await account(person('orga'));
	await orgOf(a, '甲单位');
	const bOwner = person('orgb');
	const b = await account(bOwner);
	await orgOf(b, '乙单位');
	await postForm(b, '/host/org?/deptCreate', { name: '乙-安全部' });
	const inv = await postForm(b, '/host/org?/invite', { role: 'host' });
	const link = /\/invite\/([a-z2-7]{32})/.exec(await inv.text())![1]!;
	const bHost = await client();
	await postForm(bHost, `/invite/${link}?/signup`, { ...person('orgbhost') });
	await postForm(b, '/host/org?/invite', { role: 'host' }); // one pending invitation

	const bPage = await (await b.get('/host/org')).text();
	expect(bPage).toContain('乙-安全部');
	const memberIds = hiddenValues(bPage, 'userId');
	const invitationIds = hiddenValues(bPage, 'id');
	expect(memberIds.length).toBeGreaterThanOrEqual(1);

	// A sees none of B.
	const aPage = await (await a.get('/host/org')).text();
	for (const secret of ['乙单位', '乙-安全部', bOwner.email]) expect(aPage).not.toContain(secret);
	// A's actions with B's ids change nothing in B.
	for (const id of memberIds) {
		expect((await postForm(a, '/host/org?/remove', { userId: id })).status()).toBe(404);
		expect((await postForm(a, '/host/org?/role', { userId: id, role: 'host' })).status()).toBe(404);
	}
	// Department and invitation ids alike: revoke, delete and rename find nothing in A's organisation.
	for (const id of invitationIds) {
		expect((await postForm(a, '/host/org?/revoke', { id })).status()).toBe(404);
		expect((await postForm(a, '/host/org?/deptDelete', { id })).status()).toBe(404);
		expect((await postForm(a, '/host/org?/deptRename', { id, name: '被改了' })).status()).toBe(404);
	}
	// Nor can A switch into B.
	const bOrgId = /data-org-id="([^"]+)"/.exec(bPage)![1]!;
	expect((await postForm(a, '/host/org?/switch', { orgId: bOrgId })).status()).toBe(403);
	expect(await (await a.get('/host/org')).text()).not.toContain('乙单位');

	const after = await (await b.get('/host/org')).text();
	expect(after).toContain('乙-安全部');
	expect(after).not.toContain('被改了');
	expect(hiddenValues(after, 'userId').sort()).toEqual([...memberIds].sort());
	expect(hiddenValues(after, 'id').sort()).toEqual([...invitationIds].sort());
});

test('setup is closed once an account exists', async () => {
	await account();
	const api = await client();
	const page = await api.get('/setup', { maxRedirects: 0 });
	expect(page.status()).toBe(303);
	// Posting anyway creates nothing: no session, and the page sends the visitor to sign in.
	const res = await postForm(api, '/setup', { ...person('late-admin') });
	expect(res.status()).toBe(303);
	expect(res.headers()['location']).toBe('/login');
	expect(setCookies(res).join('\n')).not.toMatch(/anda_session=[a-z2-7]/);
});
