// Steps shared by the specs, written as a person does them in the app.
import { expect, followEmailedLink, latestEmail, type AppFixture } from './fixtures';

/** Types the email, presses send and waits for the "check your email" screen. */
export async function requestLink(app: AppFixture, email: string): Promise<void> {
  await app.page.getByLabel('Email').fill(email);
  await app.page.getByRole('button', { name: 'Send magic link' }).click();
  await expect(app.page.getByRole('heading', { name: /check your email/i })).toBeVisible();
}

/** Clicks the newest emailed link: the browser follows Stytch's redirect, the OS opens the app. */
export async function clickEmailedLink(app: AppFixture, email: string): Promise<void> {
  await app.deliverDeepLink(await followEmailedLink(latestEmail(app.emulator, email)));
}

/** The whole sign-in, ending on the signed-in screen. */
export async function signIn(app: AppFixture, email: string): Promise<void> {
  await requestLink(app, email);
  await clickEmailedLink(app, email);
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
}
