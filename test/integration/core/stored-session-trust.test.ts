// A stored session is trusted only when it verifies. A JWT that a key we hold rejects is
// definitive: signed out with a notice, the value set aside, its token revoked (queued while
// offline). A kid we have no key for is the background confirm's to decide, as before.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_KEY, type StoredSession } from '../../../main/session/session-vault';
import { createAesGcmCipher } from '../../fixtures/aes-gcm-cipher';
import { signInCore, startRig, type CoreRig } from './harness';

const REVOKE = '/v1/sessions/revoke';
const CONFIRM = '/v1/sessions/authenticate';
let rig: CoreRig;
afterEach(async () => rig?.cleanup());

async function signIn(email: string): Promise<void> {
  await signInCore(rig, email);
  await rig.core.dispose();
}

/** Rewrites the stored session as someone with the OS account's key could. */
function tamper(change: (session: StoredSession) => StoredSession): void {
  const cipher = createAesGcmCipher(rig.key);
  const stored = JSON.parse(cipher.decrypt(rig.store.get(SESSION_KEY) as string)) as StoredSession;
  expect(stored.signingKeys.length).toBeGreaterThan(0);
  rig.store.set(SESSION_KEY, cipher.encrypt(JSON.stringify(change(stored))));
}

function forgeSubject(jwt: string): string {
  const [header = '', payload = '', signature = ''] = jwt.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'user-test-someone-else' })).toString('base64url')}.${signature}`;
}

const asideKeys = (): string[] =>
  Object.keys(JSON.parse(readFileSync(rig.store.path, 'utf8')) as Record<string, unknown>).filter((key) =>
    key.startsWith(`${SESSION_KEY}~corrupt~`),
  );

describe('a stored session whose JWT fails with a key we hold', () => {
  it('is never shown signed in: signed out with a notice, set aside, and its token revoked at Stytch', async () => {
    rig = await startRig();
    await signIn('forged@example.com');
    let token = '';
    tamper((session) => {
      token = session.sessionToken;
      return { ...session, sessionJwt: forgeSubject(session.sessionJwt) };
    });
    const restarted = rig.restart();
    const views: string[] = [];
    restarted.onView((view) => views.push(view.status));
    await restarted.start();
    expect(restarted.view()).toMatchObject({ status: 'signed-out', notice: { code: 'jwt-invalid', tone: 'warning' } });
    expect(views).not.toContain('signed-in');
    await restarted.idle();
    expect(rig.emulator.requestCount(REVOKE)).toBe(1);
    expect(rig.emulator.requestCount(CONFIRM)).toBe(0);
    expect(rig.store.get(SESSION_KEY)).toBeUndefined();
    expect(asideKeys()).toHaveLength(1);
    expect(rig.lines.some((line) => line.includes('failed verification') && !line.includes(token))).toBe(true);
    // The session is over at Stytch too: the token no longer authenticates.
    const again = rig.restart();
    await again.start();
    expect(again.view().status).toBe('signed-out');
  });

  it('offline: the revoke waits in the queue and goes out on the next start with a network', async () => {
    rig = await startRig();
    await signIn('offline-forged@example.com');
    tamper((session) => ({ ...session, sessionJwt: forgeSubject(session.sessionJwt) }));
    rig.emulator.injectFault({ path: REVOKE, drop: true });
    const offline = rig.restart();
    await offline.start();
    await offline.idle();
    expect(offline.view()).toMatchObject({ status: 'signed-out', notice: { code: 'jwt-invalid' } });
    await offline.dispose();
    expect(rig.store.get('pending-revokes')).toEqual(expect.any(String));
    rig.emulator.clearFaults();
    const online = rig.restart();
    await online.start();
    await online.idle();
    expect(rig.store.get('pending-revokes')).toBeUndefined();
  });
});

describe('a stored value that decrypts but is no longer a session', () => {
  it('is set aside and the token still in it is revoked at Stytch', async () => {
    rig = await startRig();
    await signIn('damaged-shape@example.com');
    tamper((session) => ({ ...session, sessionJwt: '' }));
    const restarted = rig.restart();
    await restarted.start();
    await restarted.idle();
    expect(restarted.view().status).toBe('signed-out');
    expect(rig.emulator.requestCount(REVOKE)).toBe(1);
    expect(asideKeys()).toHaveLength(1);
  });
});

describe('a stored session we cannot judge locally', () => {
  it('with no stored key for its kid (rotation) stays signed in, and the background confirm decides', async () => {
    rig = await startRig();
    await signIn('rotated@example.com');
    tamper((session) => ({ ...session, signingKeys: session.signingKeys.map((key) => ({ ...key, kid: 'jwk-test-retired' })) }));
    const restarted = rig.restart();
    await restarted.start();
    expect(restarted.view().status).toBe('signed-in');
    expect(rig.lines.some((line) => line.includes('restored the stored session') && line.includes('"localCheck":"unverified"'))).toBe(true);
    await restarted.idle();
    expect(rig.emulator.requestCount(CONFIRM)).toBe(1);
    expect(restarted.view().status).toBe('signed-in');
  });
});
