// The idle timeout through the real core and the emulator: after the configured stretch with
// no input the person is signed out with a notice saying why, and the session is revoked;
// someone at work is never signed out; with no setting there is no idle sign-out at all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index';
import { createAppCore, type AppCoreWithIdle } from '../../../main/app-core';
import { createLogger } from '../../../common/log/logger';
import { createAesGcmCipher } from '../../fixtures/aes-gcm-cipher';
import { createConfStore } from '../../fixtures/conf-store';
import { useFakeTime, type FakeTime } from '../../fixtures/fake-time';
import { configFor, deepLinkFor } from './harness';

const MINUTE = 60_000;
let emulator: RunningEmulator | undefined;
let core: AppCoreWithIdle | undefined;
let dir: string | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await core?.dispose();
  await emulator?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  core = emulator = dir = undefined;
});

async function signedInCore(env: Record<string, string>): Promise<{ core: AppCoreWithIdle; time: FakeTime; emulator: RunningEmulator }> {
  emulator = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'grimoire-idle-'));
  // The emulator reads the faked Date too: one clock for all.
  const time = useFakeTime(Date.now());
  const clock = time;
  core = createAppCore({
    config: configFor(emulator, env),
    cipher: createAesGcmCipher(),
    store: createConfStore(dir),
    logger: createLogger(() => undefined),
    clock,
  });
  await core.start();
  await core.sendLink('idle@example.com');
  await core.handleDeepLink(deepLinkFor(emulator.latestMessage('idle@example.com')?.token ?? ''));
  expect(core.view().status).toBe('signed-in');
  await core.idle();
  return { core, time, emulator };
}

describe('idle timeout', () => {
  it('signs out after 15 minutes without input, says why, and ends the session at Stytch', async () => {
    const rig = await signedInCore({ PROMPTGRIMOIRE_IDLE_TIMEOUT_MINUTES: '15' });
    rig.time.advance(15 * MINUTE - 1);
    await rig.core.idle();
    expect(rig.core.view().status).toBe('signed-in');
    rig.time.advance(1);
    await rig.core.idle();
    expect(rig.core.view()).toMatchObject({ status: 'signed-out', notice: { code: 'signed-out-idle' } });
    expect(rig.emulator.requestCount('/v1/sessions/revoke')).toBe(1);
  });

  it('never signs out someone who keeps typing or pointing', async () => {
    const rig = await signedInCore({ PROMPTGRIMOIRE_IDLE_TIMEOUT_MINUTES: '15' });
    for (let minute = 0; minute < 60; minute += 5) {
      rig.time.advance(5 * MINUTE);
      rig.core.noteActivity();
      await rig.core.idle();
    }
    expect(rig.core.view().status).toBe('signed-in');
  });

  it('is off by default', async () => {
    const rig = await signedInCore({});
    rig.time.advance(24 * 60 * MINUTE);
    await rig.core.idle();
    expect(rig.core.view().status).toBe('signed-in');
  });
});
