// Configuration from the environment (or a packaged app-config file read into the same
// shape), validated once at start-up with one clear message per wrong value.
// Rule: nothing here may import electron, and nothing here imports emulator/ (never
// packaged): the embedded emulator's development credentials come in as an argument.
import { z } from 'zod';
import { IDLE_MINUTES, SESSION_MINUTES, type PackagedConfig } from './packaged-config';
import { trustedEnvironment, type EnvironmentOverrides } from './packaged-launch';
import { updateSettingsOf, type UpdateSettings } from './updates/update-mode';

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

export type SignUpPolicy = 'open' | 'existing-users-only';

/**
 * Where Stytch calls go. 'emulator': no Stytch variables were set, the app talks to the
 * embedded emulator. 'direct': the app holds a project secret. 'relay': the organisation's
 * relay holds the secret and the app carries none.
 */
export type StytchBackend =
  | {
      mode: 'emulator' | 'direct';
      stytch: {
        projectId: string;
        secret: string;
        /** No trailing slash; undefined → the SDK's own test/live environment. */
        baseUrl: string | undefined;
      };
    }
  | {
      mode: 'relay';
      /** The project id still names the audience of the session JWTs the app verifies. */
      stytch: { projectId: string };
      relayUrl: string;
    };

export type AppConfig = StytchBackend & SharedSettings;

interface SharedSettings {
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
  /** 'open': login_or_create; 'existing-users-only': send, and unknown emails need an invite. */
  signUpPolicy: SignUpPolicy;
  invitesEnabled: boolean;
  /** The release channel named by the packaged configuration (diagnostics only). */
  channel: string;
  /** Signs out after this long without keyboard or pointer input; null: never. */
  idleTimeoutMinutes: number | null;
  /** Whether the environment could change these settings (diagnostics shows it). */
  environmentOverrides: EnvironmentOverrides;
  /** Where crash reports go; packaged configuration only, null (the default) sends none. */
  crashReportsUrl: string | null;
  /** The update feed and mode; packaged configuration only, even where overrides are allowed. */
  updates: UpdateSettings;
}

/** `warnings`: settings that were accepted but changed (a too-long session, clamped); log them. */
export type ConfigResult = { ok: true; config: AppConfig; warnings: string[] } | { ok: false; errors: string[] };

const ENV_NAMES = {
  projectId: 'STYTCH_PROJECT_ID',
  secret: 'STYTCH_SECRET',
  apiUrl: 'STYTCH_API_URL',
  session: 'PROMPTGRIMOIRE_SESSION_DURATION_MINUTES',
  login: 'PROMPTGRIMOIRE_LOGIN_EXPIRATION_MINUTES',
  signup: 'PROMPTGRIMOIRE_SIGNUP_EXPIRATION_MINUTES',
  timeout: 'PROMPTGRIMOIRE_STYTCH_TIMEOUT_MS',
  relayUrl: 'PROMPTGRIMOIRE_RELAY_URL',
  signUpPolicy: 'PROMPTGRIMOIRE_SIGNUP_POLICY',
  invites: 'PROMPTGRIMOIRE_INVITES_ENABLED',
  idle: 'PROMPTGRIMOIRE_IDLE_TIMEOUT_MINUTES',
} as const;

function integerVar<F extends number | undefined>(name: string, min: number, max: number, fallback: F) {
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

function originVar(name: string, example: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return undefined;
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        ctx.addIssue({ code: 'custom', message: `${name} is not a URL: "${raw}".` });
        return z.NEVER;
      }
      const loopback = LOOPBACK_HOSTS.has(url.hostname);
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must use https (plain http is allowed only for 127.0.0.1, localhost or [::1]), got "${raw}".`,
        });
        return z.NEVER;
      }
      if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
        // Routes are resolved from the host root, so a path would be silently dropped.
        ctx.addIssue({ code: 'custom', message: `${name} must be a bare origin such as ${example}, got "${raw}".` });
        return z.NEVER;
      }
      return url.origin;
    });
}

function choiceVar<T extends string>(name: string, choices: readonly [T, ...T[]]) {
  return z
    .string()
    .trim()
    .optional()
    .transform((raw, ctx): T | undefined => {
      if (raw === undefined || raw === '') return undefined;
      const found = choices.find((choice) => choice === raw);
      if (found === undefined) {
        ctx.addIssue({ code: 'custom', message: `${name} must be one of ${choices.join(', ')}, got "${raw}".` });
        return z.NEVER;
      }
      return found;
    });
}

const envSchema = z.object({
  [ENV_NAMES.projectId]: z.string().trim().optional(),
  [ENV_NAMES.secret]: z.string().trim().optional(),
  [ENV_NAMES.apiUrl]: originVar(ENV_NAMES.apiUrl, 'https://stytch.example.com'),
  [ENV_NAMES.relayUrl]: originVar(ENV_NAMES.relayUrl, 'https://signin-relay.example.org'),
  [ENV_NAMES.signUpPolicy]: choiceVar(ENV_NAMES.signUpPolicy, ['open', 'existing-users-only']),
  [ENV_NAMES.invites]: choiceVar(ENV_NAMES.invites, ['true', 'false']),
  // Up to a year is still read (the earlier limit), then clamped to the 90-day cap.
  [ENV_NAMES.session]: integerVar(ENV_NAMES.session, SESSION_MINUTES.min, SESSION_MINUTES.max, undefined),
  [ENV_NAMES.login]: integerVar(ENV_NAMES.login, 5, 10080, 60),
  [ENV_NAMES.signup]: integerVar(ENV_NAMES.signup, 5, 10080, 60),
  [ENV_NAMES.timeout]: integerVar(ENV_NAMES.timeout, 100, 120000, 15000),
  [ENV_NAMES.idle]: integerVar(ENV_NAMES.idle, IDLE_MINUTES.min, IDLE_MINUTES.max, undefined),
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

export interface LoadConfigOptions {
  /** Where the embedded emulator listens; the composition root passes the real one. */
  emulator?: EmulatorEndpoint;
  /** The organisation's settings fixed at build time (already validated by the build). */
  packaged?: PackagedConfig;
}

/**
 * A packaged build (one with `options.packaged`) reads only `STYTCH_SECRET` from the
 * environment, unless its app-config allows overrides (support staff's test builds, which
 * point an installed app at a test project); there, and in development, the environment
 * wins over the file.
 */
export function loadConfig(env: Record<string, string | undefined>, options: LoadConfigOptions = {}): ConfigResult {
  const packaged = options.packaged;
  const trusted = trustedEnvironment(env, { packaged: packaged !== undefined, allowOverrides: packaged?.allowEnvironmentOverrides === true });
  const parsed = envSchema.safeParse(trusted.env);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => issue.message) };
  const vars = parsed.data;
  const warnings: string[] = [];
  const askedSession = vars[ENV_NAMES.session];
  if (askedSession !== undefined && askedSession > SESSION_MINUTES.cap) {
    warnings.push(`${ENV_NAMES.session} is ${askedSession}, longer than ${SESSION_MINUTES.cap} (90 days); sessions last ${SESSION_MINUTES.cap} minutes.`);
  }
  const emulator = options.emulator ?? EMBEDDED_EMULATOR_FALLBACK;
  const projectId = vars[ENV_NAMES.projectId] || packaged?.stytch.projectId || undefined;
  const secret = vars[ENV_NAMES.secret] || packaged?.stytch.secret || undefined;
  const baseUrl = vars[ENV_NAMES.apiUrl];
  const relayUrl = vars[ENV_NAMES.relayUrl] ?? (packaged?.mode === 'relay' ? packaged.relayUrl : undefined);
  const invites = vars[ENV_NAMES.invites];

  const shared: SharedSettings = {
    callbackUrl: CALLBACK_URL,
    loginExpirationMinutes: vars[ENV_NAMES.login],
    signupExpirationMinutes: vars[ENV_NAMES.signup],
    sessionDurationMinutes: Math.min(askedSession ?? packaged?.sessionDurationMinutes ?? SESSION_MINUTES.default, SESSION_MINUTES.cap),
    stytchTimeoutMs: vars[ENV_NAMES.timeout],
    signUpPolicy: vars[ENV_NAMES.signUpPolicy] ?? packaged?.signUpPolicy ?? 'open',
    invitesEnabled: invites === undefined ? (packaged?.invitesEnabled ?? false) : invites === 'true',
    channel: packaged?.channel ?? 'development',
    idleTimeoutMinutes: vars[ENV_NAMES.idle] ?? packaged?.idleTimeoutMinutes ?? null,
    environmentOverrides: trusted.overrides,
    crashReportsUrl: packaged?.crashReports?.submitUrl ?? null,
    updates: updateSettingsOf(packaged),
  };

  if (relayUrl !== undefined) {
    const errors: string[] = [];
    if (projectId === undefined) errors.push(`${ENV_NAMES.projectId} is required in relay mode: it names the audience of the session JWTs.`);
    if (vars[ENV_NAMES.secret]) errors.push(`${ENV_NAMES.secret} must not be set in relay mode: the relay holds the secret, the app carries none.`);
    if (baseUrl !== undefined) errors.push(`${ENV_NAMES.apiUrl} and ${ENV_NAMES.relayUrl} cannot both be set: choose direct or relay mode.`);
    if (errors.length > 0 || projectId === undefined) return { ok: false, errors };
    return { ok: true, config: { mode: 'relay', stytch: { projectId }, relayUrl, ...shared }, warnings };
  }
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
      warnings,
    };
  }
  const errors: string[] = [];
  if (projectId === undefined) errors.push(`${ENV_NAMES.projectId} is required when any Stytch variable is set.`);
  if (secret === undefined) errors.push(`${ENV_NAMES.secret} is required when any Stytch variable is set.`);
  if (projectId !== undefined && secret !== undefined) {
    errors.push(...credentialErrors(projectId, secret, baseUrl !== undefined));
  }
  if (errors.length > 0 || projectId === undefined || secret === undefined) return { ok: false, errors };
  return { ok: true, config: { mode: 'direct', stytch: { projectId, secret, baseUrl }, ...shared }, warnings };
}
