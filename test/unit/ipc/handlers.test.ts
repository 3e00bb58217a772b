// The IPC table: one handler per channel, payloads parsed before any service sees them,
// thrown errors turned into results. The services are small real objects that record calls.
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGE_MAX_LENGTH, ERROR_STACK_MAX_LENGTH, INVOKE_CHANNELS, type AccountView, type AuthView, type DeviceLinkView, type DiagnosticsView, type IpcResult, type UpdateView } from '../../../preload/api';
import type { AppCore } from '../../../main/app-core';
import { createIpcHandlers, RENDERER_ERROR_CODE, type IpcServices } from '../../../main/ipc/handlers';
import type { AccountService, DiagnosticsService } from '../../../main/services';
import { signedOutView } from '../../fixtures/auth-views';
import { recordingLogger } from '../electron/stand-ins';

const VIEW: AuthView = signedOutView();

const ACCOUNT: AccountView = {
  email: 'a@example.com',
  name: null,
  sessionStartedAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-01-08T00:00:00.000Z',
  sessions: [],
  pendingInvites: [],
};

const DEVICE_LINK: DeviceLinkView = { maskedLink: 'promptgrimoire://auth/callback?token=abcd••••', expiresAt: '2026-01-01T00:10:00.000Z' };

const DIAGNOSTICS: DiagnosticsView = {
  appVersion: '0.0.0',
  channel: 'development',
  platform: 'linux',
  protocolHandler: { isDefault: true, currentHandler: null, canFix: false },
  storage: { backend: 'file', encrypted: true },
  stytch: { target: 'emulator', reachable: true, latencyMs: 1, detail: null },
  logFilePath: null,
  crashReports: { enabled: false, server: null },
  updates: { mode: 'off', lastCheck: null },
  report: '',
};

/** Records each call as `name(args)`; answers its canned value, or throws when `fail`. */
function recorder(calls: string[], fail: boolean) {
  return <T>(name: string, value: T) =>
    (...args: unknown[]): Promise<T> => {
      calls.push(`${name}(${args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg) ?? '')).join(',')})`);
      return fail ? Promise.reject(new Error('boom')) : Promise.resolve(value);
    };
}

const UPDATE: UpdateView = { status: 'ready', version: '1.1.0', percent: null, notice: null };

function services(calls: string[], fail = false): IpcServices {
  const answer = recorder(calls, fail);
  const core: AppCore = {
    start: () => Promise.resolve(),
    view: () => VIEW,
    onView: () => () => undefined,
    sendLink: answer('sendLink', VIEW),
    resend: answer('resend', VIEW),
    submitLink: answer('submitLink', VIEW),
    confirmLink: answer('confirmLink', VIEW),
    cancelLink: answer('cancelLink', VIEW),
    startOver: answer('startOver', VIEW),
    dismissNotice: answer('dismissNotice', VIEW),
    signOut: answer('signOut', VIEW),
    handleDeepLink: () => Promise.resolve(),
    noteActivity: () => undefined,
    dispose: () => Promise.resolve(),
  };
  const accountResult: IpcResult<AccountView> = { ok: true, value: ACCOUNT };
  const linkResult: IpcResult<DeviceLinkView> = { ok: true, value: DEVICE_LINK };
  const account: AccountService = {
    get: answer('account.get', accountResult),
    signOutOtherSessions: answer('account.signOutOtherSessions', accountResult),
    createDeviceLink: answer('account.createDeviceLink', linkResult),
    copyDeviceLink: answer('account.copyDeviceLink', linkResult),
    invite: answer('account.invite', accountResult),
    revokeInvite: answer('account.revokeInvite', accountResult),
  };
  const diagnosticsResult: IpcResult<DiagnosticsView> = { ok: true, value: DIAGNOSTICS };
  const diagnostics: DiagnosticsService = {
    get: answer('diagnostics.get', diagnosticsResult),
    copy: answer('diagnostics.copy', diagnosticsResult),
    fixProtocolHandler: answer('diagnostics.fixProtocolHandler', diagnosticsResult),
    revealLogFile: answer('diagnostics.revealLogFile', diagnosticsResult),
  };
  const updateResult: IpcResult<UpdateView> = { ok: true, value: UPDATE };
  const updates: IpcServices['updates'] = {
    view: () => UPDATE,
    download: answer('updates.download', updateResult),
    restart: answer('updates.restart', updateResult),
    dismissNotice: () => UPDATE,
  };
  return { core, account, diagnostics, updates };
}

describe('createIpcHandlers', () => {
  it('has one handler per channel and passes parsed payloads to the core', async () => {
    const calls: string[] = [];
    const handlers = createIpcHandlers(services(calls));
    expect(Object.keys(handlers).sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
    expect(await handlers[INVOKE_CHANNELS.sendLink]({ email: 'a@example.com' })).toEqual({ ok: true, value: VIEW });
    await handlers[INVOKE_CHANNELS.submitLink]({ link: 'promptgrimoire://x' });
    await handlers[INVOKE_CHANNELS.signOut](undefined);
    await handlers[INVOKE_CHANNELS.confirmLink](undefined);
    await handlers[INVOKE_CHANNELS.cancelLink](undefined);
    expect(calls).toEqual(['sendLink(a@example.com)', 'submitLink(promptgrimoire://x)', 'signOut()', 'confirmLink()', 'cancelLink()']);
  });

  it('passes account and diagnostics results through unchanged', async () => {
    const calls: string[] = [];
    const handlers = createIpcHandlers(services(calls));
    const C = INVOKE_CHANNELS;
    expect(await handlers[C.getAccount](undefined)).toEqual({ ok: true, value: ACCOUNT });
    expect(await handlers[C.createDeviceLink](undefined)).toEqual({ ok: true, value: DEVICE_LINK });
    await handlers[C.copyDeviceLink](undefined);
    await handlers[C.signOutOtherSessions](undefined);
    await handlers[C.inviteUser]({ email: 'b@example.com', firstName: 'Bea', lastName: '' });
    await handlers[C.revokeInvite]({ email: 'b@example.com' });
    expect(await handlers[C.getDiagnostics](undefined)).toEqual({ ok: true, value: DIAGNOSTICS });
    await handlers[C.copyDiagnostics](undefined);
    expect(calls).toEqual([
      'account.get()',
      'account.createDeviceLink()',
      'account.copyDeviceLink()',
      'account.signOutOtherSessions()',
      'account.invite({"email":"b@example.com","firstName":"Bea","lastName":""})',
      'account.revokeInvite(b@example.com)',
      'diagnostics.get()',
      'diagnostics.copy()',
    ]);
  });

  it('rejects malformed payloads with a stable code and never calls a service', async () => {
    const calls: string[] = [];
    const handlers = createIpcHandlers(services(calls));
    const C = INVOKE_CHANNELS;
    for (const payload of [undefined, { email: 5 }, { email: 'a@b.co', extra: 1 }, { email: 'x'.repeat(300) }]) {
      expect(await handlers[C.sendLink](payload)).toMatchObject({ ok: false, code: 'invalid-payload' });
    }
    expect(await handlers[C.resend]({ sneaky: true })).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(await handlers[C.inviteUser]({ email: 'b@example.com' })).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(await handlers[C.revokeInvite]('b@example.com')).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(await handlers[C.createDeviceLink]({ minutes: 60 })).toMatchObject({ ok: false, code: 'invalid-payload' });
    // Confirm and cancel take nothing: a page cannot name an email or a session to continue as.
    expect(await handlers[C.confirmLink]({ email: 'attacker@example.com' })).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(await handlers[C.cancelLink]('now')).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(calls).toEqual([]);
  });

  it('passes update results through, and the page cannot name a version, a feed or a file to install', async () => {
    const calls: string[] = [];
    const handlers = createIpcHandlers(services(calls));
    const C = INVOKE_CHANNELS;
    expect(await handlers[C.getUpdate](undefined)).toEqual({ ok: true, value: UPDATE });
    expect(await handlers[C.restartToUpdate](undefined)).toEqual({ ok: true, value: UPDATE });
    expect(await handlers[C.dismissUpdateNotice](undefined)).toEqual({ ok: true, value: UPDATE });
    for (const payload of [{ url: 'https://evil.example.net/feed' }, { version: '9.9.9' }, '/tmp/evil.AppImage']) {
      expect(await handlers[C.downloadUpdate](payload)).toMatchObject({ ok: false, code: 'invalid-payload' });
      expect(await handlers[C.restartToUpdate](payload)).toMatchObject({ ok: false, code: 'invalid-payload' });
    }
    await handlers[C.downloadUpdate](undefined);
    expect(calls).toEqual(['updates.restart()', 'updates.download()']);
  });

  it('turns a thrown error into a result', async () => {
    const handlers = createIpcHandlers(services([], true));
    expect(await handlers[INVOKE_CHANNELS.startOver](undefined)).toMatchObject({ ok: false, code: 'internal-error' });
    expect(await handlers[INVOKE_CHANNELS.copyDeviceLink](undefined)).toMatchObject({ ok: false, code: 'internal-error' });
  });
});

describe('the render-error report', () => {
  const C = INVOKE_CHANNELS;
  const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

  it('logs message and stack under a stable code, redacted by the logger', async () => {
    const { logger, lines } = recordingLogger();
    const handlers = createIpcHandlers(services([]), logger);
    const report = { message: `Cannot read properties of null (session_jwt=${JWT})`, stack: `TypeError\n    at SignedInScreen (app://renderer/assets/index.js:1:2)` };
    expect(await handlers[C.reportRendererError](report)).toEqual({ ok: true, value: { code: RENDERER_ERROR_CODE } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('error the page hit a render error');
    expect(lines[0]).toContain(`"code":"${RENDERER_ERROR_CODE}"`);
    expect(lines[0]).toContain('SignedInScreen');
    expect(lines[0]).not.toContain(JWT);
  });

  it('refuses oversized, partial, extra-keyed and garbage reports without logging them', async () => {
    const { logger, lines } = recordingLogger();
    const handlers = createIpcHandlers(services([]), logger);
    const refused = [
      undefined,
      'boom',
      { message: 'boom' },
      { message: 'boom', stack: null },
      { message: 'x'.repeat(ERROR_MESSAGE_MAX_LENGTH + 1), stack: '' },
      { message: 'boom', stack: 'x'.repeat(ERROR_STACK_MAX_LENGTH + 1) },
      { message: 'boom', stack: '', view: signedOutView() },
      { message: 42, stack: '' },
    ];
    for (const payload of refused) {
      expect(await handlers[C.reportRendererError](payload)).toMatchObject({ ok: false, code: 'invalid-payload' });
    }
    // Only the one-line refusal notes, never the refused text itself.
    expect(lines.every((line) => line.startsWith('warn rejected an IPC payload'))).toBe(true);
    expect(lines.join('\n')).not.toContain('x'.repeat(100));
    expect(await handlers[C.reportRendererError]({ message: 'x'.repeat(ERROR_MESSAGE_MAX_LENGTH), stack: '' })).toMatchObject({ ok: true });
  });
});
