// Configuration from the environment (or a packaged app-config file read into the same
// shape), validated once at start-up with one clear message per wrong value.
// Rule: nothing here may import electron, and nothing here imports emulator/ (never
// packaged): the embedded emulator's development credentials come in as an argument.
import { z } from 'zod';

export const CALLBACK_URL = 'promptgrimoire://auth/callback';

/** Where the embedded emulator listens and which development credentials it accepts. */
export interface EmulatorEndpoint {
  projectId: string;
  secret: string;
  host: string;
  port: number;
}

/**
 * A copy of the emulator's development defaults (emulator/index.ts EMULATOR_DEFAULTS).
 * Copied, not imported, because emulator/ is never packaged; the composition root passes
 * the real object when it starts the emulator, so a drift here only affects callers that
 * rely on the fallback.
 */
export const EMBEDDED_EMULATOR_FALLBACK: EmulatorEndpoint = {
  projectId: 'project-test-6b7c2f0e-5d1a-4e8b-9c3f-2a1d0e9f8b7a',
  secret: 'secret-test-emulator-development-only-do-not-use-in-production',
  host: '127.0.0.1',
  port: 4578,
};

export interface AppConfig {
  /** 'emulator': no Stytch variables were set, the app talks to the embedded emulator. */
  mode: 'emulator' | 'direct';
  stytch: {
    projectId: string;
    secret: string;
    /** No trailing slash; undefined → the SDK's own test/live environment. */
    baseUrl: string | undefined;
  };
  callbackUrl: typeof CALLBACK_URL;
  loginExpirationMinutes: number;
  /**
   * 60 like login links rather than Stytch's one-week default: a new user signs up from
   * the same screen within minutes, and the PKCE verifier is kept exactly this long.
   */
  signupExpirationMinutes: number;
  /** Default one week, the seed's session length. */
  sessionDurationMinutes: number;
  stytchTimeoutMs: number;
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; errors: string[] };

const ENV_NAMES = {
  projectId: 'STYTCH_PROJECT_ID',
  secret: 'STYTCH_SECRET',
  apiUrl: 'STYTCH_API_URL',
  session: 'PROMPTGRIMOIRE_SESSION_DURATION_MINUTES',
  login: 'PROMPTGRIMOIRE_LOGIN_EXPIRATION_MINUTES',
  signup: 'PROMPTGRIMOIRE_SIGNUP_EXPIRATION_MINUTES',
  timeout: 'PROMPTGRIMOIRE_STYTCH_TIMEOUT_MS',
} as const;

function integerVar(name: string, min: number, max: number, fallback: number) {
  return z
    .string()
    .trim()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return fallback;
      if (!/^\d+$/.test(raw)) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number, got "${raw}".` });
        return z.NEVER;
      }
      const value = Number(raw);
      if (value < min || value > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be between ${min} and ${max}, got ${value}.` });
        return z.NEVER;
      }
      return value;
    });
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const apiUrlSchema = z
  .string()
  .trim()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw === '') return undefined;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: `${ENV_NAMES.apiUrl} is not a URL: "${raw}".` });
      return z.NEVER;
    }
    const loopback = LOOPBACK_HOSTS.has(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
      ctx.addIssue({
        code: 'custom',
        message: `${ENV_NAMES.apiUrl} must use https (plain http is allowed only for 127.0.0.1, localhost or [::1]), got "${raw}".`,
      });
      return z.NEVER;
    }
    if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
      // The SDK resolves every route from the host root, so a path would be silently dropped.
      ctx.addIssue({
        code: 'custom',
        message: `${ENV_NAMES.apiUrl} must be a bare origin such as https://stytch.example.com, got "${raw}".`,
      });
      return z.NEVER;
    }
    return url.origin;
  });

const envSchema = z.object({
  [ENV_NAMES.projectId]: z.string().trim().optional(),
  [ENV_NAMES.secret]: z.string().trim().optional(),
  [ENV_NAMES.apiUrl]: apiUrlSchema,
  [ENV_NAMES.session]: integerVar(ENV_NAMES.session, 5, 527040, 10080),
  [ENV_NAMES.login]: integerVar(ENV_NAMES.login, 5, 10080, 60),
  [ENV_NAMES.signup]: integerVar(ENV_NAMES.signup, 5, 10080, 60),
  [ENV_NAMES.timeout]: integerVar(ENV_NAMES.timeout, 100, 120000, 15000),
});

// The SDK builds a Basic header and refuses non-ASCII, so reject it here with a clear message.
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

function credentialErrors(projectId: string, secret: string, customUrl: boolean): string[] {
  const errors: string[] = [];
  if (!PRINTABLE_ASCII.test(projectId)) errors.push(`${ENV_NAMES.projectId} may hold only printable ASCII without spaces.`);
  if (!PRINTABLE_ASCII.test(secret)) errors.push(`${ENV_NAMES.secret} may hold only printable ASCII without spaces.`);
  if (customUrl || errors.length > 0) return errors;
  // Against real Stytch, both must name the same environment.
  const projectEnv = /^project-(test|live)-\S+$/.exec(projectId)?.[1];
  const secretEnv = /^secret-(test|live)-\S+$/.exec(secret)?.[1];
  if (!projectEnv) errors.push(`${ENV_NAMES.projectId} must look like project-test-… or project-live-….`);
  if (!secretEnv) errors.push(`${ENV_NAMES.secret} must look like secret-test-… or secret-live-….`);
  if (projectEnv && secretEnv && projectEnv !== secretEnv) {
    errors.push(`${ENV_NAMES.projectId} is a ${projectEnv} project but ${ENV_NAMES.secret} is a ${secretEnv} secret.`);
  }
  return errors;
}

export function loadConfig(
  env: Record<string, string | undefined>,
  emulator: EmulatorEndpoint = EMBEDDED_EMULATOR_FALLBACK,
): ConfigResult {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => issue.message) };
  const vars = parsed.data;
  const projectId = vars[ENV_NAMES.projectId] || undefined;
  const secret = vars[ENV_NAMES.secret] || undefined;
  const baseUrl = vars[ENV_NAMES.apiUrl];

  const shared = {
    callbackUrl: CALLBACK_URL,
    loginExpirationMinutes: vars[ENV_NAMES.login],
    signupExpirationMinutes: vars[ENV_NAMES.signup],
    sessionDurationMinutes: vars[ENV_NAMES.session],
    stytchTimeoutMs: vars[ENV_NAMES.timeout],
  } as const;

  if (projectId === undefined && secret === undefined && baseUrl === undefined) {
    return {
      ok: true,
      config: {
        mode: 'emulator',
        stytch: {
          projectId: emulator.projectId,
          secret: emulator.secret,
          baseUrl: `http://${emulator.host}:${emulator.port}`,
        },
        ...shared,
      },
    };
  }
  const errors: string[] = [];
  if (projectId === undefined) errors.push(`${ENV_NAMES.projectId} is required when any Stytch variable is set.`);
  if (secret === undefined) errors.push(`${ENV_NAMES.secret} is required when any Stytch variable is set.`);
  if (projectId !== undefined && secret !== undefined) {
    errors.push(...credentialErrors(projectId, secret, baseUrl !== undefined));
  }
  if (errors.length > 0 || projectId === undefined || secret === undefined) return { ok: false, errors };
  return { ok: true, config: { mode: 'direct', stytch: { projectId, secret, baseUrl }, ...shared } };
}
