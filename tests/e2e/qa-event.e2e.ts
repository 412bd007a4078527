// 专家云问诊 through the real pages: an organisation's host opens a pre-moderated Q&A event and names
// a colleague its expert; two phones ask (one by name with a label, one anonymously), the host
// approves, a phone upvotes, the expert answers under their title, the host pins the question to
// the wall and runs a poll, then closes the event; the phones, the wall and the organisation's
// list show each step, and the export holds what happened.
import ExcelJS from 'exceljs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { skipWithoutChromium } from './chromium';
import { firstOrSignUp, person } from './accounts-support';

skipWithoutChromium();

const PHONE = { width: 360, height: 640 };
const LAPTOP = { width: 1366, height: 900 };
const WALL = { width: 1280, height: 720 };

async function phone(browser: Browser, code: string): Promise<Page> {
	const ctx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
	const page = await ctx.newPage();
	await page.goto(`/qa/${code}`);
	await expect(page.getByRole('button', { name: '提问', exact: true })).toBeVisible();
	return page;
}

async function ask(page: Page, text: string, opts: { name?: string; label?: string }) {
	await page.getByLabel('你的问题').fill(text);
	if (opts.label) await page.getByRole('radio', { name: opts.label }).click();
	if (opts.name) await page.getByLabel('你的名字').fill(opts.name);
	else await page.getByLabel('匿名提问').check();
	await page.getByRole('button', { name: '提问', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: '审核' })).toBeVisible();
}

test('a host, an expert, two phones and the wall run a Q&A event', async ({
	browser
}, testInfo) => {
	// The host: an account with an organisation.
	const hostCtx = await browser.newContext({ viewport: LAPTOP });
	const host = await hostCtx.newPage();
	const how = await firstOrSignUp(host, person('qahost'));
	if (how === 'signup') await host.goto('/host/org');
	await host.locator('input[name=name]').fill('市应急管理局');
	await host.getByLabel('企业').check();
	await host.getByRole('button', { name: '建立组织' }).click();
	await expect(host.getByTestId('org-name')).toHaveText('市应急管理局');

	// The expert joins the organisation through an invitation link.
	await host.getByRole('button', { name: '生成邀请链接' }).click();
	const link = await host.getByTestId('invite-url').inputValue();
	const expertWho = person('qaexpert');
	const expertCtx = await browser.newContext({ viewport: LAPTOP });
	const expert = await expertCtx.newPage();
	await expert.goto(link);
	await expert.locator('input[name=email]').fill(expertWho.email);
	await expert.locator('input[name=displayName]').fill(expertWho.displayName);
	await expert.locator('input[name=password]').fill(expertWho.password);
	await expert.getByRole('button', { name: '注册并加入' }).click();
	await expert.waitForURL('**/host');

	// A pre-moderated event with labels.
	await host.goto('/host/qa');
	await host.getByRole('button', { name: '新建问答活动' }).click();
	await host.locator('input[name=title]').fill('6·16 专家云问诊');
	await host.locator('input[name=labels]').fill('消防，燃气，交通');
	await host.getByLabel('先审后发').check();
	await host.getByRole('button', { name: '创建并进入管理' }).click();
	await host.waitForURL(/\/host\/qa\/[2-9A-Z]{6}$/);
	const code = new URL(host.url()).pathname.split('/').pop()!;
	await expect(host.getByRole('heading', { name: '6·16 专家云问诊' })).toBeVisible();

	// Before being named, the colleague gets no panel.
	await expert.goto(`/host/qa/${code}`);
	await expect(expert.getByText('没有管理本场问答的权限')).toBeVisible();
	await expect(expert.getByTestId('mod-question')).toHaveCount(0);

	await host.getByRole('tab', { name: /主持人与专家/ }).click();
	await host.getByLabel('组织成员').selectOption({ label: `${expertWho.displayName}（主持人）` });
	await host.getByRole('radio', { name: /^专家/ }).check();
	await host.getByLabel('称谓（回答时显示，可不填）').fill('市应急管理局 安全生产专家');
	await host.getByRole('button', { name: '添加', exact: true }).click();
	await expect(host.getByTestId('staff-row')).toContainText(expertWho.displayName);
	await host.getByRole('tab', { name: /问题/ }).click();

	// Two phones ask; nothing is public before the host approves.
	const a = await phone(browser, code);
	const b = await phone(browser, code);
	await ask(a, '家里的灭火器多久需要检查一次？', { name: '王女士', label: '消防' });
	await ask(b, '燃气报警器响了但闻不到味道怎么办？', {});
	await expect(b.getByText('还没有公开的问题')).toBeVisible();
	await a.getByRole('button', { name: /我的提问/ }).click();
	await expect(a.getByTestId('qa-own')).toContainText('待审核');

	const pendingCard = (text: string) => host.getByTestId('mod-question').filter({ hasText: text });
	await pendingCard('灭火器').getByRole('button', { name: '通过', exact: true }).click();
	await pendingCard('燃气报警器').getByRole('button', { name: '通过', exact: true }).click();
	await expect(a.getByTestId('qa-own')).toContainText('已发布');

	// Phone B upvotes A's question; A sees the count.
	await a.getByRole('button', { name: '热门' }).click();
	const onB = b.getByTestId('qa-question').filter({ hasText: '灭火器' });
	await onB.getByRole('button', { name: '点赞', exact: true }).click();
	await expect(onB.getByRole('button', { name: '取消点赞', exact: true })).toBeVisible();
	await expect(a.getByTestId('qa-question').filter({ hasText: '灭火器' })).toContainText('1');

	// The expert's panel: no approving or banning, but answering, signed with the title.
	await expert.goto(`/host/qa/${code}`);
	const onPanel = expert.getByTestId('mod-question').filter({ hasText: '灭火器' });
	await expect(onPanel).toBeVisible();
	await expect(expert.getByRole('button', { name: '禁止此人' })).toHaveCount(0);
	await expect(expert.getByRole('button', { name: '关闭活动' })).toHaveCount(0);
	await onPanel.getByRole('button', { name: '回答', exact: true }).click();
	await expect(expert.getByLabel('回答专家')).toHaveValue('市应急管理局 安全生产专家');
	await expert
		.getByLabel('回答', { exact: true })
		.fill('每月看一次压力表，指针在绿区即可；干粉灭火器一般 5 年送检。');
	await expert.getByRole('button', { name: '发布回答' }).click();
	const answered = a.getByTestId('qa-question').filter({ hasText: '灭火器' });
	await expect(answered).toContainText('市应急管理局 安全生产专家 的回答');
	await expect(answered).toContainText('每月看一次压力表');

	// The wall: the pinned question, large.
	const wallCtx = await browser.newContext({ viewport: WALL });
	const wall = await wallCtx.newPage();
	await wall.goto(`/screen/qa/${code}`);
	await host
		.getByTestId('mod-question')
		.filter({ hasText: '灭火器' })
		.getByRole('button', { name: '置顶到大屏' })
		.click();
	await expect(wall.getByText('家里的灭火器多久需要检查一次？')).toBeVisible();
	await expect(wall.getByText('王女士')).toBeVisible();

	// A poll: the phones answer, the results are shown on the phones and the wall.
	await host.getByRole('tab', { name: /投票与词云/ }).click();
	await host.getByLabel('题目').fill('你家里配备灭火器了吗？');
	await host.getByLabel('选项（每行一个，2–10 个）').fill('配备了\n没有');
	await host.getByRole('button', { name: '创建', exact: true }).click();
	await host.getByTestId('mod-poll').getByRole('button', { name: '开始', exact: true }).click();
	for (const [p, option] of [
		[a, '配备了'],
		[b, '没有']
	] as const) {
		await p.getByRole('radio', { name: option }).click();
		await p.getByRole('button', { name: '提交' }).click();
		await expect(p.getByText(`已提交：${option}`)).toBeVisible();
	}
	await expect(host.getByTestId('mod-poll')).toContainText('2 人参与');
	await host.getByTestId('mod-poll').getByRole('button', { name: '公布结果' }).click();
	await expect(a.getByText('2 人参与')).toBeVisible();
	await expect(wall.getByText('你家里配备灭火器了吗？')).toBeVisible();

	await a.screenshot({ path: testInfo.outputPath('qa-phone.png'), fullPage: true });
	await host.screenshot({ path: testInfo.outputPath('qa-host.png'), fullPage: true });
	await expert.screenshot({ path: testInfo.outputPath('qa-expert.png'), fullPage: true });
	await wall.screenshot({ path: testInfo.outputPath('qa-wall.png') });

	// Closing: the phones say so, the list shows it among the past events with its counts.
	host.once('dialog', (d) => void d.accept());
	await host.getByRole('button', { name: '关闭活动' }).click();
	await expect(a.getByText('本场问答已关闭')).toBeVisible();
	await host.goto('/host/qa');
	const row = host.getByTestId('qa-event-row').filter({ hasText: '6·16 专家云问诊' });
	await expect(row).toContainText('2 个问题');
	await expect(row).toContainText('1 已回答');

	// The export: every question with its asker (or 匿名), label, votes, status, answer and expert.
	const res = await host.request.get(`/host/qa/${code}/export?format=xlsx`);
	expect(res.status()).toBe(200);
	const book = new ExcelJS.Workbook();
	await book.xlsx.load((await res.body()) as unknown as ArrayBuffer);
	const sheet = book.getWorksheet('问题')!;
	const rows = sheet.getSheetValues().slice(2) as unknown[][];
	const texts = rows.map((r) => r.map((c) => String(c ?? '')).join('|'));
	expect(texts.find((t) => t.includes('灭火器'))).toMatch(
		/王女士\|消防\|1\|已回答\|\|每月看一次压力表.*\|市应急管理局 安全生产专家/
	);
	expect(texts.find((t) => t.includes('燃气报警器'))).toContain('匿名');
});
