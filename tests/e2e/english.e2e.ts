// English on request: a player who asks for English gets the join and play pages in English, and
// the choice is remembered; the host side stays in Chinese.
import { expect, test } from '@playwright/test';
import { skipWithoutChromium } from './chromium';
import { openQuickRoom } from './rooms-support';

skipWithoutChromium();

test('a player plays in English', async ({ browser }) => {
	const host = await (
		await browser.newContext({ viewport: { width: 1280, height: 800 } })
	).newPage();
	await host.goto('/host');
	const pin = await openQuickRoom(host);

	const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true });
	const phone = await ctx.newPage();
	await phone.goto('/?lang=en');
	await expect(phone.locator('html')).toHaveAttribute('lang', 'en');
	await phone.getByLabel('Enter the room PIN').fill(pin);
	await phone.getByRole('button', { name: 'Join' }).click();
	// Remembered: the play page is in English without asking again.
	await expect(phone.getByRole('heading', { name: 'Pick a nickname' })).toBeVisible();
	await phone.getByPlaceholder('e.g. SafetyStar').fill('Alex');
	await phone.getByRole('button', { name: 'Join' }).click();
	await expect(phone.getByText('You’re in!')).toBeVisible();

	await host.getByRole('button', { name: '开始答题' }).click();
	await expect(phone.getByText('Question 1/3')).toBeVisible();
	await phone.locator('.grid button').first().click();
	await expect(phone.getByText(/^(Correct|Wrong)$/)).toBeVisible();
	await expect(phone.getByText(/^Answer: /)).toBeVisible();

	// Switching back is one tap away.
	await phone.goto('/?lang=zh');
	await expect(phone.getByText('输入房间 PIN')).toBeVisible();
});
