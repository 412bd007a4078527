// The fault report: each scenario of tests/support/faults/redis-scenarios.ts run --runs times on real processes
// (own redis-server on 127.0.0.1, two forked Anda processes), one line per run and a total.
//
//   npm run faults:redis -- [--runs 10] [--players 500] [--only redis-kill|clock-holder]
//
// Exit code 0 when every run lost nothing (no crash, no unscored question, no lost acked answer,
// no missing result); else 1.
import { parseArgs } from 'node:util';
import {
	clockHolderKill,
	redisKillAtClose,
	type FaultReport
} from '../../tests/support/faults/redis-scenarios';

const { values } = parseArgs({
	options: {
		runs: { type: 'string', default: '10' },
		players: { type: 'string', default: '500' },
		only: { type: 'string' }
	}
});
const runs = Number(values.runs);
const players = Number(values.players);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(players) || players < 2) {
	console.error(
		'usage: npm run faults:redis -- [--runs N] [--players N] [--only redis-kill|clock-holder]'
	);
	process.exit(2);
}

const fmt = (ms: number | null) => (ms === null ? '—' : `${ms} ms`);
function line(i: number, r: FaultReport, extra: string): void {
	console.log(
		`  run ${String(i + 1).padStart(2)}  crashed ${r.crashed}  unscored ${r.unscored}  acked lost ${r.ackedLost}` +
			`  results missing ${r.resultsMissing}  ${extra}${r.note ? `  (${r.note.slice(0, 120)})` : ''}`
	);
}
function total(
	name: string,
	all: FaultReport[],
	timing: (r: FaultReport) => number | null
): boolean {
	const sum = (f: (r: FaultReport) => number) => all.reduce((n, r) => n + f(r), 0);
	const times = all
		.map(timing)
		.filter((t): t is number => t !== null)
		.sort((a, b) => a - b);
	const bad = sum((r) => r.crashed + r.unscored + r.ackedLost + r.resultsMissing);
	console.log(
		`${name}: ${all.length} runs · processes crashed ${sum((r) => r.crashed)} · questions unscored ${sum((r) => r.unscored)}` +
			` · acked answers lost ${sum((r) => r.ackedLost)} · results missing ${sum((r) => r.resultsMissing)}` +
			(times.length
				? ` · ${times[0]}–${times[times.length - 1]} ms (median ${times[Math.floor(times.length / 2)]} ms)`
				: '')
	);
	return bad === 0;
}

let ok = true;
if (!values.only || values.only === 'redis-kill') {
	console.log(
		`Redis killed -9 0–134 ms after a question's deadline, down 1.2 s, AOF back (${players} players, 2 processes)`
	);
	const all: FaultReport[] = [];
	for (let i = 0; i < runs; i++) {
		const killDelayMs = Math.round((134 * i) / Math.max(1, runs - 1));
		const r = await redisKillAtClose({ players, killDelayMs });
		all.push(r);
		line(i, r, `kill at +${killDelayMs} ms · reveal ${fmt(r.revealAfterMs)} after Redis was back`);
	}
	ok = total('redis-kill-at-close', all, (r) => r.revealAfterMs) && ok;
}
if (!values.only || values.only === 'clock-holder') {
	console.log(
		`The clock holder killed -9 0.4 s before the deadline (${players} players, 2 processes)`
	);
	const all: FaultReport[] = [];
	for (let i = 0; i < runs; i++) {
		const r = await clockHolderKill({ players });
		all.push(r);
		line(i, r, `closed ${fmt(r.closedLateMs)} after the deadline · online after ${r.onlineAfter}`);
	}
	ok = total('clock-holder-kill (question closed late by)', all, (r) => r.closedLateMs) && ok;
}
process.exit(ok ? 0 : 1);
