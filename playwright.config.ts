import { defineConfig } from '@playwright/test';
import { CHROMIUM, HAVE_CHROMIUM } from './tests/e2e/chromium';

// E2E_PORT lets two checkouts run their browser suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4317);

// Said once per run (the workers re-read this file): without Chromium the browser suites skip,
// unless services are required (CI), where that is a failure.
if (!HAVE_CHROMIUM && !process.env.E2E_CHROMIUM_REPORTED) {
	process.env.E2E_CHROMIUM_REPORTED = '1';
	if (process.env.ANDA_REQUIRE_SERVICES === '1')
		throw new Error(`Chromium not found at ${CHROMIUM}`);
	console.error(`[skip] Chromium not found at ${CHROMIUM}: browser suites skipped`);
}
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
			executablePath: CHROMIUM,
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
		// The suites sign up dozens of hosts from 127.0.0.1, past the default of 30 an hour.
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			SQLITE_PATH: process.env.E2E_SQLITE,
			SIGNUPS_PER_IP_PER_HOUR: '1000'
		}
	}
});
