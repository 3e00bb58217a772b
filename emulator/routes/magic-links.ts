// §4.5 embeddable create and §4.6 authenticate. The rule for authenticate: checks run in the
// contract's order (unknown → used/expired → PKCE → attributes) and only a fully successful
// call consumes the token.
import { createHash } from 'node:crypto';
import type { ApiRoute } from '../api';
import { StytchApiError } from '../errors';
import type { Body } from '../fields';
import { optAttributes, optBool, optObject, optString, reqString } from '../fields';
import { newId, newToken, rfc3339 } from '../ids';
import { expirationField } from '../links';
import { sessionJson, userJson } from '../objects';
import { claimsField, durationField, liveSession, mergedClaims, mintJwt, newSession, touchSession } from '../session-service';
import type { AuthFactor, SessionRecord, TokenRecord, UserRecord } from '../store';
import type { EmulatorContext } from '../context';

const create: ApiRoute = {
  method: 'POST',
  pattern: /^\/v1\/magic_links$/,
  auth: 'required',
  handler(ctx, { body }) {
    const userId = reqString(body, 'user_id');
    const minutes = expirationField(body, 'expiration_minutes', 60);
    const attributes = optAttributes(body);
    const user = ctx.store.users.get(userId);
    if (!user) throw new StytchApiError('user_not_found');
    const token = newToken();
    ctx.store.addToken({
      token,
      kind: 'embedded',
      user_id: user.user_id,
      embedded_id: newId('embedded'),
      expires_at: ctx.clock.now() + minutes * 60_000,
      used: false,
      revoked: false,
      ...(attributes && { attributes }),
    });
    return { user_id: user.user_id, token };
  },
};

function checkPkce(record: TokenRecord, verifier: string | undefined): void {
  if (record.code_challenge === undefined) {
    if (verifier !== undefined) throw new StytchApiError('pkce_did_not_expect_code_verifier');
    return;
  }
  if (verifier === undefined) throw new StytchApiError('pkce_expected_code_verifier');
  const hashed = createHash('sha256').update(verifier).digest('base64url');
  if (hashed !== record.code_challenge) throw new StytchApiError('pkce_mismatch');
}

function checkOptions(record: TokenRecord, body: Body): void {
  const options = optObject(body, 'options');
  if (!options) return;
  const ipRequired = optBool(options, 'ip_match_required') ?? false;
  const uaRequired = optBool(options, 'user_agent_match_required') ?? false;
  const given = optAttributes(body) ?? { ip_address: '', user_agent: '' };
  const stored = record.attributes ?? { ip_address: '', user_agent: '' };
  if ((ipRequired && given.ip_address !== stored.ip_address) || (uaRequired && given.user_agent !== stored.user_agent)) {
    throw new StytchApiError('attribute_mismatch');
  }
}

function factorFor(ctx: EmulatorContext, record: TokenRecord, user: UserRecord): AuthFactor {
  const at = rfc3339(ctx.clock.now());
  const base = { type: 'magic_link' as const, last_authenticated_at: at, created_at: at, updated_at: at };
  if (record.kind === 'embedded') {
    return { ...base, delivery_method: 'embedded', embeddable_magic_link_factor: { embedded_id: record.embedded_id ?? '' } };
  }
  const email = user.emails.find((e) => e.email_id === record.email_id);
  return { ...base, delivery_method: 'email', email_factor: { email_id: record.email_id ?? '', email_address: email?.email ?? '' } };
}

/** Adds the factor, or refreshes the same factor when this session already has it. */
function recordFactor(session: SessionRecord, factor: AuthFactor): void {
  const same = session.factors.find(
    (f) =>
      f.delivery_method === factor.delivery_method &&
      f.email_factor?.email_id === factor.email_factor?.email_id &&
      f.embeddable_magic_link_factor?.embedded_id === factor.embeddable_magic_link_factor?.embedded_id,
  );
  if (!same) session.factors.push(factor);
  else same.last_authenticated_at = same.updated_at = factor.last_authenticated_at;
}

/**
 * The caller's existing session, when it is live and belongs to this user; anything else is
 * ignored. Resolved before the token checks (a JWT is verified asynchronously), so that from
 * the first check to the token's consumption nothing awaits and no other call interleaves.
 */
async function callerSession(ctx: EmulatorContext, token: string | undefined, jwt: string | undefined): Promise<SessionRecord | undefined> {
  if (token === undefined && jwt === undefined) return undefined;
  return liveSession(ctx, token, jwt).catch(() => undefined);
}

const authenticate: ApiRoute = {
  method: 'POST',
  pattern: /^\/v1\/magic_links\/authenticate$/,
  auth: 'required',
  async handler(ctx, { body }) {
    const token = reqString(body, 'token');
    const verifier = optString(body, 'code_verifier');
    const sessionToken = optString(body, 'session_token');
    const sessionJwt = optString(body, 'session_jwt');
    const minutes = durationField(body);
    const claims = claimsField(body);
    const attributes = optAttributes(body);
    if (sessionToken !== undefined && sessionJwt !== undefined) throw new StytchApiError('too_many_session_arguments');
    const caller = await callerSession(ctx, sessionToken, sessionJwt);

    const record = ctx.store.tokens.get(token);
    if (!record) throw new StytchApiError('magic_link_not_found');
    const user = ctx.store.users.get(record.user_id);
    if (!user || !ctx.store.isTokenUsable(record, ctx.clock.now())) throw new StytchApiError('unable_to_auth_magic_link');
    checkPkce(record, verifier);
    checkOptions(record, body);

    const existing = caller?.user_id === user.user_id && ctx.store.isSessionLive(caller, ctx.clock.now()) ? caller : undefined;
    const customClaims = mergedClaims(existing?.custom_claims ?? {}, claims);
    // Every check has passed: from here on nothing can fail, so the token is consumed.
    const session = existing ?? (minutes !== undefined ? newSession(ctx, user, minutes, attributes) : undefined);
    if (session) {
      session.custom_claims = customClaims;
      if (existing) touchSession(ctx, session, minutes);
      recordFactor(session, factorFor(ctx, record, user));
    }
    ctx.store.consumeToken(record);
    user.status = 'active';
    if (record.kind !== 'embedded') {
      const email = user.emails.find((e) => e.email_id === record.email_id);
      if (email) email.verified = true;
    }
    const methodId = record.kind === 'embedded' ? (record.embedded_id ?? '') : (record.email_id ?? '');
    return {
      user_id: user.user_id,
      method_id: methodId,
      session_token: session?.session_token ?? '',
      session_jwt: session ? await mintJwt(ctx, session) : '',
      user: userJson(user),
      reset_sessions: false,
      session: session ? sessionJson(session) : null,
    };
  },
};

export const magicLinkRoutes: ApiRoute[] = [create, authenticate];
