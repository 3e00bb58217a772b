// Sign-in journeys a person takes, on every target: send, receive, click, signed in.
import { followEmailedLink, latestEmail, test, expect } from './fixtures';
import { clickEmailedLink, requestLink, signIn } from './journeys';

test('a new user signs in with the emailed link', async ({ app }) => {
  await requestLink(app, 'new.user@example.com');
  expect(latestEmail(app.emulator, 'new.user@example.com').kind).toBe('signup');
  await clickEmailedLink(app, 'new.user@example.com');
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  await expect(app.page.getByText('new.user@example.com')).toBeVisible();
  await expect(app.page.getByTestId('session-expiry')).toBeVisible();
});

test('an existing user gets a login link and signs in again', async ({ app }) => {
  await signIn(app, 'returning@example.com');
  await app.page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(app.page.getByLabel('Email')).toBeVisible();

  await requestLink(app, 'returning@example.com');
  expect(latestEmail(app.emulator, 'returning@example.com').kind).toBe('login');
  await clickEmailedLink(app, 'returning@example.com');
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
});

test('a mistyped email is caught before anything is sent', async ({ app }) => {
  await app.page.getByLabel('Email').fill('not an email');
  await app.page.getByRole('button', { name: 'Send magic link' }).click();
  await expect(app.page.getByText(/valid email/i)).toBeVisible();
  expect(app.emulator.outbox()).toHaveLength(0);
});

test('resend waits for its cooldown, then sends a second link that works', async ({ app }) => {
  // The cooldown runs on the app's clock (main process and window). Where the target can
  // move that clock it does; elsewhere the spec waits the 30 s for real.
  const advance = app.advanceClock;
  if (!advance) test.setTimeout(70_000);
  await requestLink(app, 'resend@example.com');
  const resend = app.page.getByRole('button', { name: /resend/i });
  await expect(resend).toBeDisabled();
  await expect(resend).toHaveText(/\d+\s*s/);
  if (advance) await advance(30_000);
  await expect(resend).toBeEnabled({ timeout: advance ? undefined : 35_000 });
  await resend.click();
  await expect.poll(() => app.emulator.outbox('resend@example.com').length).toBe(2);
  await clickEmailedLink(app, 'resend@example.com');
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
});

test('"Use a different email" goes back to the email form', async ({ app }) => {
  await requestLink(app, 'first@example.com');
  await app.page.getByRole('button', { name: 'Use a different email' }).click();
  await expect(app.page.getByLabel('Email')).toBeVisible();
});

for (const form of ['emailed https link', 'promptgrimoire:// link'] as const) {
  test(`the paste fallback accepts the ${form}`, async ({ app }) => {
    await requestLink(app, 'paste@example.com');
    const message = latestEmail(app.emulator, 'paste@example.com');
    const link = form === 'emailed https link' ? message.link : await followEmailedLink(message);
    await app.page.getByLabel('Paste your sign-in link').fill(link);
    await app.page.getByRole('button', { name: 'Sign in with link' }).click();
    await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  });
}

test('a pasted link that is not a sign-in link gets a clear message', async ({ app }) => {
  await requestLink(app, 'paste.bad@example.com');
  await app.page.getByLabel('Paste your sign-in link').fill('https://example.com/hello');
  await app.page.getByRole('button', { name: 'Sign in with link' }).click();
  await expect(app.page.getByRole('alert')).toContainText('That is not a PromptGrimoire sign-in link.');
  await expect(app.page.getByLabel('Paste your sign-in link')).toBeVisible();
});

test('the same link delivered twice signs in once', async ({ app }) => {
  await requestLink(app, 'twice@example.com');
  const deepLink = await followEmailedLink(latestEmail(app.emulator, 'twice@example.com'));
  await Promise.all([app.deliverDeepLink(deepLink), app.deliverDeepLink(deepLink)]);
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  expect(app.emulator.requestCount('/v1/magic_links/authenticate')).toBe(1);
});

test('sign out revokes the session at Stytch and wipes it locally', async ({ app }) => {
  await signIn(app, 'leaving@example.com');
  await app.page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(app.page.getByLabel('Email')).toBeVisible();
  // The form comes back at once; the revoke is on its way (a wait for it, not a race with it).
  await expect.poll(() => app.emulator.requestCount('/v1/sessions/revoke')).toBe(1);
  await app.restart();
  await expect(app.page.getByLabel('Email')).toBeVisible();
});
