import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, type AuthView } from '../../../preload/api';
import type { AppCore } from '../../../main/app-core';
import { createIpcHandlers } from '../../../main/ipc/handlers';

const VIEW: AuthView = {
  status: 'signed-out', email: null, name: null, expiresAt: null, linkExpiresAt: null,
  resendAvailableAt: null, persistence: 'encrypted', notice: null,
};

function recordingCore(calls: string[], fail = false): AppCore {
  const answer = (name: string) => (...args: unknown[]) => {
    calls.push(`${name}(${args.map(String).join(',')})`);
    return fail ? Promise.reject(new Error('boom')) : Promise.resolve(VIEW);
  };
  return {
    start: () => Promise.resolve(), view: () => VIEW, onView: () => () => undefined,
    sendLink: answer('sendLink'), resend: answer('resend'), submitLink: answer('submitLink'),
    startOver: answer('startOver'), dismissNotice: answer('dismissNotice'), signOut: answer('signOut'),
    handleDeepLink: () => Promise.resolve(), dispose: () => Promise.resolve(),
  };
}

describe('createIpcHandlers', () => {
  it('has one handler per channel and passes parsed payloads to the core', async () => {
    const calls: string[] = [];
    const handlers = createIpcHandlers(recordingCore(calls));
    expect(Object.keys(handlers).sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
    expect(await handlers[INVOKE_CHANNELS.sendLink]({ email: 'a@example.com' })).toEqual({ ok: true, value: VIEW });
    await handlers[INVOKE_CHANNELS.submitLink]({ link: 'promptgrimoire://x' });
    await handlers[INVOKE_CHANNELS.signOut](undefined);
    expect(calls).toEqual(['sendLink(a@example.com)', 'submitLink(promptgrimoire://x)', 'signOut()']);
  });

  it('rejects malformed payloads with a stable code and never calls the core', async () => {
    const calls: string[] = [];
    const handlers = createIpcHandlers(recordingCore(calls));
    for (const payload of [undefined, { email: 5 }, { email: 'a@b.co', extra: 1 }, { email: 'x'.repeat(300) }]) {
      expect(await handlers[INVOKE_CHANNELS.sendLink](payload)).toMatchObject({ ok: false, code: 'invalid-payload' });
    }
    expect(await handlers[INVOKE_CHANNELS.resend]({ sneaky: true })).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(calls).toEqual([]);
  });

  it('turns a thrown error into a result', async () => {
    const handlers = createIpcHandlers(recordingCore([], true));
    expect(await handlers[INVOKE_CHANNELS.startOver](undefined)).toMatchObject({ ok: false, code: 'internal-error' });
  });
});
