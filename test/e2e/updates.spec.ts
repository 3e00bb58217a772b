// The update banner and the application menu's Help → Diagnostics, on the harness target,
// whose update policy is the real one over an in-memory feed (targets/harness-updates.ts).
import { test, expect } from './fixtures';
import { requestLink, signIn } from './journeys';
import { expectScreen } from './screenshots';

test.beforeEach(() => {
  const target = (test.info().project.metadata as { target?: string } | undefined)?.target;
  test.skip(target === 'electron', 'updates and the menu are simulated on the harness target only (the electron project checks the real wiring in electron-only/)');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`an update ready to install offers "Restart to update", by keyboard too (${scheme})`, async ({ app }) => {
    const page = app.page;
    await page.emulateMedia({ colorScheme: scheme });
    await app.simulate?.offerUpdate('1.1.0');
    const banner = page.getByTestId('update-banner');
    await expect(banner.getByText('PromptGrimoire 1.1.0 is ready')).toBeVisible();
    await expect(banner.getByText('It installs when you quit, or restart now.')).toBeVisible();
    await expectScreen(page, `update-ready-${scheme}.png`);

    // Keyboard: the button is in the tab order and Enter presses it.
    const restart = banner.getByRole('button', { name: 'Restart to update' });
    for (let i = 0; i < 10 && !(await restart.evaluate((el) => el === document.activeElement)); i += 1) await page.keyboard.press('Tab');
    await expect(restart).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => app.simulate?.updateRestarts()).toBe(1);
  });
}

test('no restart while a sign-in is pending; it says why and waits', async ({ app }) => {
  await requestLink(app, 'waiting.for.link@example.com');
  await app.simulate?.offerUpdate('1.1.0');
  await app.page.getByRole('button', { name: 'Restart to update' }).click();
  await expect(app.page.getByTestId('update-notice')).toHaveText(/^Finish signing in first/);
  expect(app.simulate?.updateRestarts()).toBe(0);
  // The person's sign-in carries on untouched.
  await expect(app.page.getByRole('heading', { name: /check your email/i })).toBeVisible();
  await app.page.getByTestId('update-notice').getByRole('button', { name: 'Dismiss message' }).click();
  await expect(app.page.getByTestId('update-notice')).toHaveCount(0);
});

test('a signed-in person can restart to update', async ({ app }) => {
  await signIn(app, 'ready.to.update@example.com');
  await app.simulate?.offerUpdate('1.1.0');
  await app.page.getByRole('button', { name: 'Restart to update' }).click();
  await expect.poll(() => app.simulate?.updateRestarts()).toBe(1);
});

test('no banner while the feed holds nothing newer', async ({ app }) => {
  await app.simulate?.offerUpdate('0.1.0');
  await expect(app.page.getByTestId('update-banner')).toHaveCount(0);
  // A check the person asked for answers anyway.
  await expect(app.page.getByTestId('update-notice')).toHaveText('PromptGrimoire is up to date.');
});

test('Help → Diagnostics in the application menu opens diagnostics over the current screen', async ({ app }) => {
  // A menu is used on a window that shows its page; a push before the page listens is not.
  await expect(app.page.getByLabel('Email')).toBeVisible();
  await app.simulate?.showDiagnosticsFromMenu();
  await expect(app.page.getByRole('heading', { name: 'Diagnostics' })).toBeVisible();
  await expect(app.page.getByTestId('updates-status')).toContainText('Off: this installation does not look for updates');
  await app.page.getByRole('button', { name: 'Back' }).click();
  await expect(app.page.getByLabel('Email')).toBeVisible();
});
