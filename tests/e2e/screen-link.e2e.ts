// The big screen of a room opened by a signed-in host: the host panel's 打开大屏 link carries the
// screen token and opens the screen, also in a browser signed in to nothing (the projector's);
// the bare /screen/<PIN> there says in Chinese where the right link is. A quick room's screen
// stays on its PIN alone (accessibility.e2e.ts opens one that way).
import { expect, test } from '@playwright/test';
import { skipWithoutChromium } from './chromium';
import { firstOrSignUp, person } from './accounts-support';
import { openQuickRoom } from './rooms-support';

skipWithoutChromium();

const LAPTOP = { width: 1280, height: 800 };
const SCREEN = { width: 1920, height: 1080 };

test('the host panel’s screen link opens the screen of a signed-in host’s room', async ({
	browser
}) => {
	const hostCtx = await browser.newContext({ viewport: LAPTOP });
	const host = await hostCtx.newPage();
	await firstOrSignUp(host, person('screen'));
	await host.goto('/host');
	const pin = await openQuickRoom(host); // signed in, 开房 opens a room run by this account
	await expect(host.getByTestId('pin')).toHaveText(pin);

	const link = host.getByTestId('screen-link');
	const href = await link.getAttribute('href');
	expect(href).toMatch(new RegExp(`^/screen/${pin}\\?t=[A-Za-z0-9_-]{20,}$`));

	// Clicked on the host's laptop: a new tab with the screen's lobby.
	const [tab] = await Promise.all([hostCtx.waitForEvent('page'), link.click()]);
	await expect(tab.getByTestId('screen-pin')).toHaveText(pin);

	// The projector's browser is signed in to nothing: the link alone opens the screen...
	const projector = await (await browser.newContext({ viewport: SCREEN })).newPage();
	await projector.goto(href!);
	await expect(projector.getByTestId('screen-pin')).toHaveText(pin);
	await expect(projector.getByTestId('screen-count')).toHaveText('0');

	// ...and the PIN alone does not, with a message saying where the link is.
	const guess = await (await browser.newContext({ viewport: SCREEN })).newPage();
	await guess.goto(`/screen/${pin}`);
	await expect(guess.getByTestId('screen-error')).toHaveText(
		'这个房间的大屏需要主持人面板上的大屏链接：请在主持人面板点「打开大屏」'
	);
	await expect(guess.getByTestId('screen-pin')).toHaveCount(0);
	await guess.goto(`/screen/${pin}?t=not-the-token`);
	await expect(guess.getByTestId('screen-error')).toBeVisible();

	// A player joins: the projector's screen counts them.
	const phone = await (
		await browser.newContext({ viewport: { width: 360, height: 640 } })
	).newPage();
	await phone.goto(`/j/${pin}`);
	await phone.getByPlaceholder('例如：安全小卫士').fill('大屏观众');
	await phone.getByRole('button', { name: '加入' }).click();
	await expect(phone.getByText('你已加入！')).toBeVisible();
	await expect(projector.getByTestId('screen-count')).toHaveText('1');
	await expect(projector.getByText('大屏观众')).toBeVisible();
});
