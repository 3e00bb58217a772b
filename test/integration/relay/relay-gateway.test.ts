// The app side of relay mode: createRelayGateway → relay → SDK → emulator, alone and inside
// the real core, and the failure codes it gives for what can go wrong on the way.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../../main/app-core';
import { createPkcePair } from '../../../main/auth/pkce';
import type { StytchGateway } from '../../../main/auth/stytch-gateway';
import { loadConfig } from '../../../main/config';
import { createLogger } from '../../../common/log/logger';
import { createRelayGateway } from '../../../main/relay/relay-gateway';
import { createAesGcmCipher } from '../../fixtures/aes-gcm-cipher';
import { createConfStore } from '../../fixtures/conf-store';
import { startRelayRig, type RelayRig } from './harness';

let rig: RelayRig | undefined;
const gateways: StytchGateway[] = [];
const dirs: string[] = [];
const appLines: string[] = [];
afterEach(async () => {
  for (const gateway of gateways.splice(0)) await gateway.close();
  await rig?.close();
  rig = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  appLines.length = 0;
});

function gatewayFor(url: string, options: { timeoutMs?: number; projectId?: string } = {}): StytchGateway {
  const gateway = createRelayGateway({
    relayUrl: `${url}/`,
    timeoutMs: options.timeoutMs ?? 5000,
    logger: createLogger((level, line) => appLines.push(`${level} ${line}`), { minLevel: 'debug' }),
    ...(options.projectId ? { projectId: options.projectId } : {}),
  });
  gateways.push(gateway);
  return gateway;
}

const sendRequest = (email: string, challenge: string) => ({
  email,
  codeChallenge: challenge,
  // What the direct gateway would send; the relay gateway leaves these to the relay.
  callbackUrl: 'promptgrimoire://auth/callback',
  loginExpirationMinutes: 60,
  signupExpirationMinutes: 60,
});

describe('relay gateway: a full sign-in', () => {
  it('sends with a PKCE challenge, authenticates with the verifier, verifies, refreshes and revokes', async () => {
    rig = await startRelayRig();
    const gateway = gatewayFor(rig.relay.url);
    const pkce = createPkcePair();

    const sent = await gateway.sendMagicLink(sendRequest('gw@example.com', pkce.challenge));
    expect(sent).toEqual({ ok: true, value: { userCreated: true } });
    const token = rig.emulator.latestMessage('gw@example.com')?.token ?? '';

    const authed = await gateway.authenticateMagicLink({ token, codeVerifier: pkce.verifier, sessionDurationMinutes: 60 });
    if (!authed.ok) throw new Error(JSON.stringify(authed.failure));
    expect(authed.value.user).toEqual({ userId: expect.stringMatching(/^user-test-/) as unknown, email: 'gw@example.com', name: null });
    // The relay's configured session length (a week), not the 60 minutes the app asked for.
    expect(Date.parse(authed.value.expiresAt) - Date.parse(authed.value.startedAt)).toBe(10080 * 60_000);

    const keys = await gateway.fetchSigningKeys();
    if (!keys.ok) throw new Error(JSON.stringify(keys.failure));
    const verified = await gateway.verifySessionJwt(authed.value.sessionJwt, keys.value, Date.now());
    expect(verified).toMatchObject({ ok: true, value: { sessionId: authed.value.sessionId, userId: authed.value.user.userId } });
    expect(await gateway.verifySessionJwt(authed.value.sessionJwt, keys.value, Date.now() + 10 * 60_000)).toMatchObject({
      ok: false,
      verdict: 'expired',
    });

    const refreshed = await gateway.authenticateSession(authed.value.sessionToken);
    expect(refreshed).toMatchObject({ ok: true, value: { sessionId: authed.value.sessionId } });

    expect(await gateway.revokeSession(authed.value.sessionToken)).toEqual({ ok: true, value: null });
    expect(await gateway.authenticateSession(authed.value.sessionToken)).toMatchObject({
      ok: false,
      failure: { code: 'session-ended', errorType: 'session_not_found', status: 404 },
    });
  });

  it('verifies a stored JWT in a fresh process before fetching keys, and refuses a tampered one', async () => {
    rig = await startRelayRig();
    const first = gatewayFor(rig.relay.url);
    const signedIn = await rig.signIn('restore@example.com');
    const keys = await first.fetchSigningKeys();
    if (!keys.ok) throw new Error('no keys');
    const fresh = gatewayFor(rig.relay.url);
    expect(await fresh.verifySessionJwt(signedIn.session_jwt, keys.value, Date.now())).toMatchObject({ ok: true });
    const [header, payload, signature] = signedIn.session_jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'user-test-someone-else' })).toString('base64url');
    expect(await fresh.verifySessionJwt(`${header}.${forged}.${signature}`, keys.value, Date.now())).toMatchObject({
      ok: false,
      verdict: 'invalid',
    });
  });

  it('refuses keys from a relay that serves another project than the pinned one', async () => {
    rig = await startRelayRig();
    const pinned = gatewayFor(rig.relay.url, { projectId: 'project-test-someone-else' });
    expect(await pinned.fetchSigningKeys()).toMatchObject({ ok: false, failure: { code: 'misconfigured' } });
  });

  it('signs the real core in from a deep link, and restores it after a restart with no request', async () => {
    rig = await startRelayRig();
    const dir = mkdtempSync(join(tmpdir(), 'grimoire-relay-core-'));
    dirs.push(dir);
    const key = randomBytes(32);
    // Relay mode: the app's own configuration holds no usable secret; the gateway is the relay.
    const loaded = loadConfig({ STYTCH_PROJECT_ID: 'project-test-unused', STYTCH_SECRET: 'secret-test-unused', STYTCH_API_URL: 'http://127.0.0.1:9' });
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const logger = createLogger((level, line) => appLines.push(`${level} ${line}`), { minLevel: 'debug' });
    const makeCore = () =>
      createAppCore({ config: loaded.config, cipher: createAesGcmCipher(key), store: createConfStore(dir), logger, gateway: gatewayFor(rig?.relay.url ?? '') });

    const core = makeCore();
    await core.start();
    expect((await core.sendLink('core@example.com')).status).toBe('link-sent');
    const token = rig.emulator.latestMessage('core@example.com')?.token ?? '';
    await core.handleDeepLink(`promptgrimoire://auth/callback?stytch_token_type=magic_links&token=${encodeURIComponent(token)}`);
    expect(core.view()).toMatchObject({ status: 'signed-in', email: 'core@example.com' });
    await core.idle();
    await core.dispose();

    const before = rig.emulator.requestCount();
    const restarted = makeCore();
    await restarted.start();
    expect(restarted.view()).toMatchObject({ status: 'signed-in', email: 'core@example.com' });
    expect(rig.emulator.requestCount()).toBe(before);
    expect(appLines.some((line) => line.includes('restored the stored session') && line.includes('"localCheck":"verified"'))).toBe(true);
    await restarted.idle();
    await restarted.dispose();
  });
});

describe('relay gateway: failures map to the same codes as direct mode', () => {
  it('a link opened with another install\u2019s verifier is link-from-elsewhere', async () => {
    rig = await startRelayRig();
    const gateway = gatewayFor(rig.relay.url);
    const { token } = await rig.sendLink('elsewhere@example.com');
    const result = await gateway.authenticateMagicLink({ token, codeVerifier: createPkcePair().verifier, sessionDurationMinutes: 60 });
    expect(result).toMatchObject({ ok: false, failure: { code: 'link-from-elsewhere', errorType: 'pkce_mismatch', status: 400 } });
  });

  it('the relay\u2019s own rate limit is rate-limited with the wait it gave', async () => {
    rig = await startRelayRig({ rateLimits: { perIp: { limit: 100, windowSeconds: 60 }, perEmail: { limit: 1, windowSeconds: 600 } } });
    const gateway = gatewayFor(rig.relay.url);
    const { challenge } = createPkcePair();
    expect((await gateway.sendMagicLink(sendRequest('limit@example.com', challenge))).ok).toBe(true);
    expect(await gateway.sendMagicLink(sendRequest('limit@example.com', challenge))).toMatchObject({
      ok: false,
      failure: { code: 'rate-limited', retryAfterSeconds: 600, status: 429 },
    });
  });

  it('Stytch unreachable behind the relay is stytch-unavailable; Stytch stalling is timeout', async () => {
    rig = await startRelayRig({ stytch: { timeoutMs: 300 } });
    const gateway = gatewayFor(rig.relay.url);
    const { challenge } = createPkcePair();
    rig.emulator.injectFault({ path: '/v1/magic_links/email/login_or_create', drop: true });
    expect(await gateway.sendMagicLink(sendRequest('a@example.com', challenge))).toMatchObject({
      ok: false,
      failure: { code: 'stytch-unavailable', errorType: 'relay_upstream_unreachable' },
    });
    rig.emulator.injectFault({ path: '/v1/magic_links/email/login_or_create', hang: true });
    expect(await gateway.sendMagicLink(sendRequest('b@example.com', challenge))).toMatchObject({
      ok: false,
      failure: { code: 'timeout', errorType: 'relay_upstream_timeout' },
    });
  });

  it('a relay that does not answer in time is timeout; one that is gone is offline', async () => {
    rig = await startRelayRig({ stytch: { timeoutMs: 5000 } });
    const gateway = gatewayFor(rig.relay.url, { timeoutMs: 300 });
    const { challenge } = createPkcePair();
    // Stytch never answers and the relay would wait 5 s: only the app's 300 ms can end it first.
    rig.emulator.injectFault({ path: '/v1/magic_links/email/login_or_create', hang: true });
    expect(await gateway.sendMagicLink(sendRequest('c@example.com', challenge))).toMatchObject({ ok: false, failure: { code: 'timeout' } });
    rig.emulator.clearFaults();

    const url = rig.relay.url;
    await rig.relay.close();
    expect(await gatewayFor(url).sendMagicLink(sendRequest('d@example.com', challenge))).toMatchObject({
      ok: false,
      failure: { code: 'offline' },
    });
  });

  it('an unknown link token is link-invalid; a malformed email is invalid-email, as from Stytch', async () => {
    rig = await startRelayRig();
    const gateway = gatewayFor(rig.relay.url);
    expect(await gateway.authenticateMagicLink({ token: 'T'.repeat(44), sessionDurationMinutes: 60 })).toMatchObject({
      ok: false,
      failure: { code: 'link-invalid', errorType: 'magic_link_not_found' },
    });
    expect(await gateway.sendMagicLink(sendRequest('not an email', createPkcePair().challenge))).toMatchObject({
      ok: false,
      failure: { code: 'invalid-email', errorType: 'invalid_email', status: 400 },
    });
  });
});
