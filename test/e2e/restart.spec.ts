// Quitting and reopening the app (or just its window): a signed-in person stays signed in,
// and a link clicked after a restart still completes.
import { test, expect } from './fixtures';
import { clickEmailedLink, requestLink, signIn } from './journeys';

test.describe('with Stytch slower than any test', () => {
  // The app would wait two minutes for an answer: if restoring waited for Stytch, the
  // account could not appear within this test's time.
  test.use({ appEnv: { PROMPTGRIMOIRE_STYTCH_TIMEOUT_MS: '120000' } });

  test('a restart shows the account from disk while Stytch holds every request unanswered', async ({ app }) => {
    await signIn(app, 'stays@example.com');

    // From now on Stytch takes requests and never answers them (until the test lets go).
    const confirm = '/v1/sessions/authenticate';
    for (const path of [confirm, `/v1/sessions/jwks/${app.emulator.projectId}`]) {
      app.emulator.injectFault({ path, hang: true, count: 1_000 });
    }
    await app.restart();
    await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
    await expect(app.page.getByText('stays@example.com')).toBeVisible();
    // The background confirmation went out and is still unanswered: the account above did
    // not wait for it.
    await expect.poll(() => app.emulator.heldRequests(confirm)).toBeGreaterThanOrEqual(1);
    app.emulator.clearFaults();
  });
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

test('after a restart the sign-in form starts from the address the last link went to, and stays editable', async ({ app }) => {
  await requestLink(app, 'remembered@example.com');

  await app.restart();
  const email = app.page.getByLabel('Email');
  await expect(email).toHaveValue('remembered@example.com');
  await expect(email).toBeEditable();
  await email.fill('someone-else@example.com');
  await expect(email).toHaveValue('someone-else@example.com');
});
