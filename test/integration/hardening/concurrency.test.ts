// Races against the real core and emulator, each ending in an outcome written down in
// docs/security.md ("Races"). After every race a new core on the same store (an app restart)
// shows what was really kept: no session lost, none resurrected.
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_KEY } from '../../../main/session/session-vault';
import { untilHeld } from '../../fixtures/held-requests';
import { deepLinkFor, PATHS, requestLink, signIn, startHardeningRig, type HardeningRig } from './rig';

let rig: HardeningRig | undefined;
afterEach(async () => {
  await rig?.cleanup();
  rig = undefined;
});

const DELIVERIES = 100;

describe('concurrency: the same link', () => {
  it(`delivered ${DELIVERIES} times at once makes one authenticate request and stores one session`, async () => {
    rig = await startHardeningRig();
    const core = rig.core();
    const token = await requestLink(rig, core, 'burst@example.com');
    const link = deepLinkFor(token);
    const writes: unknown[] = [];
    const unsubscribe = core.onView((view) => writes.push(view.status));
    await Promise.all(Array.from({ length: DELIVERIES }, () => core.handleDeepLink(link)));
    unsubscribe();
    await core.idle();

    expect(rig.emulator.requestCount(PATHS.authenticate)).toBe(1);
    expect(core.view()).toMatchObject({ status: 'signed-in', email: 'burst@example.com' });
    expect(writes.filter((status) => status === 'signed-in').length).toBeGreaterThanOrEqual(1);
    // One session at Stytch for this user, one on disk.
    expect(rig.emulator.outbox('burst@example.com')).toHaveLength(1);
    expect(typeof rig.store().get(SESSION_KEY)).toBe('string');
    const restarted = rig.core();
    await restarted.start();
    expect(restarted.view()).toMatchObject({ status: 'signed-in', email: 'burst@example.com' });
    console.log(`[race] same link x${DELIVERIES}: ${rig.emulator.requestCount(PATHS.authenticate)} authenticate request, 1 session stored`);
  });

  it('delivered again after sign-in is ignored without a request', async () => {
    rig = await startHardeningRig();
    const core = rig.core();
    const token = await requestLink(rig, core, 'again@example.com');
    await core.handleDeepLink(deepLinkFor(token));
    await Promise.all(Array.from({ length: 10 }, () => core.handleDeepLink(deepLinkFor(token))));
    expect(rig.emulator.requestCount(PATHS.authenticate)).toBe(1);
    expect(core.view().status).toBe('signed-in');
  });
});

describe('concurrency: two different links in flight', () => {
  it('both are exchanged; the first to finish is the session kept, the later one is revoked', async () => {
    rig = await startHardeningRig();
    const core = rig.core();
    const first = await requestLink(rig, core, 'two@example.com');
    const second = await requestLink(rig, core, 'two@example.com');
    expect(first).not.toBe(second);
    // Stytch holds both exchanges, so both are in flight at once, then answers them together.
    rig.emulator.injectFault({ path: PATHS.authenticate, hang: true, count: 2 });
    const both = Promise.all([core.handleDeepLink(deepLinkFor(first)), core.handleDeepLink(deepLinkFor(second))]);
    await untilHeld(rig.emulator, PATHS.authenticate, 2);
    rig.emulator.releaseHeld();
    await both;
    await core.idle();

    expect(core.view()).toMatchObject({ status: 'signed-in', email: 'two@example.com' });
    // The newest verifier is tried first: the older link spends one pkce_mismatch on it.
    const authenticates = rig.emulator.requestCount(PATHS.authenticate);
    expect(authenticates).toBeGreaterThanOrEqual(2);
    const restarted = rig.core();
    await restarted.start();
    expect(restarted.view()).toMatchObject({ status: 'signed-in', email: 'two@example.com' });
    await restarted.idle();
    expect(restarted.view().status).toBe('signed-in');
    // The first finisher signs in; the later one's session is revoked, not kept beside it
    // (docs/security.md, "Races").
    const live = await liveSessions(rig, rig.emulator.latestMessage('two@example.com')?.user_id ?? '');
    expect(live).toBe(1);
    console.log(`[race] two links in flight: ${authenticates} authenticate requests, signed in with the first finisher, 1 session stored, ${live} live at Stytch`);
  });
});

describe('concurrency: sign-out against background work', () => {
  it('sign-out while the start-up confirm is in flight: signed out, and the confirm does not bring the session back', async () => {
    rig = await startHardeningRig();
    await signIn(rig, rig.core(), 'leaver@example.com');
    rig.emulator.injectFault({ path: PATHS.sessionAuthenticate, hang: true });
    const restarted = rig.core();
    await restarted.start();
    expect(restarted.view().status).toBe('signed-in');
    await untilHeld(rig.emulator, PATHS.sessionAuthenticate, 1);
    const view = await restarted.signOut();
    expect(view.status).toBe('signed-out');
    // Only now does Stytch answer the confirmation (a live session, as far as it knew).
    rig.emulator.releaseHeld();
    await restarted.idle();
    expect(restarted.view().status).toBe('signed-out');
    expect(rig.store().get(SESSION_KEY)).toBeUndefined();
    expect(rig.emulator.requestCount(PATHS.revoke)).toBe(1);
    const again = rig.core();
    await again.start();
    expect(again.view().status).toBe('signed-out');
  });

  it('sign-out while the signing keys are still being fetched after sign-in: nothing is written back', async () => {
    rig = await startHardeningRig();
    const core = rig.core();
    const token = await requestLink(rig, core, 'quick@example.com');
    const jwks = `/v1/sessions/jwks/${rig.emulator.projectId}`;
    rig.emulator.injectFault({ path: jwks, hang: true });
    await core.handleDeepLink(deepLinkFor(token));
    expect(core.view().status).toBe('signed-in');
    await untilHeld(rig.emulator, jwks, 1);
    await core.signOut();
    rig.emulator.releaseHeld();
    await core.idle();
    expect(rig.store().get(SESSION_KEY)).toBeUndefined();
    const again = rig.core();
    await again.start();
    expect(again.view().status).toBe('signed-out');
  });

  it('sign-out while the revoke is slow, then a restart: stays signed out', async () => {
    rig = await startHardeningRig();
    const core = rig.core();
    await signIn(rig, core, 'slowrevoke@example.com');
    rig.emulator.injectFault({ path: PATHS.revoke, hang: true });
    const signingOut = core.signOut();
    // The local copy goes first: with the revoke still unanswered at Stytch, restart.
    await untilHeld(rig.emulator, PATHS.revoke, 1);
    expect(core.view().status).toBe('signed-out');
    const restarted = rig.core();
    await restarted.start();
    expect(restarted.view().status).toBe('signed-out');
    rig.emulator.releaseHeld();
    expect((await signingOut).status).toBe('signed-out');
  });
});

describe('concurrency: sign-out while a link is being exchanged', () => {
  it('the sign-out wins: nothing is signed in or stored when the exchange finishes', async () => {
    rig = await startHardeningRig();
    const core = rig.core();
    const token = await requestLink(rig, core, 'changed-mind@example.com');
    rig.emulator.injectFault({ path: PATHS.authenticate, hang: true });
    const exchanging = core.handleDeepLink(deepLinkFor(token));
    await untilHeld(rig.emulator, PATHS.authenticate, 1);
    expect(core.view().status).toBe('authenticating');
    expect((await core.signOut()).status).toBe('signed-out');
    // Stytch answers the exchange only after the person signed out.
    rig.emulator.releaseHeld();
    await exchanging;
    await core.idle();
    expect(core.view().status).toBe('signed-out');
    expect(rig.store().get(SESSION_KEY)).toBeUndefined();
    const again = rig.core();
    await again.start();
    expect(again.view().status).toBe('signed-out');
  });
});

describe('concurrency: a deep link during restore', () => {
  it('with a stored session: the session is restored and the link is ignored, no request made', async () => {
    rig = await startHardeningRig();
    const core = rig.core();
    const used = await requestLink(rig, core, 'restoring@example.com');
    const spare = await requestLink(rig, core, 'restoring@example.com');
    await core.handleDeepLink(deepLinkFor(used));
    expect(core.view().status).toBe('signed-in');
    await core.idle();
    const before = rig.emulator.requestCount(PATHS.authenticate);
    const restarted = rig.core();
    await Promise.all([restarted.handleDeepLink(deepLinkFor(spare)), restarted.start()]);
    expect(restarted.view()).toMatchObject({ status: 'signed-in', email: 'restoring@example.com' });
    expect(rig.emulator.requestCount(PATHS.authenticate)).toBe(before);
    await restarted.idle();
    const again = rig.core();
    await again.start();
    expect(again.view().status).toBe('signed-in');
  });

  it('with no stored session: the link signs in once restore has found nothing', async () => {
    rig = await startHardeningRig();
    const first = rig.core();
    const token = await requestLink(rig, first, 'cold@example.com');
    await first.dispose();
    const restarted = rig.core();
    await Promise.all([restarted.handleDeepLink(deepLinkFor(token)), restarted.start()]);
    expect(restarted.view()).toMatchObject({ status: 'signed-in', email: 'cold@example.com' });
    await restarted.idle();
    const again = rig.core();
    await again.start();
    expect(again.view().status).toBe('signed-in');
  });
});

/** Sessions Stytch (the emulator) holds for a user, through its own sessions API. */
async function liveSessions(current: HardeningRig, userId: string): Promise<number> {
  const auth = Buffer.from(`${current.emulator.projectId}:${current.emulator.secret}`).toString('base64');
  const response = await fetch(`${current.emulator.url}/v1/sessions?user_id=${encodeURIComponent(userId)}`, { headers: { authorization: `Basic ${auth}` } });
  const body = (await response.json()) as { sessions?: unknown[] };
  return body.sessions?.length ?? -1;
}
