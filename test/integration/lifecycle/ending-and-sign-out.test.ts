import { afterEach, describe, expect, it } from 'vitest';
import { REVOKE, SESSION_AUTH, startLifecycleRig, type LifecycleRig } from './harness';

let rig: LifecycleRig;
afterEach(async () => rig?.cleanup());

const HOUR = 3_600_000;

/** Nothing of the ended session is left to fire: a week later, not one request went to Stytch. */
async function quietAfter(): Promise<boolean> {
  const before = rig.emulator.requestCount();
  await rig.advance(8 * 24 * HOUR);
  return rig.emulator.requestCount() === before;
}

/** Whether the emulator still knows a session token. */
async function liveAtStytch(token: string): Promise<boolean> {
  try {
    await rig.admin.sessions.authenticate({ session_token: token });
    return true;
  } catch {
    return false;
  }
}

describe('expiry', () => {
  it('signs out with the expiry notice when expires_at passes while the app is open', async () => {
    rig = await startLifecycleRig({ PROMPTGRIMOIRE_SESSION_DURATION_MINUTES: '60' });
    await rig.signIn('hourly@example.com');
    await rig.advance(HOUR + 1_000);
    expect(rig.flow.view()).toMatchObject({ status: 'signed-out', offline: false, notice: { code: 'session-expired' } });
    expect(rig.stored()).toBeNull();
    expect(await quietAfter()).toBe(true);
  });

  it('signs out at expiry even while offline', async () => {
    rig = await startLifecycleRig({ PROMPTGRIMOIRE_SESSION_DURATION_MINUTES: '60' });
    await rig.signIn('cut-off@example.com');
    rig.emulator.injectFault({ path: SESSION_AUTH, drop: true, count: 1_000 });
    await rig.flow.checkSession();
    expect(rig.flow.view().offline).toBe(true);
    await rig.advance(HOUR + 1_000);
    expect(rig.flow.view()).toMatchObject({ status: 'signed-out', notice: { code: 'session-expired' } });
  });

  it('finds an expired session at start-up without a request, and wipes it', async () => {
    rig = await startLifecycleRig({ PROMPTGRIMOIRE_SESSION_DURATION_MINUTES: '60' });
    await rig.signIn('overnight@example.com');
    await rig.flow.dispose();
    rig.clock.jump(2 * HOUR);
    const before = rig.emulator.requestCount();
    const flow = await rig.restart();
    await flow.start();
    await flow.idle();
    expect(flow.view()).toMatchObject({ status: 'signed-out', notice: { code: 'session-expired' } });
    expect(rig.emulator.requestCount()).toBe(before);
    expect(rig.stored()).toBeNull();
  });
});

describe('revocation', () => {
  it('signs out with a notice naming another device or an administrator at the next refresh', async () => {
    rig = await startLifecycleRig();
    const session = await rig.signIn('revoked@example.com');
    await rig.admin.sessions.revoke({ session_id: session.sessionId });
    // The next refresh: 80% of the JWT's five minutes.
    await rig.advance(240_000);
    const view = rig.flow.view();
    expect(view).toMatchObject({ status: 'signed-out', notice: { code: 'session-ended' } });
    expect(view.notice?.message).toMatch(/another device|administrator/);
    expect(rig.stored()).toBeNull();
    expect(await quietAfter()).toBe(true);
  });

  it('signs out at the background confirm after a restart', async () => {
    rig = await startLifecycleRig();
    const session = await rig.signIn('admin-ended@example.com');
    await rig.admin.sessions.revoke({ session_id: session.sessionId });
    const flow = await rig.restart();
    await flow.start();
    expect(flow.view().status).toBe('signed-in');
    await flow.idle();
    expect(flow.view()).toMatchObject({ status: 'signed-out', notice: { code: 'session-ended' } });
    expect(rig.stored()).toBeNull();
  });
});

describe('sign out while offline', () => {
  it('wipes at once, keeps the token only encrypted, and revokes on the backoff timer once back', async () => {
    rig = await startLifecycleRig();
    const session = await rig.signIn('train@example.com');
    rig.emulator.injectFault({ path: REVOKE, drop: true, count: 1_000 });
    const view = await rig.flow.signOut();
    expect(view).toMatchObject({ status: 'signed-out', notice: { code: 'signed-out' } });
    expect(rig.stored()).toBeNull();
    expect(rig.rawStore()).toContain('pending-revokes');
    expect(rig.rawStore()).not.toContain(session.sessionToken);
    expect(await liveAtStytch(session.sessionToken)).toBe(true);

    rig.emulator.clearFaults();
    const sent = rig.emulator.requestCount(REVOKE);
    // The first retry: 3.75 s with the jitter fixed at 0.5.
    await rig.advance(3_750);
    expect(rig.emulator.requestCount(REVOKE)).toBe(sent + 1);
    expect(await liveAtStytch(session.sessionToken)).toBe(false);
    expect(rig.rawStore()).not.toContain('pending-revokes');
  });

  it('sends the queued revoke after a restart', async () => {
    rig = await startLifecycleRig();
    const session = await rig.signIn('plane@example.com');
    rig.emulator.injectFault({ path: REVOKE, drop: true, count: 1_000 });
    await rig.flow.signOut();
    rig.emulator.clearFaults();
    const sent = rig.emulator.requestCount(REVOKE);
    const flow = await rig.restart();
    await flow.start();
    await flow.idle();
    expect(flow.view().status).toBe('signed-out');
    expect(rig.emulator.requestCount(REVOKE)).toBe(sent + 1);
    expect(await liveAtStytch(session.sessionToken)).toBe(false);
    expect(rig.rawStore()).not.toContain('pending-revokes');
  });

  it('sends the queued revoke after the next sign-in reaches Stytch', async () => {
    rig = await startLifecycleRig();
    const first = await rig.signIn('commuter@example.com');
    rig.emulator.injectFault({ path: REVOKE, drop: true, count: 1 });
    await rig.flow.signOut();
    expect(await liveAtStytch(first.sessionToken)).toBe(true);
    await rig.signIn('commuter@example.com');
    expect(await liveAtStytch(first.sessionToken)).toBe(false);
    expect(rig.rawStore()).not.toContain('pending-revokes');
  });

  it('drops a queued revoke once Stytch says the session is already gone', async () => {
    rig = await startLifecycleRig();
    const session = await rig.signIn('twice@example.com');
    rig.emulator.injectFault({ path: REVOKE, drop: true, count: 1 });
    await rig.flow.signOut();
    await rig.admin.sessions.revoke({ session_id: session.sessionId });
    await rig.advance(3_750);
    expect(rig.rawStore()).not.toContain('pending-revokes');
    expect(await quietAfter()).toBe(true);
  });
});
