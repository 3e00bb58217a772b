// The relay's configuration from RELAY_* environment variables.
// Rule: every wrong variable is reported (not just the first), and the secret's value never
// appears in a message.
import { z } from 'zod';
import { RELAY_DEFAULTS, resolveRelayConfig, SIGNUP_POLICIES, type RelayConfig, type SignupPolicy } from './config';

export const RELAY_ENV = {
  projectId: 'RELAY_STYTCH_PROJECT_ID',
  secret: 'RELAY_STYTCH_SECRET',
  apiUrl: 'RELAY_STYTCH_API_URL',
  timeout: 'RELAY_STYTCH_TIMEOUT_MS',
  port: 'RELAY_PORT',
  host: 'RELAY_HOST',
  signupPolicy: 'RELAY_SIGNUP_POLICY',
  invites: 'RELAY_INVITES_ENABLED',
  session: 'RELAY_SESSION_DURATION_MINUTES',
  login: 'RELAY_LOGIN_EXPIRATION_MINUTES',
  signup: 'RELAY_SIGNUP_EXPIRATION_MINUTES',
  trustProxy: 'RELAY_TRUST_PROXY',
  ipLimit: 'RELAY_RATE_LIMIT_IP_PER_MINUTE',
  emailLimit: 'RELAY_RATE_LIMIT_EMAIL_PER_HOUR',
  emailOverallLimit: 'RELAY_RATE_LIMIT_EMAIL_OVERALL_PER_HOUR',
  userLimit: 'RELAY_RATE_LIMIT_USER_PER_MINUTE',
  tableKeys: 'RELAY_LIMIT_TABLE_MAX_KEYS',
  upstreamConcurrency: 'RELAY_UPSTREAM_MAX_CONCURRENT',
  redisUrl: 'RELAY_REDIS_URL',
  metricsPort: 'RELAY_METRICS_PORT',
  shutdownGrace: 'RELAY_SHUTDOWN_GRACE_MS',
} as const;

type Env = Record<string, string | undefined>;
type Check<T> = { ok: true; value: T } | { ok: false; error: string };

function present(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function integer(env: Env, name: string, min: number, max: number, fallback: number): Check<number> {
  const raw = present(env, name);
  if (raw === undefined) return { ok: true, value: fallback };
  const parsed = z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max)).safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return /^\d+$/.test(raw)
    ? { ok: false, error: `${name} must be between ${min} and ${max}, got ${raw}.` }
    : { ok: false, error: `${name} must be a whole number, got "${raw}".` };
}

function boolean(env: Env, name: string): Check<boolean> {
  const raw = present(env, name)?.toLowerCase();
  if (raw === undefined || raw === 'false' || raw === '0' || raw === 'no') return { ok: true, value: false };
  if (raw === 'true' || raw === '1' || raw === 'yes') return { ok: true, value: true };
  return { ok: false, error: `${name} must be true or false, got "${env[name] ?? ''}".` };
}

function trustProxy(env: Env): Check<number> {
  const name = RELAY_ENV.trustProxy;
  const raw = present(env, name)?.toLowerCase();
  if (raw === undefined || raw === 'false' || raw === '0') return { ok: true, value: 0 };
  if (raw === 'true') return { ok: true, value: 1 };
  if (/^\d+$/.test(raw) && Number(raw) <= 10) return { ok: true, value: Number(raw) };
  return {
    ok: false,
    error: `${name} must be false, true (one proxy) or the number of proxies in front of the relay (0-10), got "${env[name] ?? ''}".`,
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A URL-valued variable, parsed; `echo` false keeps the value out of the message (it may hold a password). */
function urlVariable(env: Env, name: string, echo: boolean): Check<{ raw: string; url: URL } | undefined> {
  const raw = present(env, name);
  if (raw === undefined) return { ok: true, value: undefined };
  try {
    return { ok: true, value: { raw, url: new URL(raw) } };
  } catch {
    return { ok: false, error: echo ? `${name} is not a URL: "${raw}".` : `${name} is not a URL.` };
  }
}

function apiUrl(env: Env): Check<string | undefined> {
  const name = RELAY_ENV.apiUrl;
  const parsed = urlVariable(env, name, true);
  if (!parsed.ok) return parsed;
  if (parsed.value === undefined) return { ok: true, value: undefined };
  const { raw, url } = parsed.value;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    return { ok: false, error: `${name} must use https (plain http only on 127.0.0.1, localhost or [::1]), got "${raw}".` };
  }
  // The SDK resolves every route from the host root, so a path would silently be dropped.
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    return { ok: false, error: `${name} must be a bare origin such as https://stytch.example.com, got "${raw}".` };
  }
  return { ok: true, value: url.origin };
}

// The SDK builds a Basic header and refuses non-ASCII; say so before it does.
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

function credentials(env: Env, customApi: boolean): Check<{ projectId: string; secret: string }> {
  const projectId = present(env, RELAY_ENV.projectId);
  const secret = present(env, RELAY_ENV.secret);
  const errors: string[] = [];
  if (projectId === undefined) errors.push(`${RELAY_ENV.projectId} is required.`);
  else if (!PRINTABLE_ASCII.test(projectId)) errors.push(`${RELAY_ENV.projectId} may hold only printable ASCII without spaces.`);
  else if (!customApi && !/^project-(test|live)-\S+$/.test(projectId)) {
    errors.push(`${RELAY_ENV.projectId} must look like project-test-… or project-live-….`);
  }
  // The secret's value never appears in a message, not even a wrong one.
  if (secret === undefined) errors.push(`${RELAY_ENV.secret} is required.`);
  else if (!PRINTABLE_ASCII.test(secret)) errors.push(`${RELAY_ENV.secret} may hold only printable ASCII without spaces.`);
  else if (!customApi && !/^secret-(test|live)-\S+$/.test(secret)) {
    errors.push(`${RELAY_ENV.secret} must look like secret-test-… or secret-live-….`);
  }
  if (errors.length === 0 && projectId !== undefined && secret !== undefined && !customApi) {
    const projectEnv = projectId.split('-')[1];
    const secretEnv = secret.split('-')[1];
    if (projectEnv !== secretEnv) {
      errors.push(`${RELAY_ENV.projectId} is a ${projectEnv ?? '?'} project but ${RELAY_ENV.secret} is a ${secretEnv ?? '?'} secret.`);
    }
  }
  if (errors.length > 0 || projectId === undefined || secret === undefined) return { ok: false, error: errors.join('\n') };
  return { ok: true, value: { projectId, secret } };
}

function signupPolicy(env: Env): Check<SignupPolicy> {
  const raw = present(env, RELAY_ENV.signupPolicy);
  if (raw === undefined) return { ok: true, value: RELAY_DEFAULTS.signupPolicy };
  const parsed = z.enum(SIGNUP_POLICIES).safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: `${RELAY_ENV.signupPolicy} must be one of ${SIGNUP_POLICIES.join(', ')}, got "${raw}".` };
}

function host(env: Env): Check<string> {
  const raw = present(env, RELAY_ENV.host) ?? RELAY_DEFAULTS.host;
  if (/^[A-Za-z0-9.:[\]-]+$/.test(raw)) return { ok: true, value: raw };
  return { ok: false, error: `${RELAY_ENV.host} must be a host name or IP address, got "${raw}".` };
}

function optionalPort(env: Env, name: string): Check<number | undefined> {
  if (present(env, name) === undefined) return { ok: true, value: undefined };
  return integer(env, name, 0, 65_535, 0);
}

function redisUrl(env: Env): Check<string | undefined> {
  const name = RELAY_ENV.redisUrl;
  // Not echoed: a Redis URL may carry a password.
  const parsed = urlVariable(env, name, false);
  if (!parsed.ok) return parsed;
  if (parsed.value === undefined) return { ok: true, value: undefined };
  const { raw, url } = parsed.value;
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    return { ok: false, error: `${name} must start with redis:// or rediss://.` };
  }
  return { ok: true, value: raw };
}

export type RelayConfigResult = { ok: true; config: RelayConfig } | { ok: false; errors: string[] };

type Checked<T> = { [K in keyof T]: T[K] extends Check<infer V> ? V : never };

function allOk<T extends Record<string, Check<unknown>>>(checks: T): checks is T & { [K in keyof T]: Extract<T[K], { ok: true }> } {
  return Object.values(checks).every((check) => check.ok);
}

function values<T extends Record<string, Check<unknown>>>(checks: T & { [K in keyof T]: Extract<T[K], { ok: true }> }): Checked<T> {
  return Object.fromEntries(Object.entries(checks).map(([key, check]) => [key, (check as { value: unknown }).value])) as Checked<T>;
}

/** Reads RELAY_* variables; every wrong one is reported, not just the first. */
export function loadRelayConfig(env: Env): RelayConfigResult {
  const api = apiUrl(env);
  const checks = {
    api,
    creds: credentials(env, !api.ok || api.value !== undefined),
    timeout: integer(env, RELAY_ENV.timeout, 100, 120_000, RELAY_DEFAULTS.timeoutMs),
    port: integer(env, RELAY_ENV.port, 0, 65_535, RELAY_DEFAULTS.port),
    host: host(env),
    policy: signupPolicy(env),
    invites: boolean(env, RELAY_ENV.invites),
    // Longer than 90 days is accepted and clamped (with a logged notice), not refused.
    session: integer(env, RELAY_ENV.session, 5, 100_000_000, RELAY_DEFAULTS.sessionDurationMinutes),
    login: integer(env, RELAY_ENV.login, 5, 10_080, RELAY_DEFAULTS.loginExpirationMinutes),
    signup: integer(env, RELAY_ENV.signup, 5, 10_080, RELAY_DEFAULTS.signupExpirationMinutes),
    trust: trustProxy(env),
    ipLimit: integer(env, RELAY_ENV.ipLimit, 1, 1_000_000, RELAY_DEFAULTS.ipPerMinute),
    emailLimit: integer(env, RELAY_ENV.emailLimit, 1, 1_000_000, RELAY_DEFAULTS.emailPerHour),
    emailOverallLimit: integer(env, RELAY_ENV.emailOverallLimit, 1, 1_000_000, RELAY_DEFAULTS.emailOverallPerHour),
    userLimit: integer(env, RELAY_ENV.userLimit, 1, 1_000_000, RELAY_DEFAULTS.userPerMinute),
    tableKeys: integer(env, RELAY_ENV.tableKeys, 100, 100_000_000, RELAY_DEFAULTS.limitTableMaxKeys),
    concurrency: integer(env, RELAY_ENV.upstreamConcurrency, 1, 10_000, RELAY_DEFAULTS.maxConcurrentUpstream),
    redis: redisUrl(env),
    metricsPort: optionalPort(env, RELAY_ENV.metricsPort),
    grace: integer(env, RELAY_ENV.shutdownGrace, 0, 600_000, RELAY_DEFAULTS.shutdownGraceMs),
  };
  if (!allOk(checks)) {
    return { ok: false, errors: Object.values(checks).flatMap((check) => (check.ok ? [] : check.error.split('\n'))) };
  }
  const c = values(checks);
  return {
    ok: true,
    config: resolveRelayConfig({
      stytch: { ...c.creds, apiUrl: c.api, timeoutMs: c.timeout, maxConcurrent: c.concurrency },
      host: c.host,
      port: c.port,
      metricsPort: c.metricsPort,
      redisUrl: c.redis,
      signupPolicy: c.policy,
      invitesEnabled: c.invites,
      sessionDurationMinutes: c.session,
      loginExpirationMinutes: c.login,
      signupExpirationMinutes: c.signup,
      trustProxyHops: c.trust,
      limitTableMaxKeys: c.tableKeys,
      shutdownGraceMs: c.grace,
      rateLimits: {
        perIp: { limit: c.ipLimit, windowSeconds: 60 },
        perEmail: { limit: c.emailLimit, windowSeconds: 3600 },
        perEmailOverall: { limit: c.emailOverallLimit, windowSeconds: 3600 },
        perUser: { limit: c.userLimit, windowSeconds: 60 },
      },
    }),
  };
}
