// The update policy against an in-memory updater: when it looks (start-up, then every six
// hours), what it offers in each mode, and that a restart waits for sign-in and session writes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../common/log/logger';
import { UPDATE_FAILURE_CODES } from '../../../preload/api';
import { CHECK_INTERVAL_MS, createUpdatePolicy, FIRST_CHECK_DELAY_MS, type RestartGate } from '../../../main/updates/update-policy';
import type { UpdateMode } from '../../../main/updates/update-mode';
import { MemoryUpdater } from '../../fixtures/memory-updater';

function gate(reason: string | null = null): RestartGate & { reason: string | null; settle: () => void; waited: number } {
  let release = () => undefined as void;
  const g = {
    reason,
    waited: 0,
    settle: () => release(),
    blockedReason: () => g.reason,
    settled: () => {
      g.waited += 1;
      return new Promise<void>((resolve) => (release = resolve));
    },
  };
  return g;
}

function setup(mode: UpdateMode, options: { gate?: ReturnType<typeof gate>; updater?: MemoryUpdater | null } = {}) {
  const updater = options.updater === undefined ? new MemoryUpdater() : options.updater;
  const lines: string[] = [];
  const g = options.gate ?? gate();
  const policy = createUpdatePolicy({
    mode,
    channel: 'stable',
    updater,
    gate: g,
    clock: { now: () => Date.now() },
    logger: createLogger((level, line) => lines.push(`${level} ${line}`)),
  });
  return { policy, updater: updater as MemoryUpdater, gate: g, lines };
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-01T09:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('when the policy looks for updates', () => {
  it('checks just after start-up, then every six hours and not in between', async () => {
    const { policy, updater } = setup('notify');
    policy.start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS - 1);
    expect(updater.checks).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(updater.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS - 1);
    expect(updater.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(updater.checks).toBe(2);
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 3);
    expect(updater.checks).toBe(5);
    policy.dispose();
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 2);
    expect(updater.checks).toBe(5);
  });

  it('never asks anything when updates are off, and says why when the person asks', async () => {
    const { policy } = setup('off', { updater: null });
    policy.start();
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 2);
    const view = await policy.checkNow();
    expect(view.status).toBe('idle');
    expect(view.notice?.message).toMatch(/from your organisation/);
    expect(await policy.download()).toMatchObject({ ok: false, code: UPDATE_FAILURE_CODES.off });
    expect(await policy.restart()).toMatchObject({ ok: false, code: UPDATE_FAILURE_CODES.off });
    expect(policy.diagnostics()).toEqual({ mode: 'off', channel: 'stable', status: 'idle', lastCheck: null });
  });

  it('a person who asks while a background check is running still gets the answer', async () => {
    const updater = new MemoryUpdater();
    let release = () => undefined as void;
    updater.check = () => new Promise((resolve) => (release = () => resolve({ available: false, version: '1.0.0' })));
    const { policy } = setup('notify', { updater });
    policy.start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS);
    const asked = policy.checkNow();
    release();
    expect((await asked).notice?.message).toBe('PromptGrimoire is up to date.');
  });

  it('makes one request for checks that overlap', async () => {
    const { policy, updater } = setup('notify');
    await Promise.all([policy.checkNow(), policy.checkNow(), policy.checkNow()]);
    expect(updater.checks).toBe(1);
  });

  it('records the last check and its result for diagnostics', async () => {
    const { policy, updater } = setup('notify');
    await policy.checkNow();
    expect(policy.diagnostics().lastCheck).toEqual({ at: '2026-03-01T09:00:00.000Z', result: 'up-to-date', detail: null });
    vi.setSystemTime(new Date('2026-03-01T15:00:00Z'));
    updater.checkFails = new Error('net::ERR_NAME_NOT_RESOLVED\n<html>a whole error page</html>');
    await policy.checkNow();
    expect(policy.diagnostics().lastCheck).toEqual({ at: '2026-03-01T15:00:00.000Z', result: 'failed', detail: 'net::ERR_NAME_NOT_RESOLVED' });
  });
});

describe('what the policy offers', () => {
  it('automatic: downloads in the background and offers the restart', async () => {
    const { policy, updater } = setup('automatic');
    updater.feedVersion = '1.1.0';
    const seen: string[] = [];
    policy.onView((view) => seen.push(`${view.status}:${view.percent ?? '-'}`));
    policy.start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS);
    expect(updater.downloads).toBe(1);
    expect(seen).toEqual(['available:-', 'downloading:0', 'downloading:40', 'ready:-']);
    expect(policy.view()).toEqual({ status: 'ready', version: '1.1.0', percent: null, notice: null });
    // Nothing more to fetch once it is waiting.
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS);
    expect(updater.checks).toBe(1);
  });

  it('notify: offers the download and fetches only when asked', async () => {
    const { policy, updater } = setup('notify');
    updater.feedVersion = '1.1.0';
    policy.start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS);
    expect(policy.view()).toMatchObject({ status: 'available', version: '1.1.0' });
    expect(updater.downloads).toBe(0);
    expect(await policy.download()).toMatchObject({ ok: true, value: { status: 'ready', version: '1.1.0' } });
    expect(updater.restarts).toBe(0);
  });

  it('a download that fails its checks installs nothing, says so and can be tried again', async () => {
    const { policy, updater } = setup('notify');
    updater.feedVersion = '1.1.0';
    await policy.checkNow();
    updater.downloadFails = new Error('sha512 checksum mismatch, expected abc, got def');
    expect(await policy.download()).toMatchObject({ ok: false, code: 'update-download-failed' });
    expect(policy.view()).toMatchObject({ status: 'available', notice: { tone: 'warning' } });
    expect(await policy.restart()).toMatchObject({ ok: false, code: UPDATE_FAILURE_CODES.notReady });
    updater.downloadFails = null;
    expect(await policy.download()).toMatchObject({ ok: true, value: { status: 'ready', notice: null } });
  });

  it('a check the person asked for answers even "up to date"; a background one stays quiet', async () => {
    const { policy, updater } = setup('automatic');
    policy.start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS);
    expect(policy.view().notice).toBeNull();
    expect((await policy.checkNow()).notice).toEqual({ tone: 'info', message: 'PromptGrimoire is up to date.' });
    expect(policy.dismissNotice().notice).toBeNull();
    updater.checkFails = new Error('offline');
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS);
    expect(policy.view().notice).toBeNull();
    expect((await policy.checkNow()).notice?.tone).toBe('warning');
  });

  it('a release pulled from the feed is no longer offered', async () => {
    const { policy, updater } = setup('notify');
    updater.feedVersion = '1.1.0';
    await policy.checkNow();
    expect(policy.view().status).toBe('available');
    updater.feedVersion = '1.0.0';
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS);
    await policy.checkNow();
    expect(policy.view()).toMatchObject({ status: 'idle', version: null });
  });

  it('a feed that names something other than a release version offers nothing', async () => {
    const { policy, updater, lines } = setup('automatic');
    updater.feedVersion = '<img src=x onerror=alert(1)>';
    const view = await policy.checkNow();
    expect(view).toMatchObject({ status: 'idle', version: null, notice: { tone: 'warning' } });
    expect(updater.downloads).toBe(0);
    expect(lines.join('\n')).toMatch(/not a release version/);
  });

  it('a pre-release version from the beta feed is offered', async () => {
    const { policy, updater } = setup('notify');
    updater.feedVersion = '1.1.0-beta.3';
    expect(await policy.checkNow()).toMatchObject({ status: 'available', version: '1.1.0-beta.3' });
  });
});

describe('when the policy may restart', () => {
  async function ready(g = gate()) {
    const s = setup('automatic', { gate: g });
    s.updater.feedVersion = '1.1.0';
    await s.policy.checkNow();
    expect(s.policy.view().status).toBe('ready');
    return s;
  }

  it('never while a sign-in is pending, and then as soon as it is over', async () => {
    const g = gate('Finish signing in first');
    const { policy, updater } = await ready(g);
    expect(await policy.restart()).toEqual({ ok: false, code: UPDATE_FAILURE_CODES.restartBlocked, message: 'Finish signing in first' });
    expect(updater.restarts).toBe(0);
    g.reason = null;
    const restarting = policy.restart();
    g.settle();
    expect(await restarting).toMatchObject({ ok: true });
    expect(updater.restarts).toBe(1);
  });

  it('waits for a session write in flight before it quits', async () => {
    const g = gate();
    const { policy, updater } = await ready(g);
    const restarting = policy.restart();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(g.waited).toBe(1);
    expect(updater.restarts).toBe(0);
    g.settle();
    await restarting;
    expect(updater.restarts).toBe(1);
  });

  it('looks again after the write: a sign-in that began meanwhile still blocks', async () => {
    const g = gate();
    const { policy, updater } = await ready(g);
    const restarting = policy.restart();
    g.reason = 'Finish signing in first';
    g.settle();
    expect(await restarting).toMatchObject({ ok: false, code: UPDATE_FAILURE_CODES.restartBlocked });
    expect(updater.restarts).toBe(0);
  });

  it('refuses before anything is downloaded', async () => {
    const { policy, updater } = setup('notify');
    expect(await policy.restart()).toMatchObject({ ok: false, code: UPDATE_FAILURE_CODES.notReady });
    expect(await policy.download()).toMatchObject({ ok: false, code: UPDATE_FAILURE_CODES.nothingOffered });
    expect(updater.restarts).toBe(0);
  });
});
