// Exchanges a magic-link token for a session: one flight per token, PKCE verifiers tried
// newest first, and recently used tokens remembered by hash so a replay never calls Stytch.
// Rule: nothing here may import electron; tokens are never stored or logged, only hashed.
import { createHash } from 'node:crypto';
import type { Logger } from '../ports';
import type { VerifierStore } from '../session/verifier-store';
import type { AuthenticatedSession, GatewayFailure, StytchGateway } from './stytch-gateway';

export type LinkOutcome =
  /** `verifier` is spent: the caller removes it once the person sees the result. */
  | { kind: 'signed-in'; session: AuthenticatedSession; verifier: string }
  | { kind: 'replayed' }
  | { kind: 'no-verifier' }
  | { kind: 'failed'; failure: GatewayFailure };

export interface LinkAttempt {
  /** True when this call joined a flight already under way for the same token. */
  joined: boolean;
  outcome: Promise<LinkOutcome>;
}

export interface LinkAuthenticator {
  attempt(token: string): LinkAttempt;
  /** Whether a token was used (or burnt) recently; by hash. */
  wasUsed(token: string): boolean;
}

/** How many stored verifiers one token may be tried against (pkce_mismatch does not burn it). */
export const MAX_VERIFIER_ATTEMPTS = 5;
const REMEMBERED_TOKENS = 200;

// Failures after which the token can never succeed, so a second delivery need not ask.
const BURNT: ReadonlySet<string> = new Set(['link-expired-or-used', 'link-invalid']);

export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function createLinkAuthenticator(deps: {
  gateway: StytchGateway;
  verifiers: VerifierStore;
  logger: Logger;
  sessionDurationMinutes: number;
}): LinkAuthenticator {
  const flights = new Map<string, Promise<LinkOutcome>>();
  const used = new Set<string>();

  const remember = (fingerprint: string): void => {
    used.add(fingerprint);
    if (used.size > REMEMBERED_TOKENS) {
      const oldest = used.values().next();
      if (!oldest.done) used.delete(oldest.value);
    }
  };

  async function exchange(token: string, fingerprint: string): Promise<LinkOutcome> {
    const candidates = deps.verifiers.candidates(MAX_VERIFIER_ATTEMPTS);
    if (candidates.length === 0) {
      // Every link this app sends carries a challenge, so Stytch would only answer
      // pkce_expected_code_verifier: say so without spending a request.
      deps.logger.info('sign-in link has no stored verifier here', { link: fingerprint });
      return { kind: 'no-verifier' };
    }
    let last: GatewayFailure = { code: 'link-from-elsewhere' };
    for (const [index, verifier] of candidates.entries()) {
      const result = await deps.gateway.authenticateMagicLink({
        token,
        codeVerifier: verifier,
        sessionDurationMinutes: deps.sessionDurationMinutes,
      });
      if (result.ok) {
        remember(fingerprint);
        return { kind: 'signed-in', session: result.value, verifier };
      }
      last = result.failure;
      if (result.failure.errorType !== 'pkce_mismatch') break;
      deps.logger.debug('verifier did not match, trying an older one', { attempt: index + 1 });
    }
    if (BURNT.has(last.code)) remember(fingerprint);
    return { kind: 'failed', failure: last };
  }

  return {
    wasUsed: (token) => used.has(tokenFingerprint(token)),
    attempt(token) {
      const fingerprint = tokenFingerprint(token);
      if (used.has(fingerprint)) {
        deps.logger.info('ignored a sign-in link that was already used', { link: fingerprint });
        return { joined: false, outcome: Promise.resolve({ kind: 'replayed' }) };
      }
      const existing = flights.get(fingerprint);
      if (existing) {
        deps.logger.debug('joined the sign-in already under way for this link', { link: fingerprint });
        return { joined: true, outcome: existing };
      }
      const outcome = exchange(token, fingerprint)
        .catch((error: unknown): LinkOutcome => {
          deps.logger.error('sign-in link exchange failed unexpectedly', { error });
          return { kind: 'failed', failure: { code: 'unexpected' } };
        })
        .finally(() => flights.delete(fingerprint));
      flights.set(fingerprint, outcome);
      return { joined: false, outcome };
    },
  };
}
