// The big screen projected in a hall: every phase sized to the viewport (a 1080p hall screen, a 720p
// laptop, a 4:3 projector) and the contest-day phases (round card, stakes, 抢答, turns, team board and
// podium, teams and the draw in the lobby) as the screen draws them from the protocol's views. The
// room server is faked at the socket (screen-fake-room.ts); screenshots land in test-results.
import { expect, test, type Page } from '@playwright/test';
import type { PlayerSummary, RoomView } from '../../src/lib/protocol';
import { skipWithoutChromium } from './chromium';
import { fakeRoom } from './screen-fake-room';
import * as f from './screen-fixtures';

skipWithoutChromium();

const VIEWPORTS = {
	'1080p': { width: 1920, height: 1080 },
	'720p': { width: 1280, height: 720 },
	'4x3': { width: 1024, height: 768 }
} as const;
type Size = keyof typeof VIEWPORTS;

async function show(page: Page, view: RoomView, players: PlayerSummary[] = []) {
	const room = await fakeRoom(page, view, players);
	await page.goto('/screen/123456');
	return room;
}

async function shot(page: Page, name: string, size: Size) {
	await page.screenshot({ path: `test-results/screen-hall/${name}-${size}.png` });
}

/**
 * Nothing the screen draws runs past the viewport (it has no scrollbar to reach it), nor out of the
 * panel that holds it (where it would overlap its neighbours).
 */
async function expectFits(page: Page) {
	const over = await page.evaluate(() => {
		const h = window.innerHeight;
		const w = window.innerWidth;
		const out = (a: DOMRect, b: { top: number; left: number; bottom: number; right: number }) =>
			a.top < b.top - 2 || a.left < b.left - 2 || a.bottom > b.bottom + 2 || a.right > b.right + 2;
		return [...document.querySelectorAll('main *')]
			.filter((el) => {
				const r = el.getBoundingClientRect();
				if (r.height === 0 || el.closest('svg')) return false;
				const parent = el.parentElement!.getBoundingClientRect();
				return out(r, { top: 0, left: 0, bottom: h, right: w }) || out(r, parent);
			})
			.map((el) => `${el.tagName}.${String(el.className)}`)
			.slice(0, 5);
	});
	expect(over).toEqual([]);
}

async function fontPx(page: Page, selector: string): Promise<number> {
	return page
		.locator(selector)
		.first()
		.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

for (const size of Object.keys(VIEWPORTS) as Size[]) {
	test.describe(`at ${size}`, () => {
		test.use({ viewport: VIEWPORTS[size], reducedMotion: 'reduce' });
		// Type a hall's back row reads: about 1/30 of the height for options and stems.
		const minOption = VIEWPORTS[size].height / 34;

		test('a question: stem and four big tiles with their letters, countdown and count', async ({
			page
		}) => {
			await show(page, f.questionPhase);
			const tiles = page.getByRole('list', { name: '选项' }).getByRole('listitem');
			await expect(tiles).toHaveCount(4);
			await expect(tiles.nth(1)).toContainText('B');
			await expect(tiles.nth(1)).toContainText('迅速切断电源');
			await expect(page.getByRole('timer')).toBeVisible();
			await expect(page.getByTestId('screen-answered')).toHaveText('已作答 0');
			expect(await fontPx(page, '.tile')).toBeGreaterThanOrEqual(minOption);
			expect(await fontPx(page, 'h1')).toBeGreaterThanOrEqual(minOption);
			await shot(page, 'question', size);
			await expectFits(page);
		});

		test('the reveal: a bar per option with its count, the right one marked', async ({ page }) => {
			await show(page, f.revealPhase);
			const rows = page.getByRole('list', { name: '答题分布' }).getByRole('listitem');
			await expect(rows).toHaveCount(4);
			await expect(rows.nth(1)).toContainText('61');
			await expect(rows.nth(1).getByRole('img', { name: '正确答案' })).toBeVisible();
			await expect(rows.nth(0).getByRole('img', { name: '正确答案' })).toHaveCount(0);
			await expect(page.getByText('《触电急救规范》第 3.1 条')).toBeVisible();
			await shot(page, 'reveal', size);
			await expectFits(page);
		});

		test('the leaderboard: the top 10 in big rows filling the screen', async ({ page }) => {
			await show(page, f.leaderboardPhase);
			const rows = page.getByTestId('screen-leaderboard').getByRole('listitem');
			await expect(rows).toHaveCount(10);
			await expect(rows.first()).toContainText('王小明');
			await expect(rows.first()).toContainText('9200');
			const box = await page.getByTestId('screen-leaderboard').boundingBox();
			expect(box!.height).toBeGreaterThan(VIEWPORTS[size].height * 0.6);
			expect(box!.width).toBeGreaterThan(VIEWPORTS[size].width * 0.8);
			await shot(page, 'leaderboard', size);
			await expectFits(page);
		});

		test('the podium: 1-2-3 with drawn medals and the names', async ({ page }) => {
			await show(page, f.podiumPhase);
			const podium = page.getByTestId('screen-podium');
			for (const place of [1, 2, 3]) {
				await expect(podium.getByRole('img', { name: `第 ${place} 名` })).toBeVisible();
			}
			await expect(podium).toContainText('王小明');
			await expect(podium).toContainText('李静');
			await expect(podium).toContainText('张伟');
			await shot(page, 'podium', size);
			await expectFits(page);
		});

		test('a round’s title card with its rules in one line', async ({ page }) => {
			await show(page, f.introPhase);
			const card = page.getByTestId('round-intro');
			await expect(card.getByRole('heading')).toHaveText('第二轮 抢答题');
			await expect(card).toContainText('倒计时结束后抢答，先抢先答，答错可由其他选手继续抢答');
			await expect(card).toContainText('本轮共 3 题');
			await shot(page, 'round-intro', size);
			await expectFits(page);
		});

		test('抢答: get ready, then the first buzzer huge and the next with their margins', async ({
			page
		}) => {
			const room = await show(page, f.buzzArming);
			const stage = page.getByTestId('buzz-stage');
			await expect(stage).toContainText('准备');
			await expect(stage.getByRole('timer')).toHaveText(/^[0-3]$/);
			await shot(page, 'buzz-arming', size);

			room.push(f.buzzAnswering);
			await expect(stage.locator('.who')).toHaveText('张伟');
			await expect(stage).toContainText('设备部');
			const next = stage.getByRole('list', { name: '抢答顺序' }).getByRole('listitem');
			await expect(next).toHaveCount(3);
			await expect(next.nth(0)).toContainText('王小明');
			await expect(next.nth(0)).toContainText('+12 ms');
			await expect(stage.getByRole('timer')).toContainText(/1[78] 秒/);
			expect(await fontPx(page, '.who')).toBeGreaterThan(VIEWPORTS[size].height / 12);
			await shot(page, 'buzz-order', size);
			await expectFits(page);

			room.push(f.buzzReopened);
			await expect(stage).toContainText('答错，其他选手继续抢答');
			await expect(stage).toContainText('抢答开始');
		});

		test('轮流必答: whose turn it is', async ({ page }) => {
			await show(page, f.turnQuestion);
			await expect(page.getByTestId('screen-turn')).toHaveText('本题由 安全部 作答');
		});

		test('the team board: bars, scores, members and participation in mean mode', async ({
			page
		}) => {
			await show(page, f.teamBoardPhase);
			const board = page.getByTestId('team-board');
			await expect(board).toContainText('按人均得分');
			const rows = board.getByRole('listitem');
			await expect(rows).toHaveCount(4);
			await expect(rows.first()).toContainText('生产一车间');
			await expect(rows.first()).toContainText('812.5');
			await expect(rows.first()).toContainText('38 人');
			await expect(rows.first()).toContainText('参与率 95%');
			await expect(rows.nth(2)).toContainText('605');
			await shot(page, 'team-board', size);
			await expectFits(page);
		});

		test('the end: the team podium beside the individual one', async ({ page }) => {
			await show(page, f.teamPodiumPhase);
			const teams = page.getByTestId('team-podium');
			await expect(teams).toContainText('生产一车间');
			await expect(teams.getByRole('img', { name: '第 1 名' })).toBeVisible();
			await expect(page.getByTestId('screen-podium')).toContainText('王小明');
			await shot(page, 'team-podium', size);
			await expectFits(page);
		});

		test('风险题: each team’s stake or 未选择', async ({ page }) => {
			await show(page, f.stakePhase);
			const board = page.getByTestId('stake-board');
			const lines = board.getByRole('listitem');
			await expect(lines).toHaveCount(4);
			await expect(lines.nth(0)).toContainText('30 分');
			await expect(lines.nth(2)).toContainText('未选择');
			await expect(board).not.toContainText('已锁定');
			await shot(page, 'stake', size);
			await expectFits(page);
		});

		test('the lobby: teams with who joined them, then the drawn order and its seed', async ({
			page
		}) => {
			const room = await show(page, f.lobbyPhase, f.lobbyPlayers);
			const teams = page.getByTestId('lobby-teams').getByRole('listitem');
			await expect(teams).toHaveCount(5);
			await expect(teams.nth(0)).toHaveText(/安全部\s*3 人/);
			await expect(teams.nth(1)).toHaveText(/生产一车间\s*2 人/);
			await expect(teams.nth(3)).toHaveText(/质检部\s*0 人/);
			await expect(teams.nth(4)).toHaveText(/观众\s*2 人/);

			room.push(f.drawnLobby);
			const draw = page.getByTestId('draw-reveal');
			await expect(draw.getByRole('listitem')).toHaveText([
				/设备部/,
				/安全部/,
				/质检部/,
				/生产一车间/
			]);
			await expect(draw).toContainText('抽签种子 3fa1c2d9');
			await shot(page, 'lobby-draw', size);
			await expectFits(page);
		});
	});
}

test('the draw’s names shuffle before they settle in the drawn order', async ({ page }) => {
	await page.setViewportSize(VIEWPORTS['1080p']);
	const room = await show(page, f.lobbyPhase, f.lobbyPlayers);
	await expect(page.getByTestId('lobby-teams')).toBeVisible();
	room.push(f.drawnLobby);
	const draw = page.getByTestId('draw-reveal');
	await expect(draw.getByRole('list')).toHaveAttribute('aria-busy', 'true');
	await expect(draw.getByRole('list')).toHaveAttribute('aria-busy', 'false', { timeout: 4000 });
	await expect(draw.getByRole('listitem')).toHaveText([/设备部/, /安全部/, /质检部/, /生产一车间/]);
});
