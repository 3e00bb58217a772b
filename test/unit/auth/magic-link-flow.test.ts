// The sign-in state machine end to end in one process: the real core against the in-memory
// gateway (held to the same contract as the SDK gateway), with vitest's fake timers moving
// the link expiry, the resend cooldown, JWT refreshes, retries and the two-minute question.
import { describe, expect, it, vi } from 'vitest';
import { RESEND_COOLDOWN_MS } from '../../../main/auth/magic-link-flow';
import { createPkcePair } from '../../../main/auth/pkce';
import { CONFIRMATION_TIMEOUT_MS } from '../../../main/auth/unrequested-link';
import { deepLinkFor, FLOW_START, startFlowRig, useFlowTime, type FlowRig } from './flow-rig';

const START = FLOW_START;
// The emulator's and Stytch's JWT life; the core refreshes at 80% of it.
const JWT_REFRESH_MS = 240_000;

let rig: FlowRig;
useFlowTime(() => rig);

async function liveSessionsOf(email: string): Promise<number> {
  const pkce = createPkcePair();
  await rig.gateway.sendMagicLink({ email, codeChallenge: pkce.challenge, callbackUrl: rig.config.callbackUrl, loginExpirationMinutes: 60, signupExpirationMinutes: 60 });
  const probe = await rig.gateway.authenticateMagicLink({ token: rig.gateway.latestToken(email) ?? '', codeVerifier: pkce.verifier, sessionDurationMinutes: 5 });
  if (!probe.ok) throw new Error('probe sign-in failed');
  const caller = { userId: probe.value.user.userId, sessionId: probe.value.sessionId, sessionToken: probe.value.sessionToken };
  const listed = await rig.gateway.listSessions(caller);
  await rig.gateway.revokeSession(probe.value.sessionToken);
  return listed.ok ? listed.value.filter((session) => !session.current).length : -1;
}

describe('sign-in from send to signed in', () => {
  it('goes signed-out → sending → link-sent → authenticating → signed-in and stores the session', async () => {
    rig = startFlowRig();
    await rig.core.start();
    expect(rig.core.view()).toMatchObject({ status: 'signed-out', notice: null });
    const sent = await rig.core.sendLink('ada@example.com');
    expect(sent).toMatchObject({ status: 'link-sent', email: 'ada@example.com', notice: { code: 'link-sent' } });
    expect(sent.linkExpiresAt).toBe(new Date(START + 60 * 60_000).toISOString());
    await rig.core.handleDeepLink(rig.deepLinkFor('ada@example.com'));
    expect(rig.views.map((view) => view.status)).toEqual(['signed-out', 'sending', 'link-sent', 'authenticating', 'signed-in']);
    await rig.core.idle();
    // A restart restores it with no request: the keys were stored with the session.
    const calls = rig.gateway.calls('authenticateSession');
    const again = rig.restart();
    await again.start();
    expect(again.view()).toMatchObject({ status: 'signed-in', email: 'ada@example.com' });
    expect(rig.gateway.calls('authenticateSession')).toBe(calls + 1);
    // No token, JWT or verifier reaches a view or a log line.
    expect(JSON.stringify(rig.views)).not.toMatch(/eyJ|sessionToken|verifier/);
    expect(rig.lines.join('\n')).not.toContain(rig.gateway.latestToken('ada@example.com'));
  });

  it('refuses a link requested from another installation (wrong PKCE) and keeps waiting for the right one', async () => {
    rig = startFlowRig();
    await rig.core.sendLink('bea@example.com');
    const own = rig.gateway.latestToken('bea@example.com') ?? '';
    // Another installation asks for a link with its own challenge.
    await rig.gateway.sendMagicLink({
      email: 'bea@example.com',
      codeChallenge: createPkcePair().challenge,
      callbackUrl: rig.config.callbackUrl,
      loginExpirationMinutes: 60,
      signupExpirationMinutes: 60,
    });
    await rig.core.handleDeepLink(rig.deepLinkFor('bea@example.com'));
    expect(rig.core.view()).toMatchObject({ status: 'link-sent', notice: { code: 'link-from-elsewhere' } });
    await rig.core.handleDeepLink(deepLinkFor(own));
    expect(rig.core.view()).toMatchObject({ status: 'signed-in', email: 'bea@example.com' });
  });

  it('ignores a used link without asking Stytch again, and after a restart hears "used" from Stytch', async () => {
    rig = startFlowRig();
    await rig.signIn('cy@example.com');
    const link = rig.deepLinkFor('cy@example.com');
    await rig.core.signOut();
    const calls = rig.gateway.calls('authenticateMagicLink');
    await rig.core.handleDeepLink(link);
    expect(rig.core.view()).toMatchObject({ status: 'signed-out', notice: { code: 'link-replayed' } });
    expect(rig.gateway.calls('authenticateMagicLink')).toBe(calls);
    const restarted = rig.restart();
    await restarted.handleDeepLink(link);
    expect(restarted.view()).toMatchObject({ status: 'signed-out', notice: { code: 'link-expired-or-used' } });
  });

  it('refuses a link clicked after its hour has passed', async () => {
    rig = startFlowRig();
    await rig.core.sendLink('dee@example.com');
    await vi.advanceTimersByTimeAsync(60 * 60_000 + 1000);
    await rig.core.handleDeepLink(rig.deepLinkFor('dee@example.com'));
    expect(rig.core.view()).toMatchObject({ notice: { code: 'link-expired-or-used', action: 'start-over' } });
    expect(rig.core.view().status).not.toBe('signed-in');
  });

  it('signs in with the first of two links sent: every pending verifier is tried, newest first', async () => {
    rig = startFlowRig();
    await rig.core.sendLink('two@example.com');
    const first = rig.gateway.latestToken('two@example.com') ?? '';
    await vi.advanceTimersByTimeAsync(RESEND_COOLDOWN_MS);
    await rig.core.resend();
    await rig.core.handleDeepLink(deepLinkFor(first));
    expect(rig.core.view()).toMatchObject({ status: 'signed-in', email: 'two@example.com' });
    // The newest verifier failed with pkce_mismatch (the link is not burnt by it), then the older matched.
    expect(rig.gateway.calls('authenticateMagicLink')).toBe(2);
  });

  it('holds a resend back for the cooldown, then sends a new link that works', async () => {
    rig = startFlowRig();
    await rig.core.sendLink('eve@example.com');
    const first = rig.gateway.latestToken('eve@example.com');
    await vi.advanceTimersByTimeAsync(RESEND_COOLDOWN_MS - 10_000);
    expect(await rig.core.resend()).toMatchObject({ status: 'link-sent', notice: { code: 'resend-too-soon', retryAfterSeconds: 10 } });
    expect(rig.gateway.calls('sendMagicLink')).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await rig.core.resend()).toMatchObject({ status: 'link-sent', notice: { code: 'link-sent' } });
    expect(rig.gateway.latestToken('eve@example.com')).not.toBe(first);
    await rig.core.handleDeepLink(rig.deepLinkFor('eve@example.com'));
    expect(rig.core.view()).toMatchObject({ status: 'signed-in' });
  });
});

describe('a signed-in session over time', () => {
  it('refreshes the JWT when its timer fires, again and again', async () => {
    rig = startFlowRig();
    await rig.signIn('fay@example.com');
    expect(rig.gateway.calls('authenticateSession')).toBe(0);
    await vi.advanceTimersByTimeAsync(JWT_REFRESH_MS);
    expect(rig.gateway.calls('authenticateSession')).toBe(1);
    await vi.advanceTimersByTimeAsync(JWT_REFRESH_MS);
    expect(rig.gateway.calls('authenticateSession')).toBe(2);
    expect(rig.core.view()).toMatchObject({ status: 'signed-in', offline: false });
  });

  it('stays signed in while offline, flags it, and clears the flag once Stytch answers again', async () => {
    rig = startFlowRig();
    await rig.signIn('gus@example.com');
    rig.gateway.setOffline(true);
    await vi.advanceTimersByTimeAsync(JWT_REFRESH_MS);
    expect(rig.core.view()).toMatchObject({ status: 'signed-in', offline: true });
    // The first retry waits 2.5–5 s (backoff with jitter); still offline, so still flagged.
    await vi.advanceTimersByTimeAsync(5000);
    expect(rig.core.view()).toMatchObject({ status: 'signed-in', offline: true });
    rig.gateway.setOffline(false);
    // The second retry comes within 10 s.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(rig.core.view()).toMatchObject({ status: 'signed-in', offline: false });
  });

  it('restores a session whose JWT went stale while the app was closed, and confirms it with Stytch', async () => {
    rig = startFlowRig();
    await rig.signIn('jay@example.com');
    await rig.core.dispose();
    // Closed for an hour: the stored JWT (five minutes) is past exp, the session is not.
    vi.setSystemTime(Date.now() + 60 * 60_000);
    const restarted = rig.restart();
    await restarted.start();
    expect(restarted.view()).toMatchObject({ status: 'signed-in', email: 'jay@example.com' });
    await restarted.idle();
    expect(rig.gateway.calls('authenticateSession')).toBe(1);
    expect(restarted.view()).toMatchObject({ status: 'signed-in', offline: false });
  });

  it('ends the session with the expiry notice when its expires_at passes', async () => {
    rig = startFlowRig({ PROMPTGRIMOIRE_SESSION_DURATION_MINUTES: '10' });
    await rig.signIn('hal@example.com');
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(rig.core.view()).toMatchObject({ status: 'signed-out', notice: { code: 'session-expired' } });
    expect(rig.restart().view().status).not.toBe('signed-in');
  });

  it('signs out: revokes at Stytch, wipes the stored copy and says so', async () => {
    rig = startFlowRig();
    await rig.signIn('ivy@example.com');
    expect(await rig.core.signOut()).toMatchObject({ status: 'signed-out', notice: { code: 'signed-out' } });
    expect(rig.gateway.calls('revokeSession')).toBe(1);
    expect(await liveSessionsOf('ivy@example.com')).toBe(0);
    const restarted = rig.restart();
    await restarted.start();
    expect(restarted.view()).toMatchObject({ status: 'signed-out' });
  });
});

describe('a link this installation did not ask for', () => {
  it('asks first; Cancel revokes its session and nothing is stored', async () => {
    rig = startFlowRig();
    await rig.core.start();
    await rig.core.handleDeepLink(await rig.deviceLinkFrom('jo@example.com'));
    expect(rig.core.view()).toMatchObject({ status: 'confirming', email: 'jo@example.com' });
    expect(await liveSessionsOf('jo@example.com')).toBe(2);
    expect(await rig.core.cancelLink()).toMatchObject({ status: 'signed-out', notice: { code: 'link-declined' } });
    expect(await liveSessionsOf('jo@example.com')).toBe(1);
    expect(rig.restart().view().status).not.toBe('signed-in');
  });

  it('revokes it when the question goes unanswered for two minutes', async () => {
    rig = startFlowRig();
    await rig.core.start();
    await rig.core.handleDeepLink(await rig.deviceLinkFrom('kit@example.com'));
    await vi.advanceTimersByTimeAsync(CONFIRMATION_TIMEOUT_MS - 1000);
    expect(rig.core.view()).toMatchObject({ status: 'confirming' });
    await vi.advanceTimersByTimeAsync(1000);
    await rig.core.idle();
    expect(rig.core.view()).toMatchObject({ status: 'signed-out', notice: { code: 'confirmation-expired' } });
    expect(await liveSessionsOf('kit@example.com')).toBe(1);
  });

  it('signs in on Continue', async () => {
    rig = startFlowRig();
    await rig.core.start();
    await rig.core.handleDeepLink(await rig.deviceLinkFrom('lu@example.com'));
    expect(await rig.core.confirmLink()).toMatchObject({ status: 'signed-in', email: 'lu@example.com' });
  });
});
