import { afterEach, describe, expect, it, vi } from 'vitest';
import { SESSION_AUTH, startLifecycleRig, type LifecycleRig } from './harness';

let rig: LifecycleRig;
afterEach(async () => rig?.cleanup());

describe('offline', () => {
  it('restores while Stytch cannot be reached: signed in, flagged offline, back online after a retry', async () => {
    rig = await startLifecycleRig();
    await rig.signIn('offline@example.com');
    rig.emulator.injectFault({ path: SESSION_AUTH, drop: true, count: 1_000 });
    const flow = await rig.restart();
    await flow.start();
    expect(flow.view()).toMatchObject({ status: 'signed-in', offline: false });
    await flow.idle();
    expect(flow.view()).toMatchObject({ status: 'signed-in', offline: true, notice: null });
    expect(rig.views.at(-1)?.offline).toBe(true);
    expect(rig.stored()).not.toBeNull();

    // The backoff timer retries (3.75 s with the jitter fixed at 0.5); still no network, still signed in.
    const tried = rig.emulator.requestCount(SESSION_AUTH);
    await rig.advance(3_750);
    expect(rig.emulator.requestCount(SESSION_AUTH)).toBe(tried + 1);
    expect(flow.view()).toMatchObject({ status: 'signed-in', offline: true });

    rig.emulator.clearFaults();
    const view = await flow.checkSession();
    expect(view).toMatchObject({ status: 'signed-in', offline: false });
    expect(rig.views.at(-1)?.offline).toBe(false);
  });

  it('goes offline when a refresh times out, and not when Stytch answers with an error', async () => {
    rig = await startLifecycleRig({ PROMPTGRIMOIRE_STYTCH_TIMEOUT_MS: '200' });
    await rig.signIn('slow@example.com');
    // The gateway's 200 ms timeout is a timer of its own: let it run in real time.
    vi.useRealTimers();
    rig.emulator.injectFault({ path: SESSION_AUTH, hang: true });
    await rig.flow.checkSession();
    expect(rig.flow.view()).toMatchObject({ status: 'signed-in', offline: true });
    rig.emulator.injectFault({ path: SESSION_AUTH, status: 500 });
    await rig.flow.checkSession();
    expect(rig.flow.view()).toMatchObject({ status: 'signed-in', offline: false });
  });

  it('backs off further with each failure, capped, and never signs out for it', async () => {
    rig = await startLifecycleRig();
    await rig.signIn('patient@example.com');
    rig.emulator.injectFault({ path: SESSION_AUTH, drop: true, count: 1_000 });
    await rig.flow.checkSession();
    // The retries grow (jitter fixed at 0.5) to the cap: each one exactly when due, not a millisecond sooner.
    for (const wait of [3_750, 7_500, 15_000, 30_000, 60_000, 120_000, 225_000, 225_000]) {
      const tried = rig.emulator.requestCount(SESSION_AUTH);
      await rig.advance(wait - 1);
      expect(rig.emulator.requestCount(SESSION_AUTH), `retry after ${wait} ms came early`).toBe(tried);
      await rig.advance(1);
      expect(rig.emulator.requestCount(SESSION_AUTH), `retry after ${wait} ms`).toBe(tried + 1);
    }
    expect(rig.flow.view()).toMatchObject({ status: 'signed-in', offline: true });
  });
});

describe('refresh', () => {
  it('asks Stytch before the JWT goes stale and stores the new one', async () => {
    rig = await startLifecycleRig();
    const first = await rig.signIn('fresh@example.com');
    const before = rig.emulator.requestCount(SESSION_AUTH);
    // Never sooner than 30 s; by 80% of the JWT's five minutes at the latest.
    await rig.advance(30_000 - 1);
    expect(rig.emulator.requestCount(SESSION_AUTH)).toBe(before);
    await rig.advance(240_000 - 30_000 + 1);
    expect(rig.emulator.requestCount(SESSION_AUTH)).toBe(before + 1);
    const second = rig.stored();
    expect(second?.sessionId).toBe(first.sessionId);
    expect(second?.sessionJwt).not.toBe(first.sessionJwt);
    expect(rig.flow.view()).toMatchObject({ status: 'signed-in', offline: false });
    // And the next refresh is armed again.
    await rig.advance(30_000 - 1);
    expect(rig.emulator.requestCount(SESSION_AUTH)).toBe(before + 1);
    await rig.advance(240_000);
    expect(rig.emulator.requestCount(SESSION_AUTH)).toBe(before + 2);
  });

  it('stops every timer on dispose', async () => {
    rig = await startLifecycleRig();
    await rig.signIn('leaving@example.com');
    const before = rig.emulator.requestCount();
    const views = rig.views.length;
    await rig.flow.dispose();
    // Past every refresh and the session's expiry: nothing fires, nothing is asked.
    await rig.advance(8 * 24 * 3_600_000);
    expect(rig.emulator.requestCount()).toBe(before);
    expect(rig.views).toHaveLength(views);
  });
});
