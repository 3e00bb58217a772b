// Finds and blanks out anything that could let someone sign in: Stytch secrets, JWTs,
// magic-link and session tokens, PKCE verifiers, credentials in URLs and headers.
// Rule: text that leaves the app for a person (the diagnostics report) goes through
// redact() last, whatever its source; nothing here may import electron.

export const REDACTED = '[redacted]';

interface Rule {
  kind: string;
  pattern: RegExp;
  /** Replacement keeping the non-secret part (a parameter name, a URL scheme). */
  replace: (match: string, ...groups: string[]) => string;
}

const whole = () => REDACTED;

// Order matters: the specific shapes first, so the report can say what was found.
const RULES: readonly Rule[] = [
  { kind: 'stytch-secret', pattern: /secret-(?:test|live)-[A-Za-z0-9_+/=-]+/g, replace: whole },
  { kind: 'jwt', pattern: /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, replace: whole },
  {
    kind: 'authorization-header',
    pattern: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
    replace: (_m, scheme = '') => `${scheme} ${REDACTED}`,
  },
  {
    kind: 'url-credentials',
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi,
    replace: (_m, scheme = '') => `${scheme}${REDACTED}@`,
  },
  {
    // token=…, session_jwt: "…", code_verifier=…, secret=… in URLs, JSON and log lines.
    kind: 'named-credential',
    pattern:
      /\b((?:[a-z_]*token|[a-z_]*jwt|[a-z_]*secret|code_verifier|verifier|password|api[_-]?key)["']?\s*[:=]\s*["']?)([^\s"'&,;}]+)/gi,
    replace: (_m, name = '') => `${name}${REDACTED}`,
  },
  {
    // Stytch tokens and PKCE verifiers are 43-44 base64url characters; with no name attached
    // they are recognised as a long run that mixes digits, lower and upper case. Project
    // IDs and UUIDs are lower case, and '/' and '.' split paths into short runs, so those
    // survive.
    kind: 'opaque-token',
    pattern: /(?<![\w-])(?=[\w-]*[0-9])(?=[\w-]*[a-z])(?=[\w-]*[A-Z])[\w-]{32,}={0,2}/g,
    replace: whole,
  },
];

export interface Redaction {
  text: string;
  /** Which kinds of secret were removed, one entry per occurrence. */
  found: string[];
}

export function redact(text: string): Redaction {
  const found: string[] = [];
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      // Already blanked by an earlier rule (a token inside a named parameter, say).
      if (match === REDACTED || match.endsWith(REDACTED)) return match;
      found.push(rule.kind);
      // rest starts with the capture groups; every rule's groups always take part.
      const groups = rest.slice(0, 2).map((value) => (typeof value === 'string' ? value : ''));
      return rule.replace(match, ...groups);
    });
  }
  return { text: out, found };
}

/** True when the text still holds something redact() would remove. */
export function containsSecret(text: string): boolean {
  return redact(text).found.length > 0;
}
