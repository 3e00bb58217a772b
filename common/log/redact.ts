// Redaction of anything secret-looking in log messages and fields. The logger applies it to
// every line, so call sites never have to remember.
// Rule: nothing here may import electron; nothing that looks like a credential survives.

export const REDACTED = '[redacted]';

/** Field names that always hold secrets, whatever the value looks like. */
const SECRET_KEY =
  /token|jwt|verifier|secret|authori[sz]ation|code_?challenge|password|cookie|credential|api_?key|ciphertext/i;

const TEXT_PATTERNS: readonly RegExp[] = [
  // JWTs: three base64url segments, the header always starts with eyJ ('{"').
  /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
  // Stytch secrets and HTTP credentials.
  /secret-[A-Za-z0-9_-]+=*/gi,
  // A password in a URL: scheme://user:password@host.
  /(?<=:\/\/[^/\s:@]*:)[^/\s@]+(?=@)/g,
  // name=value or "name":"value" in free text, when the name says it is secret.
  /(?<=\b(?:password|passwd|token|session_token|session_jwt|secret|api_?key|code_verifier)\b["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi,
  /\b(?:Basic|Bearer)\s+[A-Za-z0-9+/=._~-]+/gi,
  // Stytch magic-link and session tokens (44 base64url chars, maybe padded) and PKCE
  // verifiers/challenges (43 chars). IDs such as user-test-<uuid> are longer and pass.
  /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43,44}(?:=|%3D)?(?![A-Za-z0-9_-])/gi,
  // Any other long random-looking run: mixed case and digits, 32 chars or more. A slash
  // ends a run, so file paths such as /Users/Ana2024/Library/Logs survive.
  /(?<![A-Za-z0-9_+-])(?=[A-Za-z0-9_+-]*[A-Z])(?=[A-Za-z0-9_+-]*[a-z])(?=[A-Za-z0-9_+-]*\d)[A-Za-z0-9_+-]{32,}={0,2}/g,
];

export function redactText(text: string): string {
  let out = text;
  for (const pattern of TEXT_PATTERNS) out = out.replace(pattern, REDACTED);
  return out;
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

const MAX_DEPTH = 6;

/** A JSON-safe, redacted copy of a value. Errors keep their name, message and code. */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value === undefined) return undefined;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return `[${typeof value}]`;
  if (depth >= MAX_DEPTH) return '[nested]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: redactText(value.message),
      ...(typeof code === 'string' ? { code: redactText(code) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = isSecretKey(key) && !isHarmless(inner) ? REDACTED : redactValue(inner, depth + 1, seen);
  }
  return out;
}

// A flag such as hasToken: true or a count says nothing secret; keep it for diagnosis.
function isHarmless(value: unknown): boolean {
  return value === null || value === undefined || typeof value === 'boolean' || typeof value === 'number';
}
