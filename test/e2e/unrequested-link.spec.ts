// A link this app did not ask for (a link made with "Sign in on another computer", an
// invite) never signs in on its own: the app asks "Continue as …?", Cancel ends that session
// at Stytch, Continue signs in, and the person's own emailed link never asks.
import type { Page } from '@playwright/test';
import { stytchClientFor, test, expect, type AppFixture } from './fixtures';
import { clickEmailedLink, requestLink } from './journeys';

/** Someone else's account, and a link for "another computer" made for it (no PKCE). */
async function someoneElsesLink(app: AppFixture, email: string): Promise<{ link: string; userId: string }> {
  const stytch = stytchClientFor(app.emulator);
  await stytch.magicLinks.email.invite({ email, invite_magic_link_url: 'promptgrimoire://auth/callback' });
  const userId = app.emulator.latestMessage(email)?.user_id ?? '';
  const { token } = await stytch.magicLinks.create({ user_id: userId });
  return { link: `promptgrimoire://auth/callback?stytch_token_type=magic_links&token=${encodeURIComponent(token)}`, userId };
}

const liveSessions = async (app: AppFixture, userId: string): Promise<number> =>
  (await stytchClientFor(app.emulator).sessions.get({ user_id: userId })).sessions.length;

const question = (page: Page, email: string) => page.getByRole('heading', { name: `Continue as ${email}?` });

test('an unrequested link to a signed-out app asks first, and Cancel ends its session', async ({ app }) => {
  await expect(app.page.getByLabel('Email')).toBeVisible();
  const { link, userId } = await someoneElsesLink(app, 'stranger@example.com');
  await app.deliverDeepLink(link);
  await expect(question(app.page, 'stranger@example.com')).toBeVisible();
  await expect(app.page.getByTestId('unrequested-link-reason')).toContainText('not requested on this computer');
  await expect(app.page.getByRole('button', { name: 'Continue as stranger@example.com', exact: true })).toBeVisible();
  // The safe answer holds the focus: Enter declines.
  await expect(app.page.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();
  await app.page.keyboard.press('Enter');
  await expect(app.page.getByLabel('Email')).toBeVisible();
  await expect(app.page.getByRole('alert')).toContainText(/did not continue/i);
  await expect.poll(() => liveSessions(app, userId)).toBe(0);
  // Nothing was kept: a restart still finds the app signed out.
  await app.restart();
  await expect(app.page.getByLabel('Email')).toBeVisible();
});

test('an unrequested link while waiting for my own link: Cancel returns to it, which then signs in with one click', async ({ app }) => {
  await requestLink(app, 'waiting@example.com');
  const { link, userId } = await someoneElsesLink(app, 'pushy@example.com');
  await app.deliverDeepLink(link);
  await expect(question(app.page, 'pushy@example.com')).toBeVisible();
  await expect(app.page.getByTestId('unrequested-link-reason')).toContainText('waiting@example.com');
  await expect(app.page.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();
  await app.page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(app.page.getByRole('heading', { name: /check your email/i })).toBeVisible();
  await expect(app.page.getByText('waiting@example.com').first()).toBeVisible();
  await expect.poll(() => liveSessions(app, userId)).toBe(0);

  await clickEmailedLink(app, 'waiting@example.com');
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  await expect(app.page.getByText('waiting@example.com').first()).toBeVisible();
});

test('Continue signs in as the account the link was made for', async ({ app }) => {
  await requestLink(app, 'me@example.com');
  const { link, userId } = await someoneElsesLink(app, 'me.at.work@example.com');
  await app.deliverDeepLink(link);
  await app.page.getByRole('button', { name: 'Continue as me.at.work@example.com', exact: true }).click();
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  await expect(app.page.getByText('me.at.work@example.com').first()).toBeVisible();
  expect(await liveSessions(app, userId)).toBe(1);
  // Continue kept it: it survives a restart.
  await app.restart();
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
});

test('my own emailed link never asks', async ({ app }) => {
  await requestLink(app, 'own.link@example.com');
  await clickEmailedLink(app, 'own.link@example.com');
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  await expect(app.page.getByRole('heading', { name: /^Continue as/ })).toHaveCount(0);
});
