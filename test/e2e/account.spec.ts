// The signed-in life: the account view, other sessions, signing in on another computer,
// invites and the sign-up policy.
import { latestEmail, stytchClientFor, test, expect } from './fixtures';
import { signIn } from './journeys';

test('the account lists this session and signs out the others', async ({ app }) => {
  await signIn(app, 'many.devices@example.com');
  const sessions = app.page.getByTestId('session-list').getByRole('listitem');
  await expect(app.page.getByRole('heading', { name: 'Active sessions' })).toBeVisible();
  await expect(sessions).toHaveCount(1);
  await expect(sessions.first()).toContainText('This computer');

  // The same person signs in somewhere else.
  const stytch = stytchClientFor(app.emulator);
  const user = app.emulator.latestMessage('many.devices@example.com');
  const { token } = await stytch.magicLinks.create({ user_id: user?.user_id ?? '' });
  await stytch.magicLinks.authenticate({ token, session_duration_minutes: 60 });

  await app.restart();
  // A fresh window: locators of the old page are gone with it.
  const listed = app.page.getByTestId('session-list').getByRole('listitem');
  await expect(listed).toHaveCount(2);
  await app.page.getByRole('button', { name: 'Sign out other sessions' }).click();
  await expect(listed).toHaveCount(1);
  const remaining = await stytch.sessions.get({ user_id: user?.user_id ?? '' });
  expect(remaining.sessions).toHaveLength(1);
});

test('a link made here signs in on another computer, once', async ({ app }) => {
  await signIn(app, 'traveller@example.com');
  await app.page.getByRole('button', { name: 'Sign in on another computer' }).click();
  await expect(app.page.getByTestId('device-link')).toBeVisible();
  await expect(app.page.getByTestId('device-link-countdown')).toBeVisible();
  await app.page.getByRole('button', { name: 'Copy link' }).click();
  await expect.poll(() => app.readClipboard()).toMatch(/^promptgrimoire:\/\/auth\/callback\?/);
  const link = await app.readClipboard();
  // The page only ever shows a masked link.
  await expect(app.page.getByTestId('device-link')).not.toContainText(new URL(link).searchParams.get('token') ?? '');

  // The "other computer": the same app, signed out, receiving the link.
  await app.page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(app.page.getByLabel('Email')).toBeVisible();
  await app.deliverDeepLink(link);
  // That computer did not ask for the link, so it asks before it continues.
  await app.page.getByRole('button', { name: 'Continue as traveller@example.com', exact: true }).click();
  const signOut = app.page.getByRole('button', { name: 'Sign out', exact: true });
  await expect(signOut).toBeVisible();
  await expect(app.page.getByText('traveller@example.com').first()).toBeVisible();

  // Once: the same link again, after signing out, signs nobody in and starts no session.
  const stytch = stytchClientFor(app.emulator);
  const userId = latestEmail(app.emulator, 'traveller@example.com').user_id;
  const liveSessions = async () => (await stytch.sessions.get({ user_id: userId })).sessions.length;
  await signOut.click();
  await expect(app.page.getByLabel('Email')).toBeVisible();
  expect(await liveSessions()).toBe(0);
  await app.deliverDeepLink(link);
  await expect(app.page.getByRole('alert')).toContainText('This sign-in link was already used.');
  await expect(app.page.getByLabel('Email')).toBeVisible();
  await expect(signOut).toHaveCount(0);
  expect(await liveSessions()).toBe(0);

  // A fresh start forgets which links it used; then Stytch itself refuses the token.
  await app.restart();
  await app.deliverDeepLink(link);
  await expect(app.page.getByRole('alert')).toContainText('This sign-in link has expired or was already used.');
  await expect(app.page.getByLabel('Email')).toBeVisible();
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toHaveCount(0);
  expect(await liveSessions()).toBe(0);
});

test.describe('with a short Stytch timeout', () => {
  test.use({ appEnv: { PROMPTGRIMOIRE_STYTCH_TIMEOUT_MS: '1000' } });

  test('a restart with Stytch not answering keeps the person signed in and says so', async ({ app }) => {
    await signIn(app, 'on.a.train@example.com');
    // No answer at all, whether the app calls Stytch or the relay does: only the app's own
    // timeout can end the wait.
    app.emulator.injectFault({ path: '/v1/sessions/authenticate', hang: true, count: 1_000 });
    await app.restart();
    await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
    await expect(app.page.getByTestId('offline-indicator')).toBeVisible();
  });
});

test.describe('when only invited people may sign in', () => {
  test.use({ appEnv: { PROMPTGRIMOIRE_SIGNUP_POLICY: 'existing-users-only', PROMPTGRIMOIRE_INVITES_ENABLED: 'true' } });

  test('an unknown email is told to ask for an invite', async ({ app }) => {
    await expect(app.page.getByText(/only invited/i)).toBeVisible();
    await app.page.getByLabel('Email').fill('stranger@example.com');
    await app.page.getByRole('button', { name: 'Send magic link' }).click();
    await expect(app.page.getByRole('alert')).toContainText('There is no account for this email; ask your administrator for an invite.');
    expect(app.emulator.outbox('stranger@example.com')).toHaveLength(0);
  });

  test('a signed-in person invites someone, who can then sign in; an invite can be revoked', async ({ app }) => {
    // The first account comes from an administrator's invite.
    const stytch = stytchClientFor(app.emulator);
    await stytch.magicLinks.email.invite({ email: 'admin@example.com', invite_magic_link_url: 'promptgrimoire://auth/callback' });
    await signIn(app, 'admin@example.com');

    await app.page.getByLabel('Invitee email').fill('colleague@example.com');
    await app.page.getByLabel('First name').fill('Grace');
    await app.page.getByLabel('Last name').fill('Hopper');
    await app.page.getByRole('button', { name: 'Send invite' }).click();
    await expect(app.page.getByText('colleague@example.com')).toBeVisible();
    expect(app.emulator.latestMessage('colleague@example.com')?.kind).toBe('invite');

    await app.page.getByLabel('Invitee email').fill('changed.mind@example.com');
    await app.page.getByLabel('First name').fill('Alan');
    await app.page.getByLabel('Last name').fill('Turing');
    await app.page.getByRole('button', { name: 'Send invite' }).click();
    await expect(app.page.getByText('changed.mind@example.com')).toBeVisible();
    await app.page.getByRole('listitem').filter({ hasText: 'changed.mind@example.com' }).getByRole('button', { name: 'Revoke' }).click();
    await expect(app.page.getByText('changed.mind@example.com')).toHaveCount(0);

    // The invited colleague signs in on their own computer.
    await app.page.getByRole('button', { name: 'Sign out', exact: true }).click();
    const invite = app.emulator.latestMessage('colleague@example.com');
    const redirect = await fetch(invite?.link ?? '', { redirect: 'manual' });
    await app.deliverDeepLink(redirect.headers.get('location') ?? '');
    await app.page.getByRole('button', { name: 'Continue as colleague@example.com', exact: true }).click();
    await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
    await expect(app.page.getByText('colleague@example.com').first()).toBeVisible();
  });
});
