// When a link or Stytch misbehaves, the person sees what happened and what to do next,
// and the app stays usable.
import { followEmailedLink, latestEmail, stytchClientFor, test, expect } from './fixtures';
import { requestLink, signIn } from './journeys';

test('a link used a second time is refused with a way forward', async ({ app }) => {
  await requestLink(app, 'replay@example.com');
  const deepLink = await followEmailedLink(latestEmail(app.emulator, 'replay@example.com'));
  await app.deliverDeepLink(deepLink);
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  await app.page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(app.page.getByLabel('Email')).toBeVisible();

  await app.deliverDeepLink(deepLink);
  // The form was already showing: the notice is what shows the link was handled, and refused.
  const alert = app.page.getByRole('alert');
  await expect(alert).toContainText('This sign-in link was already used. If you are not signed in, request a new link.');
  await expect(app.page.getByLabel('Email')).toBeVisible();
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toHaveCount(0);
  await alert.getByRole('button', { name: 'Start over' }).click();
  await expect(app.page.getByLabel('Email')).toBeVisible();
  expect(app.emulator.requestCount('/v1/magic_links/authenticate')).toBe(1);
});

test('an expired link says so and offers a new one', async ({ app }) => {
  await requestLink(app, 'late@example.com');
  const deepLink = await followEmailedLink(latestEmail(app.emulator, 'late@example.com'));
  app.emulator.advanceClock(2 * 60 * 60);
  await app.deliverDeepLink(deepLink);
  // Stytch's verdict, not the app's own memory of used links (which says "already used").
  const alert = app.page.getByRole('alert');
  await expect(alert).toContainText('This sign-in link has expired or was already used. Request a new link to sign in.');
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toHaveCount(0);
  await alert.getByRole('button', { name: 'Start over' }).click();
  await expect(app.page.getByLabel('Email')).toBeVisible();
});

test('a link requested by another installation explains what happened', async ({ app }) => {
  // Another install of the app asks for a link with its own PKCE challenge.
  const elsewhere = stytchClientFor(app.emulator);
  await elsewhere.magicLinks.email.loginOrCreate({
    email: 'two.computers@example.com',
    login_magic_link_url: 'promptgrimoire://auth/callback',
    signup_magic_link_url: 'promptgrimoire://auth/callback',
    code_challenge: 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg',
  });
  await app.deliverDeepLink(await followEmailedLink(latestEmail(app.emulator, 'two.computers@example.com')));
  await expect(app.page.getByRole('alert')).toContainText(
    'This link was requested from another computer or another installation of PromptGrimoire.',
  );
  await expect(app.page.getByLabel('Email')).toBeVisible();
});

test('rate limiting says how long to wait', async ({ app }) => {
  app.emulator.injectFault({
    path: '/v1/magic_links/email/login_or_create',
    status: 429,
    error_type: 'too_many_requests',
    count: 1,
  });
  await app.page.getByLabel('Email').fill('busy@example.com');
  await app.page.getByRole('button', { name: 'Send magic link' }).click();
  // Stytch names no wait here, so the app's own default: a minute, counted down.
  await expect(app.page.getByRole('alert')).toContainText('Too many attempts in a short time. Wait 1 minute, then try again.');
  await expect(app.page.getByTestId('retry-countdown')).toContainText(/You can try again in (1:00|\d+ s)\./);
  await expect(app.page.getByLabel('Email')).toHaveValue('busy@example.com');
});

test('Stytch failing is reported, and retrying works once it recovers', async ({ app }) => {
  app.emulator.injectFault({
    path: '/v1/magic_links/email/login_or_create',
    status: 500,
    error_type: 'internal_server_error',
    count: 1,
  });
  await app.page.getByLabel('Email').fill('unlucky@example.com');
  await app.page.getByRole('button', { name: 'Send magic link' }).click();
  const alert = app.page.getByRole('alert');
  await expect(alert).toContainText('The sign-in service is having trouble right now. Try again in a few minutes.');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(app.page.getByRole('heading', { name: /check your email/i })).toBeVisible();
});

test.describe('with a short Stytch timeout', () => {
  test.use({ appEnv: { PROMPTGRIMOIRE_STYTCH_TIMEOUT_MS: '1000' } });

  test('a Stytch that does not answer ends in a timeout notice, not a hang', async ({ app }) => {
    // Held unanswered: only the app's own timeout (1 s) can end the wait.
    app.emulator.injectFault({ path: '/v1/magic_links/email/login_or_create', hang: true });
    await app.page.getByLabel('Email').fill('slow@example.com');
    await app.page.getByRole('button', { name: 'Send magic link' }).click();
    await expect(app.page.getByRole('alert')).toContainText('The sign-in service took too long to answer. Check your connection and try again.');
    await expect(app.page.getByLabel('Email')).toBeEnabled();
  });
});

test.describe('a clicked link that is not a whole sign-in link', () => {
  test('a link with no token says what is missing on the sign-in screen', async ({ app }) => {
    await app.deliverDeepLink('promptgrimoire://auth/callback?stytch_token_type=magic_links');
    const alert = app.page.getByRole('alert');
    await expect(alert).toContainText('This sign-in link is incomplete: it has no token. Open the newest email and click its sign-in button again.');
    await expect(app.page.getByLabel('Email')).toBeVisible();
    expect(app.emulator.requestCount('/v1/magic_links/authenticate')).toBe(0);
  });

  test('a link changed on the way is not used, and the real link still signs in', async ({ app }) => {
    await requestLink(app, 'changed@example.com');
    const deepLink = await followEmailedLink(latestEmail(app.emulator, 'changed@example.com'));
    const token = new URL(deepLink).searchParams.get('token') ?? '';
    for (const changed of [`${deepLink}&next=https://evil.example`, `${deepLink}&token=${encodeURIComponent(token)}`]) {
      await app.deliverDeepLink(changed);
      await expect(app.page.getByRole('alert')).toContainText('This sign-in link was changed on the way');
      // The token is never echoed back to the page.
      await expect(app.page.getByRole('alert')).not.toContainText(token.slice(0, 12));
    }
    await expect(app.page.getByRole('heading', { name: /check your email/i })).toBeVisible();
    expect(app.emulator.requestCount('/v1/magic_links/authenticate')).toBe(0);
    await app.deliverDeepLink(deepLink);
    await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  });

  test('a malformed link while signed in signs no one out', async ({ app }) => {
    await signIn(app, 'staying@example.com');
    await app.deliverDeepLink('promptgrimoire://auth/callback?stytch_token_type=magic_links');
    await app.deliverDeepLink('promptgrimoire://auth/elsewhere');
    await expect(app.page.getByTestId('user-email')).toHaveText('staying@example.com');
    await expect(app.page.getByText('This sign-in link is incomplete')).toHaveCount(0);
    await app.restart();
    await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  });
});
