// A host and three players on phone-sized screens play the shipped three-question quiz through the
// real pages; every score a phone shows must equal the scoring rule applied to the stored answers.
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { skipWithoutChromium } from './chromium';
import { loadLibrary } from '../../src/lib/server/content/load-banks';
import { correctChoices } from '../../src/lib/domain/answer';
import { optionCount } from '../../src/lib/domain/question';
import { speedPoints, streakBonus } from '../../src/lib/domain/scoring';
import { openQuickRoom } from './rooms-support';

skipWithoutChromium();

const PHONE = { width: 360, height: 640 };

const DB_FILE = process.env.E2E_SQLITE!;

async function joinAs(page: Page, pin: string, nickname: string) {
	await page.goto(`/j/${pin}`);
	await page.getByPlaceholder('例如：安全小卫士').fill(nickname);
	await page.getByRole('button', { name: '加入' }).click();
	await expect(page.getByText('你已加入！')).toBeVisible();
	// The lobby names the player as the big screen lists them.
	await expect(page.locator('.lobby .nickname')).toHaveText(nickname);
	await expect(page.getByText('在大屏上找找你的昵称')).toBeVisible();
}

test('host and three players play the quick demo through the pages', async ({ browser }) => {
	const lib = await loadLibrary('question-banks');
	const quiz = lib.quizzes.find((q) => q.id === 'quick-demo');
	expect(quiz).toBeTruthy();
	const questions = quiz!.questions;

	const hostCtx = await browser.newContext({ viewport: PHONE });
	const host = await hostCtx.newPage();
	await host.goto('/host');
	const pin = await openQuickRoom(host);
	await expect(host.getByTestId('pin')).toHaveText(pin);

	const names = ['小安', '小全', '小答'];
	const players: Page[] = [];
	for (const name of names) {
		const ctx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
		const page = await ctx.newPage();
		await joinAs(page, pin, name);
		players.push(page);
	}
	await expect(host.getByTestId('player-count')).toHaveText('3');
	for (const name of names) await expect(host.getByText(name, { exact: true })).toBeVisible();

	await host.getByRole('button', { name: '开始答题' }).click();

	// Player 0 always right, player 1 always wrong, player 2 right except on the second question.
	for (let qi = 0; qi < questions.length; qi++) {
		const q = questions[qi]!;
		const right = correctChoices(q);
		const wrong = [...Array(optionCount(q)).keys()].find((i) => !right.includes(i))!;
		// The host panel lists what the phones offer (and nothing that gives the answer away).
		if (optionCount(q) > 0) {
			await expect(host.getByTestId('host-options').locator('li')).toHaveCount(optionCount(q));
		}
		for (let p = 0; p < players.length; p++) {
			const page = players[p]!;
			await expect(page.getByText(`第 ${qi + 1}/${questions.length} 题`)).toBeVisible();
			const pickRight = p === 0 || (p === 2 && qi !== 1);
			const picks = pickRight ? right : [wrong];
			const buttons = page.locator('.grid button');
			for (const i of picks) await buttons.nth(i).click();
			if (q.type === 'multiple') await page.getByRole('button', { name: /提交/ }).click();
			// The last answer closes the question at once, so the verdict may replace the receipt.
			await expect(page.getByText(/✓ 已提交|回答正确|回答错误/).first()).toBeVisible();
		}
		// Everyone answered: the question closes by itself and each phone shows its verdict.
		await expect(players[0]!.getByText('回答正确')).toBeVisible();
		await expect(players[1]!.getByText('回答错误')).toBeVisible();
		await expect(host.getByRole('button', { name: '查看排行榜' })).toBeVisible();
		if (qi === 0) {
			// A phone that reloads (or wakes from sleep) comes back as the same player, same score.
			await expect(players[2]!.getByText(/回答正确|回答错误/)).toBeVisible();
			const before = await players[2]!.locator('.me b').textContent();
			await players[2]!.reload();
			await expect(players[2]!.locator('.me')).toContainText('小答');
			await expect(players[2]!.locator('.me b')).toHaveText(before ?? '');
			await expect(players[2]!.getByText('正确答案')).toBeVisible();
		}
		await host.getByRole('button', { name: '查看排行榜' }).click();
		const last = qi === questions.length - 1;
		// The leaderboard is the big screen's step: phones keep their verdict and rank meanwhile.
		await expect(host.getByRole('button', { name: last ? '颁奖' : '下一题' })).toBeVisible();
		await expect(players[0]!.getByText('回答正确')).toBeVisible();
		await expect(players[0]!.getByText(/当前第 \d+ 名/)).toBeVisible();
		await host.getByRole('button', { name: last ? '颁奖' : '下一题' }).click();
	}

	await expect(host.getByRole('button', { name: '结束本场', exact: true })).toBeVisible();
	await host.getByRole('button', { name: '结束本场', exact: true }).click();
	for (const page of players) await expect(page.getByText('本场结束')).toBeVisible();

	// Recompute from the stored answers with the published rule and compare with the phones.
	const db = new Database(DB_FILE, { readonly: true });
	const game = db
		.prepare('select id from games where pin = ? order by created_at desc limit 1')
		.get(pin) as { id: string };
	const rows = db
		.prepare(
			`select p.nickname, a.question_index as qi, a.elapsed_ms as t, a.correct
			 from game_answers a join game_players p on p.game_id = a.game_id and p.player_id = a.player_id
			 where a.game_id = ? order by a.question_index`
		)
		.all(game.id) as { nickname: string; qi: number; t: number; correct: number | null }[];
	const limits = db
		.prepare('select idx, limit_ms from game_questions where game_id = ?')
		.all(game.id) as { idx: number; limit_ms: number }[];
	db.close();
	expect(rows).toHaveLength(9);
	const expected = new Map<string, number>();
	const streak = new Map<string, number>();
	for (const r of rows) {
		const limit = limits.find((l) => l.idx === r.qi)!.limit_ms;
		if (r.correct) {
			const s = (streak.get(r.nickname) ?? 0) + 1;
			streak.set(r.nickname, s);
			const pts = speedPoints(1000, r.t, limit) + streakBonus(s);
			expected.set(r.nickname, (expected.get(r.nickname) ?? 0) + pts);
		} else {
			streak.set(r.nickname, 0);
			expected.set(r.nickname, expected.get(r.nickname) ?? 0);
		}
	}
	expect(expected.get('小全')).toBe(0);
	expect(expected.get('小安')).toBeGreaterThan(expected.get('小答')!);
	for (let p = 0; p < players.length; p++) {
		await expect(players[p]!.locator('.me b')).toHaveText(String(expected.get(names[p]!)));
	}

	// The results page can be opened again later and shows the same scores.
	await host.goto(`/results/${pin}`);
	for (const name of names) {
		await expect(host.locator('tr', { hasText: name }).locator('b')).toHaveText(
			String(expected.get(name))
		);
	}
});
