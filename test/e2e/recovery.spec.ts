// The window never stays blank: a render error shows the recovery screen, whose Reload
// brings back the screen the person was on; a main process that never answers the first
// getView ends in a message with "Try again", not an endless spinner. The failures are put
// on the bridge by the harness (see targets/bridge-faults.ts), never by app code.
import { test, expect } from './fixtures';
import { signIn } from './journeys';

test.beforeEach(() => {
  const target = (test.info().project.metadata as { target?: string } | undefined)?.target;
  test.skip(target === 'electron', 'bridge faults are put on the harness target’s bridge');
});

test('a render error shows the recovery screen, and Reload brings back the signed-in screen', async ({ app }, testInfo) => {
  await signIn(app, 'recovers@example.com');

  // The next getView answers a view the screens cannot draw (no features): a render error.
  app.faults.next('auth:get-view', {
    kind: 'answer',
    replace: (result) => {
      const answered = result as { ok: boolean; value: Record<string, unknown> };
      return { ...answered, value: { ...answered.value, features: null } };
    },
  });
  await app.page.reload();

  const recovery = app.page.getByTestId('recovery-screen');
  await expect(recovery.getByRole('heading', { name: 'Something went wrong' })).toBeVisible();
  // Main logged the error under its stable code, and the screen names that code for support.
  await expect(app.page.getByTestId('recovery-reference')).toHaveText('renderer-error');
  expect(app.logLines.some((line) => line.includes('the page hit a render error') && line.includes('"code":"renderer-error"'))).toBe(true);
  // No view data went with the report: the person's email is not in it.
  expect(app.logLines.filter((line) => line.includes('render error')).join('\n')).not.toContain('recovers@example.com');
  await app.page.screenshot({ path: testInfo.outputPath('recovery-screen.png') });

  await recovery.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect(recovery.getByRole('status')).toHaveText('Diagnostics copied');
  expect(await app.readClipboard()).toContain('PromptGrimoire');

  await recovery.getByRole('button', { name: 'Reload' }).click();
  await expect(app.page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  await expect(app.page.getByText('recovers@example.com')).toBeVisible();
});

test('a first getView that never answers ends in a timeout message, and Try again recovers', async ({ app }) => {
  await expect(app.page.getByRole('button', { name: 'Send magic link' })).toBeVisible();

  // The page's own timers run on a clock the test moves; nothing here waits in real time.
  await app.page.clock.install();
  app.faults.next('auth:get-view', { kind: 'hang' });
  await app.page.reload();
  await app.page.clock.runFor(400);
  await expect(app.page.getByRole('heading', { name: 'Signing you in…' })).toBeVisible();
  await app.page.clock.runFor(5000);

  await expect(app.page.getByRole('alert')).toContainText('background service is not answering');
  await app.page.getByRole('button', { name: 'Try again' }).click();
  await expect(app.page.getByRole('button', { name: 'Send magic link' })).toBeVisible();
  await expect(app.page.getByRole('alert')).toHaveCount(0);
});

test('a call to Stytch that never answers ends in a timeout message, and Try again runs it again', async ({ app }) => {
  await app.page.clock.install();
  await app.page.reload();
  await app.page.clock.runFor(400);
  await app.page.getByLabel('Email').fill('patient@example.com');
  app.faults.next('auth:send-link', { kind: 'hang' });
  await app.page.getByRole('button', { name: 'Send magic link' }).click();

  // Main's own Stytch timeout (from the view) plus the page's margin.
  await app.page.clock.runFor(15_000 + 5000);
  await expect(app.page.getByRole('alert')).toContainText('taking too long to answer');
  await app.page.getByRole('alert').getByRole('button', { name: 'Try again' }).click();
  await expect(app.page.getByRole('heading', { name: /check your email/i })).toBeVisible();
});

test('an account or diagnostics call that never answers also ends in Try again', async ({ app }) => {
  await app.page.clock.install();
  await app.page.reload();
  await app.page.clock.runFor(400);
  await app.page.getByRole('button', { name: 'Diagnostics' }).click();
  const copy = app.page.getByRole('button', { name: 'Copy diagnostics' });
  await expect(copy).toBeVisible();

  app.faults.next('diagnostics:copy', { kind: 'hang' });
  await copy.click();
  await app.page.clock.runFor(15_000 + 5000);
  const alert = app.page.getByRole('alert');
  await expect(alert).toContainText('taking too long to answer');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(app.page.getByText('Copied')).toBeVisible();
  expect(await app.readClipboard()).toContain('PromptGrimoire diagnostics');
});
