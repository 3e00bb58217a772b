import { isAbsolute, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_SCHEME,
  claimSingleInstance,
  deliverColdStartLink,
  linkFromArgv,
  listenForDeepLinks,
  registerProtocolClient,
} from '../../../main/electron/deep-link-delivery';
import { DeepLinkInbox, MAX_BUFFERED_LINKS } from '../../../main/electron/deep-link-inbox';
import { createWindowKeeper } from '../../../main/electron/window';
import { CALLBACK, FakeApp, FakeWindow, fakeEvent } from './stand-ins';

function recordingSink() {
  const received: string[] = [];
  return { received, sink: { handleDeepLink: (url: string) => (received.push(url), Promise.resolve()) } };
}

describe('DeepLinkInbox', () => {
  it('buffers links until the core is attached, then delivers them in order', () => {
    const inbox = new DeepLinkInbox();
    inbox.deliver('promptgrimoire://auth/callback?a');
    inbox.deliver('promptgrimoire://auth/callback?b');
    expect(inbox.buffered).toBe(2);
    const { received, sink } = recordingSink();
    inbox.attach(sink, () => {});
    expect(received).toEqual(['promptgrimoire://auth/callback?a', 'promptgrimoire://auth/callback?b']);
    inbox.deliver('promptgrimoire://auth/callback?c');
    expect(received).toHaveLength(3);
    expect(inbox.buffered).toBe(0);
  });

  it('keeps only the newest links when flooded before start-up', () => {
    const inbox = new DeepLinkInbox();
    for (let i = 0; i < MAX_BUFFERED_LINKS + 5; i += 1) inbox.deliver(`link-${i}`);
    const { received, sink } = recordingSink();
    inbox.attach(sink, () => {});
    expect(received).toHaveLength(MAX_BUFFERED_LINKS);
    expect(received.at(-1)).toBe(`link-${MAX_BUFFERED_LINKS + 4}`);
  });

  it('reports a rejected delivery instead of leaving an unhandled rejection', async () => {
    const inbox = new DeepLinkInbox();
    const onError = vi.fn();
    inbox.attach({ handleDeepLink: () => Promise.reject(new Error('boom')) }, onError);
    inbox.deliver(CALLBACK);
    await vi.waitFor(() => expect(onError).toHaveBeenCalledOnce());
  });
});

describe('open-url (macOS)', () => {
  it('is heard before ready, buffered, and delivered once the core attaches', () => {
    const app = new FakeApp();
    const inbox = new DeepLinkInbox();
    const windows: FakeWindow[] = [];
    const keeper = createWindowKeeper(() => {
      const win = new FakeWindow();
      windows.push(win);
      return win;
    });
    listenForDeepLinks(app, { inbox, reveal: keeper.reveal });

    const event = fakeEvent();
    app.emit('open-url', event, CALLBACK);
    expect(event.defaultPrevented).toBe(true);
    expect(inbox.buffered).toBe(1);
    expect(windows).toHaveLength(0); // no window can exist before ready

    keeper.markReady();
    expect(windows).toHaveLength(1); // the early reveal is honoured once ready
    const { received, sink } = recordingSink();
    inbox.attach(sink, () => {});
    expect(received).toEqual([CALLBACK]);
  });

  it('drops the slash a browser appended to the whole URL', () => {
    const app = new FakeApp();
    const inbox = new DeepLinkInbox();
    const { received, sink } = recordingSink();
    inbox.attach(sink, () => {});
    listenForDeepLinks(app, { inbox, reveal: () => {} });
    app.emit('open-url', fakeEvent(), `${CALLBACK}/`);
    expect(received).toEqual([CALLBACK]);
  });
});

describe('second-instance (Windows and Linux)', () => {
  function setUp() {
    const app = new FakeApp();
    const inbox = new DeepLinkInbox();
    const { received, sink } = recordingSink();
    inbox.attach(sink, () => {});
    const win = new FakeWindow();
    const keeper = createWindowKeeper(() => win);
    keeper.markReady();
    keeper.open();
    listenForDeepLinks(app, { inbox, reveal: keeper.reveal });
    return { app, received, win };
  }

  it('finds the link in a Windows argv among the exe, the app path and Chromium flags', () => {
    const { app, received } = setUp();
    const argv = [
      'C:\\Program Files\\PromptGrimoire\\PromptGrimoire.exe',
      '--allow-file-access-from-files',
      '--original-process-start-time=13350000000000000',
      CALLBACK,
    ];
    app.emit('second-instance', fakeEvent(), argv, 'C:\\Users\\me', {});
    expect(received).toEqual([CALLBACK]);
  });

  it('finds the link in a Linux development argv and strips a trailing slash', () => {
    const { app, received } = setUp();
    const argv = ['/usr/lib/electron/electron', '/home/me/app/out/main/index.js', '--no-sandbox', `${CALLBACK}/`];
    app.emit('second-instance', fakeEvent(), argv, '/home/me', {});
    expect(received).toEqual([CALLBACK]);
  });

  it('ignores junk arguments and delivers nothing when there is no link, but still shows the window', () => {
    const { app, received, win } = setUp();
    win.minimized = true;
    app.emit('second-instance', fakeEvent(), ['/opt/PromptGrimoire/promptgrimoire', '--foo', 'https://example.com/', ''], '/', {});
    expect(received).toEqual([]);
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('restores, shows and focuses a minimised window when a link arrives', () => {
    const { app, received, win } = setUp();
    win.minimized = true;
    app.emit('second-instance', fakeEvent(), ['promptgrimoire', CALLBACK], '/', {});
    expect(received).toEqual([CALLBACK]);
    expect(win.minimized).toBe(false);
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('opens a new window when the last one was closed', () => {
    const app = new FakeApp();
    const inbox = new DeepLinkInbox();
    const created: FakeWindow[] = [];
    const keeper = createWindowKeeper(() => {
      const win = new FakeWindow();
      created.push(win);
      return win;
    });
    keeper.markReady();
    keeper.open();
    created[0]!.destroyed = true;
    listenForDeepLinks(app, { inbox, reveal: keeper.reveal });
    app.emit('second-instance', fakeEvent(), [CALLBACK], '/', {});
    expect(created).toHaveLength(2);
    expect(keeper.current()).toBe(created[1]);
  });

  it('hands a link that is not a valid callback to the core as is, so the core logs the refusal', () => {
    expect(linkFromArgv(['x', 'promptgrimoire://auth/callback?token=short'])).toBe('promptgrimoire://auth/callback?token=short');
    expect(linkFromArgv(['x', '--flag'])).toBeNull();
  });
});

describe('single instance and protocol client', () => {
  it('quits at once when the lock is refused', () => {
    const app = new FakeApp();
    app.lockGranted = false;
    expect(claimSingleInstance(app)).toBe(false);
    expect(app.quitCalls).toBe(1);
  });

  it('keeps running when it holds the lock', () => {
    const app = new FakeApp();
    expect(claimSingleInstance(app)).toBe(true);
    expect(app.quitCalls).toBe(0);
  });

  it('registers the bare scheme when packaged', () => {
    const app = new FakeApp();
    registerProtocolClient(app, { defaultApp: false, execPath: '/opt/app/promptgrimoire', argv: ['/opt/app/promptgrimoire'] });
    expect(app.protocolClients).toEqual([{ protocol: APP_SCHEME, path: undefined, args: undefined }]);
  });

  it('registers Electron plus the absolute script path in development', () => {
    const app = new FakeApp();
    registerProtocolClient(app, { defaultApp: true, execPath: '/x/electron', argv: ['/x/electron', 'out/main/index.js'] });
    expect(app.protocolClients[0]?.path).toBe('/x/electron');
    const script = app.protocolClients[0]?.args?.[0] ?? '';
    expect(isAbsolute(script)).toBe(true);
    expect(script.endsWith(join('out', 'main', 'index.js'))).toBe(true);
  });
});

describe('cold start', () => {
  it('delivers the link from the first process argv once the core is ready', () => {
    const inbox = new DeepLinkInbox();
    expect(deliverColdStartLink(inbox, ['/opt/PromptGrimoire/promptgrimoire', '--no-sandbox', CALLBACK])).toBe(true);
    expect(deliverColdStartLink(inbox, ['/opt/PromptGrimoire/promptgrimoire'])).toBe(false);
    const { received, sink } = recordingSink();
    inbox.attach(sink, () => {});
    expect(received).toEqual([CALLBACK]);
  });
});
