// The fuzz suites' own definition of a valid sign-in link, written from the contract
// (DESIGN.md §3 "Deep links", Stytch's token format) and not from main/auth/deep-link.ts,
// so a parser bug cannot hide behind a copy of itself. Also the arbitraries they share.
// Rule: plain string work only; no WHATWG URL object decides what "valid" means here.
import fc from 'fast-check';

/** Stytch tokens: base64url of 33 bytes (44 chars) or of 32 bytes (43 chars, maybe padded). */
export const TOKEN_SPEC = /^(?:[A-Za-z0-9_-]{44}|[A-Za-z0-9_-]{43}=?)$/;
export const MAX_LINK_LENGTH = 4096;

/** A link is one line of printable ASCII: no control characters, spaces or other scripts. */
function isPrintableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || code >= 0x7f) return false;
  }
  return true;
}

function decode(component: string): string | null {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * '.' and '..' segments (also spelled %2e) are resolved, as RFC 3986 §5.2.4 says every URL
 * consumer does: "/callback/." is the same resource as "/callback/".
 */
function removeDotSegments(path: string): string {
  const out: string[] = [];
  const segments = path.split('/').slice(1);
  segments.forEach((raw, index) => {
    const segment = raw.toLowerCase().replace(/%2e/g, '.');
    const last = index === segments.length - 1;
    if (segment === '.') {
      if (last) out.push('');
    } else if (segment === '..') {
      out.pop();
      if (last) out.push('');
    } else {
      out.push(raw);
    }
  });
  return `/${out.join('/')}`;
}

export interface QueryPair {
  key: string;
  value: string;
}

/**
 * Splits a query into decoded pairs; empty pieces between '&' carry no parameter. A piece
 * with a broken escape ('%', '%zz') stays as written: it can then never read as 'token' or
 * as a token in Stytch's alphabet.
 */
export function queryPairs(query: string): QueryPair[] | null {
  const pairs: QueryPair[] = [];
  for (const piece of query.split('&')) {
    if (piece === '') continue;
    const at = piece.indexOf('=');
    const rawKey = at < 0 ? piece : piece.slice(0, at);
    const rawValue = at < 0 ? '' : piece.slice(at + 1);
    pairs.push({ key: decode(rawKey) ?? rawKey, value: decode(rawValue) ?? rawValue });
  }
  return pairs;
}

const LINK_SHAPE = /^([^:/?#]+):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(#.*)?$/;

/** The host, lower-cased, once empty user info and an empty port are dropped; null when either holds anything. */
function normalAuthority(authority: string): string | null {
  const at = authority.lastIndexOf('@');
  const userInfo = at < 0 ? '' : authority.slice(0, at);
  if (userInfo !== '' && userInfo !== ':') return null;
  const hostPort = authority.slice(at + 1).toLowerCase();
  return hostPort.endsWith(':') ? hostPort.slice(0, -1) : hostPort.includes(':') ? null : hostPort;
}

export interface LinkParts {
  scheme: string;
  authority: string;
  path: string;
  query: string | undefined;
  fragment: string | undefined;
}

/** Trimmed, length-checked, printable ASCII, split into RFC 3986 parts; null otherwise. */
export function splitLink(input: string): LinkParts | null {
  const text = input.trim();
  if (text.length === 0 || text.length > MAX_LINK_LENGTH || !isPrintableAscii(text)) return null;
  const match = LINK_SHAPE.exec(text);
  if (!match) return null;
  return {
    scheme: (match[1] ?? '').toLowerCase(),
    authority: match[2] ?? '',
    path: removeDotSegments(match[3] ?? ''),
    query: match[4],
    fragment: match[5],
  };
}

/**
 * The spec of the OS-delivered callback: promptgrimoire://auth/callback, no credentials, no
 * port, no fragment, exactly one
 * stytch_token_type=magic_links and one token in Stytch's alphabet and length, nothing else.
 * Returns the token, or null when the link is not valid.
 * Spellings that make the same link are the same link: empty user info ('@', ':@'), an
 * empty port (RFC 3986 §3.2.3), an empty fragment, dot segments (§5.2.4) and empty pieces
 * between '&'. None can carry anything, so accepting them is no weakness.
 */
export function specCallbackToken(input: string): string | null {
  const parts = splitLink(input);
  if (!parts || parts.scheme !== 'promptgrimoire' || parts.query === undefined) return null;
  if (parts.fragment !== undefined && parts.fragment !== '#') return null;
  if (normalAuthority(parts.authority) !== 'auth') return null;
  if (parts.path !== '/callback' && parts.path !== '/callback/') return null;
  const pairs = queryPairs(parts.query);
  if (!pairs || pairs.length !== 2) return null;
  const tokens = pairs.filter((p) => p.key === 'token');
  const types = pairs.filter((p) => p.key === 'stytch_token_type');
  if (tokens.length !== 1 || types.length !== 1 || types[0]?.value !== 'magic_links') return null;
  const token = tokens[0]?.value ?? '';
  return TOKEN_SPEC.test(token) ? token : null;
}

export const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A real-shaped token: 33 random bytes, or 32 bytes with or without the '=' pad. */
export const tokenArb: fc.Arbitrary<string> = fc.oneof(
  fc.uint8Array({ minLength: 33, maxLength: 33 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
  fc
    .tuple(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.boolean())
    .map(([bytes, pad]) => Buffer.from(bytes).toString('base64url') + (pad ? '=' : '')),
);

/** Percent-encodes some characters of a value; decoding gives the value back. */
export function percentEncodeSome(value: string, mask: number): string {
  let out = '';
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i] ?? '';
    out += (mask >> i % 31) & 1 ? `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : char;
  }
  return out;
}

/** The callback the OS hands over for a token, the way Stytch's redirect builds it. */
export const callbackFor = (token: string): string =>
  `promptgrimoire://auth/callback?stytch_token_type=magic_links&token=${encodeURIComponent(token)}`;

/** Inputs nobody should ever have to parse: long, unicode, control characters, nulls. */
export const hostileStringArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 64 }),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 32 }),
  fc.constantFrom('', ' ', '\0', '\u0000promptgrimoire://auth/callback', '\uFEFF', '\u202E', '%00', '%', '%%', '?', '#', '&&&'),
  fc.nat({ max: 20_000 }).map((n) => 'A'.repeat(n)),
  fc.tuple(fc.constantFrom('a', '%41', '\u00e9', '\ud83d\ude00', '\\'), fc.nat({ max: 3000 })).map(([unit, n]) => unit.repeat(n)),
);

/** One random edit of a string: insert, delete, replace, swap case, percent-encode or double a char. */
export const mutationArb = (base: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(
      base,
      fc.nat(),
      fc.constantFrom('insert', 'delete', 'replace', 'case', 'encode', 'double'),
      fc.oneof(fc.constantFrom(...'%&=?#/:.@;+ \t\n\0\\"\'<>-_A=z9'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
    )
    .map(([text, position, kind, char]) => {
      const at = text.length === 0 ? 0 : position % text.length;
      const here = text[at] ?? '';
      const before = text.slice(0, at);
      const after = text.slice(at + 1);
      switch (kind) {
        case 'insert':
          return before + char + here + after;
        case 'delete':
          return before + after;
        case 'replace':
          return before + char + after;
        case 'case':
          return before + (here === here.toLowerCase() ? here.toUpperCase() : here.toLowerCase()) + after;
        case 'encode':
          return `${before}%${here.charCodeAt(0).toString(16).padStart(2, '0')}${after}`;
        default:
          return before + here + here + after;
      }
    });

export const REDIRECT_PATHS: ReadonlySet<string> = new Set(['/v1/magic_links/redirect', '/v1/magic_links/redirect/']);
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether an http(s) link names its host in plain letters, digits, dots and hyphens (or the
 * IPv6 loopback). Any other host goes through IDNA in the URL parser, which may refuse it:
 * for those a parser may be stricter than the spec, never looser.
 */
export function hasPlainHost(text: string): boolean {
  const match = /^https?:\/\/([^/\\?#]*)/i.exec(text);
  return match !== null && /^(?::?@)?(?:[a-z0-9.-]+|\[::1\])(?::\d*)?$/i.test(match[1] ?? '');
}

/**
 * The dotted quad a numeric host names, read the way inet_aton (and so every browser)
 * reads it: 1 to 4 parts, decimal, 0x hex or 0 octal, the last part filling what is left.
 */
export function ipv4Of(host: string): string | null {
  const parts = host.endsWith('.') ? host.slice(0, -1).split('.') : host.split('.');
  if (parts.length === 0 || parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const value = /^0x[0-9a-f]*$/i.test(part) ? parseInt(part.slice(2) || '0', 16) : /^0[0-7]+$/.test(part) ? parseInt(part, 8) : /^\d+$/.test(part) ? Number(part) : NaN;
    if (!Number.isFinite(value)) return null;
    numbers.push(value);
  }
  const last = numbers.pop() ?? 0;
  if (numbers.some((n) => n > 255) || last >= 256 ** (4 - numbers.length)) return null;
  let address = last;
  numbers.forEach((n, i) => (address += n * 256 ** (3 - i)));
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

/** Mail clients and chat apps wrap links in quotes or angle brackets; one pair is dropped. */
export function unwrapPasted(input: string): string {
  const text = input.trim();
  const pairs: Array<[string, string]> = [['"', '"'], ["'", "'"], ['<', '>']];
  for (const [open, close] of pairs) {
    if (text.length >= 2 && text.startsWith(open) && text.endsWith(close)) return text.slice(1, -1).trim();
  }
  return text;
}

/**
 * The spec of the emailed link a person may paste: https on any host (only the token counts,
 * and PKCE ties it to this installation) or http on loopback (the emulator), the redirect
 * path, no credentials or fragment, one token in Stytch's format, and a token type that is
 * magic_links when present; other parameters are Stytch's business. Browsers forgive
 * backslashes and missing slashes after "https:" (the WHATWG URL standard), so this does
 * too. Like every link, it is one line of printable ASCII: Stytch percent-encodes anything
 * else, and a URL parser silently drops some code points, so what a person saw would not
 * be what was read. Returns the token or null.
 */
export function specWebLinkToken(text: string): string | null {
  const match = /^(https?):[/\\]*([^/\\?#]*)([^?#]*)(?:\?([^#]*))?(#.*)?$/i.exec(text);
  if (!match || text.length > MAX_LINK_LENGTH || !isPrintableAscii(text)) return null;
  const scheme = (match[1] ?? '').toLowerCase();
  const authority = match[2] ?? '';
  if (match[5] !== undefined && match[5] !== '#') return null;
  // Empty user info ('@', ':@') says nothing; any other is refused.
  const at = authority.lastIndexOf('@');
  if (at >= 0 && authority.slice(0, at) !== '' && authority.slice(0, at) !== ':') return null;
  const port = /:(\d+)$/.exec(authority.slice(at + 1));
  if (port && Number(port[1]) > 65_535) return null;
  // Hosts of http(s) links are percent-decoded by every browser: %31 is '1'.
  const host = decode(authority.slice(at + 1).toLowerCase().replace(/:\d*$/, ''));
  if (host === null || host === '') return null;
  if (scheme === 'http' && !LOOPBACK_HOSTS.has(host) && ipv4Of(host) !== '127.0.0.1') return null;
  if (!REDIRECT_PATHS.has(removeDotSegments((match[3] ?? '').replace(/\\/g, '/')))) return null;
  const pairs = queryPairs(match[4] ?? '');
  if (!pairs) return null;
  const tokens = pairs.filter((p) => p.key === 'token');
  const types = pairs.filter((p) => p.key === 'stytch_token_type');
  if (tokens.length !== 1 || types.length > 1 || (types.length === 1 && types[0]?.value !== 'magic_links')) return null;
  const token = tokens[0]?.value ?? '';
  return TOKEN_SPEC.test(token) ? token : null;
}
