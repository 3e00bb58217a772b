// The built-in page the window shows when the app's own page fails to load, rendered by
// Chromium under its own CSP: styled (the style's hash is allowed), script-free, and with a
// Try again link back to the app. The adapter that shows it is unit-tested on stand-ins.
import { test, expect } from '@playwright/test';
import { loadErrorPageUrl } from '../../main/recovery/load-error-page';

test('the load-error page renders styled under its own CSP, with Try again', async ({ page }, testInfo) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  await page.goto(loadErrorPageUrl({ code: -6, description: 'ERR_FILE_NOT_FOUND' }, 'app://renderer/index.html'));
  await expect(page.getByRole('heading', { name: 'PromptGrimoire could not open its window' })).toBeVisible();
  await expect(page.getByText('ERR_FILE_NOT_FOUND (-6)')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Try again' })).toHaveAttribute('href', 'app://renderer/index.html');
  // The style block applied: the card has its padding, so the CSP hash matched.
  await expect(page.locator('main')).toHaveCSS('padding-top', '32px');
  expect(violations).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('load-error-page.png') });
});
