// The accounts story in a browser: the first host signs up (through /setup on a fresh instance),
// creates an organisation and invites a colleague, who signs up through the link and joins as
// host; the colleague opens a room (controlled by their session, no secret) and runs it with a
// player on a phone, also from a second device, and adds the owner as co-host. Signing out on one
// device drops that device's control at once.
import { expect, test, type Page } from '@playwright/test';
import { skipWithoutChromium } from './chromium';
import { loadLibrary } from '../../src/lib/server/content/load-banks';
import { correctChoices } from '../../src/lib/domain/answer';
import { firstOrSignUp, person } from './accounts-support';

skipWithoutChromium();

const PHONE = { width: 360, height: 640 };
const LAPTOP = { width: 1280, height: 800 };

async function signIn(page: Page, email: string, password: string, next = '/host') {
	await page.goto(`/login?next=${encodeURIComponent(next)}`);
	await page.locator('input[name=email]').fill(email);
	await page.locator('input[name=password]').fill(password);
	await page.getByRole('button', { name: '登录' }).click();
	await page.waitForURL(`**${next}`);
}

test('sign up, create an organisation, invite a host who runs a room', async ({ browser }) => {
	const lib = await loadLibrary('question-banks');
	const quiz = lib.quizzes.find((q) => q.id === 'quick-demo')!;

	// The owner: the first account of a fresh instance (via /setup), else an ordinary sign-up.
	const ownerWho = person('owner');
	const ownerCtx = await browser.newContext({ viewport: LAPTOP });
	const owner = await ownerCtx.newPage();
	const how = await firstOrSignUp(owner, ownerWho);
	if (how === 'signup') await owner.goto('/host/org');
	await expect(owner.getByRole('heading', { name: '建立你的组织' })).toBeVisible();
	await owner.locator('input[name=name]').fill('安答示范化工厂');
	await owner.getByLabel('企业').check();
	await owner.getByRole('button', { name: '建立组织' }).click();
	await expect(owner.getByTestId('org-name')).toHaveText('安答示范化工厂');
	await expect(owner.getByTestId('header-org')).toHaveText('安答示范化工厂 · 所有者');

	await owner.getByPlaceholder('新部门名称，如：安全环保部').fill('安全环保部');
	await owner.getByRole('button', { name: '添加部门' }).click();
	await expect(owner.getByTestId('department')).toHaveCount(1);

	await owner.getByRole('button', { name: '生成邀请链接' }).click();
	const link = await owner.getByTestId('invite-url').inputValue();
	expect(link).toMatch(/\/invite\/[a-z2-7]{32}$/);

	// The colleague signs up through the link on a laptop and joins as host.
	const hostWho = person('host');
	const hostCtx = await browser.newContext({ viewport: LAPTOP });
	const host = await hostCtx.newPage();
	await host.goto(link);
	await expect(host.getByRole('heading', { name: '加入「安答示范化工厂」' })).toBeVisible();
	await expect(host.getByText('你将以「主持人」身份加入')).toBeVisible();
	await host.locator('input[name=email]').fill(hostWho.email);
	await host.locator('input[name=displayName]').fill(hostWho.displayName);
	await host.locator('input[name=password]').fill(hostWho.password);
	await host.getByRole('button', { name: '注册并加入' }).click();
	await host.waitForURL('**/host');
	await expect(host.getByTestId('header-org')).toHaveText('安答示范化工厂 · 主持人');
	await expect(host.getByTestId('account-note')).toContainText('开的房间属于「安答示范化工厂」');

	// The link is used up.
	const strangerCtx = await browser.newContext({ viewport: PHONE });
	const stranger = await strangerCtx.newPage();
	await stranger.goto(link);
	await expect(stranger.getByRole('heading', { name: '邀请链接无效' })).toBeVisible();

	// The owner sees the new member.
	await owner.reload();
	await expect(owner.getByTestId('member')).toHaveCount(2);
	await expect(owner.getByTestId('member').filter({ hasText: hostWho.displayName })).toBeVisible();

	// The host opens a room: it is theirs, and no secret is kept in the browser.
	await host.locator('li', { hasText: quiz.title }).getByRole('button', { name: '开房' }).click();
	await expect(host).toHaveURL(/\/host\/live\/\d{6}$/);
	const pin = host.url().split('/').pop()!;
	await expect(host.getByTestId('pin')).toHaveText(pin);
	expect(await host.evaluate((p) => localStorage.getItem(`anda:host:${p}`), pin)).toBeNull();

	// The same host on a phone: signs in and runs the same room.
	const phoneCtx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
	const phone = await phoneCtx.newPage();
	await signIn(phone, hostWho.email, hostWho.password, `/host/live/${pin}`);
	await expect(phone.getByTestId('pin')).toHaveText(pin);

	// The owner is not this room's host until added as co-host.
	await owner.goto(`/host/live/${pin}`);
	await expect(owner.getByRole('heading', { name: '没有这个房间的主持权限' })).toBeVisible();
	await host.getByLabel('协同主持的邮箱').fill(ownerWho.email);
	await host.getByRole('button', { name: '添加' }).click();
	await expect(host.getByTestId('cohosts')).toHaveText(ownerWho.displayName);
	await owner.reload();
	await expect(owner.getByTestId('pin')).toHaveText(pin);
	await expect(owner.getByText('你是本房间的协同主持')).toBeVisible();

	// A player joins on a 360×640 phone; the host starts from the phone and runs the game.
	const playerCtx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
	const player = await playerCtx.newPage();
	await player.goto(`/j/${pin}`);
	await player.getByPlaceholder('例如：安全小卫士').fill('小安');
	await player.getByRole('button', { name: '加入' }).click();
	await expect(player.getByText('你已加入！')).toBeVisible();
	await expect(host.getByTestId('player-count')).toHaveText('1');
	await phone.getByRole('button', { name: '开始答题' }).click();

	for (let qi = 0; qi < quiz.questions.length; qi++) {
		const q = quiz.questions[qi]!;
		await expect(player.getByText(`第 ${qi + 1}/${quiz.questions.length} 题`)).toBeVisible();
		const buttons = player.locator('.grid button');
		for (const i of correctChoices(q)) await buttons.nth(i).click();
		if (q.type === 'multiple') await player.getByRole('button', { name: /提交/ }).click();
		// The only player answered: the question closes and the verdict shows.
		await expect(player.getByText('回答正确')).toBeVisible();
		// Laptop and phone alternate; both control the room.
		const driver = qi % 2 === 0 ? host : phone;
		await driver.getByRole('button', { name: '查看排行榜' }).click();
		const last = qi === quiz.questions.length - 1;
		await driver.getByRole('button', { name: last ? '颁奖' : '下一题' }).click();
	}
	await expect(host.getByRole('button', { name: '结束本场', exact: true })).toBeVisible();

	// Signing out on the laptop drops the laptop's control at once; the phone keeps it.
	const out = await hostCtx.newPage();
	await out.goto('/logout');
	await out.getByRole('button', { name: '退出登录' }).click();
	await out.waitForURL((u) => u.pathname === '/');
	await expect(host.getByRole('heading', { name: '没有这个房间的主持权限' })).toBeVisible();
	await expect(phone.getByTestId('pin')).toHaveText(pin);

	await phone.getByRole('button', { name: '结束本场', exact: true }).click();
	await expect(player.getByText('本场结束')).toBeVisible();
	await expect(phone.getByRole('link', { name: '查看成绩' })).toBeVisible();

	for (const c of [ownerCtx, hostCtx, strangerCtx, phoneCtx, playerCtx]) await c.close();
});
