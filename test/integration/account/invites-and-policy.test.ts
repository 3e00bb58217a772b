// The existing-users-only sign-up policy and invites, through the real core, the real SDK
// and the real emulator.
import { afterEach, describe, expect, it } from 'vitest';
import { startAccountRig, type AccountRig } from './rig';

const INVITE_ONLY = { PROMPTGRIMOIRE_SIGNUP_POLICY: 'existing-users-only', PROMPTGRIMOIRE_INVITES_ENABLED: 'true' };
const CALLBACK = 'promptgrimoire://auth/callback';

let rig: AccountRig;
afterEach(async () => rig?.cleanup());

/** What the browser hands the OS after following the emailed link. */
async function followEmailedLink(email: string): Promise<string> {
  const message = rig.emulator.latestMessage(email);
  const redirect = await fetch(message?.link ?? '', { redirect: 'manual' });
  return redirect.headers.get('location') ?? '';
}

describe('sign-up policy existing-users-only', () => {
  it('tells an unknown email to ask for an invite and sends nothing', async () => {
    rig = await startAccountRig(INVITE_ONLY);
    const here = rig.install();
    await here.core.start();
    const view = await here.core.sendLink('stranger@example.com');
    expect(view.notice).toMatchObject({
      code: 'user-not-found',
      message: 'There is no account for this email; ask your administrator for an invite.',
    });
    expect(view.status).toBe('signed-out');
    expect(rig.emulator.outbox('stranger@example.com')).toHaveLength(0);
    expect(rig.emulator.requestCount('/v1/magic_links/email/login_or_create')).toBe(0);
  });

  it('lets an invited person sign in with the emailed invite link, and later with a PKCE link', async () => {
    rig = await startAccountRig(INVITE_ONLY);
    await rig.stytch.magicLinks.email.invite({ email: 'admin@example.com', invite_magic_link_url: CALLBACK });
    const here = rig.install();
    await here.core.start();
    await here.core.handleDeepLink(await followEmailedLink('admin@example.com'));
    // An invite carries no PKCE of this installation: the person confirms it once.
    expect(here.core.view()).toMatchObject({ status: 'confirming', email: 'admin@example.com' });
    expect(await here.core.confirmLink()).toMatchObject({ status: 'signed-in', email: 'admin@example.com' });
    await here.core.signOut();
    // Now an active user: the ordinary send (with its code challenge) works.
    await rig.signIn(here.core, 'admin@example.com');
    expect(rig.emulator.latestMessage('admin@example.com')?.kind).toBe('login');
  });
});

describe('invites', () => {
  it('invites with the callback and the name, lists it, and a revoked invite link then fails', async () => {
    rig = await startAccountRig(INVITE_ONLY);
    await rig.stytch.magicLinks.email.invite({ email: 'host@example.com', invite_magic_link_url: CALLBACK });
    const host = rig.install();
    await host.core.start();
    await host.core.handleDeepLink(await followEmailedLink('host@example.com'));
    expect((await host.core.confirmLink()).status).toBe('signed-in');

    const invited = await host.core.account.invite({ email: ' grace@example.com ', firstName: 'Grace', lastName: 'Hopper' });
    if (!invited.ok) throw new Error(invited.message);
    expect(invited.value.pendingInvites).toEqual([
      { email: 'grace@example.com', name: 'Grace Hopper', sentAt: expect.any(String) as unknown },
    ]);
    const message = rig.emulator.latestMessage('grace@example.com');
    expect(message).toMatchObject({ kind: 'invite', redirect_url: CALLBACK });
    const grace = await rig.stytch.users.get({ user_id: message?.user_id ?? '' });
    expect(grace).toMatchObject({ status: 'pending', name: { first_name: 'Grace', last_name: 'Hopper' } });

    expect((await host.core.account.invite({ email: 'alan@example.com', firstName: '', lastName: '' })).ok).toBe(true);
    const alanLink = await followEmailedLink('alan@example.com');
    const revoked = await host.core.account.revokeInvite('alan@example.com');
    if (!revoked.ok) throw new Error(revoked.message);
    expect(revoked.value.pendingInvites.map((invite) => invite.email)).toEqual(['grace@example.com']);
    // The same list after a restart: it is kept in the store.
    await host.core.dispose();
    const restarted = rig.restart(host);
    await restarted.core.start();
    expect(await restarted.core.account.get()).toMatchObject({
      ok: true,
      value: { pendingInvites: [{ email: 'grace@example.com', name: 'Grace Hopper' }] },
    });

    const alan = rig.install();
    await alan.core.start();
    await alan.core.handleDeepLink(alanLink);
    expect(alan.core.view()).toMatchObject({ status: 'signed-out', notice: { code: 'link-expired-or-used' } });

    const graceHere = rig.install();
    await graceHere.core.start();
    await graceHere.core.handleDeepLink(await followEmailedLink('grace@example.com'));
    expect(graceHere.core.view()).toMatchObject({ status: 'confirming', email: 'grace@example.com' });
    expect(await graceHere.core.confirmLink()).toMatchObject({ status: 'signed-in', email: 'grace@example.com', name: 'Grace Hopper' });
  });

  it('keeps the pending list per inviter and explains an invite to someone who already has an account', async () => {
    rig = await startAccountRig({ PROMPTGRIMOIRE_INVITES_ENABLED: 'true' });
    const here = rig.install();
    await rig.signIn(here.core, 'one@example.com');
    expect(await here.core.account.invite({ email: 'one@example.com', firstName: '', lastName: '' })).toMatchObject({
      ok: false,
      code: 'already-has-account',
    });
    expect((await here.core.account.invite({ email: 'friend@example.com', firstName: 'Fay', lastName: '' })).ok).toBe(true);
    await here.core.signOut();
    await rig.signIn(here.core, 'two@example.com');
    expect(await here.core.account.get()).toMatchObject({ ok: true, value: { email: 'two@example.com', pendingInvites: [] } });
    // Revoking an invite that is no longer open clears a stale entry instead of failing.
    expect(await here.core.account.revokeInvite('nobody@example.com')).toMatchObject({ ok: true });
  });

  it('answers invites-disabled when the configuration does not allow invites', async () => {
    rig = await startAccountRig();
    const here = rig.install();
    await rig.signIn(here.core, 'someone@example.com');
    expect(await here.core.account.invite({ email: 'x@example.com', firstName: '', lastName: '' })).toMatchObject({
      ok: false,
      code: 'invites-disabled',
      message: expect.stringMatching(/invites are turned off/i) as unknown,
    });
    expect(await here.core.account.revokeInvite('x@example.com')).toMatchObject({ ok: false, code: 'invites-disabled' });
    expect(rig.emulator.requestCount('/v1/magic_links/email/invite')).toBe(0);
    expect(rig.emulator.requestCount('/v1/magic_links/email/revoke_invite')).toBe(0);
  });
});
