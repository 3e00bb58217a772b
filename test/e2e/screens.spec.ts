// Every screen a person can meet, in light and dark: zero axe violations of any impact and
// a match with its committed baseline (see screen-check.ts). Each test walks many screens in
// one launch. The journeys run on every target; the states only a broken or unusual main
// process produces are put on the harness bridge, so those tests are harness-only.
import { followEmailedLink, latestEmail, stytchClientFor, test, expect } from './fixtures';
import { loadErrorPageUrl } from '../../main/recovery/load-error-page';
import { requestLink } from './journeys';
import { checkScreen } from './screen-check';

test.describe('with invites enabled', () => {
  test.use({ appEnv: { PROMPTGRIMOIRE_INVITES_ENABLED: 'true' } });

  test.describe.configure({ timeout: 240_000 });

  test('sign-in, check email, signing in, signed in with every panel, diagnostics, "Continue as"', async ({ app }) => {
    const page = app.page;
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await checkScreen(page, 'sign-in');

    await page.getByLabel('Email').fill('not an email');
    await page.getByRole('button', { name: 'Send magic link' }).click();
    await expect(page.getByText(/valid email/i)).toBeVisible();
    await checkScreen(page, 'sign-in-invalid-email');

    // The account already exists with a second session elsewhere, so the sessions panel
    // offers "Sign out other sessions".
    const stytch = stytchClientFor(app.emulator);
    await stytch.magicLinks.email.invite({ email: 'ada@example.com', invite_magic_link_url: 'promptgrimoire://auth/callback' });
    const userId = latestEmail(app.emulator, 'ada@example.com').user_id;
    const { token } = await stytch.magicLinks.create({ user_id: userId });
    await stytch.magicLinks.authenticate({ token, session_duration_minutes: 60 });

    await requestLink(app, 'ada@example.com');
    // Past the resend cooldown, so "Resend" no longer counts down in its label (the
    // electron target cannot move the clock, and compares no screenshots either).
    if (app.advanceClock) await app.advanceClock(30_000);
    if (app.advanceClock) await expect(page.getByRole('button', { name: 'Resend' })).toHaveText('Resend');
    await checkScreen(page, 'check-email');

    await page.getByLabel('Paste your sign-in link').fill('https://example.com/hello');
    await page.getByRole('button', { name: 'Sign in with link' }).click();
    await expect(page.getByText(/not a PromptGrimoire sign-in link/)).toBeVisible();
    await checkScreen(page, 'check-email-paste-problem');
    await page.getByRole('button', { name: 'Dismiss message' }).click();

    // Stytch holds the exchange unanswered: the app shows it is signing in.
    app.emulator.injectFault({ path: '/v1/magic_links/authenticate', hang: true });
    const delivered = app.deliverDeepLink(await followEmailedLink(latestEmail(app.emulator, 'ada@example.com')));
    await expect(page.getByRole('heading', { name: 'Signing you in…' })).toBeVisible();
    await checkScreen(page, 'authenticating');
    app.emulator.releaseHeld();
    await delivered;

    await expect(page.getByRole('button', { name: 'Sign out other sessions' })).toBeVisible();
    await checkScreen(page, 'signed-in');

    await page.getByLabel('Invitee email').fill('grace@example.com');
    await page.getByLabel('First name').fill('Grace');
    await page.getByLabel('Last name').fill('Hopper');
    await page.getByRole('button', { name: 'Send invite' }).click();
    await expect(page.getByTestId('invite-list')).toContainText('grace@example.com');
    await page.getByRole('button', { name: 'Sign in on another computer' }).click();
    await expect(page.getByTestId('device-link')).toBeVisible();
    await checkScreen(page, 'signed-in-panels-open', { mask: (p) => [p.getByTestId('device-link')] });

    // Kept for "Continue as …?" below: the link opened on this app once it is signed out.
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => app.readClipboard()).toMatch(/^promptgrimoire:/);
    const link = await app.readClipboard();

    await page.getByRole('button', { name: 'Diagnostics', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Copy diagnostics' })).toBeVisible();
    await checkScreen(page, 'diagnostics-signed-in', {
      mask: (p) => [
        p.locator('.fact').filter({ hasText: /^Version/ }).locator('dd'),
        p.getByTestId('stytch-status').locator('.check > span'),
        p.getByTestId('stytch-status').locator('.fact__detail'),
        p.locator('.fact code.path'),
      ],
    });
    await page.getByRole('button', { name: 'Back' }).click();

    // The link for another computer, opened on this app once signed out: "Continue as …?"
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page.getByLabel('Email')).toBeVisible();
    await app.deliverDeepLink(link);
    await expect(page.getByRole('heading', { name: 'Continue as ada@example.com?' })).toBeVisible();
    await checkScreen(page, 'continue-as');

    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('You did not continue');
    await checkScreen(page, 'sign-in-notice');
  });
});

test('the page shown when the window cannot load the app', async ({ page }) => {
  await page.goto(loadErrorPageUrl({ code: -6, description: 'ERR_FILE_NOT_FOUND' }, 'app://renderer/index.html'));
  await expect(page.getByRole('heading', { name: 'PromptGrimoire could not open its window' })).toBeVisible();
  await checkScreen(page, 'load-error-page');
});
