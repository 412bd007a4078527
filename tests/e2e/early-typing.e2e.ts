// On a slow phone network the server's HTML shows well before the page's script has run: what a
// user types in that gap must survive hydration. (A field written as `value={…}` was overwritten
// with the script's value, an empty box, and a required field then blocked the form's submit.)
import { expect, test, type Page } from '@playwright/test';
import { skipWithoutChromium } from './chromium';
import { person } from './accounts-support';

skipWithoutChromium();

/** Holds the page's scripts until the returned function is called. */
async function holdScripts(page: Page): Promise<() => void> {
	let release!: () => void;
	const released = new Promise<void>((r) => (release = r));
	// Scripts only: an inline script waits for the stylesheets before it, and with it the page.
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await released;
		await route.continue();
	});
	return release;
}

async function live(page: Page): Promise<void> {
	await page.locator('html[data-live]').waitFor({ state: 'attached' });
}

test('a sign-up filled in before the page’s script ran keeps what was typed and goes through', async ({
	browser
}) => {
	const ctx = await browser.newContext({ viewport: { width: 360, height: 640 } });
	const page = await ctx.newPage();
	await page.goto('/setup');
	// The suites share one instance: its first account may already exist.
	const path = new URL(page.url()).pathname === '/setup' ? '/setup' : '/signup';
	const release = await holdScripts(page);
	await page.goto(path, { waitUntil: 'domcontentloaded' });
	await expect(page.locator('html[data-live]')).toHaveCount(0);
	const who = person('early');
	await page.locator('input[name=email]').fill(who.email);
	await page.locator('input[name=displayName]').fill(who.displayName);
	await page.locator('input[name=password]').fill(who.password);
	release();
	await live(page);
	await expect(page.locator('input[name=email]')).toHaveValue(who.email);
	await expect(page.locator('input[name=displayName]')).toHaveValue(who.displayName);
	await page.locator('form button').click();
	await page.waitForURL(path === '/setup' ? '**/host/org' : '**/host');
	await ctx.close();
});

test('a PIN typed before the home page’s script ran is still in the box', async ({ browser }) => {
	const ctx = await browser.newContext({ viewport: { width: 360, height: 640 } });
	const page = await ctx.newPage();
	const release = await holdScripts(page);
	await page.goto('/', { waitUntil: 'domcontentloaded' });
	await page.locator('#pin').fill('123456');
	release();
	await live(page);
	await expect(page.locator('#pin')).toHaveValue('123456');
	await ctx.close();
});
