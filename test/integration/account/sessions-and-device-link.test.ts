// The account view, signing out other sessions and the link for another computer, through
// the real core, the real SDK and the real emulator.
import { afterEach, describe, expect, it } from 'vitest';
import { deepLinkFor, startAccountRig, type AccountRig } from './rig';

let rig: AccountRig;
afterEach(async () => rig?.cleanup());

/** The same person signs in elsewhere, with the project's SDK instead of this app. */
async function signInElsewhere(userId: string): Promise<string> {
  const { token } = await rig.stytch.magicLinks.create({ user_id: userId });
  const session = await rig.stytch.magicLinks.authenticate({ token, session_duration_minutes: 60 });
  return session.session?.session_id ?? '';
}

describe('account sessions', () => {
  it('lists this session as current, then a second one, and signs the other out', async () => {
    rig = await startAccountRig();
    const here = rig.install();
    await rig.signIn(here.core, 'many@example.com');

    const first = await here.core.account.get();
    if (!first.ok) throw new Error(first.message);
    expect(first.value).toMatchObject({ email: 'many@example.com', pendingInvites: [] });
    expect(first.value.sessions).toHaveLength(1);
    expect(first.value.sessions[0]?.current).toBe(true);
    expect(Date.parse(first.value.sessionStartedAt ?? '')).not.toBeNaN();
    expect(Date.parse(first.value.expiresAt ?? '')).toBe(Date.parse(here.core.view().expiresAt ?? 'x'));
    expect(JSON.stringify(first.value)).not.toMatch(/eyJ|token/i);

    const userId = rig.emulator.latestMessage('many@example.com')?.user_id ?? '';
    const otherId = await signInElsewhere(userId);
    const second = await here.core.account.get();
    if (!second.ok) throw new Error(second.message);
    expect(second.value.sessions.map((session) => session.current)).toEqual([true, false]);
    expect(second.value.sessions[1]?.id).toBe(otherId);

    const after = await here.core.account.signOutOtherSessions();
    if (!after.ok) throw new Error(after.message);
    expect(after.value.sessions).toHaveLength(1);
    expect(after.value.sessions[0]?.current).toBe(true);
    const remaining = await rig.stytch.sessions.get({ user_id: userId });
    expect(remaining.sessions.map((session) => session.session_id)).toEqual([first.value.sessions[0]?.id]);
    expect(here.core.view().status).toBe('signed-in');
  });

  it('answers not-signed-in before sign-in and after sign-out', async () => {
    rig = await startAccountRig();
    const here = rig.install();
    await here.core.start();
    for (const result of [await here.core.account.get(), await here.core.account.createDeviceLink(), await here.core.account.signOutOtherSessions()]) {
      expect(result).toMatchObject({ ok: false, code: 'not-signed-in', message: expect.stringMatching(/not signed in/i) as unknown });
    }
    await rig.signIn(here.core, 'leaver@example.com');
    await here.core.signOut();
    expect(await here.core.account.get()).toMatchObject({ ok: false, code: 'not-signed-in' });
  });

  it('reports Stytch trouble with a code and a sentence from the notices table', async () => {
    rig = await startAccountRig();
    const here = rig.install();
    await rig.signIn(here.core, 'trouble@example.com');
    rig.emulator.injectFault({ path: '/v1/sessions', status: 503, error_type: 'internal_server_error' });
    expect(await here.core.account.get()).toMatchObject({
      ok: false,
      code: 'stytch-unavailable',
      message: 'The sign-in service is having trouble right now. Try again in a few minutes.',
    });
  });
});

describe('a link for another computer', () => {
  it('is masked in the view, real on the clipboard, and signs a second installation in by deep link', async () => {
    rig = await startAccountRig();
    const here = rig.install();
    await rig.signIn(here.core, 'traveller@example.com');

    const created = await here.core.account.createDeviceLink();
    if (!created.ok) throw new Error(created.message);
    const minutes = (Date.parse(created.value.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(9);
    expect(minutes).toBeLessThanOrEqual(10);
    expect(created.value.maskedLink).toMatch(/^promptgrimoire:\/\/auth\/callback\?stytch_token_type=magic_links&token=.{4}•+$/);

    expect(await here.core.account.copyDeviceLink()).toEqual({ ok: true, value: created.value });
    const link = here.clipboard.text;
    const token = new URL(link).searchParams.get('token') ?? '';
    expect(link).toBe(deepLinkFor(token));
    expect(token.length).toBeGreaterThan(10);
    expect(created.value.maskedLink).not.toContain(token);
    expect(created.value.maskedLink.length).toBe(link.length - encodeURIComponent(token).length + token.length);
    expect(rig.lines.join('\n')).not.toContain(token);

    const there = rig.install();
    await there.core.start();
    await there.core.handleDeepLink(link);
    expect(there.core.view()).toMatchObject({ status: 'confirming', email: 'traveller@example.com', pendingEmail: null });
    expect(await there.core.confirmLink()).toMatchObject({ status: 'signed-in', email: 'traveller@example.com' });
    // The link is single use: a third installation is refused.
    const third = rig.install();
    await third.core.start();
    await third.core.handleDeepLink(link);
    expect(third.core.view()).toMatchObject({ status: 'signed-out', notice: { code: 'link-expired-or-used' } });
  });

  it('asks before it signs a second installation in when pasted, even with a sign-in of its own pending', async () => {
    rig = await startAccountRig();
    const here = rig.install();
    await rig.signIn(here.core, 'paster@example.com');
    expect((await here.core.account.createDeviceLink()).ok).toBe(true);
    expect((await here.core.account.copyDeviceLink()).ok).toBe(true);

    const there = rig.install();
    await there.core.start();
    // A link of its own is pending there, so a verifier is stored: the device link has no
    // challenge, and the pending verifier survives.
    await there.core.sendLink('someone.else@example.com');
    const authenticateCalls = rig.emulator.requestCount('/v1/magic_links/authenticate');
    expect(await there.core.submitLink(here.clipboard.text)).toMatchObject({
      status: 'confirming',
      email: 'paster@example.com',
      pendingEmail: 'someone.else@example.com',
    });
    expect(rig.emulator.requestCount('/v1/magic_links/authenticate') - authenticateCalls).toBe(2);
    expect(await there.core.confirmLink()).toMatchObject({ status: 'signed-in', email: 'paster@example.com' });
  });

  it('makes one authenticate call for many simultaneous deliveries of a device link', async () => {
    rig = await startAccountRig();
    const here = rig.install();
    await rig.signIn(here.core, 'eager@example.com');
    expect((await here.core.account.createDeviceLink()).ok).toBe(true);
    expect((await here.core.account.copyDeviceLink()).ok).toBe(true);
    const there = rig.install();
    await there.core.start();
    const before = rig.emulator.requestCount('/v1/magic_links/authenticate');
    await Promise.all(Array.from({ length: 20 }, () => there.core.handleDeepLink(here.clipboard.text)));
    expect(rig.emulator.requestCount('/v1/magic_links/authenticate') - before).toBe(1);
    // One question, not twenty: the duplicates joined the one exchange.
    expect(there.core.view()).toMatchObject({ status: 'confirming', email: 'eager@example.com', notice: null });
  });

  it('answers no-device-link before one is made and clipboard-refused when the clipboard says no', async () => {
    rig = await startAccountRig();
    const here = rig.install();
    await rig.signIn(here.core, 'copier@example.com');
    expect(await here.core.account.copyDeviceLink()).toMatchObject({ ok: false, code: 'no-device-link' });
    expect((await here.core.account.createDeviceLink()).ok).toBe(true);
    here.clipboard.refuseNext();
    expect(await here.core.account.copyDeviceLink()).toMatchObject({ ok: false, code: 'clipboard-refused' });
    expect(here.clipboard.text).toBe('');
    expect((await here.core.account.copyDeviceLink()).ok).toBe(true);
    // Forgotten at sign-out: a later person on this computer cannot copy it.
    await here.core.signOut();
    await rig.signIn(here.core, 'copier@example.com');
    expect(await here.core.account.copyDeviceLink()).toMatchObject({ ok: false, code: 'no-device-link' });
  });

  it('explains an emailed link requested on another installation (it carries PKCE)', async () => {
    rig = await startAccountRig();
    const here = rig.install();
    await here.core.start();
    await here.core.sendLink('asker@example.com');
    const token = rig.emulator.latestMessage('asker@example.com')?.token ?? '';
    const there = rig.install();
    await there.core.start();
    await there.core.handleDeepLink(deepLinkFor(token));
    expect(there.core.view()).toMatchObject({ status: 'signed-out', notice: { code: 'link-from-elsewhere' } });
    expect(rig.emulator.requestCount('/v1/magic_links/authenticate')).toBe(1);
    // Not burnt: the installation that asked for it still signs in with it.
    await here.core.handleDeepLink(deepLinkFor(token));
    expect(here.core.view()).toMatchObject({ status: 'signed-in', email: 'asker@example.com' });
  });
});
