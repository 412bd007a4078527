// One racer process for the cross-process buzz test, run with `node --import tsx`: it opens its
// own Redis live store, waits for the common start instant, appends its members to one race log
// as fast as it can, prints the outcomes as one JSON line and exits.
// argv: redisUrl prefix pin log startAt (ms since the epoch) memberPrefix count [skewMs]
// skewMs sets this process's clock that far behind, as on a machine whose clock lags.
import { RedisLiveStore } from '../../src/lib/server/live/redis';
import type { RaceOutcome } from '../../src/lib/server/live/port';

export interface RacerReport {
	member: string;
	outcome: RaceOutcome | null;
}

const [url, prefix, pin, log, startAt, memberPrefix, count, skewMs] = process.argv.slice(2);
if (!url || !prefix || !pin || !log || !startAt || !memberPrefix || !count) {
	process.stderr.write('usage: buzz-racer redisUrl prefix pin log startAt memberPrefix count\n');
	process.exit(64);
}

const skew = Number(skewMs ?? 0);
const store = await RedisLiveStore.connect(url, { prefix });
const members = Array.from({ length: Number(count) }, (_, i) => `${memberPrefix}-${i}`);
// Sleep to just before the instant, then spin: a timer alone may wake several ms late, which would
// let the first process through have the log to itself.
const start = Number(startAt);
const lead = start - Date.now() - 20;
if (lead > 0) await new Promise((resolve) => setTimeout(resolve, lead));
while (Date.now() < start) {
	/* spin */
}
// One append after the other, as buzzes arrive: sent all at once, a process's appends reach Redis
// in one burst that it runs as a block, and the processes would barely interleave.
const report: RacerReport[] = [];
for (const member of members) {
	report.push({ member, outcome: await store.raceAppend(pin, log, member, Date.now() - skew) });
}
process.stdout.write(JSON.stringify(report) + '\n');
await store.close();
process.exit(0);
