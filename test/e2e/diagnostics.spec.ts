// The Diagnostics view support staff ask people to open when "the link didn't open the app".
import { test, expect } from './fixtures';
import { signIn } from './journeys';

test('diagnostics show what support needs and copy a report with no secrets', async ({ app }, testInfo) => {
  await app.page.getByRole('button', { name: 'Diagnostics', exact: true }).click();
  await expect(app.page.getByRole('heading', { name: 'Diagnostics' })).toBeVisible();
  await expect(app.page.getByTestId('protocol-handler-status')).toBeVisible();
  await expect(app.page.getByTestId('storage-status')).toBeVisible();
  await expect(app.page.getByTestId('stytch-status')).toContainText(/reachable/i);
  await app.page.screenshot({ path: testInfo.outputPath('diagnostics.png'), fullPage: true });

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
