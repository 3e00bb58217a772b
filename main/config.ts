// Configuration from the environment (or a packaged app-config file read into the same
// shape), validated once at start-up with one clear message per wrong value.
// Rule: nothing here may import electron, and nothing here imports emulator/ (never
// packaged): the embedded emulator's development credentials come in as an argument.
import { z } from 'zod';
import { booleanVar, integerVar, originVar, readEnv, signUpPolicyVar, textVar, type Env } from '../common/config/env';
import { CALLBACK_URL, INVITE_MINUTES, LINK_MINUTES, SESSION_MINUTES, type SignUpPolicy } from '../common/stytch/constants';
import { credentialErrors } from '../common/stytch/credentials';
import { IDLE_MINUTES, type PackagedConfig } from './packaged-config';
import { trustedEnvironment, type EnvironmentOverrides } from './packaged-launch';
import { updateSettingsOf, type UpdateSettings } from './updates/update-mode';

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
  /** How long an invite link works in direct mode (the seed's one week); a relay applies its own. */
  inviteExpirationMinutes: number;
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
  inviteExpiration: 'PROMPTGRIMOIRE_INVITE_EXPIRATION_MINUTES',
} as const;

/** How long links live and how long the app waits for Stytch, unless the environment says otherwise. */
const DEFAULTS = { loginExpirationMinutes: LINK_MINUTES.default, signupExpirationMinutes: LINK_MINUTES.default, stytchTimeoutMs: 15_000 } as const;

const envSchema = z.object({
  [ENV_NAMES.projectId]: textVar(),
  [ENV_NAMES.secret]: textVar(),
  [ENV_NAMES.apiUrl]: originVar(ENV_NAMES.apiUrl, 'https://stytch.example.com'),
  [ENV_NAMES.relayUrl]: originVar(ENV_NAMES.relayUrl, 'https://signin-relay.example.org'),
  [ENV_NAMES.signUpPolicy]: signUpPolicyVar(ENV_NAMES.signUpPolicy),
  [ENV_NAMES.invites]: booleanVar(ENV_NAMES.invites),
  // Up to a year is still read (the earlier limit), then clamped to the 90-day cap.
  [ENV_NAMES.session]: integerVar(ENV_NAMES.session, SESSION_MINUTES.min, SESSION_MINUTES.max),
  [ENV_NAMES.login]: integerVar(ENV_NAMES.login, LINK_MINUTES.min, LINK_MINUTES.max),
  [ENV_NAMES.signup]: integerVar(ENV_NAMES.signup, LINK_MINUTES.min, LINK_MINUTES.max),
  [ENV_NAMES.timeout]: integerVar(ENV_NAMES.timeout, 100, 120000),
  [ENV_NAMES.idle]: integerVar(ENV_NAMES.idle, IDLE_MINUTES.min, IDLE_MINUTES.max),
  [ENV_NAMES.inviteExpiration]: integerVar(ENV_NAMES.inviteExpiration, INVITE_MINUTES.min, INVITE_MINUTES.max),
});

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
export function loadConfig(env: Env, options: LoadConfigOptions = {}): ConfigResult {
  const packaged = options.packaged;
  const trusted = trustedEnvironment(env, { packaged: packaged !== undefined, allowOverrides: packaged?.allowEnvironmentOverrides === true });
  const read = readEnv(envSchema, trusted.env);
  if (!read.ok) return read;
  const vars = read.vars;
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
    loginExpirationMinutes: vars[ENV_NAMES.login] ?? DEFAULTS.loginExpirationMinutes,
    signupExpirationMinutes: vars[ENV_NAMES.signup] ?? DEFAULTS.signupExpirationMinutes,
    sessionDurationMinutes: Math.min(askedSession ?? packaged?.sessionDurationMinutes ?? SESSION_MINUTES.default, SESSION_MINUTES.cap),
    stytchTimeoutMs: vars[ENV_NAMES.timeout] ?? DEFAULTS.stytchTimeoutMs,
    signUpPolicy: vars[ENV_NAMES.signUpPolicy] ?? packaged?.signUpPolicy ?? 'open',
    invitesEnabled: invites ?? packaged?.invitesEnabled ?? false,
    inviteExpirationMinutes: vars[ENV_NAMES.inviteExpiration] ?? INVITE_MINUTES.default,
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
  const errors = credentialErrors(ENV_NAMES, { projectId, secret }, { customApi: baseUrl !== undefined, whenMissing: ' when any Stytch variable is set' });
  if (errors.length > 0 || projectId === undefined || secret === undefined) return { ok: false, errors };
  return { ok: true, config: { mode: 'direct', stytch: { projectId, secret, baseUrl }, ...shared }, warnings };
}
