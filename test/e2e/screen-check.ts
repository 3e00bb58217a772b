// One check per screen, the same everywhere: in the light and the dark scheme, axe finds no
// violation and the screen matches its committed baseline (`<name>-light.png`,
// `<name>-dark.png`). Specs walk the app and call checkScreen() at each stop, so one launch
// covers many screens.
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expectNoAxeViolations, SCHEMES, useScheme } from './accessibility';
import { expectScreen } from './screenshots';

export interface ScreenCheckOptions {
  /** Text that moves between runs (times, countdowns, ports, paths), painted over. */
  mask?: (page: Page) => Locator[];
  fullPage?: boolean;
}

/** Text that moves on every screen that shows it: countdowns and clock times. */
export function movingText(page: Page): Locator[] {
  return [page.getByRole('timer'), page.locator('time')];
}

const FIXED_BOXES = join(import.meta.dirname, 'screen-check.css');

export async function checkScreen(page: Page, name: string, options: ScreenCheckOptions = {}): Promise<void> {
  for (const scheme of SCHEMES) {
    await useScheme(page, scheme);
    await expectNoAxeViolations(page, `${name} (${scheme})`);
    await expectScreen(page, `${name}-${scheme}.png`, {
      fullPage: options.fullPage ?? true,
      mask: [...movingText(page), ...(options.mask?.(page) ?? [])],
      stylePath: FIXED_BOXES,
    });
  }
  await useScheme(page, 'light');
}
