// Who is asking, as far as limits are concerned: the client's address (behind trusted
// proxies), the network it belongs to, and the email it names, each reduced to the key a
// limit counts under.
// Rule: these keys are for counting only; Stytch always gets the email exactly as typed.
import { isIPv4, isIPv6 } from 'node:net';

/**
 * The caller's address. Behind N trusted proxies, each appends the address it saw to
 * X-Forwarded-For, so the client is the Nth entry from the right; anything further left was
 * written by the client and could be anything.
 */
export function clientIp(req: { headers: Record<string, string | string[] | undefined>; socket: { remoteAddress?: string | undefined } }, trustedHops: number): string {
  const direct = req.socket.remoteAddress ?? 'unknown';
  if (trustedHops <= 0) return direct;
  const header = req.headers['x-forwarded-for'];
  const list = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (list.length === 0) return direct;
  return list[Math.max(0, list.length - trustedHops)] ?? direct;
}

/** Expands an IPv6 address to its eight groups, or undefined when it is not one. */
function ipv6Groups(address: string): string[] | undefined {
  if (!isIPv6(address)) return undefined;
  let text = address.split('%')[0] ?? address;
  // A trailing dotted quad (::ffff:1.2.3.4) is two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a, b, c, d] = dotted[1].split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [left = '', right] = text.split('::');
  const head = left === '' ? [] : left.split(':');
  const tail = right === undefined || right === '' ? [] : right.split(':');
  const fill = right === undefined ? [] : new Array<string>(8 - head.length - tail.length).fill('0');
  return [...head, ...fill, ...tail].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}

/**
 * The network a limit counts under: an IPv4 address by itself, an IPv6 client by its /64
 * (one subscriber's allocation, so rotating through it gains nothing). An IPv4 address
 * written as IPv6 (::ffff:a.b.c.d) counts as the IPv4 address.
 */
export function clientNetwork(address: string): string {
  if (isIPv4(address)) return address;
  const groups = ipv6Groups(address);
  if (!groups) return address;
  const mapped = groups.slice(0, 5).every((group) => group === '0') && groups[5] === 'ffff';
  if (mapped) {
    const high = parseInt(groups[6] ?? '0', 16);
    const low = parseInt(groups[7] ?? '0', 16);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** Mail providers documented to ignore dots in the local part and everything after a `+`. */
const DOTS_AND_TAGS_IGNORED = new Set(['gmail.com', 'googlemail.com']);
/** Providers where `+tag` reaches the same mailbox (dots matter there). */
const TAGS_IGNORED = new Set(['outlook.com', 'hotmail.com', 'live.com', 'icloud.com', 'me.com', 'fastmail.com', 'proton.me', 'protonmail.com']);

/** The mailbox an address reaches, for counting sends to it; never sent anywhere. */
export function normalisedEmail(email: string): string {
  const lowered = email.trim().toLowerCase();
  const at = lowered.lastIndexOf('@');
  if (at <= 0) return lowered;
  let local = lowered.slice(0, at);
  let domain = lowered.slice(at + 1);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (DOTS_AND_TAGS_IGNORED.has(domain) || TAGS_IGNORED.has(domain)) local = local.split('+')[0] ?? local;
  if (DOTS_AND_TAGS_IGNORED.has(domain)) local = local.replace(/\./g, '');
  return `${local}@${domain}`;
}
