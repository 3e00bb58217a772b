// The per-organisation settings that support staff fix at build time (app-config.json,
// shipped inside app.asar). Validated once when the installer is built, with one message per
// wrong field that names the field, says what is wrong and shows a good value.
// Rules: nothing here may import electron; a Stytch secret is refused unless the caller
// explicitly allows embedding it, and never allowed in relay mode; no message ever echoes
// the secret.
import { z } from 'zod';
import { describeIssues, type FieldProblem } from '../common/config/describe-issues';
import {
  isLoopbackHost,
  LOOPBACK_HOSTS_TEXT,
  SESSION_MINUTES,
  SIGN_UP_POLICIES,
  SIGN_UP_POLICY_ALIASES,
  signUpPolicyNamed,
} from '../common/stytch/constants';
import { PROJECT_ID_SHAPE } from '../common/stytch/credentials';
import { UPDATE_MODES } from './updates/update-mode';

export { PACKAGED_CONFIG_FILE } from './packaged-config-text';

/** An idle timeout from one minute to one week; absent means off. */
export const IDLE_MINUTES = { min: 1, max: 10_080 } as const;

// Only the environment a secret names; its shape is never reported (the value is not shown).
const SECRET_ENV = /^secret-(test|live)-/;

/** 'open' or 'existing-users-only'; 'login-or-create', the relay's older name for 'open', is read as 'open'. */
const signUpPolicy = z.string().transform((name, ctx) => {
  const policy = signUpPolicyNamed(name);
  if (policy === undefined) ctx.addIssue({ code: 'custom', message: 'not a sign-up policy' });
  return policy ?? z.NEVER;
});

const schema = z.strictObject({
  mode: z.enum(['direct', 'relay']),
  stytch: z.strictObject({
    projectId: z.string().regex(PROJECT_ID_SHAPE),
    environment: z.enum(['test', 'live']),
    secret: z.string().trim().min(1).optional(),
  }),
  relayUrl: z.string().optional(),
  // `cap` (90 days) is the longest a new configuration may ask for; up to `max` (one year,
  // the earlier limit) is still read from a file already shipped, and clamped to `cap`.
  sessionDurationMinutes: z
    .number()
    .int()
    .min(SESSION_MINUTES.min)
    .max(SESSION_MINUTES.max)
    .default(SESSION_MINUTES.default),
  signUpPolicy: signUpPolicy.default('open'),
  invitesEnabled: z.boolean().default(false),
  channel: z.enum(['stable', 'beta']).optional(),
  idleTimeoutMinutes: z.number().int().min(IDLE_MINUTES.min).max(IDLE_MINUTES.max).optional(),
  /** Support staff's own test builds only: lets the environment change the settings above. */
  allowEnvironmentOverrides: z.boolean().default(false),
  /** Opt-in crash reports: minidumps go to this https server. Absent: none are sent. */
  crashReports: z.strictObject({ submitUrl: z.string().refine(isHttpsUrl) }).optional(),
  /** Where installed apps look for updates (electron-updater's generic provider), and what they do then. */
  updates: z.strictObject({ url: z.string().optional(), mode: z.enum(UPDATE_MODES) }).optional(),
});

function isHttpsUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export type PackagedConfig = z.output<typeof schema>;

export type PackagedConfigResult =
  | { ok: true; config: PackagedConfig; warnings: string[] }
  | { ok: false; errors: string[] };

export interface PackagedConfigOptions {
  /** True only when a person asked for it (`--allow-embedded-secret`). */
  allowEmbeddedSecret: boolean;
  /**
   * True when reading the file an installed app shipped with: a setting that has become too
   * long is clamped with a warning rather than refused, so an update never stops the app.
   */
  shipped?: boolean;
}

const EXAMPLE_RELAY_URL = 'https://signin-relay.example.org';
const EXAMPLE_UPDATES_URL = 'https://downloads.example.org/promptgrimoire';

/** `"login-or-create" is read as "open"`: the older names a file may still use. */
function aliasNote(): string {
  return Object.entries(SIGN_UP_POLICY_ALIASES)
    .map(([alias, policy]) => `"${alias}" is read as "${policy}"`)
    .join(', ');
}

/** What each field must hold and a value that would pass, for the error messages. */
const FIELD_HELP: Record<string, { expect: string; example: string }> = {
  '': { expect: 'a JSON object like build/app-config.example.json', example: '{ "mode": "relay", … }' },
  mode: { expect: '"direct" or "relay"', example: '"relay"' },
  stytch: { expect: 'an object with projectId and environment', example: '{ "projectId": "project-live-…", "environment": "live" }' },
  'stytch.projectId': {
    expect: 'a Stytch project ID from the Stytch dashboard (API keys)',
    example: '"project-live-00000000-0000-4000-8000-000000000000"',
  },
  'stytch.environment': { expect: '"test" or "live", matching the project ID', example: '"live"' },
  'stytch.secret': { expect: 'a non-empty Stytch secret (and only with --allow-embedded-secret)', example: 'no secret at all; use relay mode' },
  relayUrl: { expect: 'the https address of your sign-in relay', example: `"${EXAMPLE_RELAY_URL}"` },
  sessionDurationMinutes: {
    expect: `a whole number of minutes from ${SESSION_MINUTES.min} to ${SESSION_MINUTES.cap} (90 days)`,
    example: `${SESSION_MINUTES.default} (one week)`,
  },
  signUpPolicy: {
    expect: `${SIGN_UP_POLICIES.map((policy) => `"${policy}"`).join(' or ')} (${aliasNote()})`,
    example: '"existing-users-only"',
  },
  invitesEnabled: { expect: 'true or false (without quotes)', example: 'false' },
  channel: { expect: '"stable" or "beta"', example: '"stable"' },
  idleTimeoutMinutes: {
    expect: `a whole number of minutes from ${IDLE_MINUTES.min} to ${IDLE_MINUTES.max}, or absent for no idle sign-out`,
    example: '30',
  },
  allowEnvironmentOverrides: {
    expect: 'true only in support staff\'s own test builds, else false or absent (without quotes)',
    example: 'false',
  },
  crashReports: { expect: 'an object with submitUrl, or no crashReports at all (no reports are sent)', example: '{ "submitUrl": "https://crashes.example.org/submit" }' },
  'crashReports.submitUrl': {
    expect: 'the https address of your crash report server, without a user name or password',
    example: '"https://crashes.example.org/submit"',
  },
  updates: {
    expect: 'an object with mode ("automatic", "notify" or "off") and url, or no updates at all (the app never looks for updates)',
    example: `{ "mode": "automatic", "url": "${EXAMPLE_UPDATES_URL}" }`,
  },
  'updates.mode': {
    expect: '"automatic" (download in the background), "notify" (ask first) or "off" (updates come from your device management)',
    example: '"automatic"',
  },
  'updates.url': { expect: 'the https address of the folder that holds latest*.yml and the installers', example: `"${EXAMPLE_UPDATES_URL}"` },
};

export function parsePackagedConfig(json: unknown, opts: PackagedConfigOptions): PackagedConfigResult {
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: describeIssues(parsed.error.issues, json, { field: describeField, unknownFields }) };

  const config = parsed.data;
  const errors: string[] = [];
  const warnings: string[] = [];

  const projectEnv = PROJECT_ID_SHAPE.exec(config.stytch.projectId)?.[1];
  if (projectEnv !== config.stytch.environment) {
    errors.push(
      `stytch.environment: is "${config.stytch.environment}" but stytch.projectId is a ${projectEnv ?? 'different'} project. ` +
        `Make them match, for example "environment": "${projectEnv ?? 'live'}".`,
    );
  }

  if (config.mode === 'relay') {
    errors.push(...relayUrlErrors(config.relayUrl, warnings));
  } else if (config.relayUrl !== undefined) {
    errors.push(
      'relayUrl: is set but mode is "direct", so it would be ignored. Remove it, or set "mode": "relay" ' +
        'to send sign-in through the relay.',
    );
  }

  if (config.sessionDurationMinutes > SESSION_MINUTES.cap) {
    if (opts.shipped === true) {
      warnings.push(
        `sessionDurationMinutes: ${config.sessionDurationMinutes} is longer than ${SESSION_MINUTES.cap} (90 days); ` +
          `sessions last ${SESSION_MINUTES.cap} minutes. Lower it in the app-config of the next build.`,
      );
      config.sessionDurationMinutes = SESSION_MINUTES.cap;
    } else {
      errors.push(fieldMessage('sessionDurationMinutes', config.sessionDurationMinutes));
    }
  }

  if (config.updates !== undefined) errors.push(...updatesErrors(config.updates, warnings));

  const secret = config.stytch.secret;
  if (secret !== undefined) {
    errors.push(...secretErrors(config, secret, opts, warnings));
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, config, warnings };
}

function relayUrlErrors(raw: string | undefined, warnings: string[]): string[] {
  if (raw === undefined) {
    return [`relayUrl: is missing; relay mode needs the https address of your sign-in relay, for example "${EXAMPLE_RELAY_URL}".`];
  }
  return serviceUrlErrors('relayUrl', raw, { what: 'the relay', example: EXAMPLE_RELAY_URL }, warnings);
}

function updatesErrors(updates: NonNullable<PackagedConfig['updates']>, warnings: string[]): string[] {
  if (updates.url === undefined) {
    // "off" needs no feed: an MDM-managed fleet is updated by its own tooling.
    if (updates.mode === 'off') return [];
    return [
      `updates.url: is missing; "mode": "${updates.mode}" needs the https address of your update feed, for example "${EXAMPLE_UPDATES_URL}". ` +
        'Or set "mode": "off" when your device management installs updates.',
    ];
  }
  return serviceUrlErrors('updates.url', updates.url, { what: 'the update feed', example: EXAMPLE_UPDATES_URL }, warnings);
}

/** An https service address (plain http only on loopback, with a warning), with no credentials, query or fragment. */
function serviceUrlErrors(field: string, raw: string, service: { what: string; example: string }, warnings: string[]): string[] {
  const help = `for example "${service.example}"`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return [`${field}: ${quote(raw)} is not a URL; ${help}.`];
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'http:' && loopback) {
    warnings.push(
      `${field}: ${url.origin} is a plain-http loopback address. That is for development on this ` +
        `computer only; an installer for other people needs the https address of ${service.what}.`,
    );
  } else if (url.protocol !== 'https:') {
    return [`${field}: must use https (plain http only for ${LOOPBACK_HOSTS_TEXT}), got ${quote(raw)}; ${help}.`];
  }
  if (url.username || url.password) {
    // Credentials in the URL would ship inside every installer, like an embedded secret.
    return [`${field}: must not contain a user name or password; ${help}.`];
  }
  if (url.search || url.hash) {
    return [`${field}: must not have a query or fragment, got ${quote(raw)}; ${help}.`];
  }
  return [];
}

function secretErrors(
  config: PackagedConfig,
  secret: string,
  opts: PackagedConfigOptions,
  warnings: string[],
): string[] {
  if (config.mode === 'relay') {
    return [
      'stytch.secret: must not be set in relay mode; the relay holds the secret and the desktop app never ' +
        `needs it. Remove it, for example "stytch": { "projectId": "${config.stytch.projectId}", "environment": "${config.stytch.environment}" }.`,
    ];
  }
  const secretEnv = SECRET_ENV.exec(secret)?.[1];
  if (secretEnv !== undefined && secretEnv !== config.stytch.environment) {
    return [
      `stytch.secret: is a ${secretEnv} secret but stytch.environment is "${config.stytch.environment}". ` +
        'Use the secret of the same project (the value itself is not shown here).',
    ];
  }
  if (!opts.allowEmbeddedSecret) {
    return [
      'stytch.secret: refused. A Stytch secret inside an installer lets anyone who unpacks it sign in as ' +
        'any user of your project. Remove it and use relay mode (for example "mode": "relay", ' +
        `"relayUrl": "${EXAMPLE_RELAY_URL}"), or give the secret at run time through STYTCH_SECRET. ` +
        'To embed it anyway, build with --allow-embedded-secret.',
    ];
  }
  warnings.push(
    'stytch.secret: EMBEDDED because --allow-embedded-secret was given. The secret will be readable by ' +
      'anyone who has this installer: they can unpack it and sign in as any user of your project. ' +
      'Hand it only to people you would give the secret itself, rotate the secret if it leaks, and ' +
      'prefer relay mode.',
  );
  return [];
}

function describeField(problem: FieldProblem): string {
  return fieldMessage(problem.field, problem.value);
}

function fieldMessage(field: string, value: unknown): string {
  const help = FIELD_HELP[field] ?? { expect: 'a different value', example: 'see build/app-config.example.json' };
  const name = field === '' ? '(whole file)' : field;
  let problem: string;
  if (value === undefined) problem = 'is missing';
  // Never repeat a secret, even a malformed one.
  else if (field === 'stytch.secret') problem = 'is not valid';
  else problem = `got ${quote(value)}`;
  return `${name}: ${problem}. It must be ${help.expect}, for example ${help.example}.`;
}

/** One message per unknown field, each listing the settings known at that level. */
function unknownFields(keys: readonly string[], parent: readonly string[]): string[] {
  const known = Object.keys(FIELD_HELP)
    .filter((key) => key !== '' && key.split('.').length === parent.length + 1 && key.startsWith(parent.join('.')))
    .map((key) => key.split('.').pop());
  return keys.map((key) => `${[...parent, key].join('.')}: is not a known setting (check the spelling). Known settings here: ${known.join(', ')}.`);
}

function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  // A secret pasted into the wrong field must not reach a terminal or a CI log either.
  if (/secret-(test|live)-/.test(text)) return 'a value that looks like a Stytch secret (not shown)';
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
