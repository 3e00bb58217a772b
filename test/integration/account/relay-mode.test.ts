// The account screen in relay mode: the core holds no secret, and core.account reaches
// Stytch through the relay (relay/server.ts) with the session token alone.
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type AppConfig } from '../../../main/config';
import { startRelay, type RunningRelay } from '../../../relay/server';
import { startAccountRig, type AccountRig } from './rig';

let rig: AccountRig;
let relay: RunningRelay | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
  await rig?.cleanup();
});

async function relayConfig(options: { invitesEnabled: boolean }): Promise<AppConfig> {
  relay = await startRelay({
    port: 0,
    invitesEnabled: options.invitesEnabled,
    stytch: { projectId: rig.emulator.projectId, secret: rig.emulator.secret, apiUrl: rig.emulator.url },
    logLine: () => undefined,
  });
  const loaded = loadConfig({
    STYTCH_PROJECT_ID: rig.emulator.projectId,
    PROMPTGRIMOIRE_RELAY_URL: relay.url,
    PROMPTGRIMOIRE_INVITES_ENABLED: String(options.invitesEnabled),
  });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  expect(loaded.config.mode).toBe('relay');
  return loaded.config;
}

describe('account in relay mode', () => {
  it('lists sessions, signs out the others, and makes a device link that signs in elsewhere', async () => {
    rig = await startAccountRig();
    const config = await relayConfig({ invitesEnabled: true });
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
    expect(there.core.view()).toMatchObject({ status: 'signed-in', email: 'relayed@example.com' });

    const invited = await here.core.account.invite({ email: 'guest@example.com', firstName: 'Gus', lastName: '' });
    expect(invited).toMatchObject({ ok: true, value: { pendingInvites: [{ email: 'guest@example.com', name: 'Gus' }] } });
    expect(rig.emulator.latestMessage('guest@example.com')?.kind).toBe('invite');
  });

  it('reports a relay that refuses invites as misconfigured', async () => {
    rig = await startAccountRig();
    // The app believes invites are on; the relay has them off.
    const config = { ...(await relayConfig({ invitesEnabled: false })), invitesEnabled: true };
    const here = rig.install({ config });
    await rig.signIn(here.core, 'host@example.com');
    expect(await here.core.account.invite({ email: 'x@example.com', firstName: '', lastName: '' })).toMatchObject({
      ok: false,
      code: 'misconfigured',
    });
  });
});
