// An enterprise contest day (知识竞赛) through the real pages: a host runs the shipped 团体赛 quiz —
// 必答, 抢答 and 风险题 — for three department teams on phones, while the big screen shows the draw,
// the round cards, the buzzer, the stakes, the team scoreboard and the team podium. Screenshots of
// the screen at 1920×1080 and of a phone at 360×640 are kept under test-results/contest-day/.
import { expect, test, type Page } from '@playwright/test';
import { skipWithoutChromium } from './chromium';
import { loadLibrary } from '../../src/lib/server/content/load-banks';
import { correctChoices } from '../../src/lib/domain/answer';
import { optionCount } from '../../src/lib/domain/question';
import { openQuickRoom } from './rooms-support';

skipWithoutChromium();

const PHONE = { width: 360, height: 640 };
const HALL = { width: 1920, height: 1080 };
const SHOTS = 'test-results/contest-day';
const TEAMS = ['安全部', '生产部', '设备部'];

async function joinTeam(page: Page, pin: string, nickname: string, team: string) {
	await page.goto(`/j/${pin}`);
	await page.getByPlaceholder('例如：安全小卫士').fill(nickname);
	await page.getByRole('button', { name: '加入' }).click();
	await expect(page.getByRole('heading', { name: '选择你的队伍' })).toBeVisible();
	await page.getByRole('button', { name: new RegExp(team) }).click();
	await expect(page.getByText('你已加入！')).toBeVisible();
	await expect(page.getByText(team).first()).toBeVisible();
}

test('a host runs 必答, 抢答 and 风险题 for three teams; the screen shows the team scoreboard', async ({
	browser
}) => {
	const lib = await loadLibrary('question-banks');
	const quiz = lib.quizzes.find((q) => q.id === 'team-contest')!;
	const right = (i: number) => correctChoices(quiz.questions[i]!)[0]!;
	const wrong = (i: number) =>
		[...Array(optionCount(quiz.questions[i]!)).keys()].find((c) => c !== right(i))!;

	const host = await (
		await browser.newContext({ viewport: { width: 1366, height: 900 } })
	).newPage();
	await host.goto('/host');
	const pin = await openQuickRoom(host, '团体赛');
	const screen = await (await browser.newContext({ viewport: HALL })).newPage();
	await screen.goto(`/screen/${pin}`);

	const phones: Page[] = [];
	for (const [k, name] of ['小安', '小生', '小设'].entries()) {
		const page = await (
			await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true })
		).newPage();
		await joinTeam(page, pin, name, TEAMS[k]!);
		phones.push(page);
	}
	const [a, b, c] = phones as [Page, Page, Page];
	for (const team of TEAMS) {
		await expect(
			screen.locator('li, div', { hasText: team }).filter({ hasText: '1 人' }).first()
		).toBeVisible();
	}

	// The electronic draw, shown on the screen with its seed.
	await host.getByRole('button', { name: /电子抽签/ }).click();
	await expect(screen.getByText('抽签结果')).toBeVisible();
	await expect(screen.getByText(/抽签种子\s*[0-9a-f]{8}/)).toBeVisible();

	const next = (name: string | RegExp) =>
		host.getByRole('button', { name, exact: typeof name === 'string' }).click();
	const pick = (page: Page, choice: number) => page.locator('.grid button').nth(choice).click();
	const revealed = () => expect(host.getByRole('button', { name: '查看排行榜' })).toBeVisible();

	// Round 1, 必答: everyone answers; the question closes once all three have.
	await next('开始比赛');
	await expect(screen.getByText('第一轮 必答题')).toBeVisible();
	await screen.screenshot({ path: `${SHOTS}/screen-round-intro.png` });
	await next('开始本轮');
	for (const [qi, picks] of [
		[0, [right(0), right(0), wrong(0)]],
		[1, [right(1), wrong(1), right(1)]]
	] as const) {
		for (const [p, choice] of picks.entries()) await pick(phones[p]!, choice);
		await revealed();
		await next('查看排行榜');
		await expect(screen.getByTestId('team-board')).toBeVisible();
		if (qi === 0) await next('下一题');
	}
	await expect(screen.getByTestId('team-board')).toContainText('安全部');
	await screen.screenshot({ path: `${SHOTS}/screen-team-board.png` });

	// Round 2, 抢答: the first to buzz answers; a wrong answer passes the question on.
	await next('下一题');
	await expect(screen.getByText('第二轮 抢答题')).toBeVisible();
	await next('开始本轮');
	await expect(a.getByRole('button', { name: /准备/ })).toBeDisabled();
	await a.screenshot({ path: `${SHOTS}/phone-buzz-arming.png` });
	await a.getByRole('button', { name: '抢答', exact: true }).click({ timeout: 8000 });
	await expect(a.getByText('你抢到了！')).toBeVisible();
	await expect(screen.getByText('小安').first()).toBeVisible();
	await screen.screenshot({ path: `${SHOTS}/screen-buzz.png` });
	await pick(a, right(2));
	await revealed();
	await next('查看排行榜');
	await next('下一题');
	await b.getByRole('button', { name: '抢答', exact: true }).click({ timeout: 8000 });
	await expect(b.getByText('你抢到了！')).toBeVisible();
	await pick(b, wrong(3));
	// Passed on: 小设 buzzes in the reopened buzzer and answers right.
	await c.getByRole('button', { name: '抢答', exact: true }).click({ timeout: 8000 });
	await expect(c.getByText('你抢到了！')).toBeVisible();
	await pick(c, right(3));
	await revealed();
	await next('查看排行榜');

	// Round 3, 风险题: stakes chosen on the phones, locked when the host opens the question.
	await next('下一题');
	await expect(screen.getByText('第三轮 风险题')).toBeVisible();
	await next('开始本轮');
	for (const [p, value] of [30, 20, 10].entries()) {
		await phones[p]!.getByRole('button', { name: new RegExp(`押\\s*${value}`) }).click();
		await expect(phones[p]!.getByText(new RegExp(`已押\\s*${value}\\s*分`))).toBeVisible();
	}
	await a.screenshot({ path: `${SHOTS}/phone-stake.png` });
	await expect(screen.getByText('30').first()).toBeVisible();
	await next('锁定分值并出题');
	await pick(a, right(4));
	await pick(b, right(4));
	await pick(c, wrong(4));
	await revealed();
	await next('查看排行榜');

	// 100+100+100+30 = 330 · 100+0+0+20 = 120 · 0+100+100−10 = 190: no tie, so no 加赛.
	const board = screen.getByTestId('team-board');
	await expect(board.locator('li').nth(0)).toContainText('安全部');
	await expect(board.locator('li').nth(0)).toContainText('330');
	await expect(board.locator('li').nth(1)).toContainText('设备部');
	await expect(board.locator('li').nth(1)).toContainText('190');
	await expect(board.locator('li').nth(2)).toContainText('120');
	await next(/颁奖|下一题/);
	await expect(screen.getByText('安全部').first()).toBeVisible();
	await screen.screenshot({ path: `${SHOTS}/screen-podium.png` });
	await expect(a.getByText(/队伍第\s*1\s*名/)).toBeVisible();
});
