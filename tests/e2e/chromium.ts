// Where the browser suites find Debian's Chromium. playwright.config.ts says once, plainly, when it
// is missing (and fails under ANDA_REQUIRE_SERVICES=1); each suite then skips itself.
import { existsSync } from 'node:fs';
import { test } from '@playwright/test';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

/** Call at the top of a browser suite. */
export function skipWithoutChromium(): void {
	test.skip(!HAVE_CHROMIUM, `Chromium not found at ${CHROMIUM}`);
}
