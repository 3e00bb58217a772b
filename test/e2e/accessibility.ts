// Accessibility checks for the e2e suite, in one place: axe-core with every rule it has
// (WCAG A to AAA, best practice, experimental), so a screen passes only with zero
// violations of any impact. A rule is switched off only in DISABLED_RULES, with the reason.
import AxeBuilder from '@axe-core/playwright';
import axe from 'axe-core';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Rules that cannot apply to this app, each with the reason. Keep it short. */
const DISABLED_RULES: Readonly<Record<string, string>> = {};

const RULES = axe
  .getRules()
  .map((rule) => rule.ruleId)
  .filter((id) => !(id in DISABLED_RULES));

export type Scheme = 'light' | 'dark';
export const SCHEMES: readonly Scheme[] = ['light', 'dark'];

/** One line per offending element: rule, impact, where, and axe's own summary of why. */
function describe(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string {
  return violations
    .flatMap((violation) =>
      violation.nodes.map(
        (node) => `${violation.id} (${violation.impact ?? 'no impact'}) at ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? violation.help}`,
      ),
    )
    .join('\n');
}

/**
 * Runs axe on the page as it is now (or only on the part `within` selects) and fails the
 * test on any violation, naming `what` (the screen and scheme). Legacy mode runs axe inside the page itself: the real Electron
 * window has no browser context to open axe's helper page in, and the app has no frames.
 */
export async function expectNoAxeViolations(page: Page, what: string, within?: string): Promise<void> {
  expect.soft(await axeViolations(page, within), `axe violations on ${what}`).toBe('');
}

/** axe's violations on the page (or the part `within` selects), one line each; '' when none. */
export async function axeViolations(page: Page, within?: string): Promise<string> {
  const builder = new AxeBuilder({ page }).withRules(RULES).setLegacyMode(true);
  const results = await (within === undefined ? builder : builder.include(within)).analyze();
  return describe(results.violations);
}

/** Shows the page in `scheme`, as the operating system's light or dark setting would. */
export async function useScheme(page: Page, scheme: Scheme): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
}
