import type { Server } from 'node:http';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const ATTACHED = Symbol.for('anda.gateway-attached');

/**
 * `npm run dev`: attaches the Socket.IO gateway to Vite's own HTTP server, so development has hot
 * reload and live sockets on one port. The gateway is loaded through Vite's SSR module graph (the
 * one SvelteKit's pages use), which keeps server code out of this config file.
 */
function andaSockets(): Plugin {
	return {
		name: 'anda-sockets',
		apply: 'serve',
		configureServer(server) {
			const http = server.httpServer as (Server & { [ATTACHED]?: true }) | null;
			if (!http || http[ATTACHED]) return; // restarts reuse the HTTP server; attach once
			http[ATTACHED] = true;
			http.once('listening', async () => {
				try {
					const mod = await server.ssrLoadModule('/src/server/dev-sockets.ts');
					await (mod as typeof import('./src/server/dev-sockets')).attachDevSockets(http);
				} catch (e) {
					server.config.logger.error(`[anda] socket server failed to start: ${String(e)}`);
				}
			});
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), andaSockets()],
	test: {
		include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
		expect: { requireAssertions: true },
		testTimeout: 20_000,
		hookTimeout: 30_000,
		fileParallelism: false
	}
});
