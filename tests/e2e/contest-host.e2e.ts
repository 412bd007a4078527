// 答题活动 through the organiser's pages: a host with an organisation creates a contest from the
// list (Beijing times, a shipped bank), is told at the field what is wrong, publishes it and sees
// the public link and QR code, previews a sample attempt, uploads a units workbook and sees the
// report and the units, and after one participant played through the API sees the dashboard's
// counts. Every organiser page is photographed at laptop and phone sizes.
import { mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { skipWithoutChromium } from './chromium';
import { firstOrSignUp, person } from './accounts-support';

skipWithoutChromium();

const LAPTOP = { width: 1366, height: 900 };
const PHONE = { width: 360, height: 640 };
const SHOTS = process.env.E2E_SHOTS ?? 'test-results/contest-host';

/** "2026-06-16T09:30" in Beijing time, `hours` from now. */
function beijing(hours: number): string {
	return new Date(Date.now() + hours * 3600_000 + 8 * 3600_000).toISOString().slice(0, 16);
}

async function shoot(page: Page, name: string) {
	mkdirSync(SHOTS, { recursive: true });
	await page.setViewportSize(LAPTOP);
	await page.screenshot({ path: `${SHOTS}/${name}-laptop.png`, fullPage: true });
	await page.setViewportSize(PHONE);
	await page.screenshot({ path: `${SHOTS}/${name}-phone.png`, fullPage: true });
	// The first screen as the phone shows it (a full page shrinks too much to judge).
	await page.screenshot({ path: `${SHOTS}/${name}-phone-top.png` });
	await page.setViewportSize(LAPTOP);
}

async function unitsWorkbook(): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('单位');
	ws.addRow(['单位名称', '应参与人数']);
	ws.addRow(['安全环保部', 120]);
	ws.addRow(['第一分公司', 80]);
	ws.addRow(['', 'abc']);
	ws.addRow(['第二分公司', '很多']);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

test('an organiser creates, publishes and runs a contest', async ({ browser, playwright }) => {
	const ctx = await browser.newContext({ viewport: LAPTOP, locale: 'zh-CN' });
	const host = await ctx.newPage();
	const how = await firstOrSignUp(host, person('contesthost'));
	if (how === 'signup') await host.goto('/host/org');
	await host.locator('input[name=name]').fill('市应急管理局');
	await host.getByLabel('企业').check();
	await host.getByRole('button', { name: '建立组织' }).click();
	await expect(host.getByTestId('org-name')).toHaveText('市应急管理局');

	// The list, from the host nav; the new-contest form.
	await host.goto('/host');
	await host
		.getByRole('navigation', { name: '主持人' })
		.getByRole('link', { name: '答题活动' })
		.click();
	await expect(host.getByRole('heading', { name: '答题活动', level: 1 })).toBeVisible();
	await host.getByRole('button', { name: '新建答题活动' }).click();
	await host.locator('input[name=title]').fill('测测你的安全力');
	await host.locator('input[name=startsAt]').fill(beijing(-1));
	// The end before the start: the message comes back at the end field.
	await host.locator('input[name=endsAt]').fill(beijing(-2));
	await host.locator('input[name=total]').fill('5');
	await host.locator('input[name=bankIds]').first().check();
	await host.getByRole('button', { name: '创建并进入设置' }).click();
	await expect(host.getByText('结束时间需晚于开始时间').first()).toBeVisible();
	await shoot(host, 'contests-new-error');
	await host.locator('input[name=endsAt]').fill(beijing(24 * 7));
	await host.getByRole('button', { name: '创建并进入设置' }).click();
	await host.waitForURL(/\/host\/contests\/[^/]+$/);
	const id = new URL(host.url()).pathname.split('/').pop()!;
	await expect(host.getByRole('heading', { name: '测测你的安全力' })).toBeVisible();
	await expect(host.getByTestId('contest-phase')).toHaveText('草稿');
	await expect(host.getByTestId('public-notice')).toHaveText(
		'公开模式：手机号未经短信验证，同一手机号只能报名一次'
	);
	await shoot(host, 'contest-settings');

	// A setting the schema refuses is named at its field; a good one saves.
	await host.locator('input[name=mix1]').fill('50');
	await host.getByRole('button', { name: '保存设置' }).click();
	await expect(host.getByText('难度比例合计需为 100%').first()).toBeVisible();
	await host.locator('input[name=mix1]').fill('');
	await host.locator('textarea[name=rules]').fill('每天一次，每次 5 题。');
	// A drop-down custom field asks for its options.
	const options = host.getByLabel('自定义字段 1 选项');
	await expect(options).toBeHidden();
	await host.getByLabel('自定义字段 1 名称').fill('岗位');
	await host.getByLabel('自定义字段 1 类型').selectOption('select');
	await expect(options).toBeVisible();
	await options.fill('管理人员\n一线员工');
	await host.getByRole('button', { name: '保存设置' }).click();
	await expect(host.getByText('设置已保存。')).toBeVisible();
	await expect(host.getByLabel('自定义字段 1 选项')).toHaveValue('管理人员\n一线员工');

	// Publish: the public link and the QR code.
	await host.getByRole('button', { name: '发布', exact: true }).click();
	await expect(host.getByTestId('contest-phase')).toHaveText('进行中');
	const link = host.getByTestId('public-link');
	await expect(link).toHaveText(/\/contest\/[a-z0-9-]+$/);
	const slug = (await link.textContent())!.split('/').pop()!;
	const qr = await host.request.get(`/qr/contest/${slug}`);
	expect(qr.headers()['content-type']).toBe('image/svg+xml');
	await shoot(host, 'contest-published');

	// The sample attempt.
	await host.getByRole('tab', { name: '预览' }).click();
	await expect(host.getByTestId('contest-preview').locator('li')).toHaveCount(5);
	await shoot(host, 'contest-preview');

	// Units from a workbook: two kept, two reported by row.
	await host.getByRole('tab', { name: '单位与名单' }).click();
	await host.getByLabel('单位文件').setInputFiles({
		name: '单位.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: await unitsWorkbook()
	});
	await host.getByRole('button', { name: '上传单位' }).click();
	const report = host.getByTestId('units-report');
	await expect(report).toContainText('已导入 2 行');
	await expect(report).toContainText('第 5 行');
	await expect(host.getByTestId('unit-list')).toContainText('安全环保部');
	await expect(host.getByTestId('unit-list')).toContainText('120');
	await shoot(host, 'contest-units');

	// One participant plays through the API, as a phone would.
	const phone = await playwright.request.newContext({ baseURL: new URL(host.url()).origin });
	const entered = await phone.post(`/api/contests/${slug}/entry`, {
		data: { name: '王五', region: '440305', unit: '安全环保部' }
	});
	expect(entered.status()).toBe(201);
	const started = await phone.post(`/api/contests/${slug}/attempts`);
	expect(started.status()).toBe(201);
	const { attemptId } = (await started.json()) as { attemptId: string };
	expect((await phone.post(`/api/contests/${slug}/attempts/${attemptId}/submit`)).status()).toBe(
		200
	);
	await phone.dispose();

	await host.reload();
	await host.getByRole('tab', { name: '数据看板' }).click();
	const counts = host.getByTestId('dashboard-counts');
	await expect(counts).toContainText('1参与人数');
	await expect(counts).toContainText('100%完成率');
	await expect(host.getByTestId('unit-table')).toContainText('安全环保部');
	await shoot(host, 'contest-dashboard');

	await host.getByRole('tab', { name: '导出' }).click();
	await expect(host.getByRole('link', { name: 'CSV' })).toHaveCount(4);
	const download = await host.request.get(`/host/contests/${id}/export?sheet=all&format=xlsx`);
	expect(download.status()).toBe(200);
	await shoot(host, 'contest-export');

	// Close early (confirmed): the contest is over.
	host.once('dialog', (d) => void d.accept());
	await host.getByRole('button', { name: '提前结束' }).click();
	await expect(host.getByTestId('contest-phase')).toHaveText('已结束');

	await host.goto('/host/contests');
	const row = host.getByTestId('contest-row');
	await expect(row).toContainText('测测你的安全力');
	await expect(row).toContainText('已结束');
	await expect(row).toContainText('1 人参与');
	await shoot(host, 'contests-list');
	await ctx.close();
});
