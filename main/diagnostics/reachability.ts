// Whether this computer can reach the service sign-in depends on: Stytch (or the emulator)
// through its public JWKS endpoint, or the organisation's relay through /healthz. One timed
// GET, no credentials sent, so the check itself can leak nothing.
// Rules: pure Node (global fetch), nothing here may import electron; never throws: every
// outcome, a hang included, becomes a result a person can read.
import type { AppConfig } from '../config';
import { networkProblem } from '../network/network-problems';

export type ReachabilityKind = 'stytch' | 'relay' | 'emulator';

export interface ReachabilityTarget {
  kind: ReachabilityKind;
  /** The exact URL the check requests. */
  url: string;
}

export interface Reachability extends ReachabilityTarget {
  /** True only when the service answered with a 2xx status in time. */
  reachable: boolean;
  /** Until the answer's headers, or until the failure; null when no request was made. */
  latencyMs: number | null;
  detail: string;
}

export const STYTCH_TEST_API = 'https://test.stytch.com';
export const STYTCH_LIVE_API = 'https://api.stytch.com';
export const DEFAULT_REACHABILITY_TIMEOUT_MS = 5000;

/** Which URL answers for the configured backend. */
export function reachabilityTarget(config: AppConfig): ReachabilityTarget {
  if (config.mode === 'relay') return { kind: 'relay', url: `${config.relayUrl}/healthz` };
  const { projectId, baseUrl } = config.stytch;
  // Without a base URL the SDK picks the environment from the project id; so do we.
  const origin = baseUrl ?? (projectId.startsWith('project-live-') ? STYTCH_LIVE_API : STYTCH_TEST_API);
  return { kind: config.mode === 'emulator' ? 'emulator' : 'stytch', url: `${origin}/v1/sessions/jwks/${encodeURIComponent(projectId)}` };
}

export interface ReachabilityOptions {
  timeoutMs?: number;
  /** Milliseconds from any fixed point; default performance.now. */
  now?: () => number;
  /** The app's network dispatcher (main/network), so the check takes sign-in's route. */
  dispatcher?: object;
}

export async function checkReachability(target: ReachabilityTarget, options: ReachabilityOptions = {}): Promise<Reachability> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_REACHABILITY_TIMEOUT_MS;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const elapsed = () => Math.max(0, Math.round(now() - started));
  try {
    const response = await fetch(target.url, {
      method: 'GET',
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    const latencyMs = elapsed();
    // Only the status matters; let the connection go instead of downloading the keys.
    await response.body?.cancel().catch(() => undefined);
    const reachable = response.status >= 200 && response.status < 300;
    return { ...target, reachable, latencyMs, detail: statusDetail(target.kind, response.status) };
  } catch (error) {
    return { ...target, reachable: false, latencyMs: elapsed(), detail: failureDetail(error, timeoutMs) };
  }
}

function statusDetail(kind: ReachabilityKind, status: number): string {
  if (status >= 200 && status < 300) return `HTTP ${status}`;
  if (status === 404 && kind !== 'relay') return `HTTP 404: the service does not know this project id`;
  if (status >= 500) return `HTTP ${status}: the service answered with an error on its side`;
  return `HTTP ${status}: the service answered, but not as expected`;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused: nothing is listening at that address',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name could not be found (DNS)',
  EAI_AGAIN: 'the host name could not be looked up (DNS not answering)',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the host is unreachable',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection was closed unexpectedly',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate is not trusted (a proxy may be intercepting)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate could not be verified (a proxy may be intercepting)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the server certificate is not trusted (a proxy may be intercepting)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate is for another host name',
};

/** fetch wraps the network error in `cause`; the timeout arrives as a TimeoutError. */
function failureDetail(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: unknown } | null)?.cause;
  const code = (cause as { code?: unknown } | null)?.code ?? (error as { code?: unknown } | null)?.code;
  // Before the code: undici reports the proxy's 407 as an aborted request.
  if (networkProblem(error) === 'proxy-auth-required') return 'the network proxy wants a password (HTTP 407)';
  if (typeof code === 'string') return NETWORK_CODES[code] ?? `network error ${code}`;
  const text = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return `network error: ${text.slice(0, 200)}`;
}
