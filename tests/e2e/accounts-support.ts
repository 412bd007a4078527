// Helpers for the accounts browser and HTTP suites (not a test file: *.e2e.ts only are run).
import type { APIRequestContext, APIResponse, Page } from '@playwright/test';

export const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4317}`;
const run = Date.now().toString(36);
let n = 0;

export interface Person {
	email: string;
	displayName: string;
	password: string;
}

/** A fresh account's fields, unique to this run. */
export function person(name: string): Person {
	n++;
	return {
		email: `${name}-${run}-${n}@example.com`,
		displayName: `${name}${n}`,
		password: `password-${run}-${n}`
	};
}

/**
 * Makes `who` an account through the pages: /setup if the instance is fresh (the first account
 * becomes its admin), else /signup.
 */
export async function firstOrSignUp(page: Page, who: Person): Promise<'setup' | 'signup'> {
	await page.goto('/setup');
	const fresh = new URL(page.url()).pathname === '/setup';
	if (!fresh) await page.goto('/signup');
	await page.locator('input[name=email]').fill(who.email);
	await page.locator('input[name=displayName]').fill(who.displayName);
	await page.locator('input[name=password]').fill(who.password);
	await page.getByRole('button', { name: fresh ? '创建并登录' : '注册' }).click();
	await page.waitForURL(fresh ? '**/host/org' : '**/host');
	return fresh ? 'setup' : 'signup';
}

/**
 * POSTs a form as a same-origin browser without JavaScript would: the Origin for SvelteKit's CSRF
 * check, and Accept: text/html so that the action answers with a page (its status) or a redirect.
 */
export function postForm(
	api: APIRequestContext,
	path: string,
	form: Record<string, string>,
	headers: Record<string, string> = {}
): Promise<APIResponse> {
	return api.post(path, {
		form,
		headers: { origin: BASE, accept: 'text/html', ...headers },
		maxRedirects: 0
	});
}

export function setCookies(res: APIResponse): string[] {
	return res
		.headersArray()
		.filter((h) => h.name.toLowerCase() === 'set-cookie')
		.map((h) => h.value);
}

/** Signs up (or sets up) through HTTP; the context keeps the session cookie. */
export async function signUpHttp(api: APIRequestContext, who: Person): Promise<void> {
	// /setup only while the instance has no account; it redirects once one exists.
	const fresh = (await api.get('/setup', { maxRedirects: 0 })).status() === 200;
	const res = fresh
		? await postForm(api, '/setup', { ...who })
		: await postForm(api, '/signup', { ...who, next: '/host' });
	const ok = res.status() === 303 && setCookies(res).some((c) => /^anda_session=[a-z2-7]/.test(c));
	if (!ok) throw new Error(`sign-up failed: ${res.status()} ${await res.text()}`);
}

/** The values of hidden inputs named `name` in a page's HTML. */
export function hiddenValues(html: string, name: string): string[] {
	const re = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`, 'g');
	return [...html.matchAll(re)].map((m) => m[1]!);
}
