// PostgreSQL outage while the host ends a game (issue 8, item 4), repeated: each run starts a
// PostgreSQL and an Anda process of its own, plays a quick-demo game with N players, stops
// PostgreSQL dead just before the host ends it, starts PostgreSQL again after a pause, and checks
// that the game is saved exactly once with every acked answer. The scenario itself is
// tests/support/faults/pg-outage-scenario.ts (the test suite runs it once).
//
//   npm run faults:pg -- [--runs 10] [--players 50] [--outage-ms 3000] [--redis] [--built]
//
// --redis keeps live state in a redis-server of each run's own (never a shared one: its clock
// would take over other processes' rooms) instead of process memory. --built runs the production build (build-server/main.js, after `npm run build`) instead of the
// source entry. Everything listens on 127.0.0.1. Exit code 0 when no run crashed, lost a game or
// lost an answer.
import { parseArgs } from 'node:util';
import { findPostgres } from '../../tests/support/faults/postgres-cluster';
import { findRedisServer } from '../../tests/support/faults/redis-process';
import { runPgOutage, type PgOutageResult } from '../../tests/support/faults/pg-outage-scenario';

const { values } = parseArgs({
	options: {
		runs: { type: 'string', default: '10' },
		players: { type: 'string', default: '50' },
		'outage-ms': { type: 'string', default: '3000' },
		redis: { type: 'boolean', default: false },
		built: { type: 'boolean', default: false },
		verbose: { type: 'boolean', default: false }
	}
});
const runs = Number(values.runs);
const players = Number(values.players);
const outageMs = Number(values['outage-ms']);
if (![runs, players, outageMs].every((n) => Number.isInteger(n) && n > 0)) {
	console.error('faults:pg: --runs, --players and --outage-ms take positive whole numbers');
	process.exit(2);
}
const postgres = findPostgres();
if ('missing' in postgres) {
	console.error(`faults:pg: ${postgres.missing}`);
	process.exit(2);
}

let redisServer: string | undefined;
if (values.redis) {
	const found = findRedisServer();
	if ('missing' in found) {
		console.error(`faults:pg: ${found.missing}`);
		process.exit(2);
	}
	redisServer = found.path;
}

const yes = (b: boolean) => (b ? 'yes' : 'NO');
const results: PgOutageResult[] = [];
for (let i = 1; i <= runs; i++) {
	const r = await runPgOutage({
		postgres,
		players,
		outageMs,
		redisServer,
		entry: values.built ? 'built' : 'source',
		say: values.verbose ? (line) => console.log(`  ${line}`) : undefined
	});
	results.push(r);
	console.log(
		`run ${i}/${runs}: crashed ${r.crashed} · unsaved ${r.unsaved} · copies ${r.savedCopies} · ` +
			`acked ${r.acked} · lost ${r.lost} · end ack ${r.endAck} · saving shown host ${yes(r.savingShown.host)} ` +
			`screen ${yes(r.savingShown.screen)} · PostgreSQL back → saved ${r.backToSavedMs ?? '—'} ms · ` +
			`results page ${r.resultsStatus}${r.resultsListPlayers ? '' : ' (players missing)'}` +
			(r.problems.length ? `\n  problems: ${r.problems.join(' | ').slice(0, 2000)}` : '')
	);
}

const sum = (f: (r: PgOutageResult) => number) => results.reduce((a, r) => a + f(r), 0);
const times = results
	.map((r) => r.backToSavedMs)
	.filter((t): t is number => t !== null)
	.sort((a, b) => a - b);
const pick = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
const live = values.redis ? 'Redis' : 'memory';
console.log(
	`\ntotal: ${runs} runs · ${players} players · PostgreSQL down ${outageMs} ms · live state ${live} · ` +
		`${values.built ? 'built' : 'source'} entry`
);
console.log(`  processes crashed:   ${sum((r) => r.crashed)}`);
console.log(`  games unsaved:       ${sum((r) => r.unsaved)}`);
console.log(`  games saved twice:   ${sum((r) => (r.savedCopies > 1 ? 1 : 0))}`);
console.log(`  acked answers lost:  ${sum((r) => r.lost)} of ${sum((r) => r.acked)}`);
console.log(
	`  PostgreSQL back → game saved: ` +
		(times.length
			? `min ${times[0]} ms · median ${pick(0.5)} ms · max ${times.at(-1)} ms (${times.length} runs)`
			: 'never')
);
const bad =
	sum((r) => r.crashed + r.unsaved + r.lost + r.problems.length) +
	sum((r) => (r.savedCopies > 1 ? 1 : 0));
process.exit(bad === 0 ? 0 : 1);
