// The signed-in view does not wait for the disk: the session is held at once and written on
// the next turn. A write the disk refuses shows the memory-only banner and is retried; a
// retry that succeeds clears it. Quitting writes what is pending; signing out while a write
// is pending leaves no session on disk. Time moves with vitest's fake timers; the store is a
// real conf file whose session writes the test can make fail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuthView } from '../../../preload/api';
import { startEmulator, type RunningEmulator } from '../../../emulator/index';
import { createAppCore, type AppCoreWithIdle } from '../../../main/app-core';
import { createLogger } from '../../../common/log/logger';
import type { Store } from '../../../common/ports';
import { SESSION_KEY, WRITE_RETRY } from '../../../main/session/session-vault';
import { createAesGcmCipher } from '../../fixtures/aes-gcm-cipher';
import { createConfStore } from '../../fixtures/conf-store';
import { useFakeTime, type FakeTime } from '../../fixtures/fake-time';
import { configFor, deepLinkFor } from './harness';

interface Rig {
  emulator: RunningEmulator;
  time: FakeTime;
  core: AppCoreWithIdle;
  views: AuthView[];
  lines: string[];
  /** While `full`, every write of the session key throws as a full disk would; `refused` counts them. */
  disk: { full: boolean; refused: number };
  /** The session key as the file holds it now. */
  onDisk(): unknown;
  restart(): AppCoreWithIdle;
  signIn(email: string): Promise<void>;
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await cleanup?.();
  cleanup = undefined;
});

async function startRig(): Promise<Rig> {
  const emulator = await startEmulator();
  const time = useFakeTime(Date.now());
  const dir = mkdtempSync(join(tmpdir(), 'grimoire-write-'));
  const key = randomBytes(32);
  const lines: string[] = [];
  const logger = createLogger((level, line) => lines.push(`${level} ${line}`));
  const config = configFor(emulator);
  const disk = { full: false, refused: 0 };
  const storeFor = (): Store => {
    const file = createConfStore(dir);
    return {
      ...file,
      set(name, value) {
        if (disk.full && name === SESSION_KEY && ++disk.refused) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        file.set(name, value);
      },
    };
  };
  const cores: AppCoreWithIdle[] = [];
  const make = (): AppCoreWithIdle => {
    const core = createAppCore({ config, cipher: createAesGcmCipher(key), store: storeFor(), logger, clock: time });
    cores.push(core);
    return core;
  };
  const rig: Rig = {
    emulator,
    time,
    core: make(),
    views: [],
    lines,
    disk,
    onDisk: () => createConfStore(dir).get(SESSION_KEY),
    restart: make,
    async signIn(email) {
      await rig.core.start();
      await rig.core.sendLink(email);
      await rig.core.handleDeepLink(deepLinkFor(emulator.latestMessage(email)?.token ?? ''));
      expect(rig.core.view().status).toBe('signed-in');
    },
  };
  rig.core.onView((view) => rig.views.push(view));
  cleanup = async () => {
    for (const core of cores) await core.dispose();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return rig;
}

describe('the session write', () => {
  it('follows the signed-in view instead of holding it up, and a restart restores it', async () => {
    const rig = await startRig();
    const atView: unknown[] = [];
    rig.core.onView((view) => {
      if (view.status === 'signed-in') atView.push(rig.onDisk());
    });
    await rig.signIn('quick@example.com');
    expect(atView).toEqual([undefined]);
    expect(rig.onDisk()).toBeUndefined();
    await rig.core.idle();
    expect(rig.onDisk()).toEqual(expect.any(String));
    // The person whose disk works never sees the banner.
    expect(rig.views.every((view) => view.persistence === 'encrypted')).toBe(true);
    const again = rig.restart();
    await again.start();
    expect(again.view()).toMatchObject({ status: 'signed-in', email: 'quick@example.com' });
  });

  it('a refused write shows memory-only; the retry that succeeds clears it', async () => {
    const rig = await startRig();
    rig.disk.full = true;
    await rig.signIn('full@example.com');
    await rig.core.idle();
    expect(rig.core.view()).toMatchObject({ status: 'signed-in', persistence: 'memory-only' });
    expect(rig.views.at(-1)?.persistence).toBe('memory-only');
    expect(rig.lines.some((line) => line.startsWith('error ') && line.includes('could not store the session'))).toBe(true);
    expect(rig.onDisk()).toBeUndefined();

    // Ten minutes of a full disk: retried, less and less often (2 s doubling to a minute), still memory-only.
    const refusedAtSignIn = rig.disk.refused;
    for (let second = 0; second < 600; second += 1) {
      rig.time.advance(1_000);
      await rig.core.idle();
    }
    expect(rig.core.view().persistence).toBe('memory-only');
    expect(rig.disk.refused - refusedAtSignIn).toBeGreaterThanOrEqual(9);
    expect(rig.disk.refused - refusedAtSignIn).toBeLessThanOrEqual(16);
    rig.disk.full = false;
    rig.time.advance(WRITE_RETRY.capMs);
    await rig.core.idle();
    expect(rig.core.view()).toMatchObject({ status: 'signed-in', persistence: 'encrypted' });
    expect(rig.views.at(-1)?.persistence).toBe('encrypted');
    expect(rig.onDisk()).toEqual(expect.any(String));
  });

  it('quitting writes the pending session before it settles', async () => {
    const rig = await startRig();
    await rig.signIn('leaving@example.com');
    expect(rig.onDisk()).toBeUndefined();
    await rig.core.dispose();
    expect(rig.onDisk()).toEqual(expect.any(String));
  });

  it('quitting tries a failed write once more, without waiting for the retry timer', async () => {
    const rig = await startRig();
    rig.disk.full = true;
    await rig.signIn('freed@example.com');
    await rig.core.idle();
    rig.disk.full = false;
    await rig.core.dispose();
    expect(rig.onDisk()).toEqual(expect.any(String));
    const again = rig.restart();
    await again.start();
    expect(again.view()).toMatchObject({ status: 'signed-in', email: 'freed@example.com' });
  });

  it('signing out while the write is pending leaves no session on disk, then or later', async () => {
    const rig = await startRig();
    await rig.signIn('brief@example.com');
    expect(rig.onDisk()).toBeUndefined();
    await rig.core.signOut();
    await rig.core.idle();
    rig.time.advance(24 * 3_600_000);
    await rig.core.idle();
    expect(rig.onDisk()).toBeUndefined();
    await rig.core.dispose();
    expect(rig.onDisk()).toBeUndefined();
    const again = rig.restart();
    await again.start();
    expect(again.view().status).toBe('signed-out');
  });

  it('signing out while a failed write waits for its retry: the retry never writes the session back', async () => {
    const rig = await startRig();
    rig.disk.full = true;
    await rig.signIn('gone@example.com');
    await rig.core.idle();
    rig.disk.full = false;
    await rig.core.signOut();
    expect(rig.core.view()).toMatchObject({ status: 'signed-out', persistence: 'encrypted' });
    rig.time.advance(60_000);
    await rig.core.idle();
    await rig.core.dispose();
    expect(rig.onDisk()).toBeUndefined();
  });
});
