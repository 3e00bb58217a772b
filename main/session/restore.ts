// Start-up policy for a stored session: restore locally without the network (decrypt,
// check expiry, verify the JWT against stored keys), then confirm remotely in background.
// Rule: nothing here may import electron; local restore never waits for the network.
import type { GatewayFailure, StytchGateway } from '../auth/stytch-gateway';
import type { SessionVault, StoredSession } from './session-vault';

export type JwtCheck = 'verified' | 'stale' | 'unverified';

export type LocalRestore =
  | { kind: 'none' }
  | { kind: 'expired'; session: StoredSession }
  /** The JWT fails with a key we hold, or names another project: never signed in. */
  | { kind: 'rejected'; session: StoredSession; reason: string }
  | { kind: 'signed-in'; session: StoredSession; jwt: JwtCheck };

/** Local on purpose: whatever it decides, it decides without a request. */
export async function restoreLocally(vault: SessionVault, gateway: StytchGateway, nowMs: number): Promise<LocalRestore> {
  const session = vault.load();
  if (!session) return { kind: 'none' };
  const expiresAtMs = Date.parse(session.expiresAt);
  if (!Number.isFinite(expiresAtMs) || expiresAtMs <= nowMs) return { kind: 'expired', session };
  // The JWT lives five minutes, so after any real pause it is past exp: the session's own
  // expires_at (integrity-protected by the cipher) is what decides; the background confirm
  // then fetches a fresh JWT.
  // An unknown kid or no stored keys (rotation, keys never fetched) leaves the decision to
  // the background confirm; a definitive failure never shows a signed-in screen.
  const check = await gateway.verifySessionJwt(session.sessionJwt, session.signingKeys, nowMs);
  if (check.ok) return { kind: 'signed-in', session, jwt: 'verified' };
  if (check.verdict === 'invalid') return { kind: 'rejected', session, reason: check.detail };
  return { kind: 'signed-in', session, jwt: check.verdict === 'expired' ? 'stale' : 'unverified' };
}

export type RemoteConfirm =
  | { kind: 'confirmed'; session: StoredSession }
  /** Stytch no longer knows the session: revoked elsewhere or expired. */
  | { kind: 'ended'; failure: GatewayFailure }
  /** Could not decide (offline, timeout, Stytch trouble, misconfiguration): keep the session. */
  | { kind: 'kept'; failure: GatewayFailure };

export async function confirmRemotely(session: StoredSession, gateway: StytchGateway): Promise<RemoteConfirm> {
  const result = await gateway.authenticateSession(session.sessionToken);
  if (result.ok) {
    const fresh = result.value;
    return {
      kind: 'confirmed',
      session: {
        ...session,
        sessionToken: fresh.sessionToken,
        sessionJwt: fresh.sessionJwt,
        expiresAt: fresh.expiresAt,
        user: fresh.user,
      },
    };
  }
  if (result.failure.code === 'session-ended') return { kind: 'ended', failure: result.failure };
  return { kind: 'kept', failure: result.failure };
}
