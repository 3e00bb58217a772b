// Exchanges a magic-link token for a session: one flight per token, PKCE verifiers tried
// newest first, then (links without PKCE) one attempt without a verifier, and recently used
// tokens remembered by hash so a replay never calls Stytch. Only a link that matched one of
// this installation's verifiers comes back 'signed-in'; a link without PKCE comes back
// 'unrequested', for the flow to confirm with the person before it counts.
// Rule: nothing here may import electron; tokens are never stored or logged, only hashed.
import { createHash } from 'node:crypto';
import type { Logger } from '../../common/ports';
import type { VerifierStore } from '../session/verifier-store';
import type { AuthenticatedSession, GatewayFailure, StytchGateway } from './stytch-gateway';

export type LinkOutcome =
  /** `verifier` is spent: the caller removes it once the person sees the result. */
  | { kind: 'signed-in'; session: AuthenticatedSession; verifier: string }
  /**
   * A link this installation did not ask for (no PKCE: a device link, an invite): Stytch
   * made a session, but it is not the person's until they confirm it (login-CSRF defence).
   */
  | { kind: 'unrequested'; session: AuthenticatedSession }
  | { kind: 'replayed' }
  /** An emailed (PKCE) link whose verifier is not on this installation. */
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
  gateway: Pick<StytchGateway, 'authenticateMagicLink'>;
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

  async function authenticate(token: string, codeVerifier?: string) {
    return deps.gateway.authenticateMagicLink({
      token,
      ...(codeVerifier !== undefined ? { codeVerifier } : {}),
      sessionDurationMinutes: deps.sessionDurationMinutes,
    });
  }

  async function exchange(token: string, fingerprint: string): Promise<LinkOutcome> {
    const candidates = deps.verifiers.candidates(MAX_VERIFIER_ATTEMPTS);
    for (const [index, verifier] of candidates.entries()) {
      const result = await authenticate(token, verifier);
      if (result.ok) {
        remember(fingerprint);
        return { kind: 'signed-in', session: result.value, verifier };
      }
      const errorType = result.failure.errorType;
      // The link carries no challenge: fall through to the attempt without a verifier.
      if (errorType === 'pkce_did_not_expect_code_verifier') break;
      if (errorType !== 'pkce_mismatch') return failed(fingerprint, result.failure);
      // Every stored verifier was tried and none matched: the link has a challenge made
      // elsewhere, so an attempt without a verifier could only fail the same way.
      if (index === candidates.length - 1) return failed(fingerprint, result.failure);
      deps.logger.debug('verifier did not match, trying an older one', { attempt: index + 1 });
    }
    // No stored verifier, or the link has no challenge. Links without PKCE are real: a link
    // made on another computer for this account (embeddable) and an invite both come without
    // one. So ask once without a verifier; an emailed sign-in link requested from another
    // computer or installation answers pkce_expected_code_verifier and is not burnt by it.
    const result = await authenticate(token);
    if (result.ok) {
      remember(fingerprint);
      // No verifier was spent, so a sign-in pending here keeps its own.
      return { kind: 'unrequested', session: result.value };
    }
    if (result.failure.errorType === 'pkce_expected_code_verifier') {
      deps.logger.info('sign-in link was requested elsewhere: no verifier here matches it', { link: fingerprint });
      return { kind: 'no-verifier' };
    }
    return failed(fingerprint, result.failure);
  }

  function failed(fingerprint: string, failure: GatewayFailure): LinkOutcome {
    if (BURNT.has(failure.code)) remember(fingerprint);
    return { kind: 'failed', failure };
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
