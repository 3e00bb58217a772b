// The deferred gateway loads the Stytch client on the first network call, never for a
// local JWT check, once however many calls race, and answers a failure (never a throw)
// when the client cannot be loaded.
import { describe, expect, it } from 'vitest';
import { createDeferredGateway } from '../../../main/auth/deferred-gateway';
import type { JwtCheckResult } from '../../../main/auth/jwt-verify';
import type { StytchGateway } from '../../../main/auth/stytch-gateway';

const LOCAL: JwtCheckResult = { ok: false, verdict: 'invalid', detail: 'checked locally' };
const LOADED: JwtCheckResult = { ok: false, verdict: 'expired', detail: 'checked by the loaded client' };

const NETWORK_METHODS = ['sendMagicLink', 'authenticateMagicLink', 'authenticateSession', 'fetchSigningKeys', 'revokeSession', 'listSessions', 'revokeSessionById', 'createEmbeddableLink', 'invite', 'revokeInvite'];

/** A client that records each call and answers ok; its own JWT check says so. */
function recordingGateway(calls: string[]): StytchGateway {
  const gateway: Record<string, unknown> = {
    verifySessionJwt: () => Promise.resolve(LOADED),
    close: () => {
      calls.push('close()');
      return Promise.resolve();
    },
  };
  for (const name of NETWORK_METHODS) {
    gateway[name] = (...args: unknown[]) => {
      calls.push(`${name}(${args.map((a) => JSON.stringify(a)).join(',')})`);
      return Promise.resolve({ ok: true, value: null });
    };
  }
  return gateway as unknown as StytchGateway;
}

describe('deferred gateway', () => {
  it('checks a JWT locally without loading the client, and closes without loading it', async () => {
    let loads = 0;
    const gateway = createDeferredGateway(() => {
      loads += 1;
      return Promise.resolve(recordingGateway([]));
    }, () => Promise.resolve(LOCAL));
    expect(await gateway.verifySessionJwt('a.b.c', [], 0)).toEqual(LOCAL);
    await gateway.close();
    expect(loads).toBe(0);
  });

  it('loads once for racing calls, passes each call through with its arguments, then verifies with the loaded client', async () => {
    const calls: string[] = [];
    let loads = 0;
    const gateway = createDeferredGateway(async () => {
      loads += 1;
      await new Promise((resolve) => setImmediate(resolve));
      return recordingGateway(calls);
    }, () => Promise.resolve(LOCAL));
    await Promise.all([gateway.revokeSession('token-1'), gateway.revokeInvite({ userId: 'u', sessionId: 's', sessionToken: 't' }, 'a@example.com')]);
    expect(loads).toBe(1);
    expect(calls).toEqual(['revokeSession("token-1")', 'revokeInvite({"userId":"u","sessionId":"s","sessionToken":"t"},"a@example.com")']);
    expect(await gateway.verifySessionJwt('a.b.c', [], 0)).toEqual(LOADED);
    await gateway.close();
    expect(calls.at(-1)).toBe('close()');
  });

  it('answers a failure, not a throw, when the client cannot load, and tries again on the next call', async () => {
    const calls: string[] = [];
    let attempt = 0;
    const gateway = createDeferredGateway(() => {
      attempt += 1;
      return attempt === 1 ? Promise.reject(new Error('chunk missing')) : Promise.resolve(recordingGateway(calls));
    }, () => Promise.resolve(LOCAL));
    expect(await gateway.fetchSigningKeys()).toEqual({ ok: false, failure: { code: 'unexpected', detail: 'could not load the Stytch client: Error: chunk missing' } });
    expect(await gateway.fetchSigningKeys()).toEqual({ ok: true, value: null });
    expect(calls).toEqual(['fetchSigningKeys()']);
  });
});
