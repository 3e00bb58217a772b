// Every way Stytch can misbehave, injected through the emulator (or, for a body that is not
// JSON, a loopback server of this file's own): sign-in ends in a defined state with a notice
// a person understands, a stored session survives (checked by restarting after the fault),
// and no promise is left rejected without a handler.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../../emulator/index';
import { countUnhandledRejections, deepLinkFor, PATHS, requestLink, signIn, startHardeningRig, type HardeningRig } from './rig';

const TIMEOUT_MS = 300;
let rig: HardeningRig | undefined;
let rejections: ReturnType<typeof countUnhandledRejections>;
const outcomes: string[] = [];

beforeAll(() => {
  rejections = countUnhandledRejections();
});
afterEach(async () => {
  await rig?.cleanup();
  rig = undefined;
});
afterAll(() => {
  rejections.stop();
  console.log(`[faults] ${outcomes.length} fault cases, ${rejections.count()} unhandled rejections`);
  for (const line of outcomes) console.log(`[faults]   ${line}`);
  expect(rejections.count()).toBe(0);
});

interface FaultCase {
  name: string;
  fault: Omit<FaultSpec, 'path'>;
  /** The notice a person sees when the fault hits sending or authenticating a link. */
  notice: string;
}

const CASES: FaultCase[] = [
  // Held unanswered: the client's own timeout is the only way out, however slow the machine.
  { name: `no answer within the ${TIMEOUT_MS} ms timeout`, fault: { hang: true }, notice: 'timeout' },
  { name: '500', fault: { status: 500 }, notice: 'stytch-unavailable' },
  { name: '503', fault: { status: 503, error_type: 'service_unavailable' }, notice: 'stytch-unavailable' },
  { name: '429 with a wait', fault: { status: 429, error_type: 'too_many_requests' }, notice: 'rate-limited' },
  { name: 'connection reset', fault: { drop: true }, notice: 'offline' },
];

/** A notice is for people: a sentence with a next step, and nothing from the wire in it. */
function expectPlainNotice(notice: { message: string } | null, secrets: Set<string>): void {
  expect(notice?.message).toMatch(/^[A-Z].{20,}\.$/);
  for (const secret of secrets) expect(notice?.message).not.toContain(secret);
  expect(notice?.message).not.toMatch(/error_type|status_code|ECONN|undici|\{/);
}

async function restartsSignedIn(current: HardeningRig, email: string): Promise<void> {
  current.emulator.clearFaults();
  const again = current.core({ timeoutMs: TIMEOUT_MS });
  await again.start();
  expect(again.view()).toMatchObject({ status: 'signed-in', email });
  await again.idle();
  expect(again.view().status).toBe('signed-in');
}

describe.each(CASES)('fault: $name', ({ name, fault, notice }) => {
  it('sending a link: back to the form with a notice, nothing half-done', async () => {
    rig = await startHardeningRig({ env: { PROMPTGRIMOIRE_STYTCH_TIMEOUT_MS: String(TIMEOUT_MS) } });
    const core = rig.core({ timeoutMs: TIMEOUT_MS });
    await core.start();
    rig.emulator.injectFault({ path: PATHS.send, ...fault });
    const view = await core.sendLink('fault@example.com');
    expect(view).toMatchObject({ status: 'signed-out', notice: { code: notice, action: 'retry' } });
    expectPlainNotice(view.notice, rig.secrets);
    if (notice === 'rate-limited') expect(view.notice?.retryAfterSeconds).toBeGreaterThan(0);
    // Retrying once the fault has passed works.
    rig.emulator.clearFaults();
    expect((await core.sendLink('fault@example.com')).status).toBe('link-sent');
    outcomes.push(`${name} on send: signed-out, notice ${notice}`);
  });

  it('authenticating the link: the link stays pending with a notice, and works once the fault passes', async () => {
    rig = await startHardeningRig();
    const core = rig.core({ timeoutMs: TIMEOUT_MS });
    const token = await requestLink(rig, core, 'fault@example.com');
    rig.emulator.injectFault({ path: PATHS.authenticate, ...fault });
    await core.handleDeepLink(deepLinkFor(token));
    expect(core.view()).toMatchObject({ status: 'link-sent', notice: { code: notice } });
    expectPlainNotice(core.view().notice, rig.secrets);
    rig.emulator.clearFaults();
    // A timed-out request may still have landed at Stytch (the token is then spent): either
    // way the outcome is a defined state, never a hang or a crash.
    await core.handleDeepLink(deepLinkFor(token));
    const after = core.view();
    expect(['signed-in', 'link-sent']).toContain(after.status);
    outcomes.push(`${name} on authenticate: link-sent, notice ${notice}; after it passes: ${after.status}${after.notice ? ` (${after.notice.code})` : ''}`);
  });

  it('confirming a stored session at start-up: stays signed in, and still is after another restart', async () => {
    rig = await startHardeningRig();
    await signIn(rig, rig.core(), 'kept@example.com');
    rig.emulator.injectFault({ path: PATHS.sessionAuthenticate, ...fault });
    const restarted = rig.core({ timeoutMs: TIMEOUT_MS });
    await restarted.start();
    await restarted.idle();
    expect(restarted.view()).toMatchObject({ status: 'signed-in', email: 'kept@example.com' });
    await restartsSignedIn(rig, 'kept@example.com');
    outcomes.push(`${name} on start-up confirm: stays signed-in, session kept across restart`);
  });

  it('signing out: signed out locally at once, whatever Stytch does', async () => {
    rig = await startHardeningRig();
    const core = rig.core({ timeoutMs: TIMEOUT_MS });
    await signIn(rig, core, 'out@example.com');
    rig.emulator.injectFault({ path: PATHS.revoke, ...fault });
    expect((await core.signOut()).status).toBe('signed-out');
    const again = rig.core();
    await again.start();
    expect(again.view().status).toBe('signed-out');
  });
});

describe('fault: the signing keys (JWKS) unreachable', () => {
  it('sign-in still completes; the next start verifies nothing locally but restores and confirms', async () => {
    rig = await startHardeningRig();
    const core = rig.core({ timeoutMs: TIMEOUT_MS });
    const token = await requestLink(rig, core, 'nokeys@example.com');
    rig.emulator.injectFault({ path: `/v1/sessions/jwks/${rig.emulator.projectId}`, drop: true, count: 10 });
    await core.handleDeepLink(deepLinkFor(token));
    await core.idle();
    // Nothing about the fault reaches the person: the only notice is a new account's welcome.
    expect(core.view()).toMatchObject({ status: 'signed-in', notice: { code: 'welcome' } });
    const restarted = rig.core({ timeoutMs: TIMEOUT_MS });
    await restarted.start();
    expect(restarted.view().status).toBe('signed-in');
    await restarted.idle();
    expect(restarted.view().status).toBe('signed-in');
    await restartsSignedIn(rig, 'nokeys@example.com');
    outcomes.push('JWKS unreachable: signed-in without stored keys; restarts restore and confirm remotely');
  });
});

describe('fault: a body that is not JSON', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // The emulator always answers well-formed JSON, so this server answers 200 with half of it.
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status_code":200,"session_token":');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sending a link: a notice that the service has trouble', async () => {
    rig = await startHardeningRig();
    const core = rig.core({ baseUrl: url, timeoutMs: TIMEOUT_MS });
    await core.start();
    const view = await core.sendLink('garbled@example.com');
    expect(view).toMatchObject({ status: 'signed-out', notice: { code: 'stytch-unavailable', action: 'retry' } });
    expectPlainNotice(view.notice, rig.secrets);
    outcomes.push('malformed JSON on send: signed-out, notice stytch-unavailable');
  });

  it('confirming a stored session: stays signed in, and still is after another restart', async () => {
    rig = await startHardeningRig();
    await signIn(rig, rig.core(), 'garbled@example.com');
    const restarted = rig.core({ baseUrl: url, timeoutMs: TIMEOUT_MS });
    await restarted.start();
    await restarted.idle();
    expect(restarted.view()).toMatchObject({ status: 'signed-in', email: 'garbled@example.com' });
    await restartsSignedIn(rig, 'garbled@example.com');
    outcomes.push('malformed JSON on start-up confirm: stays signed-in, session kept across restart');
  });
});
