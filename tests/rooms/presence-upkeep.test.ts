// The clock's presence upkeep reads a room only when it may hold a dead process's sockets: rooms
// with a question running are looked at once as their timer is set, and again on every upkeep only
// while some process is listed dead. A process that died so long ago that it is no longer listed
// still has its sockets taken off a room the moment that room's timer is set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src/lib/server/app-context';
import { RedisLiveStore } from '../../src/lib/server/live/redis';
import { slowQuiz } from '../support/quizzes';
import { liveModes, requireMode, TEST_REDIS_PREFIX, until } from '../support/server';
import { countStoreCalls } from '../support/store-calls';

const ROOMS = 30;
const modes = (await liveModes('presence-upkeep.test.ts')).filter((m) => m.name === 'redis');

describe.each(modes)('presence upkeep on $name', (mode) => {
	describe.skipIf(mode.skip)(`presence upkeep (${mode.name})`, () => {
		let ctx: AppContext;
		let dir: string;
		const prefix = `${TEST_REDIS_PREFIX}-upkeep-${randomUUID().slice(0, 6)}`;
		const pins: string[] = [];

		beforeAll(async () => {
			requireMode(mode);
			dir = mkdtempSync(join(tmpdir(), 'anda-upkeep-'));
			ctx = await createAppContext({
				redisUrl: mode.redisUrl,
				redisPrefix: prefix,
				sqlitePath: join(dir, 'records.sqlite'),
				banksDir: undefined,
				clock: { sweepMs: 20, leaseMs: 2000 }
			});
		}, 60_000);
		afterAll(async () => {
			await ctx?.clock.stop();
			for (const pin of pins) await ctx?.live.deleteRoom(pin).catch(() => {});
			await ctx?.close();
			if (dir) rmSync(dir, { recursive: true, force: true });
		});

		it('reads each running room once, not on every upkeep, while nobody died', async () => {
			const running: string[] = [];
			for (let i = 0; i < ROOMS; i++) {
				const { pin } = await ctx.rooms.createRoom(slowQuiz);
				pins.push(pin);
				running.push(pin);
				await ctx.rooms.players.join(pin, `甲${i}`);
				await ctx.rooms.transitions.apply(pin, { type: 'start' });
				await ctx.clock.changed(pin);
			}
			const { all } = countStoreCalls(ctx.live, new Set(running));
			// Five upkeeps (one a second), every room with its question's timer set throughout.
			await until(() => (all.get('heartbeat') ?? 0) >= 5, 15_000, 'five upkeeps');
			expect(running.every((p) => ctx.clock.holds(p))).toBe(true);
			expect(all.get('reapPresence') ?? 0).toBeLessThanOrEqual(ROOMS);
		}, 60_000);

		it("takes a long-dead process's sockets off a room as its question starts", async () => {
			const { pin } = await ctx.rooms.createRoom(slowQuiz);
			pins.push(pin);
			const here = await ctx.rooms.players.join(pin, '乙');
			const there = await ctx.rooms.players.join(pin, '丙');
			await ctx.live.setOnline(pin, here.player.id, 1);
			// Another process held 丙's socket and died long ago: its heartbeat has expired and the
			// list of recently dead processes has forgotten it.
			const gone = await RedisLiveStore.connect(mode.redisUrl!, { prefix });
			await gone.setOnline(pin, there.player.id, 1);
			const raw = await import('redis').then((r) => r.createClient({ url: mode.redisUrl }));
			await raw.connect();
			await raw.del(`${prefix}:proc:${gone.processId}`);
			await raw.zRem(`${prefix}:{clock}:procs`, gone.processId);
			await raw.quit();
			await gone.close();
			expect(await ctx.live.onlineCount(pin)).toBe(2);

			await ctx.rooms.transitions.apply(pin, { type: 'start' });
			await ctx.clock.changed(pin);
			await until(async () => (await ctx.live.onlineCount(pin)) === 1, 10_000, '丙 offline');
			expect(await ctx.live.onlineIds(pin)).toEqual([here.player.id]);
		}, 60_000);

		it('puts its players back online after it was stalled, taken for dead and reaped', async () => {
			const { pin } = await ctx.rooms.createRoom(slowQuiz);
			pins.push(pin);
			const a = await ctx.rooms.players.join(pin, '丁');
			const b = await ctx.rooms.players.join(pin, '戊');
			await ctx.rooms.players.connected(pin, a.player.id, true);
			await ctx.rooms.players.connected(pin, b.player.id, true);
			// What the transport would report: both phones still connected here.
			const held = new Map([
				[
					pin,
					new Map([
						[a.player.id, 1],
						[b.player.id, 1]
					])
				]
			]);
			ctx.relay.target = { localPlayers: async () => held } as unknown as typeof ctx.relay.target;
			await ctx.rooms.transitions.apply(pin, { type: 'start' });
			await ctx.clock.changed(pin);
			// The process stalls past its heartbeat: another takes it for dead and reaps it.
			const me = (ctx.live as RedisLiveStore).processId;
			const raw = await import('redis').then((r) => r.createClient({ url: mode.redisUrl }));
			await raw.connect();
			await raw.del(`${prefix}:proc:${me}`);
			await raw.quit();
			const other = await RedisLiveStore.connect(mode.redisUrl!, { prefix });
			try {
				expect((await other.reapPresence(pin)).sort()).toEqual([a.player.id, b.player.id].sort());
			} finally {
				await other.close();
			}
			// Its next heartbeat finds the mark lapsed and restores what it holds.
			await until(async () => (await ctx.live.onlineCount(pin)) === 2, 10_000, 'back online');
			// Restored exactly: one socket each, so one goodbye each takes them off.
			await ctx.rooms.players.connected(pin, a.player.id, false);
			await ctx.rooms.players.connected(pin, b.player.id, false);
			expect(await ctx.live.onlineCount(pin)).toBe(0);
			ctx.relay.target = null;
		}, 60_000);
	});
});
