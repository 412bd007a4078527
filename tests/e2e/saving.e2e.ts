// A finished game whose record cannot be written yet: the host panel, the big screen and the phone
// say "成绩保存中…" while the save is retried, and the results link appears once it is saved. The
// record file is held locked by this test (a second writer, as a backup tool or a stuck process
// would be), so the server's writes fail until the lock is let go.
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { skipWithoutChromium } from './chromium';
import { openQuickRoom } from './rooms-support';

skipWithoutChromium();

const DB_FILE = process.env.E2E_SQLITE!;

test('the end of a game says "成绩保存中…" until its record is saved', async ({
	browser
}, testInfo) => {
	const host = await (
		await browser.newContext({ viewport: { width: 1280, height: 800 } })
	).newPage();
	await host.goto('/host');
	const pin = await openQuickRoom(host);
	const screen = await (
		await browser.newContext({ viewport: { width: 1280, height: 720 } })
	).newPage();
	await screen.goto(`/screen/${pin}`);
	await expect(screen.getByTestId('screen-pin')).toHaveText(pin);
	const phone = await (
		await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true })
	).newPage();
	await phone.goto(`/j/${pin}`);
	await phone.getByPlaceholder('例如：安全小卫士').fill('小安');
	await phone.getByRole('button', { name: '加入' }).click();
	await expect(phone.getByText('你已加入！')).toBeVisible();

	const lock = new Database(DB_FILE);
	try {
		lock.exec('BEGIN IMMEDIATE');
		host.once('dialog', (d) => void d.accept());
		await host.getByRole('button', { name: '提前结束' }).click();

		await expect(host.getByTestId('room-work')).toHaveText('成绩保存中…', { timeout: 30_000 });
		await expect(screen.getByTestId('room-work')).toHaveText('成绩保存中…');
		await expect(phone.getByText('成绩保存中…')).toBeVisible();
		// No link to a results page that does not exist yet.
		await expect(host.getByRole('link', { name: '查看成绩' })).toHaveCount(0);
		await expect(phone.getByRole('link', { name: '查看完整成绩' })).toHaveCount(0);
		await host.screenshot({ path: testInfo.outputPath('saving-host.png') });
		await screen.screenshot({ path: testInfo.outputPath('saving-screen.png') });
	} finally {
		if (lock.inTransaction) lock.exec('COMMIT');
		lock.close();
	}

	// The retry finds the file free: saved, the link appears and the notes go.
	await expect(host.getByRole('link', { name: '查看成绩' })).toBeVisible({ timeout: 60_000 });
	await expect(host.getByTestId('room-work')).toHaveCount(0);
	await expect(screen.getByTestId('room-work')).toHaveCount(0);
	await expect(phone.getByRole('link', { name: '查看完整成绩' })).toBeVisible();
	await host.getByRole('link', { name: '查看成绩' }).click();
	await expect(host).toHaveURL(new RegExp(`/results/${pin}$`));
	await expect(host.getByText('小安')).toBeVisible();
});
