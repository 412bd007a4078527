// 测测你的安全力 through the real pages on a phone: the landing, the entry form (region picked down
// to the county), an attempt of five questions answered, one changed on the way back, a reload
// that resumes with the answers kept, the submit with its confirmation, the result with the
// review, the boards with the masked name and the region, and the hall's big screen.
import { expect, test, type Page } from '@playwright/test';
import { skipWithoutChromium } from './chromium';
import { expectNoAxeViolations } from './axe';
import { seedContest } from './contest-support';

skipWithoutChromium();

const PHONE = { width: 360, height: 640 };
const SHOTS = 'test-results/contest';

/** Answers the question on screen: the first option (or 正确, or a text); returns its type. */
async function answerShown(page: Page, pick = 0): Promise<void> {
	const fill = page.getByLabel('你的答案');
	if (await fill.isVisible()) {
		await fill.fill('灭火器');
		await fill.press('Enter');
	} else {
		await page.getByRole('group', { name: '选项' }).getByRole('button').nth(pick).click();
	}
	await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
}

test('a phone enters, answers, resumes, submits, and finds itself on the boards and the screen', async ({
	browser
}) => {
	const slug = `anquan-${Date.now().toString(36)}`;
	await seedContest(slug);

	const ctx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
	const page = await ctx.newPage();
	await page.goto(`/contest/${slug}`);
	await expect(page.getByRole('heading', { name: '测测你的安全力' })).toBeVisible();
	await expect(page.getByText('每天 3 次 · 每次 5 题 · 限时 120 秒')).toBeVisible();
	await page.screenshot({ path: `${SHOTS}/landing.png`, fullPage: true });
	await expectNoAxeViolations(page, 'contest landing');

	// A missing name is refused by its field.
	await page.getByRole('button', { name: '确认报名' }).click();
	await expect(page.getByText('请填写姓名')).toBeVisible();

	await page.getByLabel('姓名').fill('张三丰');
	await page.getByLabel('手机号').fill('13800138000');
	await page.getByLabel('省份').selectOption({ label: '广东省' });
	await page.getByLabel('城市').selectOption({ label: '深圳市' });
	await page.getByLabel('区县').selectOption({ label: '南山区' });
	await page.screenshot({ path: `${SHOTS}/entry.png`, fullPage: true });
	await page.getByRole('button', { name: '确认报名' }).click();
	await expect(page.getByText('你好，张三丰')).toBeVisible();
	await expect(page.getByText('广东省 深圳市 南山区')).toBeVisible();

	await page.getByRole('button', { name: '开始答题' }).click();
	await page.waitForURL(`**/contest/${slug}/attempt/**`);
	await expect(page.getByTestId('progress')).toHaveText('第 1/5 题');
	await page.screenshot({ path: `${SHOTS}/attempt.png`, fullPage: true });
	await expectNoAxeViolations(page, 'contest attempt');

	for (let i = 0; i < 3; i++) {
		await answerShown(page);
		await page.getByRole('button', { name: '下一题' }).click();
		await expect(page.getByTestId('progress')).toHaveText(`第 ${i + 2}/5 题`);
	}

	// A reload mid-attempt resumes at the first unanswered question, the answers kept.
	await page.reload();
	await expect(page.getByTestId('progress')).toHaveText('第 4/5 题');
	await page.getByRole('button', { name: '答题卡' }).click();
	await expect(page.getByRole('button', { name: '（已答）' })).toHaveCount(3);
	await page.screenshot({ path: `${SHOTS}/overview.png`, fullPage: true });
	await page.getByRole('button', { name: '第 4 题（未答）' }).click();

	await answerShown(page);
	await page.getByRole('button', { name: '下一题' }).click();
	await answerShown(page);

	// Back once to change an answer.
	await page.getByRole('button', { name: '上一题' }).click();
	await expect(page.getByTestId('progress')).toHaveText('第 4/5 题');
	const fill = page.getByLabel('你的答案');
	if (await fill.isVisible()) {
		await fill.fill('干粉灭火器');
		await fill.press('Enter');
		await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
	} else {
		await answerShown(page, 1);
		await expect(
			page.getByRole('group', { name: '选项' }).getByRole('button').nth(1)
		).toHaveAttribute('aria-pressed', 'true');
	}
	await page.getByRole('button', { name: '下一题' }).click();
	await page.getByRole('button', { name: '交卷', exact: true }).click();
	await expect(page.getByRole('dialog')).toContainText('全部题目已作答');
	await page.getByRole('button', { name: '确认交卷' }).click();

	await page.waitForURL(`**/contest/${slug}/result/**`);
	await expect(page.getByTestId('score')).toContainText('分');
	await expect(page.getByText(/答对 \d\/5 题/)).toBeVisible();
	await expect(page.locator('article.item')).toHaveCount(5);
	await expect(page.locator('.expl').first()).toContainText('解析');
	await expect(page.getByText(/第 1 名 \/ 共 1 人/)).toBeVisible();
	await page.screenshot({ path: `${SHOTS}/result.png`, fullPage: true });

	await page.getByRole('link', { name: '查看排行榜' }).click();
	await page.waitForURL(`**/contest/${slug}/boards`);
	const row = page.getByTestId('board-row').first();
	await expect(row).toContainText('张*');
	await expect(row).toContainText('广东省 深圳市 南山区');
	await expect(page.getByText('张三丰')).toHaveCount(0);
	await page.screenshot({ path: `${SHOTS}/boards.png`, fullPage: true });
	await page.getByRole('tab', { name: '区县' }).click();
	await expect(page.getByTestId('board-row').first()).toContainText('南山区');
	await page.screenshot({ path: `${SHOTS}/boards-county.png`, fullPage: true });

	await page.goto(`/contest/${slug}`);
	await expect(page.getByText('今天还可答 2 次')).toBeVisible();
	await page.screenshot({ path: `${SHOTS}/landing-after.png`, fullPage: true });
	await ctx.close();

	for (const size of [
		{ width: 1920, height: 1080 },
		{ width: 1280, height: 720 }
	]) {
		const wall = await browser.newContext({ viewport: size });
		const screen = await wall.newPage();
		await screen.goto(`/screen/contest/${slug}`);
		await expect(screen.getByTestId('screen-person').first()).toContainText('张*');
		await expect(screen.getByTestId('screen-participants')).toHaveText('1');
		await screen.screenshot({ path: `${SHOTS}/screen-${size.width}.png` });
		await wall.close();
	}
});
