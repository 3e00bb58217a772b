import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../../main/app-core';
import { createLogger } from '../../../common/log/logger';
import { createConfStore } from '../../fixtures/conf-store';
import { deepLinkFor, signInCore, startRig, type CoreRig } from './harness';

const SEND = '/v1/magic_links/email/login_or_create';
const AUTH = '/v1/magic_links/authenticate';
let rig: CoreRig;
afterEach(async () => rig?.cleanup());

const signIn = (email: string): Promise<void> => signInCore(rig, email);

describe('core failures against the emulator', () => {
  it('says how long to wait when rate limited', async () => {
    rig = await startRig();
    await rig.core.start();
    rig.emulator.injectFault({ path: SEND, status: 429, error_type: 'too_many_requests' });
    const view = await rig.core.sendLink('busy@example.com');
    expect(view).toMatchObject({ status: 'signed-out', notice: { code: 'rate-limited', action: 'retry' } });
    expect(view.notice?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('offers a retry when Stytch has trouble, then succeeds', async () => {
    rig = await startRig();
    await rig.core.start();
    rig.emulator.injectFault({ path: SEND, status: 500 });
    expect((await rig.core.sendLink('flaky@example.com')).notice).toMatchObject({ code: 'stytch-unavailable', action: 'retry' });
    expect((await rig.core.sendLink('flaky@example.com')).status).toBe('link-sent');
  });

  it('gives up after the configured timeout and keeps the pending link', async () => {
    rig = await startRig({ PROMPTGRIMOIRE_STYTCH_TIMEOUT_MS: '300' });
    await rig.core.start();
    await rig.core.sendLink('slow@example.com');
    const token = rig.emulator.latestMessage('slow@example.com')?.token ?? '';
    // Stytch never answers: only the app's own 300 ms timeout can end this (the default,
    // 15 s, would outlast the test).
    rig.emulator.injectFault({ path: AUTH, hang: true });
    await rig.core.handleDeepLink(deepLinkFor(token));
    expect(rig.core.view()).toMatchObject({ status: 'link-sent', notice: { code: 'timeout', action: 'retry' } });
  });

  it('reports bad credentials as a misconfiguration and logs the detail', async () => {
    rig = await startRig();
    const broken = rig.restart((config) =>
      config.mode === 'relay' ? config : { ...config, stytch: { ...config.stytch, secret: 'secret-test-wrong' } },
    );
    await broken.start();
    const view = await broken.sendLink('someone@example.com');
    expect(view.notice).toMatchObject({ code: 'misconfigured', action: 'contact-support' });
    expect(rig.lines.join('\n')).toContain('unauthorized_credentials');
    expect(rig.lines.join('\n')).not.toContain('secret-test-wrong');
  });
});

describe('core sessions across restarts', () => {
  it('revokes the session at Stytch on sign out and wipes it locally', async () => {
    rig = await startRig();
    await signIn('leaving@example.com');
    const view = await rig.core.signOut();
    expect(view).toMatchObject({ status: 'signed-out', notice: { code: 'signed-out' } });
    expect(rig.emulator.requestCount('/v1/sessions/revoke')).toBe(1);
    expect(rig.store.get('session-vault')).toBeUndefined();
    const again = rig.restart();
    await again.start();
    expect(again.view().status).toBe('signed-out');
  });

  it('restores a stored session with zero requests, then confirms it in the background', async () => {
    rig = await startRig();
    await signIn('stays@example.com');
    const before = rig.emulator.requestCount();
    const restarted = rig.restart();
    await restarted.start();
    expect(restarted.view()).toMatchObject({ status: 'signed-in', email: 'stays@example.com' });
    expect(rig.emulator.requestCount()).toBe(before);
    // The JWT was checked against the stored signing keys, not the network.
    expect(rig.lines.some((line) => line.includes('restored the stored session') && line.includes('"localCheck":"verified"'))).toBe(true);
    await restarted.idle();
    expect(rig.emulator.requestCount('/v1/sessions/authenticate')).toBe(1);
    expect(restarted.view().status).toBe('signed-in');
  });

  it('signs out with a reason when the stored session ended elsewhere', async () => {
    rig = await startRig();
    await signIn('revoked@example.com');
    rig.emulator.reset();
    const restarted = rig.restart();
    await restarted.start();
    expect(restarted.view().status).toBe('signed-in');
    await restarted.idle();
    expect(restarted.view()).toMatchObject({ status: 'signed-out', notice: { code: 'session-ended' } });
  });

  it('stays signed in when the confirm cannot reach Stytch', async () => {
    rig = await startRig();
    await signIn('offline@example.com');
    rig.emulator.injectFault({ path: '/v1/sessions/authenticate', drop: true });
    const restarted = rig.restart();
    await restarted.start();
    await restarted.idle();
    expect(restarted.view().status).toBe('signed-in');
  });

  it('completes a link clicked after a restart between sending and clicking', async () => {
    rig = await startRig();
    await rig.core.start();
    await rig.core.sendLink('restart@example.com');
    await rig.core.dispose();
    const restarted = rig.restart();
    await restarted.start();
    await restarted.handleDeepLink(deepLinkFor(rig.emulator.latestMessage('restart@example.com')?.token ?? ''));
    expect(restarted.view().status).toBe('signed-in');
  });

  it('keeps the session in memory only when no cipher is available', async () => {
    rig = await startRig({}, { available: false, reason: 'basic_text backend' });
    await signIn('memory@example.com');
    expect(rig.core.view().persistence).toBe('memory-only');
    expect(rig.store.get('session-vault')).toBeUndefined();
    const lines: string[] = [];
    const other = createAppCore({
      config: rig.config,
      cipher: { available: false, reason: 'basic_text backend' },
      store: createConfStore(rig.dir),
      logger: createLogger((_level, line) => lines.push(line)),
    });
    await other.start();
    expect(other.view().status).toBe('signed-out');
    await other.dispose();
  });
});
