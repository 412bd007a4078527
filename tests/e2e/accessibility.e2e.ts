// Every public page passes axe's WCAG 2 A/AA and best-practice rules: the join pages, a phone in
// the lobby, during a question and at the reveal, the big screen (and its OBS overlay) in the same
// phases, the final results, the host dashboard and the sign-in pages.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { skipWithoutChromium } from './chromium';
import { openQuickRoom } from './rooms-support';

skipWithoutChromium();

const PHONE = { width: 360, height: 640 };
const SCREEN = { width: 1280, height: 720 };

/** Contrast ratio of two CSS rgb() colours (WCAG relative luminance). */
function contrast(a: string, b: string): number {
	const lum = (c: string) => {
		const [r, g, bl] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => Number(v) / 255);
		const lin = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
		return 0.2126 * lin(r ?? 0) + 0.7152 * lin(g ?? 0) + 0.0722 * lin(bl ?? 0);
	};
	const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
	return (hi! + 0.05) / (lo! + 0.05);
}

/** The text colour of an element and the first opaque background behind it. */
async function colours(page: Page, selector: string) {
	return page
		.locator(selector)
		.first()
		.evaluate((el) => {
			let bg = 'rgb(255, 255, 255)';
			for (let n: Element | null = el; n; n = n.parentElement) {
				const c = getComputedStyle(n).backgroundColor;
				if (c !== 'transparent' && !c.startsWith('rgba(0, 0, 0, 0')) {
					bg = c;
					break;
				}
			}
			return { fg: getComputedStyle(el).color, bg };
		});
}

test('public pages report no axe violations', async ({ browser }) => {
	const hostCtx = await browser.newContext({ viewport: SCREEN });
	const host = await hostCtx.newPage();
	await host.goto('/host');
	await expectNoAxeViolations(host, '/host');
	const pin = await openQuickRoom(host);

	const visitor = await (await browser.newContext({ viewport: PHONE, isMobile: true })).newPage();
	await visitor.goto('/');
	await expectNoAxeViolations(visitor, '/');
	await visitor.goto('/login');
	await expectNoAxeViolations(visitor, '/login');
	// On a fresh instance /signup sends the first visitor to /setup; either is checked.
	await visitor.goto('/signup');
	await expectNoAxeViolations(visitor, new URL(visitor.url()).pathname);

	const phone = await (
		await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true })
	).newPage();
	await phone.goto(`/j/${pin}`);
	await expect(phone.getByRole('heading', { name: '取个昵称' })).toBeVisible();
	await expectNoAxeViolations(phone, '/j/[pin]');
	await phone.getByPlaceholder('例如：安全小卫士').fill('无障碍');
	await phone.getByRole('button', { name: '加入' }).click();
	await expect(phone.getByText('你已加入！')).toBeVisible();
	await expectNoAxeViolations(phone, '/play/[pin] lobby');

	const screen = await (await browser.newContext({ viewport: SCREEN })).newPage();
	const overlay = await (await browser.newContext({ viewport: SCREEN })).newPage();
	await screen.goto(`/screen/${pin}`);
	await overlay.goto(`/screen/${pin}?overlay=1`);
	for (const [page, where] of [
		[screen, '/screen/[pin]'],
		[overlay, '/screen/[pin]?overlay=1']
	] as const) {
		await expect(page.getByTestId('screen-count')).toHaveText('1');
		await expectNoAxeViolations(page, `${where} lobby`);
	}

	await host.getByRole('button', { name: '开始答题' }).click();
	await expect(phone.getByText('第 1/3 题')).toBeVisible();
	await expectNoAxeViolations(phone, '/play/[pin] question');
	for (const [page, where] of [
		[screen, '/screen/[pin]'],
		[overlay, '/screen/[pin]?overlay=1']
	] as const) {
		await expect(page.getByText('第 1/3 题')).toBeVisible();
		await expectNoAxeViolations(page, `${where} question`);
	}

	// The only player answers: the question closes by itself.
	await phone.locator('.grid button').first().click();
	await expect(phone.getByText(/^回答(正确|错误)$/)).toBeVisible();
	await expect(phone.getByText('正确答案')).toBeVisible();
	await expectNoAxeViolations(phone, '/play/[pin] reveal');
	for (const [page, where] of [
		[screen, '/screen/[pin]'],
		[overlay, '/screen/[pin]?overlay=1']
	] as const) {
		await expect(page.getByText(/正确答案|答案：/).first()).toBeVisible();
		await expectNoAxeViolations(page, `${where} reveal`);
	}

	host.once('dialog', (d) => void d.accept());
	await host.getByRole('button', { name: '提前结束' }).click();
	await expect(host.getByRole('link', { name: '查看成绩' })).toBeVisible();
	await host.goto(`/results/${pin}`);
	await expect(host.getByRole('heading', { name: '最终排名' })).toBeVisible();
	await expectNoAxeViolations(host, '/results/[id]');
	// The winner's row reads as well as any other: dark text on a light background.
	const winner = await colours(host, 'tbody tr:first-child td:nth-child(2)');
	expect(contrast(winner.fg, winner.bg), JSON.stringify(winner)).toBeGreaterThanOrEqual(4.5);
});
