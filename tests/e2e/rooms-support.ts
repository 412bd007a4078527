// Opening a quick room from a shipped quiz on /host, as a signed-out host does.
import { expect, type Page } from '@playwright/test';

/** Presses 开房 on the quiz titled `title` and returns the new room's PIN. */
export async function openQuickRoom(host: Page, title = '三题快速体验'): Promise<string> {
	await host.locator('li', { hasText: title }).getByRole('button', { name: '开房' }).click();
	await expect(host).toHaveURL(/\/host\/live\/\d{6}$/);
	return host.url().split('/').pop()!;
}
