// What the seed does that the core must too: a clear message for a clicked link that is not
// a whole sign-in link ("No token provided"), a first-time welcome for a new account
// (user_created), and require_auth (a session is checked against its expiry whenever
// something protected is asked for, not only by timers). Real core, in-memory gateway,
// fake timers.
import { describe, expect, it, vi } from 'vitest';
import { CALLBACK_URL } from '../../../common/stytch/constants';
import { startFlowRig, useFlowTime, type FlowRig } from './flow-rig';

const TOKEN = 'knknDMZgLKljjIYfZCS-f2yN7zR1YlgYSdPsFzK51lJG';
const CALLBACK = CALLBACK_URL;

let rig: FlowRig;
useFlowTime(() => rig);

describe('a clicked link that is not a whole sign-in link', () => {
  it.each([
    ['has no token', `${CALLBACK}?stytch_token_type=magic_links`, 'link-incomplete', /incomplete: it has no token/],
    ['has a cut-off token', `${CALLBACK}?stytch_token_type=magic_links&token=${TOKEN.slice(0, 30)}`, 'link-damaged', /damaged/],
    ['has an extra parameter', `${CALLBACK}?stytch_token_type=magic_links&token=${TOKEN}&next=https://evil.example`, 'link-altered', /changed on the way/],
    ['has its token twice', `${CALLBACK}?stytch_token_type=magic_links&token=${TOKEN}&token=${TOKEN}`, 'link-altered', /twice/],
    ['has a wrong path', `promptgrimoire://auth/elsewhere?stytch_token_type=magic_links&token=${TOKEN}`, 'link-not-sign-in', /not a sign-in link/],
  ])('says so on the sign-in screen when it %s, asks Stytch nothing and echoes no token', async (_label, url, code, words) => {
    rig = startFlowRig();
    await rig.core.handleDeepLink(url);
    const view = rig.core.view();
    expect(view).toMatchObject({ status: 'signed-out', notice: { code, tone: 'error' } });
    expect(view.notice?.message).toMatch(words);
    expect(view.notice?.message).toMatch(/open the newest email/i);
    expect(JSON.stringify(view)).not.toContain(TOKEN.slice(0, 20));
    expect(rig.lines.join('\n')).not.toContain(TOKEN);
    expect(rig.gateway.calls('authenticateMagicLink')).toBe(0);
  });

  it('says so on the check-email screen and leaves the pending sign-in to finish with the real link', async () => {
    rig = startFlowRig();
    await rig.core.sendLink('ann@example.com');
    await rig.core.handleDeepLink(`${CALLBACK}?stytch_token_type=magic_links`);
    expect(rig.core.view()).toMatchObject({ status: 'link-sent', email: 'ann@example.com', notice: { code: 'link-incomplete' } });
    await rig.core.handleDeepLink(rig.deepLinkFor('ann@example.com'));
    expect(rig.core.view()).toMatchObject({ status: 'signed-in', email: 'ann@example.com' });
  });

  it('never signs anyone out: a signed-in person keeps the session, the screen and any notice', async () => {
    rig = startFlowRig();
    await rig.signIn('ben@example.com');
    const before = rig.core.view();
    for (const url of [`${CALLBACK}?stytch_token_type=magic_links`, `${CALLBACK}?token=${TOKEN}&token=${TOKEN}`, 'promptgrimoire://x']) {
      await rig.core.handleDeepLink(url);
    }
    expect(rig.core.view()).toEqual(before);
    expect(rig.gateway.calls('revokeSession')).toBe(0);
    const restarted = rig.restart();
    await restarted.start();
    expect(restarted.view()).toMatchObject({ status: 'signed-in', email: 'ben@example.com' });
  });

  it('does not interrupt an open "Continue as" question', async () => {
    rig = startFlowRig();
    await rig.core.start();
    await rig.core.handleDeepLink(await rig.deviceLinkFrom('cat@example.com'));
    const asking = rig.core.view();
    expect(asking).toMatchObject({ status: 'confirming', email: 'cat@example.com', notice: null });
    await rig.core.handleDeepLink(`${CALLBACK}?stytch_token_type=magic_links`);
    expect(rig.core.view()).toEqual(asking);
    expect(await rig.core.confirmLink()).toMatchObject({ status: 'signed-in', email: 'cat@example.com' });
  });

  it('stays silent about a URL of another scheme, which is no sign-in attempt', async () => {
    rig = startFlowRig();
    await rig.core.handleDeepLink(`https://evil.example/?token=${TOKEN}`);
    expect(rig.core.view()).toMatchObject({ status: 'signed-out', notice: null });
  });
});

describe('the first-time welcome', () => {
  it('greets a new account once, on its first sign-in, and never again', async () => {
    rig = startFlowRig();
    const view = await rig.signIn('new@example.com');
    expect(view.notice).toMatchObject({ code: 'welcome', tone: 'success' });
    expect(view.notice?.message).toMatch(/Welcome to PromptGrimoire/);
    expect(await rig.core.dismissNotice()).toMatchObject({ status: 'signed-in', notice: null });
    // Not stored: a restart shows the account without it.
    const restarted = rig.restart();
    await restarted.start();
    expect(restarted.view()).toMatchObject({ status: 'signed-in', notice: null });
  });

  it('does not greet a returning user', async () => {
    rig = startFlowRig();
    await rig.signIn('back@example.com');
    await rig.core.signOut();
    await vi.advanceTimersByTimeAsync(60_000);
    const view = await rig.signIn('back@example.com');
    expect(view.notice).toBeNull();
  });

  it('still greets a new person who needed the resend, whose first send made the account', async () => {
    rig = startFlowRig();
    await rig.core.sendLink('slow@example.com');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await rig.core.resend()).toMatchObject({ notice: { code: 'link-sent' } });
    await rig.core.handleDeepLink(rig.deepLinkFor('slow@example.com'));
    expect(rig.core.view()).toMatchObject({ status: 'signed-in', notice: { code: 'welcome' } });
  });
});

describe('require_auth: the expiry is checked when something protected is asked for', () => {
  // A laptop that slept through the expiry: the clock jumps and no timer has fired yet.
  const sleepPastExpiry = (view: { expiresAt: string | null }): void => {
    vi.setSystemTime(Date.parse(view.expiresAt ?? '') + 1000);
  };

  it('answers the view request with sign-in and the expiry notice, and wipes the session', async () => {
    rig = startFlowRig();
    const signedIn = await rig.signIn('eli@example.com');
    sleepPastExpiry(signedIn);
    expect(rig.core.view()).toMatchObject({ status: 'signed-out', notice: { code: 'session-expired' } });
    await rig.core.idle();
    const restarted = rig.restart();
    await restarted.start();
    expect(restarted.view()).toMatchObject({ status: 'signed-out' });
    // An expired session is over at Stytch already: nothing is sent to revoke it.
    expect(rig.gateway.calls('revokeSession')).toBe(0);
  });

  it('answers the account request with the expiry notice and moves the page to sign-in', async () => {
    rig = startFlowRig();
    const signedIn = await rig.signIn('fin@example.com');
    expect(await rig.core.account.get()).toMatchObject({ ok: true, value: { email: 'fin@example.com' } });
    sleepPastExpiry(signedIn);
    expect(await rig.core.account.get()).toEqual({ ok: false, code: 'session-expired', message: 'Your session has expired. Sign in again to continue.' });
    expect(rig.views.at(-1)).toMatchObject({ status: 'signed-out', notice: { code: 'session-expired' } });
    expect(rig.gateway.calls('listSessions')).toBe(1);
  });

  it('lets the expired person sign in again at once', async () => {
    rig = startFlowRig();
    const signedIn = await rig.signIn('gil@example.com');
    sleepPastExpiry(signedIn);
    expect(await rig.core.sendLink('gil@example.com')).toMatchObject({ status: 'link-sent' });
    await rig.core.handleDeepLink(rig.deepLinkFor('gil@example.com'));
    expect(rig.core.view()).toMatchObject({ status: 'signed-in', email: 'gil@example.com' });
  });

  it('keeps a live session: one second before its expiry, every request is answered', async () => {
    rig = startFlowRig();
    const signedIn = await rig.signIn('hana@example.com');
    vi.setSystemTime(Date.parse(signedIn.expiresAt ?? '') - 1000);
    expect(rig.core.view()).toMatchObject({ status: 'signed-in' });
    expect(await rig.core.account.get()).toMatchObject({ ok: true });
  });
});
