// One suite, three projects: the emulator's own pages, and the app specs run against two
// targets (see test/e2e/fixtures.ts): 'harness' (built renderer in Chromium + the real
// main core in this process) and 'electron' (the real app; skips where the binary is absent).
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { DEBIAN_CHROMIUM } from './test/e2e/screenshots';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/global-setup.ts',
  outputDir: 'test-results/playwright',
  // Screenshot baselines (see test/e2e/screenshots.ts): one folder per project and platform,
  // committed for Linux only; `--update-snapshots` rewrites them.
  snapshotPathTemplate: 'test/e2e/__screenshots__/{projectName}/{platform}/{testFilePath}/{arg}{ext}',
  timeout: 30_000,
  expect: {
    timeout: 10_000,
    toHaveScreenshot: {
      // The page at rest: no animation, transition or blinking caret mid-way.
      animations: 'disabled',
      caret: 'hide',
      scale: 'css',
      // Per pixel, a small colour distance is anti-aliasing, not a change (threshold); and at
      // most 0.1% of the pixels may differ: 1% let a recoloured primary button through.
      threshold: 0.2,
      maxDiffPixelRatio: 0.001,
    },
  },
  fullyParallel: false,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: true,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    launchOptions: {
      // Debian's Chromium where it exists (Playwright cannot download a browser everywhere);
      // otherwise the browser from `npx playwright install chromium`.
      executablePath: existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'emulator', testDir: 'test/e2e/emulator' },
    { name: 'harness', testIgnore: ['emulator/**', 'electron-only/**'], metadata: { target: 'harness', backend: 'direct' } },
    // The same specs with no secret in the app: harness → relay → emulator.
    // The screen walks (axe and baselines) are left out: no pixel depends on the backend.
    { name: 'harness-relay', testIgnore: ['emulator/**', 'electron-only/**', 'screens.spec.ts', 'screen-states.spec.ts'], metadata: { target: 'harness', backend: 'relay' } },
    { name: 'electron', testIgnore: 'emulator/**', metadata: { target: 'electron' } },
    // The installed app through the OS's own link handling (test/installed): a project only
    // where PROMPTGRIMOIRE_INSTALLED_APP names an installed build (global-setup says so otherwise).
    ...(process.env['PROMPTGRIMOIRE_INSTALLED_APP'] ? [{ name: 'installed', testDir: 'test/installed', metadata: { target: 'installed' } }] : []),
  ],
});
