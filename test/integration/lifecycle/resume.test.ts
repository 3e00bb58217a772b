// Sleep and resume: while the machine sleeps no timer fires, then powerMonitor says
// 'resume'. The session is asked about at once, not when a slept timer gets round to it:
// over → signed out with the notice, still valid → kept and its timers armed again.
// The resume adapter runs on a stand-in powerMonitor; time only moves when the test says.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { watchResume } from '../../../main/electron/power-events';
import { SESSION_AUTH, startLifecycleRig, type LifecycleRig } from './harness';

const WEEK_MS = 7 * 24 * 60 * 60_000;
let rig: LifecycleRig;
afterEach(async () => rig?.cleanup());

/** The machine slept: the clocks moved, but no timer ran. */
function sleep(ms: number): void {
  rig.clock.jump(ms);
}

let checking: Promise<unknown> = Promise.resolve();

/** Waits for the check the resume started, as the app would not (it only starts it). */
async function settled(): Promise<void> {
  await checking;
  await rig.flow.idle();
}

function resumeOn(power: EventEmitter, changed: string[] = []): () => void {
  return watchResume(power, {
    checkSession: () => (checking = rig.flow.checkSession()),
    networkChanged: () => changed.push('network'),
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
}

describe('resume', () => {
  it('a week asleep past the session’s end: signed out at once with the notice, by the local expiry', async () => {
    rig = await startLifecycleRig({ PROMPTGRIMOIRE_SESSION_DURATION_MINUTES: '1440' });
    await rig.signIn('sleepy@example.com');
    const power = new EventEmitter();
    const changed: string[] = [];
    resumeOn(power, changed);
    sleep(WEEK_MS);

    power.emit('resume');
    await settled();

    expect(rig.flow.view()).toMatchObject({ status: 'signed-out', notice: { code: 'session-expired' } });
    expect(rig.stored()).toBeNull();
    expect(changed).toEqual(['network']);
  });

  it('a week asleep inside a longer session: kept, and the refresh timer armed afresh from now', async () => {
    rig = await startLifecycleRig({ PROMPTGRIMOIRE_SESSION_DURATION_MINUTES: '43200' });
    const before = await rig.signIn('rested@example.com');
    const power = new EventEmitter();
    resumeOn(power);
    sleep(WEEK_MS);
    const asked = rig.emulator.requestCount(SESSION_AUTH);

    power.emit('resume');
    await settled();

    expect(rig.emulator.requestCount(SESSION_AUTH)).toBe(asked + 1);
    expect(rig.flow.view()).toMatchObject({ status: 'signed-in', offline: false });
    const after = rig.stored();
    expect(after?.sessionId).toBe(before.sessionId);
    expect(after?.sessionJwt).not.toBe(before.sessionJwt);
    // A refresh timer waits again, due within the fresh JWT's life (minutes, not the week
    // slept): within ten minutes the next check has gone out.
    await rig.advance(10 * 60_000);
    expect(rig.emulator.requestCount(SESSION_AUTH)).toBeGreaterThanOrEqual(asked + 2);
  });

  it('stops listening once disposed', async () => {
    rig = await startLifecycleRig();
    await rig.signIn('gone@example.com');
    const power = new EventEmitter();
    const stop = resumeOn(power);
    stop();
    expect(power.listenerCount('resume')).toBe(0);
  });
});
