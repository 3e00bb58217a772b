// The Diagnostics view support staff ask people to open when "the link didn't open the app".
import { test, expect } from './fixtures';
import { signIn } from './journeys';
import { expectScreen } from './screenshots';

test('diagnostics show what support needs and copy a report with no secrets', async ({ app }) => {
  const page = app.page;
  await page.getByRole('button', { name: 'Diagnostics', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Diagnostics' })).toBeVisible();
  // Each fact in its exact state: a failing check must not pass for a good one.
  const service = page.getByTestId('stytch-status');
  await expect(service.locator('.check')).toHaveText(/^Reachable in \d+ ms$/);
  await expect(service.locator('.check')).toHaveClass(/\bis-good\b/);
  await expect(service.locator('.fact__detail')).toHaveText(/ — HTTP 200$/);
  await expect(page.getByTestId('storage-status').locator('.check')).toHaveText(/^Encrypted on this computer \(.+\)$/);
  await expect(page.getByTestId('protocol-handler-status').locator('.check')).toHaveText(
    /^(PromptGrimoire opens promptgrimoire:\/\/ links|No app opens promptgrimoire:\/\/ links|Opened by .+, not PromptGrimoire)$/,
  );
  await expectScreen(page, 'diagnostics.png', {
    fullPage: true,
    // The version, the latency, the service's port and the log's folder move. (The harness
    // asks xdg-mime about a fresh user, so the link handler reads the same everywhere.)
    mask: [
      page.locator('.fact').filter({ hasText: /^Version/ }).locator('dd'),
      service.locator('.check > span'),
      service.locator('.fact__detail'),
      page.locator('.fact code.path'),
    ],
  });

  await app.page.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect.poll(() => app.readClipboard()).toContain('PromptGrimoire');
  const report = await app.readClipboard();
  expect(report).not.toContain(app.emulator.secret);
  await app.page.getByRole('button', { name: 'Back' }).click();
  await expect(app.page.getByLabel('Email')).toBeVisible();
});

test('diagnostics are reachable from the account view and reveal no session secrets', async ({ app }) => {
  await signIn(app, 'support.call@example.com');
  await app.page.getByRole('button', { name: 'Diagnostics', exact: true }).click();
  await expect(app.page.getByRole('heading', { name: 'Diagnostics' })).toBeVisible();
  await app.page.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect.poll(() => app.readClipboard()).toContain('PromptGrimoire');
  const report = await app.readClipboard();
  expect(report).not.toMatch(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\./);
  await app.page.getByRole('button', { name: 'Back' }).click();
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
});
