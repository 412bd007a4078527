// The main pages work under their Content-Security-Policy: the join box, the nickname step, the
// phone through a question and its reveal, the host panel (with its QR code), the big screen and
// its overlay, sign-in and sign-up, and a member's bank and quiz pages (server-rendered with style
// attributes). Not one `securitypolicyviolation` event and not one console error on any of them;
// the sockets (WebSocket and Socket.IO's long-polling fallback) connect under connect-src.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { skipWithoutChromium } from './chromium';
import { firstOrSignUp, person } from './accounts-support';
import { openQuickRoom } from './rooms-support';

skipWithoutChromium();

const PHONE = { width: 360, height: 640 };
const SCREEN = { width: 1280, height: 720 };

/** Every CSP violation and console error of the pages of `ctx`, with the page they came from. */
function watch(ctx: BrowserContext, problems: string[]): void {
	void ctx.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
		});
	});
	ctx.on('page', (page) => {
		page.on('console', (m) => {
			if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
		});
		page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
	});
}

async function newPage(
	browser: import('@playwright/test').Browser,
	problems: string[],
	options: Parameters<import('@playwright/test').Browser['newContext']>[0]
): Promise<Page> {
	const ctx = await browser.newContext(options);
	watch(ctx, problems);
	return ctx.newPage();
}

/** An <img> that the page shows, i.e. that was allowed to load. */
async function expectLoaded(page: Page, selector: string): Promise<void> {
	await expect
		.poll(() =>
			page
				.locator(selector)
				.first()
				.evaluate((img: HTMLImageElement) => img.naturalWidth)
		)
		.toBeGreaterThan(0);
}

test('the main pages run under their CSP without a violation', async ({ browser }) => {
	const problems: string[] = [];
	const host = await newPage(browser, problems, { viewport: SCREEN });
	await host.goto('/host');
	const pin = await openQuickRoom(host);
	await expectLoaded(host, `img[src="/qr/${pin}"]`);

	const screen = await newPage(browser, problems, { viewport: SCREEN });
	const overlay = await newPage(browser, problems, { viewport: SCREEN });
	await screen.goto(`/screen/${pin}`);
	await overlay.goto(`/screen/${pin}?overlay=1`);
	await expectLoaded(screen, 'img.qr');

	// A player types the PIN on the join box, picks a nickname and plays.
	const phone = await newPage(browser, problems, {
		viewport: PHONE,
		isMobile: true,
		hasTouch: true
	});
	await phone.goto('/');
	await phone.locator('#pin').fill(pin);
	await phone.getByRole('button', { name: '进入房间' }).click();
	await expect(phone).toHaveURL(new RegExp(`/play/${pin}$`));
	await phone.getByPlaceholder('例如：安全小卫士').fill('守规矩');
	await phone.getByRole('button', { name: '加入' }).click();
	await expect(phone.getByText('你已加入！')).toBeVisible();
	for (const page of [screen, overlay])
		await expect(page.getByTestId('screen-count')).toHaveText('1');

	await host.getByRole('button', { name: '开始答题' }).click();
	await expect(phone.getByText('第 1/3 题')).toBeVisible();
	// Style attributes with computed values apply: each option's colour.
	const colour = await phone
		.locator('.grid button')
		.first()
		.evaluate((b) => getComputedStyle(b).getPropertyValue('--c').trim());
	expect(colour).not.toBe('');
	await phone.locator('.grid button').first().click();
	await expect(phone.getByText('正确答案')).toBeVisible();
	await expect(screen.getByText(/正确答案|答案：/).first()).toBeVisible();

	// Both socket transports are same-origin connections the policy allows.
	const transports = await phone.evaluate(async () => {
		const polling = (await fetch('/socket.io/?EIO=4&transport=polling')).status;
		const ws = await new Promise<string>((resolve) => {
			const s = new WebSocket(`ws://${location.host}/socket.io/?EIO=4&transport=websocket`);
			s.onopen = () => {
				s.close();
				resolve('open');
			};
			s.onerror = () => resolve('error');
		});
		return { polling, ws };
	});
	expect(transports).toEqual({ polling: 200, ws: 'open' });

	host.once('dialog', (d) => void d.accept());
	await host.getByRole('button', { name: '提前结束' }).click();
	await host.getByRole('link', { name: '查看成绩' }).click();
	await expect(host.getByRole('heading', { name: '最终排名' })).toBeVisible();

	const visitor = await newPage(browser, problems, { viewport: PHONE });
	await visitor.goto(`/j/${pin}`); // the QR code's link
	await expect(visitor).toHaveURL(new RegExp(`/play/${pin}$`));
	await visitor.goto('/login');
	await expect(visitor.locator('input[name=email]')).toBeVisible();
	await visitor.goto('/signup');
	await expect(visitor.locator('input[name=email]')).toBeVisible();

	expect(problems).toEqual([]);
});

test('a member’s server-rendered bank and quiz pages run under the CSP', async ({ browser }) => {
	const problems: string[] = [];
	const page = await newPage(browser, problems, { viewport: SCREEN });
	if ((await firstOrSignUp(page, person('csp'))) === 'signup') await page.goto('/host/org');
	await page.locator('input[name=name]').fill(`CSP 单位 ${Date.now().toString(36)}`);
	await page.getByLabel('企业').check();
	await page.getByRole('button', { name: '建立组织' }).click();
	await expect(page.getByTestId('org-name')).toBeVisible();

	await page.goto('/host/banks');
	await page.locator('li.bank').first().getByRole('link', { name: '查看题目' }).click();
	await expect(page.locator('ol.questions li').first()).toBeVisible();
	// The option letters' colours come from style attributes in the server's HTML.
	const letter = await page
		.locator('.option-letter')
		.first()
		.evaluate((el) => getComputedStyle(el).getPropertyValue('--c').trim());
	expect(letter).not.toBe('');

	await page.goto('/host/quizzes/quick-demo');
	await expect(page.getByRole('heading', { name: '三题快速体验' })).toBeVisible();
	await page.goto('/host/quizzes');
	await expect(page.getByRole('heading', { name: '测验', exact: true })).toBeVisible();
	expect(problems).toEqual([]);
});
