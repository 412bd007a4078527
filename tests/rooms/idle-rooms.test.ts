// Idle rooms cost (next to) nothing: with 2,000 rooms nobody plays — half of them with a lease
// held by this process's clock after a lobby change — the clock's sweeps make the same few store
// calls whatever the number of rooms, and none for any one of those rooms. (The CPU this comes to
// is measured by scripts/bench/idle-rooms.ts; README "Abuse limits".)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src/lib/server/app-context';
import { slowQuiz } from '../support/quizzes';
import { liveModes, requireMode, until } from '../support/server';
import { countStoreCalls } from '../support/store-calls';

const ROOMS = 2000;
// Over a second and a half: the upkeep (heartbeat, presence) runs once a second.
const SWEEPS = 80;
const modes = await liveModes('idle-rooms.test.ts');

describe.each(modes)('idle rooms with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`idle rooms (${mode.name})`, () => {
		let ctx: AppContext;
		let dir: string;
		const pins = new Set<string>();

		beforeAll(async () => {
			requireMode(mode);
			dir = mkdtempSync(join(tmpdir(), 'anda-idle-'));
			ctx = await createAppContext({
				redisUrl: mode.redisUrl,
				sqlitePath: join(dir, 'records.sqlite'),
				banksDir: undefined,
				clock: { sweepMs: 20, leaseMs: 2000 }
			});
			for (let i = 0; i < ROOMS; i++) {
				const { pin } = await ctx.rooms.createRoom(slowQuiz);
				pins.add(pin);
				if (i % 2 === 0) {
					await ctx.rooms.transitions.apply(pin, { type: 'lock' });
					await ctx.clock.changed(pin);
				}
			}
		}, 120_000);
		afterAll(async () => {
			await ctx?.clock.stop();
			for (const pin of pins) await ctx?.live.deleteRoom(pin).catch(() => {});
			await ctx?.close();
			if (dir) rmSync(dir, { recursive: true, force: true });
		});

		it(`makes the same few calls per sweep for ${ROOMS} idle rooms, none per room`, async () => {
			const held = [...pins].filter((p) => ctx.clock.holds(p));
			expect(held.length).toBe(ROOMS / 2);
			const { all, mine } = countStoreCalls(ctx.live, pins);
			await until(() => (all.get('lapsedLeases') ?? 0) >= SWEEPS, 20_000, `${SWEEPS} sweeps`);
			const sweeps = all.get('lapsedLeases')!;
			// One renewal call per sweep carries every held lease; nothing reads or reaps a room.
			expect(all.get('renewLeases') ?? 0).toBeLessThanOrEqual(sweeps + 1);
			expect(Object.fromEntries(mine)).toEqual({});
			const perRoom = ['getState', 'getRoom', 'reapPresence', 'listPlayers', 'onlineCount'];
			for (const name of perRoom) expect(all.get(name) ?? 0).toBeLessThan(sweeps);
			// The leases are still held: the rooms are idle, not dropped.
			expect([...pins].filter((p) => ctx.clock.holds(p)).length).toBe(ROOMS / 2);
		});
	});
});
