import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, PUSH_CHANNELS, type AuthView, type InvokeChannel } from '../../../preload/api';
import {
  createSenderCheck,
  FORBIDDEN_SENDER,
  INTERNAL_ERROR,
  pushViewChanges,
  registerIpcHandlers,
  type InvokeEventLike,
  type InvokeHandlers,
  type TrustedWindow,
} from '../../../main/electron/ipc';
import { FakeIpcMain, recordingLogger, SIGNED_OUT_VIEW, TOKEN } from './stand-ins';

const OUR_WINDOW: TrustedWindow = { webContents: { id: 7, mainFrame: { processId: 3, routingId: 1 } } };

function event(overrides: { id?: number; origin?: string; processId?: number; routingId?: number; parent?: object | null; frame?: null }): InvokeEventLike {
  return {
    sender: { id: overrides.id ?? 7 },
    senderFrame:
      overrides.frame === null
        ? null
        : {
            origin: overrides.origin ?? 'app://renderer',
            processId: overrides.processId ?? 3,
            routingId: overrides.routingId ?? 1,
            parent: overrides.parent ?? null,
          },
  };
}

// Sign-in channels answer with a view; the others with a refusal, which fits any channel.
const answersView = () => vi.fn((_payload: unknown) => Promise.resolve({ ok: true as const, value: SIGNED_OUT_VIEW }));
const refuses = () =>
  vi.fn((_payload: unknown) => Promise.resolve({ ok: false as const, code: 'unavailable', message: 'Not part of this test.' }));

function handlerTable(): InvokeHandlers {
  const C = INVOKE_CHANNELS;
  return {
    [C.getView]: answersView(),
    [C.sendLink]: answersView(),
    [C.resend]: answersView(),
    [C.submitLink]: answersView(),
    [C.confirmLink]: answersView(),
    [C.cancelLink]: answersView(),
    [C.startOver]: answersView(),
    [C.dismissNotice]: answersView(),
    [C.signOut]: answersView(),
    [C.getAccount]: refuses(),
    [C.signOutOtherSessions]: refuses(),
    [C.createDeviceLink]: refuses(),
    [C.copyDeviceLink]: refuses(),
    [C.inviteUser]: refuses(),
    [C.revokeInvite]: refuses(),
    [C.getDiagnostics]: refuses(),
    [C.copyDiagnostics]: refuses(),
    [C.fixProtocolHandler]: refuses(),
    [C.revealLogFile]: refuses(),
    [C.reportRendererError]: refuses(),
    [C.getUpdate]: refuses(),
    [C.downloadUpdate]: refuses(),
    [C.restartToUpdate]: refuses(),
    [C.dismissUpdateNotice]: refuses(),
  };
}

describe('sender check', () => {
  const check = createSenderCheck({ window: () => OUR_WINDOW, allowedOrigins: ['app://renderer'] });

  it('accepts the main frame of our window on app://renderer', () => {
    expect(check(event({}))).toBe(true);
  });

  it('rejects another origin, another frame, another window, a subframe and a vanished frame', () => {
    expect(check(event({ origin: 'https://evil.example' }))).toBe(false);
    expect(check(event({ origin: 'file://' }))).toBe(false);
    expect(check(event({ origin: 'null' }))).toBe(false);
    expect(check(event({ routingId: 9 }))).toBe(false);
    expect(check(event({ processId: 4 }))).toBe(false);
    expect(check(event({ id: 8 }))).toBe(false);
    expect(check(event({ parent: {} }))).toBe(false);
    expect(check(event({ frame: null }))).toBe(false);
  });

  it('rejects everything while there is no window', () => {
    expect(createSenderCheck({ window: () => null, allowedOrigins: ['app://renderer'] })(event({}))).toBe(false);
  });

  it('accepts the dev server origin only when it is listed', () => {
    const dev = createSenderCheck({ window: () => OUR_WINDOW, allowedOrigins: ['app://renderer', 'http://localhost:5173'] });
    expect(dev(event({ origin: 'http://localhost:5173' }))).toBe(true);
    expect(check(event({ origin: 'http://localhost:5173' }))).toBe(false);
  });
});

describe('registerIpcHandlers', () => {
  function setUp() {
    const ipcMain = new FakeIpcMain();
    const handlers = handlerTable();
    const { logger, lines } = recordingLogger();
    const check = createSenderCheck({ window: () => OUR_WINDOW, allowedOrigins: ['app://renderer'] });
    const dispose = registerIpcHandlers(ipcMain, handlers, check, logger);
    const invoke = (channel: InvokeChannel, e: InvokeEventLike, payload?: unknown) => {
      const listener = ipcMain.handlers.get(channel);
      if (!listener) throw new Error(`no handler for ${channel}`);
      return listener(e, payload);
    };
    return { ipcMain, handlers, lines, dispose, invoke };
  }

  it('registers every invoke channel once and removes them all on dispose', () => {
    const { ipcMain, dispose } = setUp();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes our own requests to the handler table', async () => {
    const { handlers, invoke } = setUp();
    const result = await invoke(INVOKE_CHANNELS.sendLink, event({}), { email: 'a@example.com' });
    expect(result).toEqual({ ok: true, value: SIGNED_OUT_VIEW });
    expect(handlers[INVOKE_CHANNELS.sendLink]).toHaveBeenCalledWith({ email: 'a@example.com' });
  });

  it('routes the account and diagnostics channels through the same sender check', async () => {
    const { invoke } = setUp();
    expect(await invoke(INVOKE_CHANNELS.getDiagnostics, event({}))).toEqual({ ok: false, code: 'unavailable', message: 'Not part of this test.' });
    expect(await invoke(INVOKE_CHANNELS.getDiagnostics, event({ origin: 'https://evil.example' }))).toEqual(FORBIDDEN_SENDER);
  });

  it('refuses a foreign sender before the handler runs, with a redacted log line', async () => {
    const { handlers, invoke, lines } = setUp();
    const result = await invoke(INVOKE_CHANNELS.submitLink, event({ origin: 'https://evil.example', parent: {} }), {
      link: `promptgrimoire://auth/callback?stytch_token_type=magic_links&token=${TOKEN}`,
    });
    expect(result).toEqual(FORBIDDEN_SENDER);
    expect(handlers[INVOKE_CHANNELS.submitLink]).not.toHaveBeenCalled();
    const log = lines.join('\n');
    expect(log).toContain('forbidden');
    expect(log).toContain('https://evil.example');
    expect(log).not.toContain(TOKEN);
  });

  it('turns a thrown error into a result with a stable code', async () => {
    const { handlers, invoke, lines } = setUp();
    vi.mocked(handlers[INVOKE_CHANNELS.signOut]).mockRejectedValueOnce(new Error('kaput'));
    expect(await invoke(INVOKE_CHANNELS.signOut, event({}))).toEqual(INTERNAL_ERROR);
    expect(lines.join('\n')).toContain('kaput');
  });
});

describe('view pushes', () => {
  it('sends each view to the window and stops after unsubscribe', () => {
    let listener: ((view: AuthView) => void) | null = null;
    const core = {
      onView: (l: (view: AuthView) => void) => {
        listener = l;
        return () => {
          listener = null;
        };
      },
    };
    const sent: Array<[string, unknown]> = [];
    let destroyed = false;
    const contents = { send: (channel: string, ...args: unknown[]) => void sent.push([channel, args[0]]), isDestroyed: () => destroyed };
    const stop = pushViewChanges(core, () => contents);
    listener!(SIGNED_OUT_VIEW);
    destroyed = true;
    listener!(SIGNED_OUT_VIEW);
    expect(sent).toEqual([[PUSH_CHANNELS.viewChanged, SIGNED_OUT_VIEW]]);
    stop();
    expect(listener).toBeNull();
  });
});
