// The account screen in relay mode: the core holds no secret, and core.account reaches
// Stytch through the relay (relay/server.ts) with the session token alone.
import { afterEach, describe, expect, it } from 'vitest';
import { startAccountRig, type AccountRig } from './rig';

let rig: AccountRig;
afterEach(async () => rig?.cleanup());

describe('account in relay mode', () => {
  it('lists sessions, signs out the others, and makes a device link that signs in elsewhere', async () => {
    rig = await startAccountRig();
    const config = await rig.relayConfig({ invitesEnabled: true });
    const here = rig.install({ config });
    await rig.signIn(here.core, 'relayed@example.com');

    const first = await here.core.account.get();
    expect(first).toMatchObject({ ok: true, value: { email: 'relayed@example.com', sessions: [{ current: true }] } });

    const userId = rig.emulator.latestMessage('relayed@example.com')?.user_id ?? '';
    const { token } = await rig.stytch.magicLinks.create({ user_id: userId });
    await rig.stytch.magicLinks.authenticate({ token, session_duration_minutes: 60 });
    const two = await here.core.account.get();
    expect(two.ok && two.value.sessions.map((session) => session.current)).toEqual([true, false]);
    expect(await here.core.account.signOutOtherSessions()).toMatchObject({ ok: true, value: { sessions: [{ current: true }] } });
    expect((await rig.stytch.sessions.get({ user_id: userId })).sessions).toHaveLength(1);

    expect((await here.core.account.createDeviceLink()).ok).toBe(true);
    expect((await here.core.account.copyDeviceLink()).ok).toBe(true);
    const there = rig.install({ config });
    await there.core.start();
    await there.core.handleDeepLink(here.clipboard.text);
    // Through the relay too, a link not requested there asks before it signs in.
    expect(there.core.view()).toMatchObject({ status: 'confirming', email: 'relayed@example.com' });
    expect(await there.core.confirmLink()).toMatchObject({ status: 'signed-in', email: 'relayed@example.com' });

    const invited = await here.core.account.invite({ email: 'guest@example.com', firstName: 'Gus', lastName: '' });
    expect(invited).toMatchObject({ ok: true, value: { pendingInvites: [{ email: 'guest@example.com', name: 'Gus' }] } });
    expect(rig.emulator.latestMessage('guest@example.com')?.kind).toBe('invite');
  });

  it('reports a relay that refuses invites as misconfigured', async () => {
    rig = await startAccountRig();
    // The app believes invites are on; the relay has them off.
    const config = { ...(await rig.relayConfig({ invitesEnabled: false })), invitesEnabled: true };
    const here = rig.install({ config });
    await rig.signIn(here.core, 'host@example.com');
    expect(await here.core.account.invite({ email: 'x@example.com', firstName: '', lastName: '' })).toMatchObject({
      ok: false,
      code: 'misconfigured',
    });
  });
});
