// DNS rebinding defence for a development server on this machine. A web page can make its
// own domain resolve to 127.0.0.1 and then read the dev inbox (sign-in links!) as if it
// were same-origin. The browser still sends the page's own name in Host and, for scripted
// requests, its origin in Origin: so a request is served only when Host names loopback (or
// the exact address the emulator was told to bind) with the emulator's port, and any Origin
// is the emulator's own.
// Rule: pure; the reason returned names the header, never echoes more than its host.
import { isLoopbackHost, LOOPBACK_HOSTS_TEXT } from '../common/stytch/constants';

/** Host names that can only mean this machine: the shared loopback names, and all of 127.0.0.0/8. */
function isLoopbackName(hostname: string): boolean {
  // URL parsing has already normalised IPv4 (127.1 → 127.0.0.1), so four octets remain.
  return isLoopbackHost(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '']);

/** True when the address given to listen() reaches this machine only. */
export function isLoopbackBind(host: string): boolean {
  return isLoopbackName(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
}

/** Why a server bound to `host` is reachable from other machines, or null when it is not. */
export function exposureWarning(host: string): string | null {
  if (isLoopbackBind(host)) return null;
  return (
    `warning: bound to ${host}, which other machines can reach. Anyone who can reach it can read the dev inbox ` +
    'and its sign-in links. Bind to 127.0.0.1 unless you mean it.'
  );
}

export interface OwnAddress {
  port: number;
  /** The address given to listen(): requests naming it exactly are ours too (an IP literal cannot be rebound). */
  bindHost: string;
}

function isOwnAuthority(raw: string, own: OwnAddress, scheme: 'http:'): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== scheme || url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return false;
  const port = url.port === '' ? 80 : Number(url.port);
  if (port !== own.port) return false;
  const bound = own.bindHost.includes(':') ? `[${own.bindHost}]` : own.bindHost;
  return isLoopbackName(url.hostname) || (!WILDCARD_BINDS.has(own.bindHost) && url.hostname.toLowerCase() === bound.toLowerCase());
}

/** Why a request must be refused, or null when it may be served. */
export function requestRefusal(headers: { host?: string | undefined; origin?: string | undefined }, own: OwnAddress): string | null {
  const host = headers.host;
  if (host === undefined || !isOwnAuthority(`http://${host}`, own, 'http:')) {
    return `This emulator answers only requests addressed to ${LOOPBACK_HOSTS_TEXT} with its own port.`;
  }
  const origin = headers.origin;
  if (origin !== undefined && !isOwnAuthority(origin, own, 'http:')) {
    return 'This emulator answers only pages it served itself; the request came from another origin.';
  }
  return null;
}
