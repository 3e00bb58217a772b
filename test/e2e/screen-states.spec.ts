// The states only an unusual or broken main process produces, on every screen they touch:
// restoring (and timed out), the memory-only banner, offline, every notice the
// sign-in screen can show, and the recovery screen. The harness puts them on the page's
// bridge (a held getView, or getView's real answer with one field changed), so these run
// on the harness target only; each state is checked with axe and, for one of each kind,
// against its baseline in light and dark (see screen-check.ts).
import type { AuthView } from '../../preload/api';
import { NOTICE_CODES, noticeFor } from '../../main/auth/notices';
import { expectNoAxeViolations, SCHEMES, useScheme } from './accessibility';
import { test, expect, type AppFixture } from './fixtures';
import { signIn } from './journeys';
import { checkScreen } from './screen-check';

test.beforeEach(() => {
  const target = (test.info().project.metadata as { target?: string } | undefined)?.target;
  test.skip(target === 'electron', 'bridge faults are put on the harness target’s bridge');
});

/** Reloads the page with the next getView answered by main, then changed by `change`. */
async function reloadWithView(app: AppFixture, change: (view: AuthView) => AuthView): Promise<void> {
  app.faults.next('auth:get-view', {
    kind: 'answer',
    replace: (result) => {
      const answered = result as { ok: true; value: AuthView };
      return { ...answered, value: change(answered.value) };
    },
  });
  await app.page.reload();
}

test('restoring, then timed out; the recovery screen', async ({ app }) => {
  test.setTimeout(120_000);
  const page = app.page;
  await expect(page.getByRole('button', { name: 'Send magic link' })).toBeVisible();
  // Main still restoring a saved session: the quiet screen, for as long as that takes.
  await reloadWithView(app, (view) => ({ ...view, status: 'restoring' }));
  await expect(page.getByRole('heading', { name: 'Signing you in…' })).toBeVisible();
  await checkScreen(page, 'restoring');

  // A main process that never answers: after the page's deadline, a message and Try again.
  await page.clock.install();
  app.faults.next('auth:get-view', { kind: 'hang' });
  await page.reload();
  await page.clock.runFor(400);
  await page.clock.runFor(5000);
  await expect(page.getByRole('alert')).toContainText('background service is not answering');
  await checkScreen(page, 'restoring-timed-out');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('button', { name: 'Send magic link' })).toBeVisible();

  // A view the screens cannot draw (no features): a render error.
  await reloadWithView(app, (view) => ({ ...view, features: null }) as unknown as AuthView);
  await expect(page.getByRole('heading', { name: 'Something went wrong' })).toBeVisible();
  await expect(page.getByTestId('recovery-reference')).toHaveText('renderer-error');
  await checkScreen(page, 'recovery');
});

test('the memory-only banner and the offline indicator, signed out and signed in', async ({ app }) => {
  test.setTimeout(120_000);
  const page = app.page;
  await reloadWithView(app, (view) => ({ ...view, persistence: 'memory-only' }));
  await expect(page.getByTestId('memory-only-banner')).toBeVisible();
  await checkScreen(page, 'sign-in-memory-only');

  await signIn(app, 'on.a.train@example.com');
  await reloadWithView(app, (view) => ({ ...view, persistence: 'memory-only', offline: true }));
  await expect(page.getByTestId('offline-indicator')).toBeVisible();
  await expect(page.getByTestId('memory-only-banner')).toBeVisible();
  await checkScreen(page, 'signed-in-offline-memory-only');
});

test('every notice the sign-in screen can show', async ({ app }) => {
  test.setTimeout(180_000);
  const page = app.page;
  // One of each tone against its baseline: the words differ, the drawing does not.
  const pictured = new Map([
    ['link-expired-or-used', 'notice-error'],
    ['rate-limited', 'notice-warning-countdown'],
    ['link-sent', 'notice-success'],
    ['session-ended', 'notice-info'],
  ]);
  for (const code of NOTICE_CODES) {
    const notice = noticeFor(code, code === 'rate-limited' ? 90 : undefined);
    await reloadWithView(app, (view) => ({ ...view, notice }));
    await expect(page.getByRole('alert')).toContainText(notice.message);
    const screenshot = pictured.get(code);
    if (screenshot !== undefined) {
      await checkScreen(page, screenshot);
      continue;
    }
    for (const scheme of SCHEMES) {
      await useScheme(page, scheme);
      // The rest of the screen is the same as for the pictured notices, checked whole there.
      await expectNoAxeViolations(page, `the '${code}' notice (${scheme})`, '[role="alert"]');
    }
    await useScheme(page, 'light');
  }
});
