// Quitting and reopening the app (or just its window): a signed-in person stays signed in,
// and a link clicked after a restart still completes.
import { test, expect } from './fixtures';
import { clickEmailedLink, requestLink, signIn } from './journeys';

test('a restart restores the session from disk without asking Stytch', async ({ app }) => {
  await signIn(app, 'stays@example.com');

  // Stytch is unreachable from now on: the restore must be purely local.
  for (const path of ['/v1/sessions/authenticate', '/v1/sessions/jwks']) {
    app.emulator.injectFault({ path, drop: true, count: 1_000 });
  }
  await app.restart();
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  await expect(app.page.getByText('stays@example.com')).toBeVisible();
});

test('a link clicked after the app restarted still signs in', async ({ app }) => {
  await requestLink(app, 'patient@example.com');

  await app.restart();
  await clickEmailedLink(app, 'patient@example.com');
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
});

test('reopening the window of a signed-in app shows the account at once, never the email form', async ({ app }) => {
  await signIn(app, 'returning@example.com');

  // Watches from before the page's own scripts run: a form that flashed and vanished counts.
  await app.page.context().addInitScript(() => {
    const seen = window as unknown as { emailFormSeen: boolean };
    seen.emailFormSeen = false;
    new MutationObserver(() => {
      const labels = Array.from(document.querySelectorAll('label'));
      if (labels.some((label) => label.textContent === 'Email')) seen.emailFormSeen = true;
    }).observe(document, { childList: true, subtree: true });
  });
  await app.page.reload();
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  expect(await app.page.evaluate(() => (window as unknown as { emailFormSeen: boolean }).emailFormSeen)).toBe(false);
});
