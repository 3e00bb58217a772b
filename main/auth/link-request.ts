// Asking Stytch for a sign-in link: a fresh PKCE pair whose verifier is stored (encrypted)
// for as long as the link can live, then the send; a send that fails takes its verifier
// back. The flow decides when a send may happen and what the person sees; this decides
// what a sent link is (its expiry, its resend cooldown, whether Stytch made the account).
// Rule: nothing here may import electron; the verifier goes only to the verifier store.
import type { Clock, Logger } from '../../common/ports';
import type { AppConfig } from '../config';
import type { VerifierStore } from '../session/verifier-store';
import { createPkcePair } from './pkce';
import type { GatewayFailure, StytchGateway } from './stytch-gateway';
import type { PendingLink } from './view';

export const RESEND_COOLDOWN_MS = 30_000;

export interface LinkRequestDeps {
  config: Pick<AppConfig, 'callbackUrl' | 'loginExpirationMinutes' | 'signupExpirationMinutes'>;
  gateway: Pick<StytchGateway, 'sendMagicLink'>;
  verifiers: VerifierStore;
  clock: Clock;
  logger: Logger;
}

export type LinkRequestOutcome =
  | { ok: true; pending: PendingLink }
  /** `retryAt`: before this (ms since the epoch) a resend would only be refused again. */
  | { ok: false; failure: GatewayFailure; retryAt: number };

/** `resending`: the sign-in this send renews, if any. */
export async function requestLink(deps: LinkRequestDeps, email: string, resending: PendingLink | null): Promise<LinkRequestOutcome> {
  const { config, verifiers, clock } = deps;
  const pkce = createPkcePair();
  const now = clock.now();
  const longest = Math.max(config.loginExpirationMinutes, config.signupExpirationMinutes);
  verifiers.add(pkce.verifier, now + longest * 60_000);
  const result = await deps.gateway.sendMagicLink({
    email,
    codeChallenge: pkce.challenge,
    callbackUrl: config.callbackUrl,
    loginExpirationMinutes: config.loginExpirationMinutes,
    signupExpirationMinutes: config.signupExpirationMinutes,
  });
  if (!result.ok) {
    verifiers.remove(pkce.verifier);
    const wait = result.failure.code === 'rate-limited' ? (result.failure.retryAfterSeconds ?? 60) : 0;
    return { ok: false, failure: result.failure, retryAt: now + wait * 1000 };
  }
  const { userCreated } = result.value;
  const minutes = userCreated ? config.signupExpirationMinutes : config.loginExpirationMinutes;
  deps.logger.info('sign-in link sent', { userCreated });
  return {
    ok: true,
    pending: {
      email,
      linkExpiresAt: now + minutes * 60_000,
      resendAvailableAt: clock.now() + RESEND_COOLDOWN_MS,
      // A resend finds the account the first send made: the person is still new.
      newAccount: userCreated || resending?.newAccount === true,
    },
  };
}
