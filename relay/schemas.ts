// The relay's request bodies. Every object is strict: a field the relay does not define
// (a callback URL, an expiration, a session duration, a user id) is refused, never passed on,
// because those are the relay's decisions, not the caller's.
// Rule: anything reaching a handler has been parsed here.
import { z } from 'zod';
import { describeIssues, valueAt, type FieldProblem } from '../common/config/describe-issues';

/** base64url, optionally '=' padded: the alphabet of Stytch magic-link and session tokens. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,128}={0,2}$/;

export const emailField = z
  .string({ error: 'must be a string' })
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email({ error: 'must be an email address' }));

export const sendLinkBody = z.strictObject({
  email: emailField,
  // PKCE is not optional through the relay: a link without it could be redeemed by anyone
  // who sees it, and the desktop app always sends a challenge.
  code_challenge: z
    .string({ error: 'must be a string' })
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be the base64url SHA-256 of the code verifier (43 characters)'),
});
export type SendLinkBody = z.infer<typeof sendLinkBody>;

export const authenticateLinkBody = z.strictObject({
  token: z.string({ error: 'must be a string' }).regex(TOKEN_SHAPE, 'must be a magic-link token'),
  // Optional only because invite links carry no PKCE challenge.
  code_verifier: z
    .string({ error: 'must be a string' })
    .regex(/^[A-Za-z0-9._~-]{43,128}$/, 'must be a PKCE code verifier (43-128 characters)')
    .optional(),
});
export type AuthenticateLinkBody = z.infer<typeof authenticateLinkBody>;

/** Session-bound calls whose only input is the bearer token. */
export const emptyBody = z.strictObject({});

export const inviteBody = z.strictObject({
  email: emailField,
  name: z
    .strictObject({
      first_name: z.string({ error: 'must be a string' }).max(100).optional(),
      middle_name: z.string({ error: 'must be a string' }).max(100).optional(),
      last_name: z.string({ error: 'must be a string' }).max(100).optional(),
    })
    .optional(),
});
export type InviteBody = z.infer<typeof inviteBody>;

export const revokeInviteBody = z.strictObject({ email: emailField });
export type RevokeInviteBody = z.infer<typeof revokeInviteBody>;

export const sessionIdParam = z
  .string()
  .regex(/^session-[A-Za-z0-9-]{1,100}$/, 'must be a session id such as session-test-…');

export const bearerToken = z.string().regex(TOKEN_SHAPE);

/**
 * A refusal: `errorType` is Stytch's own name when Stytch would have refused the same input
 * (a malformed email is `invalid_email`), so the app maps it exactly as in direct mode.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; errorType: string };

/** One readable sentence listing every problem, e.g. `email: must be an email address`. */
export function parseBody<T>(schema: z.ZodType<T>, value: unknown): Parsed<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return refusalFor(result.error.issues, value);
}

/** The 400 for a body that failed its schema: Stytch's `invalid_email` when that is all that is wrong. */
export function refusalFor(issues: readonly z.core.$ZodIssue[], value: unknown): { ok: false; message: string; errorType: string } {
  const onlyEmailFormat = issues.every((issue) => issue.path[0] === 'email' && typeof valueAt(value, issue.path) === 'string');
  return { ok: false, message: describeRequestIssues(issues, value), errorType: onlyEmailFormat ? 'invalid_email' : 'bad_request' };
}

/** The relay's wording: the schema's own message per field, one sentence for all unknown fields. */
const REQUEST_WORDING = {
  field({ field, path, value, issue }: FieldProblem): string {
    if (path.length === 0 && issue.code === 'invalid_type') return 'body: must be a JSON object';
    const where = field === '' ? 'body' : field;
    if (issue.code === 'invalid_type' && value === undefined) return `${where}: is required`;
    return `${where}: ${issue.message}`;
  },
  unknownFields(keys: readonly string[]): string[] {
    const names = keys.map((key) => `"${key}"`).join(', ');
    return [`unknown field${keys.length > 1 ? 's' : ''} ${names}: the relay decides this itself or does not accept it`];
  },
};

function describeRequestIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string {
  return describeIssues(issues, input, REQUEST_WORDING).join('; ');
}
