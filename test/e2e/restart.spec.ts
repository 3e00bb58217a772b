// Quitting and reopening the app: a signed-in person stays signed in, and a link clicked
// after a restart still completes.
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
