// Chromium's answer to "which proxy for this URL" (system settings, PAC scripts and all),
// as Electron's session.resolveProxy gives it: "DIRECT", "PROXY host:port; DIRECT",
// "HTTPS host:port"… The first entry we can use wins, the way Chromium takes them in order.
// Rule: nothing here may import electron; bad input never throws, it means "direct".
export type ProxyRoute = { kind: 'direct' } | { kind: 'proxy'; scheme: 'http' | 'https'; host: string; port: number };

const DIRECT: ProxyRoute = { kind: 'direct' };
// A host is a name, an IPv4 address or a bracketed IPv6 address; nothing that could smuggle
// a path, credentials or a second URL into the proxy URL we build from it.
const ENTRY = /^(PROXY|HTTPS|SOCKS|SOCKS4|SOCKS5|QUIC)\s+(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/i;

export interface ParsedAnswer {
  route: ProxyRoute;
  /** Entries ahead of the chosen one that we cannot use (SOCKS, QUIC, unreadable). */
  skipped: string[];
}

export function parseProxyAnswer(answer: string): ParsedAnswer {
  const skipped: string[] = [];
  for (const raw of answer.split(';')) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry.toUpperCase() === 'DIRECT') return { route: DIRECT, skipped };
    const match = ENTRY.exec(entry);
    const kind = match?.[1]?.toUpperCase();
    if (match === null || (kind !== 'PROXY' && kind !== 'HTTPS')) {
      skipped.push(entry.slice(0, 80));
      continue;
    }
    const scheme = kind === 'HTTPS' ? 'https' : 'http';
    const port = match[3] === undefined ? (scheme === 'https' ? 443 : 80) : Number(match[3]);
    if (port < 1 || port > 65535) {
      skipped.push(entry.slice(0, 80));
      continue;
    }
    return { route: { kind: 'proxy', scheme, host: match[2] as string, port }, skipped };
  }
  // Only entries we cannot use (or nothing): Chromium would fail; going direct at least
  // works on networks where the proxy is optional, and fails clearly where it is not.
  return { route: DIRECT, skipped };
}

export function proxyUrl(route: Extract<ProxyRoute, { kind: 'proxy' }>): string {
  return `${route.scheme}://${route.host}:${route.port}`;
}

/** The words Diagnostics shows: "direct" or "through proxy host:port". */
export function describeRoute(route: ProxyRoute): string {
  return route.kind === 'direct' ? 'direct' : `through ${route.scheme === 'https' ? 'HTTPS ' : ''}proxy ${route.host}:${route.port}`;
}
