// Two habits of the seed: a new account is welcomed on its first sign-in, and every
// protected request checks that the session has not expired (require_auth), even when the
// computer slept through the moment it did.
import { test, expect } from './fixtures';
import { signIn } from './journeys';

test('a new account is welcomed once, and a returning one is not', async ({ app }) => {
  await signIn(app, 'first.time@example.com');
  const welcome = app.page.getByRole('alert').filter({ hasText: 'Welcome to PromptGrimoire! Your new account is ready.' });
  await expect(welcome).toBeVisible();
  await welcome.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(welcome).toHaveCount(0);
  await app.page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await signIn(app, 'first.time@example.com');
  await expect(app.page.getByText('Welcome to PromptGrimoire!')).toHaveCount(0);
});

test('a session that expired while the computer slept ends at the next request, with the reason', async ({ app }) => {
  const target = (test.info().project.metadata as { target?: string } | undefined)?.target;
  test.skip(target === 'electron', 'the electron target cannot move the app clock');
  const advance = app.advanceClock;
  if (!advance) throw new Error('this target cannot move the app clock');
  await signIn(app, 'sleeper@example.com');
  // A week and a day: past the session's end, with no timer having fired meanwhile.
  await advance(8 * 24 * 60 * 60_000);
  await app.page.getByRole('button', { name: 'Sign in on another computer' }).click();
  await expect(app.page.getByRole('alert').filter({ hasText: 'Your session has expired. Sign in again to continue.' })).toBeVisible();
  await expect(app.page.getByLabel('Email')).toBeVisible();
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toHaveCount(0);
});
