// The accessibility check every public page must pass: axe-core's WCAG 2 A/AA and best-practice
// rules, with the violations printed (rule, impact and the first few elements) when any are found.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const TAGS = ['wcag2a', 'wcag2aa', 'best-practice'];

export interface ViolationSummary {
	rule: string;
	impact: string | null | undefined;
	help: string;
	targets: string[];
}

/**
 * Runs axe on the page as it is now and asserts that nothing is reported. The assertion is soft, so
 * that one run lists every page's violations; the test still fails if any page has one.
 */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	const violations: ViolationSummary[] = results.violations.map((v) => ({
		rule: v.id,
		impact: v.impact,
		help: v.help,
		targets: v.nodes.slice(0, 5).map((n) => n.target.join(' '))
	}));
	expect.soft(violations, `${where}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}
