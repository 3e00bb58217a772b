// Invites in direct mode last PROMPTGRIMOIRE_INVITE_EXPIRATION_MINUTES (a week unless set):
// the link stops working then, and the account screen stops listing it as pending. Real core,
// in-memory gateway (held to the SDK gateway's contract), fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFlowRig, type FlowRig } from '../auth/flow-rig';

let rig: FlowRig;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: Date.UTC(2030, 0, 1, 9) });
});
afterEach(async () => {
  await rig?.dispose();
  vi.useRealTimers();
});

const invite = (email: string) => rig.core.account.invite({ email, firstName: '', lastName: '' });

async function inviteLinkWorks(email: string): Promise<boolean> {
  const token = rig.gateway.latestToken(email) ?? '';
  const result = await rig.gateway.authenticateMagicLink({ token, sessionDurationMinutes: 5 });
  return result.ok;
}

describe('invite expiry in direct mode', () => {
  it('lasts the configured minutes: listed and working before, gone and refused after', async () => {
    rig = startFlowRig({ PROMPTGRIMOIRE_INVITES_ENABLED: 'true', PROMPTGRIMOIRE_INVITE_EXPIRATION_MINUTES: '30' });
    await rig.signIn('host@example.com');
    expect(await invite('guest@example.com')).toMatchObject({ ok: true, value: { pendingInvites: [{ email: 'guest@example.com' }] } });
    await vi.advanceTimersByTimeAsync(29 * 60_000);
    expect(await rig.core.account.get()).toMatchObject({ ok: true, value: { pendingInvites: [{ email: 'guest@example.com' }] } });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await rig.core.account.get()).toMatchObject({ ok: true, value: { pendingInvites: [] } });
    expect(await inviteLinkWorks('guest@example.com')).toBe(false);
  });

  it("lasts the seed's week by default", async () => {
    rig = startFlowRig({ PROMPTGRIMOIRE_INVITES_ENABLED: 'true' });
    await rig.signIn('host@example.com');
    await invite('later@example.com');
    rig.gateway.advanceClock(7 * 24 * 60 * 60 - 60);
    expect(await inviteLinkWorks('later@example.com')).toBe(true);
  });
});
