import { describe, expect, it, vi } from 'vitest';
import { denyAllPermissions, guardWebContents, isAllowedExternalUrl, mainWindowOptions } from '../../../main/electron/window';
import { FakeContents, FakeSession, fakeEvent, recordingLogger, TOKEN } from './stand-ins';

function guarded() {
  const contents = new FakeContents();
  const openExternal = vi.fn((_url: string) => Promise.resolve());
  const { logger, lines } = recordingLogger();
  guardWebContents(contents, { openExternal, logger });
  return { contents, openExternal, lines };
}

describe('window options', () => {
  it('sandboxes the page, isolates its context and gives it no Node', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs');
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });
});

describe('navigation and popups', () => {
  it('denies navigation away, and does not open a site that is not allowlisted', () => {
    const { contents, openExternal, lines } = guarded();
    const event = fakeEvent({ url: `https://evil.example/steal?token=${TOKEN}` });
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
    expect(lines.join('\n')).toContain('https://evil.example');
    expect(lines.join('\n')).not.toContain(TOKEN);
  });

  it('sends an allowlisted https navigation to the browser instead', () => {
    const { contents, openExternal } = guarded();
    const event = fakeEvent({ url: 'https://promptgrimoire.com/help' });
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://promptgrimoire.com/help');
  });

  it('denies window.open, opening only allowlisted links externally', () => {
    const { contents, openExternal } = guarded();
    expect(contents.windowOpenHandler?.({ url: 'https://stytch.com/privacy' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'http://stytch.com/privacy' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://stytch.com/privacy']]);
  });

  it('refuses to attach a webview', () => {
    const { contents } = guarded();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example' });
    expect(event.defaultPrevented).toBe(true);
  });

  it('allowlists https on the listed hosts and their subdomains only', () => {
    expect(isAllowedExternalUrl('https://promptgrimoire.com/')).toBe(true);
    expect(isAllowedExternalUrl('https://docs.promptgrimoire.com/x')).toBe(true);
    expect(isAllowedExternalUrl('https://promptgrimoire.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://evilpromptgrimoire.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@stytch.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://stytch.com:8443/')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    const session = new FakeSession();
    const { logger } = recordingLogger();
    denyAllPermissions(session, logger);
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
      const callback = vi.fn();
      session.request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.check?.({}, permission)).toBe(false);
    }
  });
});
