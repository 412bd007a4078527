// The Q&A wall in Chromium, fed by a running Anda: an event set up through the services on the
// process's own records and Redis, phones and a moderator's panel on sockets, and the wall at
// 1280×720 showing what they do — a new question in the top list, the pinned one with its asker,
// the expert's answer and its live vote count, the event closed — then its OBS overlay
// (transparent, no QR code unless asked for). Not one CSP violation, console error or axe
// violation throughout.
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { createClient } from 'redis';
import { io, type Socket } from 'socket.io-client';
import { createAppContext, type AppContext } from '../../src/lib/server/app-context';
import { COOKIE_NAME } from '../../src/lib/server/auth/session';
import { redisAvailable, REQUIRE_SERVICES } from '../support/services';
import { startAnda, type RestartableAnda } from './anda-process';
import { expectNoAxeViolations } from './axe';
import { skipWithoutChromium } from './chromium';

skipWithoutChromium();

const WALL = { width: 1280, height: 720 };
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `anda-e2e-wall-${randomBytes(4).toString('hex')}`;

let anda: RestartableAnda | null = null;
let ctx: AppContext | null = null;
const sockets: Socket[] = [];
const codes: string[] = [];

test.afterEach(async () => {
	for (const s of sockets.splice(0)) s.disconnect();
	for (const code of codes.splice(0)) await ctx?.qaStore.deleteEvent(code);
	await ctx?.close();
	ctx = null;
	await anda?.dispose();
	anda = null;
	const raw = createClient({ url: REDIS_URL });
	raw.on('error', () => {});
	await raw.connect();
	try {
		for await (const keys of raw.scanIterator({ MATCH: `${PREFIX}:*` }))
			if (keys.length) await raw.del(keys);
	} finally {
		await raw.quit();
	}
});

function connect(url: string, cookie?: string): Promise<Socket> {
	const s = io(url, {
		transports: ['websocket'],
		forceNew: true,
		extraHeaders: cookie ? { cookie } : undefined
	});
	sockets.push(s);
	return new Promise((resolve, reject) => {
		s.once('connect', () => resolve(s));
		s.once('connect_error', reject);
	});
}

async function ack<T = Record<string, unknown>>(s: Socket, event: string, payload: unknown) {
	const res = (await s.timeout(5000).emitWithAck(event, payload)) as { ok: boolean } & T;
	expect(res, `${event} ${JSON.stringify(res)}`).toMatchObject({ ok: true });
	return res;
}

/** Every CSP violation and console error of the page. */
function watch(page: Page, problems: string[]) {
	void page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
		});
	});
	page.on('console', (m) => {
		if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
	});
	page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
}

test('the wall shows the event live, then its overlay', async ({ browser }) => {
	test.skip(
		!REQUIRE_SERVICES && !(await redisAvailable(REDIS_URL)),
		`Redis not reachable at ${REDIS_URL}`
	);
	anda = await startAnda({ redisUrl: REDIS_URL, redisPrefix: PREFIX });
	ctx = await createAppContext({
		redisUrl: REDIS_URL,
		redisPrefix: PREFIX,
		sqlitePath: anda.sqlitePath,
		banksDir: undefined
	});
	// Sign-up windows are counted in Redis across runs: an address and an e-mail of this run's own.
	const fields = {
		email: `${PREFIX}@example.com`,
		displayName: '主持人',
		password: 'wall-pass-2026'
	};
	const client = { ip: PREFIX, userAgent: 'playwright' };
	const host = (await ctx.auth.needsSetup())
		? await ctx.auth.setup(fields, client)
		: await ctx.auth.signUp(fields, client);
	const orgId = (await ctx.orgs.create(host.user.id, '市应急管理局', 'enterprise')).id;
	const event = await ctx.qa.createEvent(host.user.id, orgId, {
		title: '社区消防安全问答',
		settings: { labels: ['消防'] }
	});
	const code = event.code;
	codes.push(code);

	const problems: string[] = [];
	const wall = await (await browser.newContext({ viewport: WALL })).newPage();
	watch(wall, problems);
	await wall.goto(`${anda.url}/screen/qa/${code.toLowerCase()}`);
	await expect(wall.getByRole('heading', { name: '社区消防安全问答' })).toBeVisible();
	await expect(wall.getByTestId('wall-code')).toHaveText(code);
	await expect(wall.getByTestId('wall-join-url')).toHaveText(
		`${new URL(anda.url).host}/qa/${code}`
	);
	await expect(wall.getByText('欢迎提问')).toBeVisible();
	const qr = wall.getByRole('img', { name: '扫码参与提问' });
	await expect
		.poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth))
		.toBeGreaterThan(0);

	// A phone asks: the question joins the top list.
	const asker = await connect(anda.url);
	await ack(asker, 'qa:join', { code });
	const { question } = await ack<{ question: { id: string } }>(asker, 'qa:ask', {
		text: '电动自行车可以在楼道里充电吗？',
		name: '王师傅',
		label: '消防'
	});
	const top = wall.getByTestId('wall-top');
	await expect(top).toContainText('电动自行车可以在楼道里充电吗？');
	await expect(top).toContainText('王师傅');

	// The panel pins and answers it; a second phone votes: the pinned card follows.
	const panel = await connect(anda.url, `${COOKIE_NAME}=${host.token}`);
	await ack(panel, 'qa:attach', { code });
	await ack(panel, 'qa:event', { type: 'pin', questionId: question.id });
	await ack(panel, 'qa:moderate', {
		type: 'answer',
		questionId: question.id,
		text: '不可以，应到集中充电点充电。',
		expert: '消防救援支队 防火监督员'
	});
	const pinned = wall.getByTestId('wall-pinned');
	await expect(pinned).toContainText('电动自行车可以在楼道里充电吗？');
	await expect(pinned).toContainText('王师傅');
	await expect(pinned).toContainText('已回答');
	await expect(pinned).toContainText('消防救援支队 防火监督员 回答');
	await expect(pinned).toContainText('不可以，应到集中充电点充电。');
	await expect(pinned.getByTestId('wall-votes')).toHaveText('0');
	const voter = await connect(anda.url);
	await ack(voter, 'qa:join', { code });
	await ack(voter, 'qa:vote', { questionId: question.id });
	await expect(pinned.getByTestId('wall-votes')).toHaveText('1');
	await expectNoAxeViolations(wall, '/screen/qa/[code] pinned');

	// The overlay: transparent over the video, the pinned question, no QR code unless asked for.
	const overlay = await (
		await browser.newContext({ viewport: { width: 1920, height: 1080 } })
	).newPage();
	watch(overlay, problems);
	await overlay.goto(`${anda.url}/screen/qa/${code}?overlay=1`);
	await expect(overlay.getByTestId('wall-pinned')).toContainText('电动自行车可以在楼道里充电吗？');
	expect(
		await overlay.evaluate(() =>
			[document.documentElement, document.body, document.querySelector('main')!].map(
				(el) => getComputedStyle(el).backgroundColor
			)
		)
	).toEqual(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']);
	await expect(overlay.getByTestId('wall-code')).toHaveText(code);
	await expect(overlay.getByRole('img', { name: '扫码参与提问' })).toHaveCount(0);
	await expectNoAxeViolations(overlay, '/screen/qa/[code]?overlay=1');
	await overlay.goto(`${anda.url}/screen/qa/${code}?overlay=1&qr=1`);
	await expect(overlay.getByRole('img', { name: '扫码参与提问' })).toBeVisible();

	// Closing the event says so on the wall and on the overlay.
	await ack(panel, 'qa:event', { type: 'close' });
	await expect(wall.getByTestId('wall-closed')).toContainText('本场问答已结束');
	await expect(wall.getByTestId('wall-closed')).toContainText('共 1 个问题，专家已回答 1 个');
	await expect(overlay.getByTestId('wall-closed')).toContainText('本场问答已结束');
	await expectNoAxeViolations(wall, '/screen/qa/[code] closed');

	// A code that does not exist is said so.
	const lost = await (await browser.newContext({ viewport: WALL })).newPage();
	watch(lost, problems);
	await lost.goto(`${anda.url}/screen/qa/ZZZZZZ`);
	await expect(lost.getByTestId('wall-error')).toHaveText('活动不存在，请检查活动码');
	expect(problems).toEqual([]);
});
