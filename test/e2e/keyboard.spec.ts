// Sign in and out with the keyboard alone: Tab, Shift+Tab, Enter and Space to move and act,
// typing only into the fields. At every stop the focus is somewhere visible (a ring or the
// field's glow, never <body>), and each new screen starts with the focus on its heading.
import type { Locator, Page } from '@playwright/test';
import { latestEmail, test, expect } from './fixtures';

/** What the focused element shows: fails unless keyboard focus is on it and drawn. */
async function expectFocusVisible(page: Page): Promise<void> {
  const focus = await page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return { where: 'body', visible: false };
    const style = getComputedStyle(element);
    const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const glow = style.boxShadow !== 'none';
    return { where: `${element.tagName.toLowerCase()} "${element.textContent?.trim() || element.getAttribute('aria-label') || ''}"`, visible: element.matches(':focus-visible') && (ring || glow) };
  });
  expect(focus.visible, `the focus on ${focus.where} is not visible`).toBe(true);
}

/** Presses `key` (Tab or Shift+Tab) until `target` has the focus, checking every stop. */
async function moveFocusTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let presses = 0; presses < 15; presses += 1) {
    await page.keyboard.press(key);
    await expectFocusVisible(page);
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`${key} never reached ${target.toString()}`);
}

/** A new screen: its heading holds the focus, drawn, so Tab goes on from the top. */
async function expectScreenFocus(page: Page, heading: string | RegExp): Promise<void> {
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeFocused();
  await expectFocusVisible(page);
}

test('from the email field to signed in through the paste field, and back out, by keyboard alone', async ({ app }) => {
  const page = app.page;
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeFocused();

  await moveFocusTo(page, page.getByLabel('Email'));
  await page.keyboard.type('keys.only@example.com');
  await moveFocusTo(page, page.getByRole('button', { name: 'Send magic link' }));
  await page.keyboard.press('Enter');
  await expectScreenFocus(page, 'Check your email');

  // Down the screen to the paste field, and a step back up to check the way back works.
  const paste = page.getByLabel('Paste your sign-in link');
  await moveFocusTo(page, paste);
  await moveFocusTo(page, page.getByRole('button', { name: 'Use a different email' }), 'Shift+Tab');
  await moveFocusTo(page, paste);
  await page.keyboard.type(latestEmail(app.emulator, 'keys.only@example.com').link);
  await moveFocusTo(page, page.getByRole('button', { name: 'Sign in with link' }));
  await page.keyboard.press('Space');
  await expectScreenFocus(page, 'You’re signed in');
  await expect(page.getByTestId('user-email')).toHaveText('keys.only@example.com');

  // Past "Sign out" and back to it, then out.
  const signOut = page.getByRole('button', { name: 'Sign out', exact: true });
  await moveFocusTo(page, page.getByRole('button', { name: 'Sign in on another computer' }));
  await moveFocusTo(page, signOut, 'Shift+Tab');
  await page.keyboard.press('Space');
  await expectScreenFocus(page, 'Sign in');
  await expect(page.getByLabel('Email')).toBeVisible();
});

test('diagnostics open and close by keyboard, and the focus comes back to the screen', async ({ app }) => {
  const page = app.page;
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeFocused();
  await moveFocusTo(page, page.getByRole('button', { name: 'Diagnostics', exact: true }));
  await page.keyboard.press('Enter');
  await expectScreenFocus(page, 'Diagnostics');
  await moveFocusTo(page, page.getByRole('button', { name: 'Back' }), 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expectScreenFocus(page, 'Sign in');
});
