// The relay gateway's account calls: own sessions, other-device link, invites — through the
// real relay, SDK and emulator.
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../common/log/logger';
import { createRelayGateway, type RelayGateway } from '../../../main/relay/relay-gateway';
import { startRelayRig, type RelayRig, type RigOptions } from './harness';

let rig: RelayRig | undefined;
let gateway: RelayGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  await rig?.close();
  rig = undefined;
  gateway = undefined;
});

async function setUp(options: RigOptions = {}): Promise<{ rig: RelayRig; gateway: RelayGateway }> {
  rig = await startRelayRig(options);
  gateway = createRelayGateway({ relayUrl: rig.relay.url, timeoutMs: 5000, logger: createLogger(() => undefined) });
  return { rig, gateway };
}

describe('relay gateway: account calls', () => {
  it('lists the caller\u2019s sessions and signs out every other one, keeping this one', async () => {
    const { rig, gateway } = await setUp();
    const phone = await rig.signIn('many@example.com');
    const laptop = await rig.signIn('many@example.com');
    const here = await rig.signIn('many@example.com');
    const stranger = await rig.signIn('stranger@example.com');

    const listed = await gateway.listSessions(here.session_token);
    if (!listed.ok) throw new Error(JSON.stringify(listed.failure));
    expect(listed.value).toHaveLength(3);
    expect(listed.value.filter((s) => s.current).map((s) => s.sessionId)).toEqual([here.session.session_id]);

    expect(await gateway.revokeOtherSessions(here.session_token)).toEqual({ ok: true, value: { revoked: 2 } });
    for (const gone of [phone, laptop]) {
      expect(await gateway.authenticateSession(gone.session_token)).toMatchObject({ ok: false, failure: { code: 'session-ended' } });
    }
    expect((await gateway.authenticateSession(here.session_token)).ok).toBe(true);
    expect((await gateway.authenticateSession(stranger.session_token)).ok).toBe(true);
  });

  it('cannot revoke another user\u2019s session', async () => {
    const { rig, gateway } = await setUp();
    const me = await rig.signIn('me@example.com');
    const them = await rig.signIn('them@example.com');
    expect(await gateway.revokeOwnSession(me.session_token, them.session.session_id)).toMatchObject({
      ok: false,
      failure: { code: 'session-ended', errorType: 'session_not_found', status: 404 },
    });
    expect((await gateway.authenticateSession(them.session_token)).ok).toBe(true);
  });

  it('creates a link for another computer that signs in as the same user', async () => {
    const { rig, gateway } = await setUp({ embeddableExpirationMinutes: 10 });
    const me = await rig.signIn('device@example.com');
    const link = await gateway.createEmbeddableLink(me.session_token);
    if (!link.ok) throw new Error(JSON.stringify(link.failure));
    expect(link.value.expirationMinutes).toBe(10);
    const other = await gateway.authenticateMagicLink({ token: link.value.token, sessionDurationMinutes: 60 });
    expect(other).toMatchObject({ ok: true, value: { user: { userId: me.user.user_id } } });
  });

  it('invites and revokes the invite when the relay allows invites', async () => {
    const { rig, gateway } = await setUp({ invitesEnabled: true });
    const me = await rig.signIn('host@example.com');
    const invited = await gateway.invite(me.session_token, { email: 'friend@example.com', firstName: 'Fay', lastName: 'Lee' });
    expect(invited).toMatchObject({ ok: true, value: { userId: expect.stringMatching(/^user-test-/) as unknown } });
    expect(rig.emulator.latestMessage('friend@example.com')?.kind).toBe('invite');
    expect(await gateway.revokeInvite(me.session_token, 'friend@example.com')).toEqual({ ok: true, value: null });
  });

  it('reports invites as misconfigured when the relay has them off', async () => {
    const { rig, gateway } = await setUp();
    const me = await rig.signIn('host@example.com');
    expect(await gateway.invite(me.session_token, { email: 'friend@example.com' })).toMatchObject({
      ok: false,
      failure: { code: 'misconfigured', errorType: 'route_not_found', status: 404 },
    });
  });
});
