// Screenshot comparison for the e2e suite, in one place: specs call expectScreen() and
// playwright.config.ts holds the defaults (animations off, caret hidden, 0.1% of pixels of
// tolerance) and where baselines live (__screenshots__/<project>/<platform>/).
// Baselines are recorded on Linux with Debian's Chromium, the browser CI uses; on any other
// platform, browser or on the electron target the screen is attached to the report and the
// test says why it was not compared, so QA elsewhere is never failed by a missing baseline.
// Moving text (clocks, dates, ports, paths, tokens, latencies) is masked by the caller.
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';

/** Debian's Chromium: the browser the committed baselines were recorded with. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const BASELINE_PLATFORM: NodeJS.Platform = 'linux';

/** Why this run cannot be compared with the committed baselines; null when it can. */
export function screenshotSkipReason(info: Pick<TestInfo, 'project'>, platform: NodeJS.Platform = process.platform): string | null {
  const metadata = info.project.metadata as { target?: string } | undefined;
  if (metadata?.target === 'electron') return 'the electron target has no committed baselines';
  if (platform !== BASELINE_PLATFORM) return `baselines are recorded on ${BASELINE_PLATFORM}, not ${platform}`;
  const browser = info.project.use.launchOptions?.executablePath;
  if (browser !== DEBIAN_CHROMIUM) return `baselines are recorded with ${DEBIAN_CHROMIUM}, and this run uses ${browser ?? "Playwright's own Chromium"}`;
  return null;
}

export interface ScreenOptions {
  /** Parts whose text moves from run to run; they are painted over in both images. */
  mask?: Locator[];
  fullPage?: boolean;
  /** A stylesheet applied for the screenshot only, e.g. to give moving text a fixed box. */
  stylePath?: string;
}

/** Compares the page with its baseline `name` (a .png file name), or says why it cannot. */
export async function expectScreen(page: Page, name: string, options: ScreenOptions = {}): Promise<void> {
  const info = test.info();
  const reason = screenshotSkipReason(info);
  if (reason === null) {
    await expect(page).toHaveScreenshot(name, { mask: options.mask, fullPage: options.fullPage, stylePath: options.stylePath });
    return;
  }
  info.annotations.push({ type: 'screenshot not compared', description: `${name}: ${reason}` });
  const body = await page.screenshot({ mask: options.mask, fullPage: options.fullPage, style: options.stylePath === undefined ? undefined : readFileSync(options.stylePath, 'utf8'), animations: 'disabled', caret: 'hide' });
  await info.attach(name, { body, contentType: 'image/png' });
}
