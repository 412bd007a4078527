import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { andaSockets } from './src/server/socket-plugin';

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
