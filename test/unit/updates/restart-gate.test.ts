// "Restart to update" waits for a sign-in under way and for background session work.
import { describe, expect, it } from 'vitest';
import { AUTH_STATUSES, type AuthStatus } from '../../../preload/api';
import { RESTART_BLOCKED_MESSAGE, restartGateFor } from '../../../main/updates/restart-gate';
import { signedOutView } from '../../fixtures/auth-views';

const blocking: AuthStatus[] = ['sending', 'link-sent', 'authenticating', 'confirming'];

describe('restartGateFor', () => {
  it.each(AUTH_STATUSES.map((status) => [status, blocking.includes(status)] as const))('%s: blocked %s', (status, blocked) => {
    const gate = restartGateFor({ view: () => signedOutView({ status }), idle: () => Promise.resolve() });
    expect(gate.blockedReason()).toBe(blocked ? RESTART_BLOCKED_MESSAGE : null);
  });

  it('settles when the core has finished its background work', async () => {
    let finished = false;
    const gate = restartGateFor({
      view: () => signedOutView(),
      idle: () => new Promise<void>((resolve) => setImmediate(() => ((finished = true), resolve()))),
    });
    await gate.settled();
    expect(finished).toBe(true);
  });
});
