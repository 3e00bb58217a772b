// Issuing email magic links: the token record, the outbox "email" and the terminal line.
// The rule: a link goes to the redirect endpoint of §5 (or straight to the deep link with
// directLinks), and the deep link is always `redirect_url` + stytch_token_type + token.
import { randomUUID } from 'node:crypto';
import { LINK_MINUTES } from '../common/stytch/constants';
import type { EmulatorContext } from './context';
import { StytchApiError } from './errors';
import type { ErrorType } from './errors';
import type { Attributes, Body } from './fields';
import { optInt, optString } from './fields';
import { rfc3339, newToken } from './ids';
import type { EmailRecord, UserRecord } from './store';
import type { OutboxMessage } from './types';

/** An `…_expiration_minutes` field: default when absent, 400 invalid_expiration outside 5..10080. */
export function expirationField(body: Body, key: string, fallback: number): number {
  const value = optInt(body, key) ?? fallback;
  if (value < LINK_MINUTES.min || value > LINK_MINUTES.max) throw new StytchApiError('invalid_expiration');
  return value;
}

/** A `…_magic_link_url` field, falling back to the configured default and checked against the allow-list. */
export function redirectField(ctx: EmulatorContext, body: Body, key: string, missing: ErrorType): string {
  const url = optString(body, key) || ctx.config.redirectUrl;
  if (!url) throw new StytchApiError(missing);
  const allowed = ctx.config.allowedRedirectUrls;
  if (allowed && !allowed.includes(url)) throw new StytchApiError('no_match_for_provided_magic_link_url');
  return url;
}

const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** PKCE (§6): a base64url SHA-256 hash, compared without padding. */
export function challengeField(body: Body): string | undefined {
  const raw = optString(body, 'code_challenge');
  if (raw === undefined || raw === '') return undefined;
  const stripped = raw.replace(/=+$/, '');
  if (!CHALLENGE.test(stripped)) throw new StytchApiError('invalid_pkce_code_challenge');
  return stripped;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailField(body: Body): string {
  const raw = optString(body, 'email');
  if (raw === undefined || raw === '') throw new StytchApiError('bad_request', 'The submitted request is invalid: email is required.');
  const email = raw.trim();
  if (email.length > 254 || !EMAIL.test(email)) throw new StytchApiError('invalid_email');
  return email;
}

export function deepLink(redirectUrl: string, token: string): string {
  const separator = redirectUrl.includes('?') ? '&' : '?';
  return `${redirectUrl}${separator}stytch_token_type=magic_links&token=${encodeURIComponent(token)}`;
}

export interface LinkRequest {
  user: UserRecord;
  email: EmailRecord;
  kind: 'login' | 'signup' | 'invite';
  redirectUrl: string;
  expirationMinutes: number;
  codeChallenge?: string | undefined;
  attributes?: Attributes | undefined;
}

export function issueLink(ctx: EmulatorContext, request: LinkRequest): OutboxMessage {
  const now = ctx.clock.now();
  const token = newToken();
  const expiresAt = now + request.expirationMinutes * 60_000;
  ctx.store.addToken({
    token,
    kind: request.kind,
    user_id: request.user.user_id,
    email_id: request.email.email_id,
    redirect_url: request.redirectUrl,
    expires_at: expiresAt,
    used: false,
    revoked: false,
    ...(request.codeChallenge !== undefined && { code_challenge: request.codeChallenge }),
    ...(request.attributes !== undefined && { attributes: request.attributes }),
  });
  const params = new URLSearchParams({ public_token: ctx.config.publicToken, stytch_token_type: 'magic_links', token });
  const link = ctx.config.directLinks
    ? deepLink(request.redirectUrl, token)
    : `${ctx.baseUrl}/v1/magic_links/redirect?${params.toString()}`;
  const message: OutboxMessage = {
    id: `msg-${randomUUID()}`,
    to: request.email.email,
    kind: request.kind,
    link,
    redirect_url: request.redirectUrl,
    token,
    user_id: request.user.user_id,
    email_id: request.email.email_id,
    expires_at: rfc3339(expiresAt),
    created_at: rfc3339(now),
  };
  ctx.outbox.add(message);
  ctx.log(`${request.kind} link for ${message.to}: ${link}`);
  return message;
}
