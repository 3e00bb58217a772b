import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desktopEntryIsCurrent, installDesktopEntry, type HandlerQuery } from '../../../main/diagnostics/desktop-entry';
import {
  APPIMAGE_OFFER_KEY,
  decideAppImageOffer,
  offerAppImageIntegration,
  type AppImageOfferDeps,
  type ShowMessageBox,
} from '../../../main/electron/appimage-offer';
import { exited, mapStore, notInstalled, recordingLogger, scriptedRunner } from './stand-ins';

const APPIMAGE = { APPIMAGE: '/home/ana/Apps/PromptGrimoire.AppImage' };
const otherHandler: HandlerQuery = { ok: true, handler: 'electron-dev.desktop', isThisApp: false };

describe('decideAppImageOffer', () => {
  it('offers on an AppImage run, not asked before, when another app or none owns the scheme', () => {
    expect(decideAppImageOffer({ env: APPIMAGE, platform: 'linux', alreadyAsked: undefined, handler: otherHandler, entryCurrent: false })).toEqual({
      offer: true,
      appImage: APPIMAGE.APPIMAGE,
    });
    const none: HandlerQuery = { ok: true, handler: null, isThisApp: false };
    expect(decideAppImageOffer({ env: APPIMAGE, platform: 'linux', alreadyAsked: undefined, handler: none, entryCurrent: false }).offer).toBe(true);
  });

  it('offers when xdg-mime names our entry but the entry is gone or starts another copy', () => {
    const ours: HandlerQuery = { ok: true, handler: 'promptgrimoire.desktop', isThisApp: true };
    expect(decideAppImageOffer({ env: APPIMAGE, platform: 'linux', alreadyAsked: undefined, handler: ours, entryCurrent: false }).offer).toBe(true);
  });

  it.each([
    ['not an AppImage', {}, 'linux', undefined, otherHandler],
    ['not an AppImage', APPIMAGE, 'darwin', undefined, otherHandler],
    ['already asked', APPIMAGE, 'linux', { answer: 'not-now' }, otherHandler],
    ['already the handler', APPIMAGE, 'linux', undefined, { ok: true, handler: 'promptgrimoire.desktop', isThisApp: true }],
    ['xdg-mime is not installed (package xdg-utils)', APPIMAGE, 'linux', undefined, { ok: false, reason: 'xdg-mime is not installed (package xdg-utils)' }],
  ] as const)('does not offer: %s', (why, env, platform, alreadyAsked, handler) => {
    expect(decideAppImageOffer({ env, platform, alreadyAsked, handler, entryCurrent: true })).toEqual({ offer: false, why });
  });
});

describe('offerAppImageIntegration', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'pg-appimage-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  function setUp(answers: number[], runner = scriptedRunner((command, args) => (args[0] === 'query' ? exited(0, 'electron-dev.desktop\n') : exited(0)))) {
    const asked: Array<Parameters<ShowMessageBox>[0]> = [];
    const store = mapStore();
    const { logger, lines } = recordingLogger();
    const deps: AppImageOfferDeps = {
      env: APPIMAGE,
      platform: 'linux',
      homeDir: home,
      store,
      runCommand: runner.run,
      showMessageBox: (options) => {
        asked.push(options);
        return Promise.resolve({ response: answers.shift() ?? 1 });
      },
      logger,
    };
    return { deps, asked, store, lines, calls: runner.calls };
  }

  it('on "Set up", writes the desktop entry, makes it the default and never asks again', async () => {
    const { deps, asked, store, calls } = setUp([0]);
    await expect(offerAppImageIntegration(deps)).resolves.toBe('installed');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ buttons: ['Set up', 'Not now'], defaultId: 0, cancelId: 1 });
    expect(await readFile(join(home, '.local', 'share', 'applications', 'promptgrimoire.desktop'), 'utf8')).toContain(
      'Exec="/home/ana/Apps/PromptGrimoire.AppImage" %U',
    );
    expect(calls).toContain('xdg-mime default promptgrimoire.desktop x-scheme-handler/promptgrimoire');
    expect(store.values.get(APPIMAGE_OFFER_KEY)).toEqual({ answer: 'set-up' });

    await expect(offerAppImageIntegration(deps)).resolves.toBe('not-offered');
    expect(asked).toHaveLength(1);
  });

  it('on "Not now", writes nothing and remembers the answer', async () => {
    const { deps, store, calls } = setUp([1]);
    await expect(offerAppImageIntegration(deps)).resolves.toBe('declined');
    expect(calls).toEqual(['xdg-mime query default x-scheme-handler/promptgrimoire']);
    expect(store.values.get(APPIMAGE_OFFER_KEY)).toEqual({ answer: 'not-now' });
    await expect(offerAppImageIntegration(deps)).resolves.toBe('not-offered');
  });

  it('tells the person when the set-up fails, and logs why', async () => {
    const runner = scriptedRunner((command, args) =>
      args[0] === 'query' ? exited(0, '') : command === 'xdg-mime' ? exited(5, '', 'no writable mimeapps.list\n') : exited(0),
    );
    const { deps, asked, lines } = setUp([0, 0], runner);
    await expect(offerAppImageIntegration(deps)).resolves.toBe('failed');
    expect(asked).toHaveLength(2);
    expect(asked[1]).toMatchObject({ type: 'warning', detail: expect.stringContaining('no writable mimeapps.list') as unknown });
    expect(lines.join('\n')).toContain('desktop integration failed');
  });

  it('does not ask, or run anything, outside an AppImage or without xdg-mime', async () => {
    const plain = setUp([0]);
    await expect(offerAppImageIntegration({ ...plain.deps, env: {} })).resolves.toBe('not-offered');
    expect(plain.calls).toEqual([]);

    const noTools = setUp([0], scriptedRunner(notInstalled));
    await expect(offerAppImageIntegration(noTools.deps)).resolves.toBe('not-offered');
    expect(noTools.asked).toEqual([]);
    expect(noTools.store.values.size).toBe(0);
  });

  it('turns a failing dialog into an outcome, not a rejection', async () => {
    const { deps, lines } = setUp([]);
    const failing = { ...deps, showMessageBox: () => Promise.reject(new Error('no display')) };
    await expect(offerAppImageIntegration(failing)).resolves.toBe('failed');
    expect(lines.join('\n')).toContain('no display');
  });
});

describe('offerAppImageIntegration when the AppImage moved', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'pg-appimage-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('asks again to point our entry at this copy when the old one still owns the scheme', async () => {
    const runner = scriptedRunner((_command, args) => (args[0] === 'query' ? exited(0, 'promptgrimoire.desktop\n') : exited(0)));
    const { logger } = recordingLogger();
    const answers = [0];
    const deps: AppImageOfferDeps = {
      env: APPIMAGE,
      platform: 'linux',
      homeDir: home,
      store: mapStore(),
      runCommand: runner.run,
      showMessageBox: () => Promise.resolve({ response: answers.shift() ?? 1 }),
      logger,
    };
    await installDesktopEntry({ appImagePath: '/home/ana/Downloads/PromptGrimoire-old.AppImage', homeDir: home, runCommand: runner.run });
    expect(await desktopEntryIsCurrent({ appImagePath: APPIMAGE.APPIMAGE, homeDir: home })).toBe(false);
    await expect(offerAppImageIntegration(deps)).resolves.toBe('installed');
    expect(await desktopEntryIsCurrent({ appImagePath: APPIMAGE.APPIMAGE, homeDir: home })).toBe(true);
  });
});
