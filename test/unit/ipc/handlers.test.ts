// The IPC endpoints over the handler map: one per channel, payloads parsed before any
// service sees them, thrown errors turned into results. The services are small real
// objects that record calls.
import { describe, expect, it } from 'vitest';
import {
  ERROR_MESSAGE_MAX_LENGTH,
  ERROR_STACK_MAX_LENGTH,
  INVOKE_CONTRACT,
  type AccountView,
  type AuthView,
  type DeviceLinkView,
  type DiagnosticsView,
  type InvokeMethod,
  type IpcResult,
  type UpdateView,
} from '../../../preload/api';
import type { AppCore } from '../../../main/app-core';
import type { Logger } from '../../../common/ports';
import { createIpcEndpoints, type IpcEndpoint } from '../../../main/ipc/endpoints';
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
  keyringReason: null,
  network: 'direct',
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
    checkSession: answer('checkSession', VIEW),
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

/** The endpoints as main registers them, reached by the page's method names. */
function endpointsFor(calls: string[], fail = false, logger: Logger = recordingLogger().logger): Record<InvokeMethod, IpcEndpoint> {
  const endpoints = createIpcEndpoints(createIpcHandlers(services(calls, fail), logger), logger);
  const methods = Object.keys(INVOKE_CONTRACT) as InvokeMethod[];
  return Object.fromEntries(methods.map((method) => [method, endpoints[INVOKE_CONTRACT[method].channel]])) as Record<InvokeMethod, IpcEndpoint>;
}

describe('IPC endpoints', () => {
  it('has one handler per channel and passes parsed payloads to the core', async () => {
    const calls: string[] = [];
    const logger = recordingLogger().logger;
    const endpoints = createIpcEndpoints(createIpcHandlers(services(calls), logger), logger);
    expect(Object.keys(endpoints).sort()).toEqual(Object.values(INVOKE_CONTRACT).map((row) => row.channel).sort());
    const handlers = endpointsFor(calls);
    expect(await handlers.sendLink({ email: 'a@example.com' })).toEqual({ ok: true, value: VIEW });
    await handlers.submitLink({ link: 'promptgrimoire://x' });
    await handlers.signOut(undefined);
    await handlers.confirmLink(undefined);
    await handlers.cancelLink(undefined);
    expect(calls).toEqual(['sendLink(a@example.com)', 'submitLink(promptgrimoire://x)', 'signOut()', 'confirmLink()', 'cancelLink()']);
  });

  it('passes account and diagnostics results through unchanged', async () => {
    const calls: string[] = [];
    const handlers = endpointsFor(calls);
    expect(await handlers.getAccount(undefined)).toEqual({ ok: true, value: ACCOUNT });
    expect(await handlers.createDeviceLink(undefined)).toEqual({ ok: true, value: DEVICE_LINK });
    await handlers.copyDeviceLink(undefined);
    await handlers.signOutOtherSessions(undefined);
    await handlers.inviteUser({ email: 'b@example.com', firstName: 'Bea', lastName: '' });
    await handlers.revokeInvite({ email: 'b@example.com' });
    expect(await handlers.getDiagnostics(undefined)).toEqual({ ok: true, value: DIAGNOSTICS });
    await handlers.copyDiagnostics(undefined);
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
    const handlers = endpointsFor(calls);
    for (const payload of [undefined, { email: 5 }, { email: 'a@b.co', extra: 1 }, { email: 'x'.repeat(300) }]) {
      expect(await handlers.sendLink(payload)).toMatchObject({ ok: false, code: 'invalid-payload' });
    }
    expect(await handlers.resend({ sneaky: true })).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(await handlers.inviteUser({ email: 'b@example.com' })).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(await handlers.revokeInvite('b@example.com')).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(await handlers.createDeviceLink({ minutes: 60 })).toMatchObject({ ok: false, code: 'invalid-payload' });
    // Confirm and cancel take nothing: a page cannot name an email or a session to continue as.
    expect(await handlers.confirmLink({ email: 'attacker@example.com' })).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(await handlers.cancelLink('now')).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(calls).toEqual([]);
  });

  it('passes update results through, and the page cannot name a version, a feed or a file to install', async () => {
    const calls: string[] = [];
    const handlers = endpointsFor(calls);
    expect(await handlers.getUpdate(undefined)).toEqual({ ok: true, value: UPDATE });
    expect(await handlers.restartToUpdate(undefined)).toEqual({ ok: true, value: UPDATE });
    expect(await handlers.dismissUpdateNotice(undefined)).toEqual({ ok: true, value: UPDATE });
    for (const payload of [{ url: 'https://evil.example.net/feed' }, { version: '9.9.9' }, '/tmp/evil.AppImage']) {
      expect(await handlers.downloadUpdate(payload)).toMatchObject({ ok: false, code: 'invalid-payload' });
      expect(await handlers.restartToUpdate(payload)).toMatchObject({ ok: false, code: 'invalid-payload' });
    }
    await handlers.downloadUpdate(undefined);
    expect(calls).toEqual(['updates.restart()', 'updates.download()']);
  });

  it('turns a thrown error into a result', async () => {
    const { logger, lines } = recordingLogger();
    const handlers = endpointsFor([], true, logger);
    expect(await handlers.startOver(undefined)).toMatchObject({ ok: false, code: 'internal-error' });
    expect(await handlers.copyDeviceLink(undefined)).toMatchObject({ ok: false, code: 'internal-error' });
    expect(lines.filter((line) => line.startsWith('error ipc: a handler threw'))).toHaveLength(2);
    expect(lines.join('\n')).toContain('boom');
  });
});

describe('the render-error report', () => {
  const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

  it('logs message and stack under a stable code, redacted by the logger', async () => {
    const { logger, lines } = recordingLogger();
    const handlers = endpointsFor([], false, logger);
    const report = { message: `Cannot read properties of null (session_jwt=${JWT})`, stack: `TypeError\n    at SignedInScreen (app://renderer/assets/index.js:1:2)` };
    expect(await handlers.reportRendererError(report)).toEqual({ ok: true, value: { code: RENDERER_ERROR_CODE } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('error the page hit a render error');
    expect(lines[0]).toContain(`"code":"${RENDERER_ERROR_CODE}"`);
    expect(lines[0]).toContain('SignedInScreen');
    expect(lines[0]).not.toContain(JWT);
  });

  it('refuses oversized, partial, extra-keyed and garbage reports without logging them', async () => {
    const { logger, lines } = recordingLogger();
    const handlers = endpointsFor([], false, logger);
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
      expect(await handlers.reportRendererError(payload)).toMatchObject({ ok: false, code: 'invalid-payload' });
    }
    // Only the one-line refusal notes, never the refused text itself.
    expect(lines.every((line) => line.startsWith('warn ipc: refused a payload'))).toBe(true);
    expect(lines.join('\n')).not.toContain('x'.repeat(100));
    expect(await handlers.reportRendererError({ message: 'x'.repeat(ERROR_MESSAGE_MAX_LENGTH), stack: '' })).toMatchObject({ ok: true });
  });
});

describe('a refused payload in the log', () => {
  it("says what kind of problem and where, never the page's own keys or values, however many", async () => {
    const { logger, lines } = recordingLogger();
    const handlers = endpointsFor([], false, logger);
    const hostile = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`${'k'.repeat(10_000)}${i}`, 'v'.repeat(10_000)]));
    expect(await handlers.sendLink({ email: 'a@example.com', ...hostile })).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('unrecognized_keys at (payload)');
    expect(lines[0]!.length).toBeLessThan(500);
    expect(lines[0]).not.toContain('k'.repeat(100));
  });

  it('names the field of an innocent mistake, so support can tell what the page sent wrong', async () => {
    const { logger, lines } = recordingLogger();
    const handlers = endpointsFor([], false, logger);
    expect(await handlers.sendLink({ email: 42 })).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(lines).toEqual([expect.stringContaining('invalid_type at email')]);
  });
});
