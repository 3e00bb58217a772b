import { afterEach, describe, expect, it } from 'vitest';
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

    // The backoff timer retries; still no network, still signed in.
    expect(rig.scheduler.runNext()).toBeGreaterThan(0);
    await flow.idle();
    expect(flow.view()).toMatchObject({ status: 'signed-in', offline: true });

    rig.emulator.clearFaults();
    const view = await flow.checkSession();
    expect(view).toMatchObject({ status: 'signed-in', offline: false });
    expect(rig.views.at(-1)?.offline).toBe(false);
  });

  it('goes offline when a refresh times out, and not when Stytch answers with an error', async () => {
    rig = await startLifecycleRig({ PROMPTGRIMOIRE_STYTCH_TIMEOUT_MS: '200' });
    await rig.signIn('slow@example.com');
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
    const waits: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      const moved = rig.scheduler.runNext();
      if (moved === null) throw new Error('no timer pending');
      waits.push(moved);
      await rig.flow.idle();
    }
    expect(rig.flow.view()).toMatchObject({ status: 'signed-in', offline: true });
    // The first timer is the refresh; the retries then grow (jitter fixed at 0.5) to the cap.
    const retries = waits.slice(1);
    expect(retries).toEqual([...retries].sort((a, b) => a - b));
    expect(retries[0]).toBe(3_750);
    expect(retries.at(-1)).toBe(225_000);
  });
});

describe('refresh', () => {
  it('asks Stytch before the JWT goes stale and stores the new one', async () => {
    rig = await startLifecycleRig();
    const first = await rig.signIn('fresh@example.com');
    const before = rig.emulator.requestCount(SESSION_AUTH);
    const [due] = rig.scheduler.pending();
    expect(due).toBeGreaterThanOrEqual(30_000);
    expect(due).toBeLessThanOrEqual(240_000);
    await rig.advance(due ?? 0);
    expect(rig.emulator.requestCount(SESSION_AUTH)).toBe(before + 1);
    const second = rig.stored();
    expect(second?.sessionId).toBe(first.sessionId);
    expect(second?.sessionJwt).not.toBe(first.sessionJwt);
    expect(rig.flow.view()).toMatchObject({ status: 'signed-in', offline: false });
    // And the next refresh is armed again.
    expect(rig.scheduler.pending()[0]).toBeGreaterThanOrEqual(30_000);
  });

  it('stops every timer on dispose', async () => {
    rig = await startLifecycleRig();
    await rig.signIn('leaving@example.com');
    expect(rig.scheduler.pending().length).toBeGreaterThan(0);
    await rig.flow.dispose();
    expect(rig.scheduler.pending()).toEqual([]);
  });
});
