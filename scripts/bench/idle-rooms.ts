// What idle rooms cost a server: opens N rooms that nobody plays (lobbies; with --held, each has
// had a lobby change, so that the clock holds its lease) in a real app context, then measures this
// process's CPU and its live-store calls over a window while the clock sweeps as in production.
//
//   npx tsx scripts/bench/idle-rooms.ts [--rooms 2000] [--seconds 10] [--held] [--redis URL]
//
// With --redis the rooms live in that Redis (deleted afterwards); the Redis server's own CPU over
// the window is printed too (INFO cpu), which includes whatever else uses that Redis.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from 'redis';
import { quizSchema } from '../../src/lib/domain/question';
import { createAppContext } from '../../src/lib/server/app-context';
import { countStoreCalls } from '../../tests/support/store-calls';

const { values } = parseArgs({
	options: {
		rooms: { type: 'string', default: '2000' },
		seconds: { type: 'string', default: '10' },
		held: { type: 'boolean', default: false },
		redis: { type: 'string' }
	}
});
const rooms = Number(values.rooms);
const seconds = Number(values.seconds);
if (!Number.isInteger(rooms) || rooms < 1 || !(seconds > 0)) {
	console.error('usage: idle-rooms.ts [--rooms N] [--seconds S] [--held] [--redis URL]');
	process.exit(2);
}

const quiz = quizSchema.parse({
	id: 'idle-bench',
	title: '空闲房间',
	settings: { scoring: 'speed', timeLimit: 20, points: 1000 },
	questions: [{ type: 'truefalse', stem: '空闲房间不耗资源。', answer: true }]
});

async function redisCpuSeconds(url: string): Promise<number> {
	const c = createClient({ url });
	c.on('error', () => {});
	await c.connect();
	const info = await c.info('cpu');
	await c.quit();
	const get = (k: string) => Number(new RegExp(`${k}:([0-9.]+)`).exec(info)?.[1] ?? 0);
	return get('used_cpu_user') + get('used_cpu_sys');
}

const dir = mkdtempSync(join(tmpdir(), 'anda-idle-'));
const ctx = await createAppContext({
	redisUrl: values.redis,
	sqlitePath: join(dir, 'records.sqlite'),
	banksDir: undefined
});
const pins: string[] = [];
try {
	for (let i = 0; i < rooms; i++) {
		const { pin } = await ctx.rooms.createRoom(quiz);
		pins.push(pin);
		if (values.held) {
			await ctx.rooms.transitions.apply(pin, { type: 'lock' });
			await ctx.clock.changed(pin);
		}
	}
	const counts = countStoreCalls(ctx.live).all;
	// Let creation's aftermath settle, then measure a quiet window.
	await new Promise((r) => setTimeout(r, 1000));
	counts.clear();
	const redisBefore = values.redis ? await redisCpuSeconds(values.redis) : 0;
	const before = process.cpuUsage();
	const t0 = performance.now();
	await new Promise((r) => setTimeout(r, seconds * 1000));
	const used = process.cpuUsage(before);
	const wall = (performance.now() - t0) / 1000;
	const redisUsed = values.redis ? (await redisCpuSeconds(values.redis)) - redisBefore : 0;
	const cpu = (used.user + used.system) / 1e6;
	const held = pins.filter((p) => ctx.clock.holds(p)).length;
	console.log(
		`idle-rooms  store=${ctx.live.kind}  rooms=${rooms}  leases held=${held}  window=${wall.toFixed(1)} s`
	);
	console.log(`  server CPU   ${((cpu / wall) * 100).toFixed(2)} % of one core`);
	if (values.redis) {
		console.log(
			`  Redis CPU    ${((redisUsed / wall) * 100).toFixed(2)} % of one core (whole server)`
		);
	}
	const calls = [...counts.entries()].sort((a, b) => b[1] - a[1]);
	const total = calls.reduce((n, [, c]) => n + c, 0);
	console.log(`  store calls  ${(total / wall).toFixed(1)} /s`);
	for (const [name, c] of calls) console.log(`    ${name.padEnd(14)} ${(c / wall).toFixed(1)} /s`);
} finally {
	await ctx.clock.stop();
	for (const pin of pins) await ctx.live.deleteRoom(pin).catch(() => {});
	await ctx.close();
	rmSync(dir, { recursive: true, force: true });
}
