// Strict, pure parsing of sign-in links: the OS-delivered promptgrimoire:// callback, the
// argv that carries it on Windows/Linux, and the links a person pastes as a fallback.
// Rule: nothing here may import electron; nothing here throws; bad input yields nothing.
import { CALLBACK_URL, isLoopbackHost } from '../../common/stytch/constants';

// promptgrimoire: + auth + /callback, taken apart by the same parser that reads each link.
const CALLBACK = new URL(CALLBACK_URL);
const CALLBACK_SCHEME = CALLBACK.protocol;
const CALLBACK_HOST = CALLBACK.host;
const CALLBACK_PATHS = new Set([CALLBACK.pathname, `${CALLBACK.pathname}/`]);
const REDIRECT_PATHS = new Set(['/v1/magic_links/redirect', '/v1/magic_links/redirect/']);
const TOKEN_TYPE = 'magic_links';
const MAX_URL_LENGTH = 4096;

// Stytch tokens are 33 random bytes in base64url (44 chars), or 32 bytes padded (43 + '=').
const TOKEN_SHAPE = /^(?:[A-Za-z0-9_-]{44}|[A-Za-z0-9_-]{43}=?)$/;

export function isStytchToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

// A link Stytch made is one line of printable ASCII. Anything else is refused before the
// URL parser sees it: WHATWG parsing silently drops some code points (default-ignorables
// such as U+E0100 in a host), so "what the parser read" could differ from what was shown.
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

function parseUrl(input: string): URL | null {
  if (input.length > MAX_URL_LENGTH || !PRINTABLE_ASCII.test(input)) return null;
  try {
    return new URL(input);
  } catch {
    return null;
  }
}

type TokenParam = { kind: 'token'; token: string } | { kind: 'missing' } | { kind: 'malformed' };

/** Reads the single token parameter; duplicates or a wrong token type count as malformed. */
function readToken(url: URL, requireType: boolean): TokenParam {
  const tokens = url.searchParams.getAll('token');
  const types = url.searchParams.getAll('stytch_token_type');
  if (tokens.length === 0) return { kind: 'missing' };
  if (tokens.length > 1 || types.length > 1) return { kind: 'malformed' };
  if (requireType ? types[0] !== TOKEN_TYPE : types.length === 1 && types[0] !== TOKEN_TYPE) {
    return { kind: 'malformed' };
  }
  const token = tokens[0] ?? '';
  return isStytchToken(token) ? { kind: 'token', token } : { kind: 'malformed' };
}

/** Credentials or a fragment never belong to a sign-in link (a token there could leak). */
function hasExtras(url: URL): boolean {
  return url.username !== '' || url.password !== '' || url.hash !== '';
}

/**
 * Why a promptgrimoire: URL is not a sign-in link, in terms a person can act on:
 * - `no-token`: the callback with no token (or an empty one), e.g. a link cut short;
 * - `damaged-token`: a token of the wrong length or alphabet, or the wrong token type;
 * - `altered`: parameters Stytch never adds, a token or type given twice, credentials,
 *   a port or a fragment: someone (or something) changed the link on the way;
 * - `not-sign-in`: another host or path of our scheme, or text that does not parse.
 */
export type CallbackRejection = 'no-token' | 'damaged-token' | 'altered' | 'not-sign-in';
export type CallbackCheck = { ok: true; token: string } | { ok: false; reason: CallbackRejection };

/**
 * Checks a URL the OS handed over. Null: not a promptgrimoire: URL at all (never a sign-in
 * attempt, so nothing to tell anyone). Accepts only
 * promptgrimoire://auth/callback?stytch_token_type=magic_links&token=…
 */
export function checkCallbackUrl(input: string): CallbackCheck | null {
  const text = typeof input === 'string' ? input.trim() : '';
  if (!text.toLowerCase().startsWith(CALLBACK_SCHEME)) return null;
  const url = parseUrl(text);
  if (!url || url.protocol !== CALLBACK_SCHEME) return { ok: false, reason: 'not-sign-in' };
  if (url.hostname.toLowerCase() !== CALLBACK_HOST || !CALLBACK_PATHS.has(url.pathname)) return { ok: false, reason: 'not-sign-in' };
  if (hasExtras(url) || url.port !== '') return { ok: false, reason: 'altered' };
  // Only the two parameters Stytch's redirect appends; anything else means someone else built it.
  for (const key of url.searchParams.keys()) {
    if (key !== 'token' && key !== 'stytch_token_type') return { ok: false, reason: 'altered' };
  }
  const tokens = url.searchParams.getAll('token');
  if (tokens.length === 0 || (tokens.length === 1 && tokens[0] === '')) return { ok: false, reason: 'no-token' };
  if (tokens.length > 1 || url.searchParams.getAll('stytch_token_type').length > 1) return { ok: false, reason: 'altered' };
  const param = readToken(url, true);
  return param.kind === 'token' ? { ok: true, token: param.token } : { ok: false, reason: 'damaged-token' };
}

/** Accepts only promptgrimoire://auth/callback?stytch_token_type=magic_links&token=… */
export function parseCallbackUrl(input: string): { token: string } | null {
  const checked = checkCallbackUrl(input);
  return checked?.ok ? { token: checked.token } : null;
}

function unquote(arg: string): string {
  const trimmed = arg.trim();
  if (trimmed.length >= 2) {
    const first = trimmed[0];
    const last = trimmed[trimmed.length - 1];
    if ((first === '"' && last === '"') || (first === "'" && last === "'") || (first === '<' && last === '>')) {
      return trimmed.slice(1, -1).trim();
    }
  }
  return trimmed;
}

/**
 * Finds the callback URL among the arguments of a (second) app process: the exe path, '.',
 * Chromium flags and the URL, possibly quoted. Returns the first valid callback, otherwise
 * the first promptgrimoire: argument (so the core can log why it was refused), else null.
 */
export function findCallbackUrlInArgv(argv: readonly string[]): string | null {
  let firstCandidate: string | null = null;
  for (const raw of argv) {
    if (typeof raw !== 'string') continue;
    const arg = unquote(raw);
    if (!arg.toLowerCase().startsWith(`${CALLBACK_SCHEME}//`)) continue;
    if (parseCallbackUrl(arg)) return arg;
    firstCandidate ??= arg;
  }
  return firstCandidate;
}

export type PastedLinkRejection = 'empty' | 'not-a-sign-in-link' | 'malformed-token';
export type PastedLinkResult = { ok: true; token: string } | { ok: false; reason: PastedLinkRejection };

/**
 * The paste fallback: the emailed https redirect link (loopback http for the emulator) or
 * the promptgrimoire:// link. Any host is fine for the emailed link: only the token counts,
 * and it is still PKCE-checked against this installation's verifiers.
 */
export function parsePastedLink(input: string): PastedLinkResult {
  const text = unquote(typeof input === 'string' ? input : '');
  if (text === '') return { ok: false, reason: 'empty' };
  const url = parseUrl(text);
  if (!url || hasExtras(url)) return { ok: false, reason: 'not-a-sign-in-link' };

  if (url.protocol === CALLBACK_SCHEME) {
    if (url.hostname.toLowerCase() !== CALLBACK_HOST || !CALLBACK_PATHS.has(url.pathname)) {
      return { ok: false, reason: 'not-a-sign-in-link' };
    }
    const parsed = parseCallbackUrl(text);
    if (parsed) return { ok: true, token: parsed.token };
    return { ok: false, reason: readToken(url, false).kind === 'missing' ? 'not-a-sign-in-link' : 'malformed-token' };
  }

  const webLink = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!webLink || !REDIRECT_PATHS.has(url.pathname)) return { ok: false, reason: 'not-a-sign-in-link' };
  const param = readToken(url, false);
  if (param.kind === 'missing') return { ok: false, reason: 'not-a-sign-in-link' };
  if (param.kind === 'malformed') return { ok: false, reason: 'malformed-token' };
  return { ok: true, token: param.token };
}
