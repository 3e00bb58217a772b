// §4.1–4.4: login_or_create, send, invite, revoke_invite. The rule: validate every field
// before touching state, so a rejected request leaves no user or token behind.
import type { ApiRoute } from '../api';
import type { EmulatorContext } from '../context';
import { StytchApiError } from '../errors';
import type { Body } from '../fields';
import { optAttributes, optBool, optName, optObject, optString } from '../fields';
import { newId } from '../ids';
import { challengeField, emailField, expirationField, issueLink, redirectField } from '../links';
import { liveSession } from '../session-service';
import type { EmailRecord, UserRecord, UserStatus } from '../store';

function createUser(ctx: EmulatorContext, email: string, status: UserStatus): UserRecord {
  const user: UserRecord = {
    user_id: newId('user'),
    status,
    emails: [{ email_id: newId('email'), email, verified: false }],
    created_at: ctx.clock.now(),
    trusted_metadata: {},
    untrusted_metadata: {},
  };
  ctx.store.addUser(user);
  return user;
}

function emailOf(user: UserRecord, email: string): EmailRecord {
  const found = user.emails.find((e) => e.email.toLowerCase() === email.toLowerCase());
  if (!found) throw new Error('email index and user record disagree');
  return found;
}

/** Fields shared by login_or_create and send, read up front. */
function loginFields(ctx: EmulatorContext, body: Body) {
  return {
    loginUrl: redirectField(ctx, body, 'login_magic_link_url', 'no_default_login_redirect_url_set'),
    signupUrl: redirectField(ctx, body, 'signup_magic_link_url', 'no_default_signup_redirect_url_set'),
    loginMinutes: expirationField(body, 'login_expiration_minutes', 60),
    signupMinutes: expirationField(body, 'signup_expiration_minutes', 10080),
    codeChallenge: challengeField(body),
    attributes: optAttributes(body),
  };
}

function sendTo(ctx: EmulatorContext, user: UserRecord, email: EmailRecord, f: ReturnType<typeof loginFields>): void {
  const signup = user.status === 'pending';
  issueLink(ctx, {
    user,
    email,
    kind: signup ? 'signup' : 'login',
    redirectUrl: signup ? f.signupUrl : f.loginUrl,
    expirationMinutes: signup ? f.signupMinutes : f.loginMinutes,
    codeChallenge: f.codeChallenge,
    attributes: f.attributes,
  });
}

const loginOrCreate: ApiRoute = {
  method: 'POST',
  pattern: /^\/v1\/magic_links\/email\/login_or_create$/,
  auth: 'required',
  handler(ctx, { body }) {
    const email = emailField(body);
    const fields = loginFields(ctx, body);
    const asPending = optBool(body, 'create_user_as_pending') ?? false;
    ctx.rateLimiter.check(email, ctx.clock.now());
    const existing = ctx.store.userByEmail(email);
    const user = existing ?? createUser(ctx, email, asPending ? 'pending' : 'active');
    const record = emailOf(user, email);
    if (existing) {
      sendTo(ctx, user, record, fields);
    } else {
      // A brand-new user always gets a signup link, whatever status it was created with.
      issueLink(ctx, {
        user,
        email: record,
        kind: 'signup',
        redirectUrl: fields.signupUrl,
        expirationMinutes: fields.signupMinutes,
        codeChallenge: fields.codeChallenge,
        attributes: fields.attributes,
      });
    }
    return { user_id: user.user_id, email_id: record.email_id, user_created: !existing };
  },
};

/** The user named by user_id / session_token / session_jwt, for "add this email to a user". */
async function targetUser(ctx: EmulatorContext, body: Body): Promise<UserRecord | undefined> {
  const userId = optString(body, 'user_id');
  const sessionToken = optString(body, 'session_token');
  const sessionJwt = optString(body, 'session_jwt');
  if (sessionToken !== undefined && sessionJwt !== undefined) throw new StytchApiError('too_many_session_arguments');
  if (userId !== undefined) {
    const user = ctx.store.users.get(userId);
    if (!user) throw new StytchApiError('user_not_found');
    return user;
  }
  if (sessionToken === undefined && sessionJwt === undefined) return undefined;
  const session = await liveSession(ctx, sessionToken, sessionJwt);
  const user = ctx.store.users.get(session.user_id);
  if (!user) throw new StytchApiError('session_not_found');
  return user;
}

const send: ApiRoute = {
  method: 'POST',
  pattern: /^\/v1\/magic_links\/email\/send$/,
  auth: 'required',
  async handler(ctx, { body }) {
    const email = emailField(body);
    const fields = loginFields(ctx, body);
    const target = await targetUser(ctx, body);
    ctx.rateLimiter.check(email, ctx.clock.now());
    const owner = ctx.store.userByEmail(email);
    let user: UserRecord;
    if (target) {
      if (owner && owner.user_id !== target.user_id) throw new StytchApiError('duplicate_email');
      if (!owner) ctx.store.addEmail(target, { email_id: newId('email'), email, verified: false });
      user = target;
    } else {
      if (!owner) throw new StytchApiError('email_not_found');
      user = owner;
    }
    const record = emailOf(user, email);
    sendTo(ctx, user, record, fields);
    return { user_id: user.user_id, email_id: record.email_id };
  },
};

const invite: ApiRoute = {
  method: 'POST',
  pattern: /^\/v1\/magic_links\/email\/invite$/,
  auth: 'required',
  handler(ctx, { body }) {
    const email = emailField(body);
    const redirectUrl = redirectField(ctx, body, 'invite_magic_link_url', 'no_default_invite_redirect_url_set');
    const minutes = expirationField(body, 'invite_expiration_minutes', 60);
    const name = optName(body);
    const trusted = optObject(body, 'trusted_metadata');
    const untrusted = optObject(body, 'untrusted_metadata');
    const attributes = optAttributes(body);
    ctx.rateLimiter.check(email, ctx.clock.now());
    const existing = ctx.store.userByEmail(email);
    if (existing?.status === 'active') throw new StytchApiError('duplicate_email');
    const user = existing ?? createUser(ctx, email, 'pending');
    if (name) user.name = name;
    if (trusted) user.trusted_metadata = trusted;
    if (untrusted) user.untrusted_metadata = untrusted;
    const record = emailOf(user, email);
    issueLink(ctx, { user, email: record, kind: 'invite', redirectUrl, expirationMinutes: minutes, attributes });
    return { user_id: user.user_id, email_id: record.email_id };
  },
};

const revokeInvite: ApiRoute = {
  method: 'POST',
  pattern: /^\/v1\/magic_links\/email\/revoke_invite$/,
  auth: 'required',
  handler(ctx, { body }) {
    const email = emailField(body);
    const user = ctx.store.userByEmail(email);
    if (!user) throw new StytchApiError('email_not_found');
    const emailId = emailOf(user, email).email_id;
    const now = ctx.clock.now();
    for (const t of ctx.store.tokens.values()) {
      if (t.kind === 'invite' && t.email_id === emailId && !t.used && t.expires_at > now) ctx.store.revokeToken(t);
    }
    return {};
  },
};

export const magicLinkEmailRoutes: ApiRoute[] = [loginOrCreate, send, invite, revokeInvite];
