// A host panel of a room bigger than one page: the newest 100 players, the room's count, 翻页 to
// the older ones, a nickname search, and kicking from the list still works.
import { expect, test } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { BASE } from './accounts-support';
import { skipWithoutChromium } from './chromium';
import { openQuickRoom } from './rooms-support';

skipWithoutChromium();

const TOTAL = 130;
const sockets: Socket[] = [];
test.afterAll(() => {
	for (const s of sockets) s.disconnect();
});

/** Joins a player over the socket, as a phone would; one per millisecond keeps their order. */
async function join(pin: string, nickname: string): Promise<void> {
	const socket = io(BASE, { transports: ['websocket'], forceNew: true, reconnection: false });
	sockets.push(socket);
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	const res = (await socket.emitWithAck('player:join', { pin, nickname })) as { ok: boolean };
	expect(res.ok, `join ${nickname}`).toBe(true);
	const t = Date.now();
	while (Date.now() === t) await new Promise((r) => setTimeout(r, 0));
}

test('the host pages through a big room, searches it and kicks from the list', async ({ page }) => {
	await page.goto('/host');
	const pin = await openQuickRoom(page);
	for (let i = 1; i <= TOTAL; i++) await join(pin, `玩家${i}`);

	const list = page.getByTestId('players').locator('li');
	await expect(page.getByTestId('player-count')).toHaveText(String(TOTAL));
	await expect(page.getByTestId('players-counts')).toContainText(`${TOTAL} 人`);
	await expect(list).toHaveCount(100);
	await expect(list.first()).toContainText(`玩家${TOTAL}`);
	await expect(page.getByTestId('players-page')).toHaveText('第 1 / 2 页');

	await page.getByRole('button', { name: '下一页' }).click();
	await expect(page.getByTestId('players-page')).toHaveText('第 2 / 2 页');
	await expect(list).toHaveCount(TOTAL - 100);
	await expect(list.first()).toContainText('玩家30');
	await expect(list.last()).toContainText('玩家1');
	await expect(page.getByRole('button', { name: '下一页' })).toBeDisabled();
	await page.getByRole('button', { name: '上一页' }).click();
	await expect(list).toHaveCount(100);

	await page.getByTestId('players-search').fill('玩家12');
	await page.getByRole('button', { name: '搜索', exact: true }).click();
	await expect(page.getByTestId('players-search-result')).toContainText('找到 11 人');
	await expect(list).toHaveCount(11);
	await expect(list.first()).toContainText('玩家129');

	page.once('dialog', (d) => void d.accept());
	await page.getByRole('button', { name: '移出 玩家129' }).click();
	await expect(page.getByRole('button', { name: '移出 玩家129' })).toHaveCount(0);
	await expect(list).toHaveCount(10);
	await expect(page.getByTestId('player-count')).toHaveText(String(TOTAL - 1));

	await page.getByRole('button', { name: '清除' }).click();
	await expect(list).toHaveCount(100);
	await expect(page.getByTestId('players-counts')).toContainText(`${TOTAL - 1} 人`);
	await expect(list.first()).toContainText(`玩家${TOTAL}`);
});
