// What each relay endpoint does with Stytch. Inputs arrive parsed (schemas.ts) and, for
// session-bound calls, with the caller already authenticated (session-gate.ts); every answer
// is a Reply value, never an exception.
// Rule: a caller acts only on their own user, and every URL, expiry and duration sent to
// Stytch comes from the relay's configuration.
import type { Logger } from '../common/ports';
import type { RelayConfig } from './config';
import { errorReply, okReply, refusalReply, type Reply } from './http-io';
import { authenticatedView, sessionView } from './projection';
import type { AuthenticateLinkBody, InviteBody, RevokeInviteBody, SendLinkBody } from './schemas';
import type { SendBudget } from './send-budget';
import type { Caller, SessionGate } from './session-gate';
import type { SharedState } from './shared-state';
import type { Upstream } from './upstream';

export interface RelayContext {
  config: RelayConfig;
  upstream: Upstream;
  logger: Logger;
  jwks: JwksCache;
  sendBudget: SendBudget;
  gate: SessionGate;
  /** Invite owners and refused tokens, seen by every instance. */
  state: SharedState;
}

const SESSION_NOT_FOUND = 'Session could not be found.';

function noSession(requestId: string): Reply {
  return errorReply(502, 'relay_upstream_bad_response', 'Stytch answered without a session.', requestId);
}

export async function sendLink(ctx: RelayContext, body: SendLinkBody, requestId: string): Promise<Reply> {
  const { config } = ctx;
  const common = {
    email: body.email,
    login_magic_link_url: config.callbackUrl,
    signup_magic_link_url: config.callbackUrl,
    login_expiration_minutes: config.loginExpirationMinutes,
    signup_expiration_minutes: config.signupExpirationMinutes,
    code_challenge: body.code_challenge,
  };
  if (config.signupPolicy === 'existing-users-only') {
    // `send` never creates a user: an unknown email is Stytch's 404 email_not_found.
    const result = await ctx.upstream.call('magic_links.email.send', requestId, (client) =>
      client.magicLinks.email.send(common),
    );
    if (!result.ok) return result.reply;
    return okReply({ request_id: result.body.request_id, user_created: false }, requestId);
  }
  const result = await ctx.upstream.call('magic_links.email.login_or_create', requestId, (client) =>
    client.magicLinks.email.loginOrCreate(common),
  );
  if (!result.ok) return result.reply;
  // `user_created` says whether the address was new (the app words the check-email screen by
  // it); the user id is not handed to an anonymous caller.
  return okReply({ request_id: result.body.request_id, user_created: result.body.user_created }, requestId);
}

export async function authenticateLink(ctx: RelayContext, body: AuthenticateLinkBody, requestId: string): Promise<Reply> {
  const result = await ctx.upstream.call('magic_links.authenticate', requestId, (client) =>
    client.magicLinks.authenticate({
      token: body.token,
      session_duration_minutes: ctx.config.sessionDurationMinutes,
      ...(body.code_verifier !== undefined ? { code_verifier: body.code_verifier } : {}),
    }),
  );
  if (!result.ok) return result.reply;
  const view = authenticatedView(result.body);
  return view ? okReply(view, requestId) : noSession(requestId);
}

/** The bearer check already asked Stytch; its answer (with a fresh JWT) is the reply. */
export function authenticateSession(caller: Caller, requestId: string): Reply {
  const view = authenticatedView(caller.authenticated);
  return view ? okReply(view, requestId) : noSession(requestId);
}

export async function revokeSession(ctx: RelayContext, sessionToken: string, requestId: string): Promise<Reply> {
  const result = await ctx.gate.withToken(sessionToken, requestId, () =>
    ctx.upstream.call('sessions.revoke', requestId, (client) => client.sessions.revoke({ session_token: sessionToken })),
  );
  return result.ok ? okReply({ request_id: result.body.request_id }, requestId) : result.reply;
}

export async function listSessions(ctx: RelayContext, caller: Caller, requestId: string): Promise<Reply> {
  const result = await ctx.upstream.call('sessions.get', requestId, (client) => client.sessions.get({ user_id: caller.userId }));
  if (!result.ok) return result.reply;
  const sessions = result.body.sessions.map((session) => ({ ...sessionView(session), current: session.session_id === caller.sessionId }));
  return okReply({ request_id: result.body.request_id, sessions }, requestId);
}

export async function revokeOwnSession(ctx: RelayContext, caller: Caller, sessionId: string, requestId: string): Promise<Reply> {
  // Ownership is decided from Stytch's own list of this user's sessions, never from input.
  const listed = await ctx.upstream.call('sessions.get', requestId, (client) => client.sessions.get({ user_id: caller.userId }));
  if (!listed.ok) return listed.reply;
  if (!listed.body.sessions.some((session) => session.session_id === sessionId)) {
    // Same answer for "someone else's" and "no such session": the relay does not confirm
    // that another user's session exists.
    ctx.logger.warn('refused to revoke a session the caller does not own', { request_id: requestId, user_id: caller.userId });
    return errorReply(404, 'session_not_found', SESSION_NOT_FOUND, requestId);
  }
  const result = await ctx.upstream.call('sessions.revoke', requestId, (client) => client.sessions.revoke({ session_id: sessionId }));
  return result.ok ? okReply({ request_id: result.body.request_id, session_id: sessionId }, requestId) : result.reply;
}

export async function createEmbeddableLink(ctx: RelayContext, caller: Caller, requestId: string): Promise<Reply> {
  const minutes = ctx.config.embeddableExpirationMinutes;
  const result = await ctx.upstream.call('magic_links.create', requestId, (client) =>
    client.magicLinks.create({ user_id: caller.userId, expiration_minutes: minutes }),
  );
  if (!result.ok) return result.reply;
  return okReply({ request_id: result.body.request_id, user_id: caller.userId, token: result.body.token, expiration_minutes: minutes }, requestId);
}

/** Where an invite's sender is recorded; by address as Stytch matches it (case aside). */
const inviteOwnerKey = (email: string): string => `invite-owner:${email.trim().toLowerCase()}`;

export async function invite(ctx: RelayContext, caller: Caller, network: string, body: InviteBody, requestId: string): Promise<Reply> {
  // The invitee's budget is checked first but spent only once Stytch has sent the invite, so
  // a refused invite costs the invitee nothing.
  const refused = await ctx.sendBudget.check(body.email, network);
  if (refused) return refusalReply(refused, requestId);
  const result = await ctx.upstream.call('magic_links.email.invite', requestId, (client) =>
    client.magicLinks.email.invite({
      email: body.email,
      invite_magic_link_url: ctx.config.callbackUrl,
      invite_expiration_minutes: ctx.config.inviteExpirationMinutes,
      ...(body.name ? { name: body.name } : {}),
    }),
  );
  if (!result.ok) return result.reply;
  await ctx.sendBudget.charge(body.email, network, requestId);
  await ctx.state.set(inviteOwnerKey(body.email), caller.userId, ctx.config.inviteExpirationMinutes * 60_000);
  return okReply({ request_id: result.body.request_id, user_id: result.body.user_id }, requestId);
}

export async function revokeInvite(ctx: RelayContext, caller: Caller, body: RevokeInviteBody, requestId: string): Promise<Reply> {
  const key = inviteOwnerKey(body.email);
  if ((await ctx.state.get(key)) !== caller.userId) {
    // Same answer for "someone else's invite" and "no invite": neither is the caller's to revoke.
    ctx.logger.warn('refused to revoke an invite the caller did not send', { request_id: requestId, user_id: caller.userId });
    return errorReply(404, 'invite_not_found', 'You have no pending invite for this email address.', requestId);
  }
  const result = await ctx.upstream.call('magic_links.email.revoke_invite', requestId, (client) =>
    client.magicLinks.email.revokeInvite({ email: body.email }),
  );
  if (!result.ok) return result.reply;
  await ctx.state.delete(key);
  return okReply({ request_id: result.body.request_id }, requestId);
}

/** Public signing keys, cached briefly so an unauthenticated endpoint cannot drive upstream load. */
export class JwksCache {
  private cached: { keys: unknown[]; untilMs: number } | undefined;

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async reply(ctx: RelayContext, requestId: string): Promise<Reply> {
    const projectId = ctx.config.stytch.projectId;
    if (this.cached && this.cached.untilMs > this.now()) {
      return okReply({ project_id: projectId, keys: this.cached.keys }, requestId);
    }
    const result = await ctx.upstream.call('sessions.jwks', requestId, (client) => client.sessions.getJWKS({ project_id: projectId }));
    if (!result.ok) return result.reply;
    this.cached = { keys: result.body.keys, untilMs: this.now() + this.ttlMs };
    return okReply({ request_id: result.body.request_id, project_id: projectId, keys: result.body.keys }, requestId);
  }
}
