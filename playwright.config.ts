import { defineConfig } from '@playwright/test';

const PORT = 4317;
// One record file per run; set once here so that the workers (which re-read this file) agree.
process.env.E2E_SQLITE ??= `.e2e-data/run-${Date.now()}.sqlite`;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	timeout: 120_000,
	workers: 1,
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		// The built production entry, with its own throwaway record file.
		command: `node build-server/main.js`,
		url: `http://127.0.0.1:${PORT}/`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: { PORT: String(PORT), HOST: '127.0.0.1', SQLITE_PATH: process.env.E2E_SQLITE }
	}
});
