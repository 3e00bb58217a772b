// The relay's configuration from RELAY_* environment variables, read with the shared
// environment schema helpers (common/config/env.ts).
// Rule: every wrong variable is reported (not just the first), and the secret's value never
// appears in a message.
import { z } from 'zod';
import { booleanVar, envVar, given, integerVar, originVar, readEnv, signUpPolicyVar, textVar, type Env } from '../common/config/env';
import { credentialErrors } from '../common/stytch/credentials';
import { LINK_MINUTES, SESSION_MINUTES } from '../common/stytch/constants';
import { defaultRateLimits, resolveRelayConfig, type RelayConfig } from './config';

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

function hostVar(name: string) {
  return envVar((raw) => (/^[A-Za-z0-9.:[\]-]+$/.test(raw) ? { value: raw } : { error: `${name} must be a host name or IP address, got "${raw}".` }));
}

function trustProxyVar(name: string) {
  return envVar((raw) => {
    const word = raw.toLowerCase();
    if (word === 'false') return { value: 0 };
    if (word === 'true') return { value: 1 };
    if (/^\d+$/.test(word) && Number(word) <= 10) return { value: Number(word) };
    return { error: `${name} must be false, true (one proxy) or the number of proxies in front of the relay (0-10), got "${raw}".` };
  });
}

/** Not echoed in any message: a Redis URL may carry a password. */
function redisUrlVar(name: string) {
  return envVar((raw) => {
    const protocol = URL.parse(raw)?.protocol;
    if (protocol === undefined) return { error: `${name} is not a URL.` };
    return protocol === 'redis:' || protocol === 'rediss:' ? { value: raw } : { error: `${name} must start with redis:// or rediss://.` };
  });
}

const RATE_LIMIT_MAX = 1_000_000;

// Unset or blank variables come out undefined, and resolveRelayConfig fills in RELAY_DEFAULTS.
const relayEnvSchema = z.object({
  [RELAY_ENV.projectId]: textVar(),
  [RELAY_ENV.secret]: textVar(),
  [RELAY_ENV.apiUrl]: originVar(RELAY_ENV.apiUrl, 'https://stytch.example.com'),
  [RELAY_ENV.timeout]: integerVar(RELAY_ENV.timeout, 100, 120_000),
  [RELAY_ENV.port]: integerVar(RELAY_ENV.port, 0, 65_535),
  [RELAY_ENV.host]: hostVar(RELAY_ENV.host),
  [RELAY_ENV.signupPolicy]: signUpPolicyVar(RELAY_ENV.signupPolicy),
  [RELAY_ENV.invites]: booleanVar(RELAY_ENV.invites),
  // Longer than 90 days is accepted and clamped (with a logged notice), not refused.
  [RELAY_ENV.session]: integerVar(RELAY_ENV.session, SESSION_MINUTES.min, 100_000_000),
  [RELAY_ENV.login]: integerVar(RELAY_ENV.login, LINK_MINUTES.min, LINK_MINUTES.max),
  [RELAY_ENV.signup]: integerVar(RELAY_ENV.signup, LINK_MINUTES.min, LINK_MINUTES.max),
  [RELAY_ENV.trustProxy]: trustProxyVar(RELAY_ENV.trustProxy),
  [RELAY_ENV.ipLimit]: integerVar(RELAY_ENV.ipLimit, 1, RATE_LIMIT_MAX),
  [RELAY_ENV.emailLimit]: integerVar(RELAY_ENV.emailLimit, 1, RATE_LIMIT_MAX),
  [RELAY_ENV.emailOverallLimit]: integerVar(RELAY_ENV.emailOverallLimit, 1, RATE_LIMIT_MAX),
  [RELAY_ENV.userLimit]: integerVar(RELAY_ENV.userLimit, 1, RATE_LIMIT_MAX),
  [RELAY_ENV.tableKeys]: integerVar(RELAY_ENV.tableKeys, 100, 100_000_000),
  [RELAY_ENV.upstreamConcurrency]: integerVar(RELAY_ENV.upstreamConcurrency, 1, 10_000),
  [RELAY_ENV.redisUrl]: redisUrlVar(RELAY_ENV.redisUrl),
  [RELAY_ENV.metricsPort]: integerVar(RELAY_ENV.metricsPort, 0, 65_535),
  [RELAY_ENV.shutdownGrace]: integerVar(RELAY_ENV.shutdownGrace, 0, 600_000),
});

export type RelayConfigResult = { ok: true; config: RelayConfig } | { ok: false; errors: string[] };

/** Reads RELAY_* variables; every wrong one is reported, not just the first. */
export function loadRelayConfig(env: Env): RelayConfigResult {
  const projectId = given(env, RELAY_ENV.projectId);
  const secret = given(env, RELAY_ENV.secret);
  // Any API URL, even a wrong one (reported on its own), means "not Stytch itself".
  const credentials = credentialErrors(RELAY_ENV, { projectId, secret }, { customApi: given(env, RELAY_ENV.apiUrl) !== undefined });
  const read = readEnv(relayEnvSchema, env);
  const errors = [...credentials, ...(read.ok ? [] : read.errors)];
  if (!read.ok || errors.length > 0 || projectId === undefined || secret === undefined) return { ok: false, errors };
  const vars = read.vars;
  const limit = (value: number | undefined, windowSeconds: number, fallback: { limit: number }) => ({ limit: value ?? fallback.limit, windowSeconds });
  const defaults = defaultRateLimits();
  return {
    ok: true,
    config: resolveRelayConfig({
      stytch: {
        projectId,
        secret,
        apiUrl: vars[RELAY_ENV.apiUrl],
        timeoutMs: vars[RELAY_ENV.timeout],
        maxConcurrent: vars[RELAY_ENV.upstreamConcurrency],
      },
      host: vars[RELAY_ENV.host],
      port: vars[RELAY_ENV.port],
      metricsPort: vars[RELAY_ENV.metricsPort],
      redisUrl: vars[RELAY_ENV.redisUrl],
      signupPolicy: vars[RELAY_ENV.signupPolicy],
      invitesEnabled: vars[RELAY_ENV.invites],
      sessionDurationMinutes: vars[RELAY_ENV.session],
      loginExpirationMinutes: vars[RELAY_ENV.login],
      signupExpirationMinutes: vars[RELAY_ENV.signup],
      trustProxyHops: vars[RELAY_ENV.trustProxy],
      limitTableMaxKeys: vars[RELAY_ENV.tableKeys],
      shutdownGraceMs: vars[RELAY_ENV.shutdownGrace],
      rateLimits: {
        perIp: limit(vars[RELAY_ENV.ipLimit], 60, defaults.perIp),
        perEmail: limit(vars[RELAY_ENV.emailLimit], 3600, defaults.perEmail),
        perEmailOverall: limit(vars[RELAY_ENV.emailOverallLimit], 3600, defaults.perEmailOverall),
        perUser: limit(vars[RELAY_ENV.userLimit], 60, defaults.perUser),
      },
    }),
  };
}
