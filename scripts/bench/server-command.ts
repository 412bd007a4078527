// How the benchmarks start a production server: with the Node flags `npm run serve` gives it (read
// from package.json, so that a bench measures the server as it is deployed), then any from
// BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": Node refuses --cpu-prof in
// NODE_OPTIONS). The floors get the same V8 flags, so that a ratio compares code, not settings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The flags between `node` and the entry file of a `node [flags…] entry` script. */
export function nodeFlagsOf(script: string): string[] {
	const words = script.trim().split(/\s+/);
	if (words[0] !== 'node') throw new Error(`not a node command: ${script}`);
	const entry = words.findIndex((w, i) => i > 0 && !w.startsWith('-'));
	return words.slice(1, entry === -1 ? undefined : entry);
}

/** The Node flags a production server is started with here. */
export function serverNodeFlags(repoRoot: string): string[] {
	const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
		scripts: Record<string, string>;
	};
	const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
	return [...nodeFlagsOf(pkg.scripts.serve ?? 'node'), ...extra];
}
