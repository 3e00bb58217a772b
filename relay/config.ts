// The relay's configuration: everything that decides what a sign-in link does (callback URL,
// expirations, sign-up policy, session length) lives here and never comes from a client.
// Rule: read once at start-up; a wrong variable stops the relay with a message naming it
// (config-env.ts), and a value past a hard ceiling is clamped with a notice the relay logs.

import { CALLBACK_URL, INVITE_MINUTES, LINK_MINUTES, SESSION_MINUTES, type SignUpPolicy } from '../common/stytch/constants';

export interface RateLimitRule {
  /** Requests allowed in one window. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimits {
  /** Every call from one client network (an IPv4 address, an IPv6 /64). */
  perIp: RateLimitRule;
  /** Links sent to one email from one client network: what a stranger can spend. */
  perEmail: RateLimitRule;
  /** Links sent to one email from anywhere: only a distributed sender reaches it. */
  perEmailOverall: RateLimitRule;
  /** Session-bound calls by one signed-in user. */
  perUser: RateLimitRule;
}

export interface RelayConfig {
  stytch: {
    projectId: string;
    secret: string;
    /** A Stytch-compatible origin without trailing slash (the emulator); undefined → Stytch itself. */
    apiUrl: string | undefined;
    /** Upper bound for one upstream call; past it the caller gets 504. */
    timeoutMs: number;
    /** Upstream calls in flight at once; past it callers get 503 with Retry-After. */
    maxConcurrent: number;
  };
  host: string;
  port: number;
  /** Prometheus metrics on their own port (same host); undefined = no metrics listener. */
  metricsPort: number | undefined;
  /** Shared state for many instances; undefined = this process's memory (one instance). */
  redisUrl: string | undefined;
  callbackUrl: typeof CALLBACK_URL;
  signupPolicy: SignUpPolicy;
  invitesEnabled: boolean;
  sessionDurationMinutes: number;
  loginExpirationMinutes: number;
  signupExpirationMinutes: number;
  inviteExpirationMinutes: number;
  embeddableExpirationMinutes: number;
  /** How many reverse proxies in front of the relay append to X-Forwarded-For; 0 = trust none. */
  trustProxyHops: number;
  rateLimits: RateLimits;
  /** In memory, keys each limit may hold at once; a new key past it is refused, never made room for. */
  limitTableMaxKeys: number;
  maxBodyBytes: number;
  /** How long SIGTERM waits for requests in flight before cutting them off. */
  shutdownGraceMs: number;
  /** Adjustments made to the operator's values, logged at start-up. */
  notices: string[];
}

export type RelayConfigInput = {
  stytch: { projectId: string; secret: string; apiUrl?: string | undefined; timeoutMs?: number; maxConcurrent?: number };
  rateLimits?: Partial<RateLimits>;
} & Partial<Omit<RelayConfig, 'stytch' | 'callbackUrl' | 'rateLimits' | 'notices'>>;

export const RELAY_DEFAULTS = {
  host: '127.0.0.1',
  port: 8787,
  signupPolicy: 'open',
  invitesEnabled: false,
  // One week, the seed's session length; links live an hour, like the direct mode.
  sessionDurationMinutes: SESSION_MINUTES.default,
  loginExpirationMinutes: LINK_MINUTES.default,
  signupExpirationMinutes: LINK_MINUTES.default,
  inviteExpirationMinutes: INVITE_MINUTES.default,
  // "Sign in on another computer" links: long enough to walk to the other machine.
  embeddableExpirationMinutes: 10,
  trustProxyHops: 0,
  timeoutMs: 10_000,
  maxConcurrentUpstream: 64,
  // A person signs in a few times a day; a script hammering one address or one network is not a person.
  ipPerMinute: 60,
  emailPerHour: 10,
  // Five networks' worth: a person on a laptop, a phone and a VPN never gets near it.
  emailOverallPerHour: 50,
  userPerMinute: 60,
  limitTableMaxKeys: 100_000,
  maxBodyBytes: 16 * 1024,
  shutdownGraceMs: 15_000,
} as const;

export function defaultRateLimits(): RateLimits {
  return {
    perIp: { limit: RELAY_DEFAULTS.ipPerMinute, windowSeconds: 60 },
    perEmail: { limit: RELAY_DEFAULTS.emailPerHour, windowSeconds: 3600 },
    perEmailOverall: { limit: RELAY_DEFAULTS.emailOverallPerHour, windowSeconds: 3600 },
    perUser: { limit: RELAY_DEFAULTS.userPerMinute, windowSeconds: 60 },
  };
}

/** Fills the defaults in and clamps what has a ceiling; used by tests and by the environment loader. */
export function resolveRelayConfig(input: RelayConfigInput): RelayConfig {
  const notices: string[] = [];
  let sessionDurationMinutes = input.sessionDurationMinutes ?? RELAY_DEFAULTS.sessionDurationMinutes;
  // A session may not outlive 90 days, whatever the operator asks for.
  if (sessionDurationMinutes > SESSION_MINUTES.cap) {
    notices.push(`RELAY_SESSION_DURATION_MINUTES ${sessionDurationMinutes} is longer than 90 days; sessions last ${SESSION_MINUTES.cap} minutes.`);
    sessionDurationMinutes = SESSION_MINUTES.cap;
  }
  return {
    host: input.host ?? RELAY_DEFAULTS.host,
    port: input.port ?? RELAY_DEFAULTS.port,
    metricsPort: input.metricsPort,
    redisUrl: input.redisUrl,
    callbackUrl: CALLBACK_URL,
    signupPolicy: input.signupPolicy ?? RELAY_DEFAULTS.signupPolicy,
    invitesEnabled: input.invitesEnabled ?? RELAY_DEFAULTS.invitesEnabled,
    sessionDurationMinutes,
    loginExpirationMinutes: input.loginExpirationMinutes ?? RELAY_DEFAULTS.loginExpirationMinutes,
    signupExpirationMinutes: input.signupExpirationMinutes ?? RELAY_DEFAULTS.signupExpirationMinutes,
    inviteExpirationMinutes: input.inviteExpirationMinutes ?? RELAY_DEFAULTS.inviteExpirationMinutes,
    embeddableExpirationMinutes: input.embeddableExpirationMinutes ?? RELAY_DEFAULTS.embeddableExpirationMinutes,
    trustProxyHops: input.trustProxyHops ?? RELAY_DEFAULTS.trustProxyHops,
    rateLimits: { ...defaultRateLimits(), ...input.rateLimits },
    limitTableMaxKeys: input.limitTableMaxKeys ?? RELAY_DEFAULTS.limitTableMaxKeys,
    maxBodyBytes: input.maxBodyBytes ?? RELAY_DEFAULTS.maxBodyBytes,
    shutdownGraceMs: input.shutdownGraceMs ?? RELAY_DEFAULTS.shutdownGraceMs,
    notices,
    stytch: {
      projectId: input.stytch.projectId,
      secret: input.stytch.secret,
      apiUrl: input.stytch.apiUrl,
      timeoutMs: input.stytch.timeoutMs ?? RELAY_DEFAULTS.timeoutMs,
      maxConcurrent: input.stytch.maxConcurrent ?? RELAY_DEFAULTS.maxConcurrentUpstream,
    },
  };
}
