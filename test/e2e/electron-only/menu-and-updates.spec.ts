// The application menu and the updater wiring in the real app: the electron project only
// (the harness has no application menu), which skips where the Electron binary is absent. A test run is a development run with no packaged
// app-config, so updates are off: no "Check for Updates…", and the page's update view is idle.
import type { GrimoireApi } from '../../../preload/api';
import { test, expect } from '../fixtures';

test('the menu has Edit and Help → Diagnostics, and no "Check for Updates…" while updates are off', async ({ app }) => {
  await expect(app.page.getByLabel('Email')).toBeVisible();
  const outline = (await app.mainMenu?.outline()) ?? [];
  const labels = outline.map((menu) => menu.label);
  expect(labels).toContain('Edit');
  expect(labels).toContain('Help');
  expect(outline.find((menu) => menu.label === 'Help')?.items).toEqual(expect.arrayContaining(['Diagnostics', 'PromptGrimoire Documentation']));
  expect(outline.flatMap((menu) => menu.items)).not.toContain('Check for Updates…');
  if (process.platform === 'darwin') expect(labels[0]).toBe('PromptGrimoire');
  else expect(labels[0]).toBe('File');
});

test('Help → Diagnostics opens diagnostics in the window, which reports updates off', async ({ app }) => {
  await expect(app.page.getByLabel('Email')).toBeVisible();
  await app.mainMenu?.click('Help', 'Diagnostics');
  await expect(app.page.getByRole('heading', { name: 'Diagnostics' })).toBeVisible();
  await expect(app.page.getByTestId('updates-status')).toContainText('Off');
});

test('the update channels answer through the real IPC, and nothing is offered', async ({ app }) => {
  await expect(app.page.getByLabel('Email')).toBeVisible();
  const answers = await app.page.evaluate(async () => {
    const api = (window as unknown as { grimoire: GrimoireApi }).grimoire;
    return { view: await api.getUpdate(), restart: await api.restartToUpdate(), download: await api.downloadUpdate() };
  });
  expect(answers.view).toEqual({ ok: true, value: { status: 'idle', version: null, percent: null, notice: null } });
  expect(answers.restart).toMatchObject({ ok: false, code: 'updates-off' });
  expect(answers.download).toMatchObject({ ok: false, code: 'updates-off' });
  await expect(app.page.getByTestId('update-banner')).toHaveCount(0);
});
