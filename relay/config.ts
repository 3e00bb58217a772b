// The relay's configuration: everything that decides what a sign-in link does (callback URL,
// expirations, sign-up policy, session length) lives here and never comes from a client.
// Rule: read once at start-up; a wrong variable stops the relay with a message naming it.
import { z } from 'zod';

/** The only callback the relay ever asks Stytch to redirect to. */
export const CALLBACK_URL = 'promptgrimoire://auth/callback';

export const SIGNUP_POLICIES = ['login-or-create', 'existing-users-only'] as const;
export type SignupPolicy = (typeof SIGNUP_POLICIES)[number];

export interface RateLimitRule {
  /** Requests allowed in one window (the bucket's capacity). */
  limit: number;
  windowSeconds: number;
}

export interface RelayConfig {
  stytch: {
    projectId: string;
    secret: string;
    /** A Stytch-compatible origin without trailing slash (the emulator); undefined → Stytch itself. */
    apiUrl: string | undefined;
    /** Upper bound for one upstream call; past it the caller gets 504. */
    timeoutMs: number;
  };
  host: string;
  port: number;
  callbackUrl: typeof CALLBACK_URL;
  signupPolicy: SignupPolicy;
  invitesEnabled: boolean;
  sessionDurationMinutes: number;
  loginExpirationMinutes: number;
  signupExpirationMinutes: number;
  inviteExpirationMinutes: number;
  embeddableExpirationMinutes: number;
  /** How many reverse proxies in front of the relay append to X-Forwarded-For; 0 = trust none. */
  trustProxyHops: number;
  rateLimits: { perIp: RateLimitRule; perEmail: RateLimitRule };
  maxBodyBytes: number;
}

export type RelayConfigInput = {
  stytch: { projectId: string; secret: string; apiUrl?: string | undefined; timeoutMs?: number };
} & Partial<Omit<RelayConfig, 'stytch' | 'callbackUrl'>>;

export const RELAY_DEFAULTS = {
  host: '127.0.0.1',
  port: 8787,
  signupPolicy: 'login-or-create',
  invitesEnabled: false,
  // One week, the seed's session length; links live an hour, like the direct mode.
  sessionDurationMinutes: 10080,
  loginExpirationMinutes: 60,
  signupExpirationMinutes: 60,
  inviteExpirationMinutes: 10080,
  // "Sign in on another computer" links: long enough to walk to the other machine.
  embeddableExpirationMinutes: 10,
  trustProxyHops: 0,
  timeoutMs: 10_000,
  // A person signs in a few times a day; a script hammering one address or one IP is not a person.
  ipPerMinute: 60,
  emailPerHour: 10,
  maxBodyBytes: 16 * 1024,
} as const;

/** Fills the defaults in; used by tests and by the environment loader. */
export function resolveRelayConfig(input: RelayConfigInput): RelayConfig {
  return {
    host: input.host ?? RELAY_DEFAULTS.host,
    port: input.port ?? RELAY_DEFAULTS.port,
    callbackUrl: CALLBACK_URL,
    signupPolicy: input.signupPolicy ?? RELAY_DEFAULTS.signupPolicy,
    invitesEnabled: input.invitesEnabled ?? RELAY_DEFAULTS.invitesEnabled,
    sessionDurationMinutes: input.sessionDurationMinutes ?? RELAY_DEFAULTS.sessionDurationMinutes,
    loginExpirationMinutes: input.loginExpirationMinutes ?? RELAY_DEFAULTS.loginExpirationMinutes,
    signupExpirationMinutes: input.signupExpirationMinutes ?? RELAY_DEFAULTS.signupExpirationMinutes,
    inviteExpirationMinutes: input.inviteExpirationMinutes ?? RELAY_DEFAULTS.inviteExpirationMinutes,
    embeddableExpirationMinutes: input.embeddableExpirationMinutes ?? RELAY_DEFAULTS.embeddableExpirationMinutes,
    trustProxyHops: input.trustProxyHops ?? RELAY_DEFAULTS.trustProxyHops,
    rateLimits: input.rateLimits ?? {
      perIp: { limit: RELAY_DEFAULTS.ipPerMinute, windowSeconds: 60 },
      perEmail: { limit: RELAY_DEFAULTS.emailPerHour, windowSeconds: 3600 },
    },
    maxBodyBytes: input.maxBodyBytes ?? RELAY_DEFAULTS.maxBodyBytes,
    stytch: {
      projectId: input.stytch.projectId,
      secret: input.stytch.secret,
      apiUrl: input.stytch.apiUrl,
      timeoutMs: input.stytch.timeoutMs ?? RELAY_DEFAULTS.timeoutMs,
    },
  };
}

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

function apiUrl(env: Env): Check<string | undefined> {
  const name = RELAY_ENV.apiUrl;
  const raw = present(env, name);
  if (raw === undefined) return { ok: true, value: undefined };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: `${name} is not a URL: "${raw}".` };
  }
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

export type RelayConfigResult = { ok: true; config: RelayConfig } | { ok: false; errors: string[] };

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
    session: integer(env, RELAY_ENV.session, 5, 527_040, RELAY_DEFAULTS.sessionDurationMinutes),
    login: integer(env, RELAY_ENV.login, 5, 10_080, RELAY_DEFAULTS.loginExpirationMinutes),
    signup: integer(env, RELAY_ENV.signup, 5, 10_080, RELAY_DEFAULTS.signupExpirationMinutes),
    trust: trustProxy(env),
    ipLimit: integer(env, RELAY_ENV.ipLimit, 1, 100_000, RELAY_DEFAULTS.ipPerMinute),
    emailLimit: integer(env, RELAY_ENV.emailLimit, 1, 10_000, RELAY_DEFAULTS.emailPerHour),
  };
  const errors = Object.values(checks).flatMap((check) => (check.ok ? [] : check.error.split('\n')));
  const c = checks;
  if (
    !c.api.ok || !c.creds.ok || !c.timeout.ok || !c.port.ok || !c.host.ok || !c.policy.ok || !c.invites.ok ||
    !c.session.ok || !c.login.ok || !c.signup.ok || !c.trust.ok || !c.ipLimit.ok || !c.emailLimit.ok
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    config: resolveRelayConfig({
      stytch: { ...c.creds.value, apiUrl: c.api.value, timeoutMs: c.timeout.value },
      host: c.host.value,
      port: c.port.value,
      signupPolicy: c.policy.value,
      invitesEnabled: c.invites.value,
      sessionDurationMinutes: c.session.value,
      loginExpirationMinutes: c.login.value,
      signupExpirationMinutes: c.signup.value,
      trustProxyHops: c.trust.value,
      rateLimits: {
        perIp: { limit: c.ipLimit.value, windowSeconds: 60 },
        perEmail: { limit: c.emailLimit.value, windowSeconds: 3600 },
      },
    }),
  };
}
