// The flags the benchmarks start a production server with are those of `npm run serve`.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeFlagsOf, serverNodeFlags } from '../../scripts/bench/server-command';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

describe('server node flags', () => {
	it('reads the flags between node and the entry file', () => {
		expect(nodeFlagsOf('node --max-semi-space-size=64 build-server/main.js')).toEqual([
			'--max-semi-space-size=64'
		]);
		expect(nodeFlagsOf('node build-server/main.js')).toEqual([]);
		expect(nodeFlagsOf('node  --a --b=2   x.js --not-a-node-flag')).toEqual(['--a', '--b=2']);
		expect(() => nodeFlagsOf('tsx server.ts')).toThrow(/not a node command/);
	});

	it("takes npm run serve's flags, which this Node accepts", () => {
		const flags = serverNodeFlags(repoRoot);
		expect(flags).toContain('--max-semi-space-size=64');
		// A flag Node does not know stops it with "bad option" before running anything.
		expect(
			execFileSync(process.execPath, [...flags, '-e', 'process.stdout.write("ran")'], {
				encoding: 'utf8'
			})
		).toBe('ran');
	});
});
