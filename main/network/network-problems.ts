// Connection failures a person can act on, told apart from "offline": a proxy that wants a
// password, and a certificate this computer does not trust (usually a TLS-inspecting
// proxy whose company CA is not installed). Everything else stays the caller's to map.
// Rule: nothing here may import electron; nothing here throws.
export type NetworkProblem = 'certificate-untrusted' | 'proxy-auth-required';

// OpenSSL's verification codes, as Node reports them, for a chain it could not trust.
const UNTRUSTED_CERTIFICATE_CODES: ReadonlySet<string> = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Walks the error and its causes (fetch wraps the real one) for a problem we can name. */
export function networkProblem(error: unknown): NetworkProblem | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const shape = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof shape.code === 'string' && UNTRUSTED_CERTIFICATE_CODES.has(shape.code)) return 'certificate-untrusted';
    // undici's ProxyAgent reports a refused CONNECT as "Proxy response (407) !== 200 …".
    if (typeof shape.message === 'string' && /^Proxy response \(407\)/.test(shape.message)) return 'proxy-auth-required';
    current = shape.cause;
  }
  return null;
}
