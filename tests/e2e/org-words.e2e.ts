// An owner keeps the organisation's own sensitive words on /host/org: one per line, a count,
// a save; a word too long is refused plainly and what was typed stays in the box.
import { expect, test } from '@playwright/test';
import { skipWithoutChromium } from './chromium';
import { firstOrSignUp, person } from './accounts-support';

skipWithoutChromium();

test('an owner saves the organisation’s sensitive words; a wrong list is refused with the reason', async ({
	browser
}) => {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await ctx.newPage();
	if ((await firstOrSignUp(page, person('words'))) === 'signup') await page.goto('/host/org');
	await page.locator('input[name=name]').fill('安答示范社区');
	await page.getByLabel('社区').check();
	await page.getByRole('button', { name: '建立组织' }).click();
	await expect(page.getByTestId('org-name')).toHaveText('安答示范社区');

	const section = page.getByTestId('org-words');
	const box = section.getByLabel('本组织的敏感词，每行一个');
	await expect(box).toHaveValue('');
	await expect(section.getByTestId('word-count')).toHaveText('0 / 500 个词');
	await box.fill('某某化工厂\n\n 泄漏事故 \n某某化工厂');
	await expect(section.getByTestId('word-count')).toHaveText('3 / 500 个词');
	await section.getByRole('button', { name: '保存敏感词' }).click();
	await expect(page.getByRole('status')).toHaveText('已保存 2 个敏感词');
	// The box shows the list as saved: cleaned, once each.
	await expect(box).toHaveValue('某某化工厂\n泄漏事故');
	await expect(section.getByTestId('word-count')).toHaveText('2 / 500 个词');
	await section.screenshot({ path: 'test-results/org-words.png' });

	const long = '长'.repeat(31);
	await box.fill(`某某化工厂\n${long}`);
	await section.getByRole('button', { name: '保存敏感词' }).click();
	await expect(page.getByRole('alert')).toContainText('每个词最多 30 个字');
	await expect(box).toHaveValue(`某某化工厂\n${long}`);
	await page.reload();
	await expect(box).toHaveValue('某某化工厂\n泄漏事故');
	await ctx.close();
});
