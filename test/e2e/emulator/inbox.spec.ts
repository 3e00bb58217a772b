// The dev inbox in a real browser: it shows new mail without a reload, its button leads to
// the app's deep link through the redirect endpoint, "Open in app" reaches the hook, and it
// looks as its committed baselines do (light, dark and empty; see test/e2e/screenshots.ts).
import { test, expect } from '@playwright/test';
import type { Client } from 'stytch';
import { startEmulator } from '../../../emulator/index';
import type { RunningEmulator } from '../../../emulator/index';
import { stytchClientFor } from '../../fixtures/stytch-client';
import { expectScreen } from '../screenshots';

let emulator: RunningEmulator;
let client: Client;
const openedInApp: string[] = [];

test.beforeAll(async () => {
  emulator = await startEmulator({ openInApp: (link) => void openedInApp.push(link) });
  client = stytchClientFor(emulator);
});
test.beforeEach(() => emulator.reset());
test.afterAll(async () => emulator.close());

test('shows the empty state, then a new message without a reload', async ({ page }) => {
  await page.goto(emulator.inboxUrl);
  await expect(page.getByRole('heading', { name: 'No messages yet' })).toBeVisible();
  await expect(page.locator('#live-text')).toHaveText('Live');

  let navigations = 0;
  page.on('framenavigated', () => (navigations += 1));
  await client.magicLinks.email.loginOrCreate({ email: 'ada@example.com' });
  const card = page.locator('.message').first();
  await expect(card).toContainText('ada@example.com');
  await expect(card.locator('.kind')).toHaveText('signup');
  await expect(card).toContainText('Expires in 7 days');
  await expect(page.getByRole('heading', { name: 'No messages yet' })).toBeHidden();
  expect(navigations).toBe(0);

  // Newest first; tokens are never shown whole.
  await client.magicLinks.email.loginOrCreate({ email: 'ada@example.com' });
  await expect(page.locator('.message')).toHaveCount(2);
  await expect(page.locator('.message').first().locator('.kind')).toHaveText('login');
  const token = emulator.latestMessage('ada@example.com')?.token ?? '';
  await expect(page.locator('body')).not.toContainText(token);
});

test('the message button goes through the redirect to the promptgrimoire:// deep link', async ({ page }) => {
  await client.magicLinks.email.loginOrCreate({ email: 'grace@example.com' });
  const message = emulator.latestMessage('grace@example.com');
  let location: string | undefined;
  // Chromium cannot open the custom scheme, so catch the redirect on its way to the browser.
  await page.route('**/v1/magic_links/redirect**', async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    location = response.headers()['location'];
    await route.fulfill({ status: 200, contentType: 'text/plain', body: `redirected to ${location ?? '?'}` });
  });
  await page.goto(emulator.inboxUrl);
  const open = page.locator('.message').first().getByRole('link', { name: 'Open magic link' });
  await expect(open).toHaveAttribute('href', message?.link ?? '');
  await open.click();
  await expect(page.locator('body')).toContainText('redirected to promptgrimoire://');
  expect(location).toBe(`promptgrimoire://auth/callback?stytch_token_type=magic_links&token=${message?.token}`);
});

test('"Open in app" hands the final deep link to the hook', async ({ page }) => {
  await client.magicLinks.email.invite({ email: 'linus@example.com' });
  const message = emulator.latestMessage('linus@example.com');
  // The page's timers wait for the test: "Sent to app" lasts two seconds of the page's
  // clock, paused once the page has loaded, so a slow run cannot miss it.
  await page.clock.install();
  await page.goto(emulator.inboxUrl);
  const card = page.locator('.message').first();
  await expect(card).toContainText('linus@example.com');
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  await card.getByRole('button', { name: 'Open in app' }).click();
  await expect(card.getByRole('button')).toHaveText('Sent to app ✓');
  expect(openedInApp).toContain(`promptgrimoire://auth/callback?stytch_token_type=magic_links&token=${message?.token}`);
  await page.clock.runFor(2_000);
  await expect(card.getByRole('button')).toHaveText('Open in app');
});

test('looks as its baselines do with a few messages, light and dark, and empty', async ({ page }) => {
  await client.magicLinks.email.invite({ email: 'margaret.hamilton@example.com', name: { first_name: 'Margaret' } });
  await client.magicLinks.email.loginOrCreate({ email: 'ada@example.com' });
  await client.magicLinks.email.loginOrCreate({ email: 'ada@example.com' });
  await client.magicLinks.email.loginOrCreate({ email: 'katherine.johnson@example.com', create_user_as_pending: true });
  await page.setViewportSize({ width: 1000, height: 640 });
  // The send time and the token differ on every run; everything else is fixed test data.
  const moving = [page.locator('.message .meta > span:first-child'), page.locator('.message .token')];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(emulator.inboxUrl);
    await expect(page.locator('.message')).toHaveCount(4);
    await expect(page.locator('#live-text')).toHaveText('Live');
    await expectScreen(page, `inbox-${scheme}.png`, { mask: moving, fullPage: true });
  }
  emulator.clearOutbox();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(emulator.inboxUrl);
  await expect(page.getByRole('heading', { name: 'No messages yet' })).toBeVisible();
  await expect(page.locator('#live-text')).toHaveText('Live');
  await expectScreen(page, 'inbox-empty.png');
});
