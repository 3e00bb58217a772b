// Security gate: Electron's security checklist, item by item, against the real adapter
// modules (typed stand-ins for Electron's objects) and the real electron-builder.yml read
// by electron-builder's own loader. A regression in any of them fails here by name.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRendererProtocolHandler, PRIVILEGED_SCHEMES } from '../../../main/electron/renderer-protocol';
import { denyAllPermissions, guardWebContents, mainWindowOptions } from '../../../main/electron/window';
import { FakeContents, FakeSession, fakeEvent, recordingLogger } from '../electron/stand-ins';

// Every permission name Electron's handlers can be asked about (Electron 45 docs).
const PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'fullscreen',
  'geolocation',
  'idle-detection',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'notifications',
  'pointerLock',
  'keyboardLock',
  'openExternal',
  'speaker-selection',
  'storage-access',
  'top-level-storage-access',
  'window-management',
  'unknown',
  'fileSystem',
  'hid',
  'serial',
  'usb',
  'deprecated-sync-clipboard-read',
];

const HOSTILE_URLS = [
  'https://evil.example/',
  'http://promptgrimoire.com/',
  'file:///etc/passwd',
  'app://renderer/index.html',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'promptgrimoire://auth/callback?token=x',
  'about:blank',
  'chrome://settings',
];

describe('checklist: the window (isolation, sandbox, no Node)', () => {
  const prefs = mainWindowOptions('/app/out/preload/index.cjs').webPreferences ?? {};

  it.each([
    ['sandbox', true],
    ['contextIsolation', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInSubFrames', false],
    ['nodeIntegrationInWorker', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['navigateOnDragDrop', false],
  ] as const)('webPreferences.%s is %s', (key, value) => {
    expect(prefs[key]).toBe(value);
  });

  it('has no developer tools in an installed app, and keeps them for a development run', () => {
    expect(prefs.devTools).toBe(false);
    expect(mainWindowOptions('/app/out/preload/index.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('enables no experimental or Blink features', () => {
    expect(prefs.experimentalFeatures).not.toBe(true);
    expect(prefs.enableBlinkFeatures).toBeUndefined();
  });

  it('serves the page from the privileged app:// scheme, not file://', () => {
    expect(PRIVILEGED_SCHEMES.map((s) => s.scheme)).toEqual(['app']);
    expect(PRIVILEGED_SCHEMES[0]?.privileges).toMatchObject({ standard: true, secure: true });
    expect(PRIVILEGED_SCHEMES[0]?.privileges?.bypassCSP).not.toBe(true);
  });
});

describe('checklist: permissions, navigation, new windows, webviews', () => {
  it(`the permission request handler denies all ${PERMISSIONS.length} permissions, and the check handler too`, () => {
    const session = new FakeSession();
    denyAllPermissions(session, recordingLogger().logger);
    expect(session.request).not.toBeNull();
    expect(session.check).not.toBeNull();
    for (const permission of PERMISSIONS) {
      const callback = vi.fn();
      session.request?.({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
      expect(session.check?.({}, permission), permission).toBe(false);
    }
  });

  it('every navigation is prevented, every window.open denied, every webview refused', () => {
    const contents = new FakeContents();
    const openExternal = vi.fn((_url: string) => Promise.resolve());
    guardWebContents(contents, { openExternal, logger: recordingLogger().logger });
    for (const url of [...HOSTILE_URLS, 'https://promptgrimoire.com/help']) {
      const event = fakeEvent({ url });
      contents.emit('will-navigate', event);
      expect(event.defaultPrevented, url).toBe(true);
      expect(contents.windowOpenHandler?.({ url }), url).toEqual({ action: 'deny' });
    }
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview, {}, { src: 'https://evil.example' });
    expect(webview.defaultPrevented).toBe(true);
    // Only the allowlisted https page left the app, and only through the browser.
    expect(new Set(openExternal.mock.calls.map(([url]) => url))).toEqual(new Set(['https://promptgrimoire.com/help']));
  });
});

describe('checklist: the Content-Security-Policy of app://renderer', () => {
  let root: string;
  let directives: Map<string, string[]>;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'csp-'));
    await writeFile(join(root, 'index.html'), '<!doctype html>');
    const response = await createRendererProtocolHandler(root)(new Request('app://renderer/index.html'));
    const header = response.headers.get('content-security-policy') ?? '';
    directives = new Map(
      header
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const [name = '', ...values] = d.split(/\s+/);
          return [name, values] as const;
        }),
    );
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is sent, and falls back to nothing', () => {
    expect(directives.size).toBeGreaterThan(0);
    expect(directives.get('default-src')).toEqual(["'none'"]);
  });

  it.each(['object-src', 'base-uri', 'frame-ancestors', 'form-action'])("%s is 'none'", (name) => {
    expect(directives.get(name)).toEqual(["'none'"]);
  });

  it('allows no inline script, no eval and no remote origin in any directive', () => {
    for (const [name, values] of directives) {
      for (const value of values) {
        expect(value, name).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|unsafe-hashes|strict-dynamic/);
        expect(value, name).not.toMatch(/^(\*|https?:|wss?:|blob:|filesystem:)/);
        expect(value, name).not.toMatch(/^[a-z0-9.-]+\.[a-z]{2,}/i);
      }
    }
    // data: only for images (inline SVG icons), never for scripts, frames or objects.
    for (const [name, values] of directives) if (name !== 'img-src') expect(values, name).not.toContain('data:');
  });

  it('scripts come only from the app itself', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
  });
});

describe('checklist: fuses in electron-builder.yml', () => {
  let config: Configuration;
  beforeAll(async () => {
    // electron-builder's own loader, the way `electron-builder` finds and reads the file.
    config = await getConfig(process.cwd(), null, null);
  });

  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableCookieEncryption', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['grantFileProtocolExtraPrivileges', false],
  ] as const)('%s is %s', (fuse, value) => {
    expect(config.electronFuses?.[fuse]).toBe(value);
  });

  it('packs the app into an asar (what the integrity and asar-only fuses check)', () => {
    expect(config.asar).toBe(true);
  });
});
