// Counting a phase's Redis commands from INFO commandstats (scripts/bench/redis-stats.ts).
import { describe, expect, it } from 'vitest';
import { commandDelta, parseCommandStats } from '../../scripts/bench/redis-stats';

const info = (lines: string[]) => ['# Commandstats', ...lines].join('\r\n');

describe('parseCommandStats', () => {
	it('reads the calls of every command, subcommands included', () => {
		const stats = parseCommandStats(
			info([
				'cmdstat_evalsha:calls=120,usec=900,usec_per_call=7.50,rejected_calls=0,failed_calls=0',
				'cmdstat_client|setname:calls=4,usec=2,usec_per_call=0.50,rejected_calls=0,failed_calls=0',
				'cmdstat_publish:calls=7,usec=30,usec_per_call=4.29,rejected_calls=0,failed_calls=0'
			])
		);
		expect(stats).toEqual({ evalsha: 120, 'client|setname': 4, publish: 7 });
	});
});

describe('commandDelta', () => {
	it('counts the commands called in between, the INFO reads left out', () => {
		const d = commandDelta(
			{ evalsha: 100, publish: 5, info: 10, get: 3 },
			{ evalsha: 160, publish: 9, spublish: 2, info: 12, get: 3, hgetall: 1 }
		);
		expect(d.total).toBe(60 + 4 + 2 + 1);
		expect(d.publish).toBe(6);
		expect(d.top).toEqual([
			['evalsha', 60],
			['publish', 4],
			['spublish', 2],
			['hgetall', 1]
		]);
	});

	it('is zero when nothing was called', () => {
		expect(commandDelta({ get: 1 }, { get: 1 })).toEqual({ total: 0, publish: 0, top: [] });
	});
});
