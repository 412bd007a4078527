// A host signs up and creates an organisation (imported banks and drawn quizzes belong to one),
// imports a question bank from an Excel file through /host/banks, draws a quiz from it with
// 从题库抽题, opens a room from the builder, and two players on phone-sized screens play it through
// to the end. In accuracy mode the right player's score is exactly the sum of the imported 分值.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { skipWithoutChromium } from './chromium';
import { firstOrSignUp, person } from './accounts-support';

skipWithoutChromium();

const PHONE = { width: 360, height: 640 };
const DESK = { width: 1280, height: 800 };

interface Row {
	type: '单选' | '多选' | '判断';
	stem: string;
	options: string[];
	answer: string;
	explanation: string;
	points: number;
	difficulty: number;
	category: string;
	/** What a right and a wrong player tap: option indexes (true/false: 0 = 正确). */
	right: number[];
	wrong: number[];
}

const ROWS: Row[] = [
	{
		type: '单选',
		stem: '发现火灾后应当立即拨打哪个电话报警？',
		options: ['110', '119', '120', '122'],
		answer: 'B',
		explanation: '119 是火警电话。',
		points: 100,
		difficulty: 1,
		category: '消防',
		right: [1],
		wrong: [0]
	},
	{
		type: '多选',
		stem: '油锅起火时，下列哪些做法是正确的？',
		options: ['盖上锅盖', '往锅里泼水', '关闭火源', '端锅到室外'],
		answer: 'AC',
		explanation: '盖锅盖隔绝空气并关火；泼水会使油火飞溅。',
		points: 200,
		difficulty: 2,
		category: '消防',
		right: [0, 2],
		wrong: [1]
	},
	{
		type: '判断',
		stem: '发生火灾时可以乘坐电梯逃生。',
		options: [],
		answer: '错',
		explanation: '火灾时电梯可能断电或成为烟囱，应走安全出口。',
		points: 300,
		difficulty: 1,
		category: '逃生',
		right: [1],
		wrong: [0]
	}
];

async function writeBank(path: string): Promise<void> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('题库');
	ws.addRow([
		'题型',
		'题目',
		'选项A',
		'选项B',
		'选项C',
		'选项D',
		'答案',
		'解析',
		'分值',
		'难度',
		'分类'
	]);
	for (const r of ROWS) {
		const opts = [0, 1, 2, 3].map((i) => r.options[i] ?? '');
		ws.addRow([
			r.type,
			r.stem,
			...opts,
			r.answer,
			r.explanation,
			r.points,
			r.difficulty,
			r.category
		]);
	}
	await wb.xlsx.writeFile(path);
}

async function joinAs(page: Page, pin: string, nickname: string) {
	await page.goto(`/j/${pin}`);
	await page.getByPlaceholder('例如：安全小卫士').fill(nickname);
	await page.getByRole('button', { name: '加入' }).click();
	await expect(page.getByText('你已加入！')).toBeVisible();
}

test('import a bank from Excel, draw a quiz from it, open a room and play it', async ({
	browser
}) => {
	const dir = mkdtempSync(join(tmpdir(), 'anda-e2e-bank-'));
	const file = join(dir, '消防题库.xlsx');
	await writeBank(file);
	const bankTitle = `E2E 消防题库 ${Date.now().toString(36)}`;

	try {
		const hostCtx = await browser.newContext({ viewport: DESK });
		const host = await hostCtx.newPage();

		// 0. Signed out, the import panel is not offered: banks belong to organisations.
		await host.goto('/host/banks');
		await expect(host.getByTestId('import-locked')).toBeVisible();
		const orgName = `导入测试单位 ${Date.now().toString(36)}`;
		if ((await firstOrSignUp(host, person('importer'))) === 'signup') await host.goto('/host/org');
		await host.locator('input[name=name]').fill(orgName);
		await host.getByLabel('企业').check();
		await host.getByRole('button', { name: '建立组织' }).click();
		await expect(host.getByTestId('org-name')).toHaveText(orgName);

		// 1. Upload through the import panel and see the preview: 3 valid rows, no errors.
		await host.goto('/host/banks');
		await expect(host.getByRole('heading', { name: '从 Excel / CSV 导入' })).toBeVisible();
		// The panel works once the page is hydrated; the upload starts when a file is chosen.
		await host.waitForLoadState('networkidle');
		await host.locator('input[type=file]').setInputFiles(file);
		const preview = host.getByTestId('import-preview');
		await expect(preview).toBeVisible();
		await expect(preview.getByTestId('valid-count')).toHaveText('3');
		await expect(preview.getByText('错误明细')).toHaveCount(0);
		await expect(host.getByRole('button', { name: /只导入有效的/ })).toHaveCount(0);

		// 2. Import all of it as a new bank.
		await preview.getByLabel('题库名称').fill(bankTitle);
		await host.getByRole('button', { name: '导入全部' }).click();
		await expect(host.getByText(`已导入 3 道题到“${bankTitle}”`)).toBeVisible();
		const card = host.locator('li.bank', { hasText: bankTitle });
		await expect(card).toContainText('3 道题');
		await expect(card).toContainText('导入');
		await expect(card.locator('.cats')).toContainText('消防');
		await expect(card.locator('.cats')).toContainText('逃生');

		// 3. Draw a 3-question accuracy quiz from that bank.
		await host.goto('/host/quizzes');
		await host.waitForLoadState('networkidle');
		await host.locator('label.chip', { hasText: bankTitle }).click();
		await expect(host.locator('p.pool b')).toHaveText('3');
		await host.locator('input[name=count]').fill('3');
		await host.getByPlaceholder('例如：安全生产月知识竞赛').fill('导入题库抽题测验');
		await host.locator('select[name=scoring]').selectOption('accuracy');
		await host.getByRole('button', { name: '抽题并创建测验' }).click();
		await expect(host).toHaveURL(/\/host\/quizzes\/q-[0-9a-z]+$/);
		await expect(host.getByRole('heading', { name: '导入题库抽题测验' })).toBeVisible();
		const listed = host.locator('ol.questions .stem');
		await expect(listed).toHaveCount(3);
		expect((await listed.allTextContents()).sort()).toEqual(ROWS.map((r) => r.stem).sort());

		// 4. Open a room from the builder.
		await host.getByRole('button', { name: '开房' }).click();
		await expect(host).toHaveURL(/\/host\/live\/\d{6}$/);
		const pin = host.url().split('/').pop()!;
		await expect(host.getByTestId('pin')).toHaveText(pin);

		// 5. Two players on phones: 小对 always right, 小错 always wrong.
		const names = ['小对', '小错'];
		const players: Page[] = [];
		for (const name of names) {
			const ctx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
			const page = await ctx.newPage();
			await joinAs(page, pin, name);
			players.push(page);
		}
		await expect(host.getByTestId('player-count')).toHaveText('2');
		await host.getByRole('button', { name: '开始答题' }).click();

		for (let qi = 0; qi < ROWS.length; qi++) {
			let shown: Row | undefined;
			for (let p = 0; p < players.length; p++) {
				const page = players[p]!;
				await expect(page.getByText(`第 ${qi + 1}/${ROWS.length} 题`)).toBeVisible();
				// The draw is random: find the question by the stem the phone shows.
				const stem = (await page.locator('h1.stem').textContent())?.trim();
				const row = ROWS.find((r) => r.stem === stem);
				expect(row, `unexpected stem ${stem}`).toBeTruthy();
				shown = row;
				const picks = p === 0 ? row!.right : row!.wrong;
				const buttons = page.locator('.grid button');
				for (const i of picks) await buttons.nth(i).click();
				if (row!.type === '多选') await page.getByRole('button', { name: /提交/ }).click();
				await expect(page.getByText(/✓ 已提交|回答正确|回答错误/).first()).toBeVisible();
			}
			await expect(players[0]!.getByText('回答正确')).toBeVisible();
			await expect(players[1]!.getByText('回答错误')).toBeVisible();
			// The reveal carries the imported 解析.
			await expect(players[0]!.locator('.explain')).toContainText(shown!.explanation);
			await host.getByRole('button', { name: '查看排行榜' }).click();
			const last = qi === ROWS.length - 1;
			await host.getByRole('button', { name: last ? '颁奖' : '下一题' }).click();
		}

		await expect(host.getByRole('button', { name: '结束本场', exact: true })).toBeVisible();
		await host.getByRole('button', { name: '结束本场', exact: true }).click();
		for (const page of players) await expect(page.getByText('本场结束')).toBeVisible();

		// Accuracy mode: fixed points per right answer, the imported 分值 of each question.
		const total = ROWS.reduce((n, r) => n + r.points, 0);
		await expect(players[0]!.locator('.me b')).toHaveText(String(total));
		await expect(players[1]!.locator('.me b')).toHaveText('0');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
