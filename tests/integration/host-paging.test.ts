// A host panel of a big room is not handed every player: host:attach acks the newest page and the
// counts, host:players pages (and searches) the rest, newest first, kicked players left out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_PLAYER_PAGE } from '../../src/lib/protocol';
import { fixtureQuiz } from '../support/quizzes';
import {
	attachHost,
	closeClients,
	emitAck,
	expectFail,
	expectOk,
	joinPlayer,
	liveModes,
	requireMode,
	startTestServer,
	until,
	type TestHost,
	type TestServer
} from '../support/server';

const modes = await liveModes('host-paging.test.ts');

const TOTAL = 250;
/** Of them, the first few join with a socket (online); the rest join through the service. */
const WITH_SOCKET = 5;

describe.each(modes)('host player pages with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`host paging (${mode.name})`, () => {
		let server: TestServer;
		let pin: string;
		let secret: string;
		let host: TestHost;
		/** Player ids in join order (each joined in a later millisecond than the one before). */
		const joined: string[] = [];

		/** Waits for the clock to move on, so that join times order the players without ties. */
		async function nextMillisecond() {
			const t = Date.now();
			while (Date.now() === t) await new Promise((r) => setImmediate(r));
		}

		beforeAll(async () => {
			requireMode(mode);
			server = await startTestServer({ redisUrl: mode.redisUrl });
			({ pin, hostSecret: secret } = await server.createRoom(fixtureQuiz));
			for (let i = 1; i <= TOTAL; i++) {
				await nextMillisecond();
				const nickname = `玩家${i}`;
				if (i <= WITH_SOCKET) {
					joined.push((await joinPlayer(server.url, pin, nickname)).playerId);
				} else {
					joined.push((await server.ctx.rooms.players.join(pin, nickname)).player.id);
				}
			}
			await until(
				async () => (await server.ctx.live.onlineCount(pin)) === WITH_SOCKET,
				3000,
				`${WITH_SOCKET} online`
			);
			host = await attachHost(server.url, pin, secret);
		}, 60_000);
		afterAll(async () => {
			closeClients();
			await server?.close();
		});

		const page = async (offset: number, limit: number, query?: string) =>
			expectOk(
				await emitAck(host.socket, 'host:players', {
					offset,
					limit,
					...(query === undefined ? {} : { query })
				})
			);

		it('attach acks the newest page, newest first, and the counts', async () => {
			const res = expectOk(await emitAck(host.socket, 'host:attach', { pin, secret }));
			expect(res.players.map((p) => p.id)).toEqual(joined.slice(-HOST_PLAYER_PAGE).reverse());
			expect(res.players[0]).toMatchObject({ nickname: `玩家${TOTAL}`, online: false, score: 0 });
			expect(res.counts).toEqual({ total: TOTAL, online: WITH_SOCKET });
			expect(res.view.playerCount).toBe(TOTAL);
		});

		it('pages cover every player exactly once, newest first, online marked', async () => {
			const seen: string[] = [];
			for (let offset = 0; ; offset += 100) {
				const res = await page(offset, 100);
				expect(res.total).toBe(TOTAL);
				expect(res.offset).toBe(offset);
				if (res.players.length === 0) break;
				seen.push(...res.players.map((p) => p.id));
				for (const p of res.players) {
					expect(p.online, p.nickname).toBe(joined.indexOf(p.id) < WITH_SOCKET);
				}
			}
			expect(seen).toEqual([...joined].reverse());
			expect(new Set(seen).size).toBe(TOTAL);
			const last = await page(TOTAL - 2, 200);
			expect(last.players.map((p) => p.nickname)).toEqual(['玩家2', '玩家1']);
		});

		it('searches nicknames, newest first, with the number of matches', async () => {
			// 玩家12 and 玩家120…129.
			const res = await page(0, 5, '玩家12');
			expect(res.total).toBe(11);
			expect(res.partial).toBeUndefined();
			expect(res.players.map((p) => p.nickname)).toEqual([
				'玩家129',
				'玩家128',
				'玩家127',
				'玩家126',
				'玩家125'
			]);
			const rest = await page(5, 200, '玩家12');
			expect(rest.players.map((p) => p.nickname)).toEqual([
				'玩家124',
				'玩家123',
				'玩家122',
				'玩家121',
				'玩家120',
				'玩家12'
			]);
			expect(await page(0, 10, '没有这个人')).toMatchObject({ players: [], offset: 0, total: 0 });
		});

		it('a kicked player leaves the pages and the count', async () => {
			const victim = joined[TOTAL - 3]!;
			expectOk(await emitAck(host.socket, 'host:kick', { playerId: victim }));
			const first = await page(0, 5);
			expect(first.total).toBe(TOTAL - 1);
			expect(first.players.map((p) => p.id)).toEqual(
				[...joined]
					.reverse()
					.filter((id) => id !== victim)
					.slice(0, 5)
			);
			const again = expectOk(await emitAck(host.socket, 'host:attach', { pin, secret }));
			expect(again.counts.total).toBe(TOTAL - 1);
			expect(again.players.map((p) => p.id)).not.toContain(victim);
		});

		it('a bad page request is a bad request; a stranger gets NOT_HOST', async () => {
			for (const bad of [
				{ offset: 0, limit: 201 },
				{ offset: -1, limit: 10 },
				{ offset: 0, limit: 10, query: '' }
			]) {
				const res = await emitAck(host.socket, 'host:players', bad);
				expectFail(res, 'BAD_REQUEST');
				if (!res.ok) expect(res.error.message).toBeTruthy();
			}
			const player = await joinPlayer(server.url, pin, '路人');
			expectFail(
				await emitAck(player.socket, 'host:players', { offset: 0, limit: 10 }),
				'NOT_HOST'
			);
		});
	});
});
