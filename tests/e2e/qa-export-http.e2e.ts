// The Q&A export route over plain HTTP against the built server: it is served under /host/qa
// like the other endpoints (the session cookie read by the hooks), and what it refuses it refuses
// with a status and a Chinese message. Its content is held to in tests/integration/qa-export.test.ts,
// which drives the same handler on a server with Q&A events (none can be opened over HTTP yet).
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { skipWithoutChromium } from './chromium';
import { BASE, person, postForm, signUpHttp } from './accounts-support';

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

test('the export answers 401 signed out, 400 for a format it does not write, 404 for an unknown code', async () => {
	const anon = await client();
	const signedOut = await anon.get('/host/qa/ABC234/export?format=xlsx', { maxRedirects: 0 });
	expect(signedOut.status()).toBe(401);
	expect(await signedOut.text()).toContain('请先登录');

	const member = await client();
	await signUpHttp(member, person('qa-export'));
	expect(
		(await postForm(member, '/host/org?/create', { name: '应急局', kind: 'enterprise' })).status()
	).toBe(200);
	const badFormat = await member.get('/host/qa/ABC234/export?format=pdf');
	expect(badFormat.status()).toBe(400);
	expect(await badFormat.text()).toContain('导出格式只能是 xlsx 或 csv');
	const badSheet = await member.get('/host/qa/ABC234/export?format=csv&sheet=all');
	expect(badSheet.status()).toBe(400);
	const unknown = await member.get('/host/qa/ABC234/export');
	expect(unknown.status()).toBe(404);
	expect(await unknown.text()).toContain('活动不存在');
	// Not a page: the strict policy for files and JSON.
	expect(unknown.headers()['content-security-policy']).toContain("default-src 'none'");
});
