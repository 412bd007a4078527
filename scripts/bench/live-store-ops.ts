// What each live-store operation of a question costs Redis, per player: one room of N players on a
// real Redis, every operation a question makes (joins and presence once, then answers, the
// "everyone answered?" walk, the scoring reads, the chunked commit, the results' delivery, the
// archive's scans) run the way the room service runs them, each timed by the Redis server's own
// CPU (INFO cpu), this process's CPU (the client's side: encoding, decoding, the store's own work)
// and the wall clock. It says which of them a room's one shard spends its time on, and what moving
// work between the client and the shard trades.
//
//   npx tsx scripts/bench/live-store-ops.ts --players 10000 [--redis redis://127.0.0.1:6379]
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createClient } from 'redis';
import { quizSchema } from '../../src/lib/domain/question';
import { applyCommand, createRoomState } from '../../src/lib/domain/room';
import type { PlayerStanding } from '../../src/lib/domain/round-scoring';
import { RedisLiveStore } from '../../src/lib/server/live/redis';
import { SCAN_START, type RankedResult } from '../../src/lib/server/live/port';
import { dropPrefix } from './redis-stats';

const { values } = parseArgs({
	options: {
		players: { type: 'string', default: '10000' },
		redis: { type: 'string', default: 'redis://127.0.0.1:6379' }
	}
});
const N = Number(values.players);
if (!Number.isInteger(N) || N < 1 || N > 200_000) {
	console.error('live-store-ops: --players must be from 1 to 200000');
	process.exit(2);
}
const url = values.redis!;
if (new URL(url).hostname !== '127.0.0.1') {
	console.error('live-store-ops: --redis must be on 127.0.0.1');
	process.exit(2);
}

const quiz = quizSchema.parse({
	id: 'ops',
	title: 'ops',
	settings: { scoring: 'speed', timeLimit: 300, points: 1000 },
	questions: [{ type: 'single', stem: 'q', options: ['a', 'b', 'c', 'd'], answer: 'A' }]
});

const raw = createClient({ url });
await raw.connect();
/** Redis's own CPU so far, µs (user + system, as INFO cpu gives it). */
async function redisCpuUs(): Promise<number> {
	const info = await raw.info('cpu');
	const get = (k: string) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1] ?? 0);
	return (get('used_cpu_user') + get('used_cpu_sys')) * 1e6;
}

const prefix = `anda-bench-ops-${randomBytes(4).toString('hex')}`;
const store = await RedisLiveStore.connect(url, { prefix });
const rows: { what: string; redisUs: number; clientUs: number; wallMs: number }[] = [];
async function step(what: string, run: () => Promise<unknown>) {
	const cpu0 = await redisCpuUs();
	const own0 = process.cpuUsage();
	const t0 = performance.now();
	await run();
	const wallMs = performance.now() - t0;
	const own = process.cpuUsage(own0);
	rows.push({
		what,
		redisUs: (await redisCpuUs()) - cpu0,
		clientUs: own.user + own.system,
		wallMs
	});
}
/** `count` calls, `width` in flight at once: what a process's turns send together. */
async function inWaves(count: number, width: number, call: (i: number) => Promise<unknown>) {
	for (let from = 0; from < count; from += width) {
		await Promise.all(
			Array.from({ length: Math.min(width, count - from) }, (_, k) => call(from + k))
		);
	}
}

try {
	const pin = String(100000 + Math.floor(Math.random() * 899999));
	const lobby = createRoomState({
		pin,
		quizId: quiz.id,
		title: quiz.title,
		settings: quiz.settings,
		questionCount: 1,
		now: Date.now()
	});
	await store.createRoom({
		state: lobby,
		quiz,
		hostSecretHash: 'x',
		ownerUserId: null,
		orgId: null,
		coHostIds: [],
		screenToken: null
	});
	const ids = Array.from({ length: N }, (_, i) => `p${i}`);
	await step('join (addPlayer)', () =>
		inWaves(N, 200, (i) =>
			store.addPlayer(
				pin,
				{
					id: ids[i]!,
					nickname: `玩家${i}`,
					joinedAt: Date.now(),
					kicked: false,
					score: 0,
					streak: 0,
					correctCount: 0,
					totalTimeMs: 0
				},
				`n${i}`,
				`t${i}`
			)
		)
	);
	await step('presence (setOnline)', () =>
		inWaves(N, 200, (i) => store.setOnline(pin, ids[i]!, 1))
	);
	const t = applyCommand(lobby, { type: 'start' }, Date.now(), () => 300);
	if (!t.ok) throw new Error(t.message);
	await store.casState(pin, lobby.version, t.state);
	await step('answers (submitAnswer)', () =>
		inWaves(N, 500, (i) => store.submitAnswer(pin, 0, ids[i]!, { choices: [i % 4] }, Date.now()))
	);
	await step('everyone answered? (firstUnanswered)', () => store.firstUnanswered(pin, 0));
	let answers: Awaited<ReturnType<typeof store.listAnswers>> = [];
	let players: Awaited<ReturnType<typeof store.listPlayers>> = [];
	await step('scoring reads (listAnswers + listPlayers)', async () => {
		[answers, players] = await Promise.all([store.listAnswers(pin, 0), store.listPlayers(pin)]);
	});
	const right = new Set(
		answers.filter((a) => 'choices' in a.answer && a.answer.choices[0] === 0).map((a) => a.playerId)
	);
	const standings: PlayerStanding[] = players.map((p) => ({
		id: p.id,
		score: right.has(p.id) ? 1000 : 0,
		streak: right.has(p.id) ? 1 : 0,
		correctCount: right.has(p.id) ? 1 : 0,
		totalTimeMs: 1000
	}));
	const results: RankedResult[] = standings.map((s, i) => ({
		playerId: s.id,
		answered: true,
		correct: s.score > 0,
		points: s.score,
		bonus: 0,
		streak: s.streak,
		score: s.score,
		elapsedMs: 1000,
		rank: i + 1
	}));
	const distribution = { counts: [0, 0, 0, 0], answered: N, correct: right.size };
	await step('commit (commitScores, chunked)', () =>
		store.commitScores(pin, { index: 0, limitMs: 300_000, distribution }, results, standings)
	);
	await step('results to the phones (getResults)', () =>
		inWaves(1, 1, () => store.getResults(pin, 0, ids))
	);
	await step('leaderboard top 10 + ranks of 10', async () => {
		await store.leaderboard(pin, 10);
		await Promise.all(ids.slice(0, 10).map((id) => store.rankOf(pin, id)));
	});
	// What room-archive.ts reads: the ranked players a page at a time, the kicked ones, and each
	// question's answers by cursor.
	await step('archive reads (leaderboard, kicked, answers)', async () => {
		for (let offset = 0; offset < N; offset += 1000) await store.leaderboardPage(pin, offset, 1000);
		await store.listKicked(pin);
		let cursor = SCAN_START;
		do cursor = (await store.scanAnswers(pin, 0, cursor, 1000)).next;
		while (cursor !== SCAN_START);
	});
	await store.deleteRoom(pin);

	console.log(`live-store-ops  players=${N}  redis=${url}`);
	console.log('');
	console.log(
		`${'operation'.padEnd(46)}${'Redis CPU'.padStart(12)}${'per player'.padStart(13)}${'client CPU'.padStart(13)}${'per player'.padStart(13)}${'wall'.padStart(10)}`
	);
	const ms = (us: number) => `${Math.round(us / 1000)} ms`.padStart(12);
	const each = (us: number) => `${us.toFixed(1)} µs`.padStart(13);
	let perQuestion = 0;
	let clientPerQuestion = 0;
	for (const r of rows) {
		const per = r.redisUs / N;
		const clientPer = r.clientUs / N;
		if (
			!r.what.startsWith('join') &&
			!r.what.startsWith('presence') &&
			!r.what.startsWith('archive')
		) {
			perQuestion += per;
			clientPerQuestion += clientPer;
		}
		console.log(
			`${r.what.padEnd(46)}${ms(r.redisUs)}${each(per)} ${ms(r.clientUs)}${each(clientPer)}${`${Math.round(r.wallMs)} ms`.padStart(10)}`
		);
	}
	console.log('');
	console.log(
		`a question (answers to leaderboard): ${perQuestion.toFixed(1)} µs of Redis CPU and ${clientPerQuestion.toFixed(1)} µs of client CPU per player; INFO cpu is sampled by Redis (≈ ms resolution)`
	);
} finally {
	await store.close();
	await raw.quit();
	await dropPrefix([url], prefix, 'live-store-ops');
}
