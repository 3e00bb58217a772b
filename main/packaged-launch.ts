// What an installed app accepts from whoever launched it. Any process of the same user can
// set environment variables and command-line switches, so a packaged build takes its Stytch
// project, endpoints, session policy and user-data folder from its own app-config only, and
// refuses to run with a debugger or V8 flags attached. Development runs keep every override.
// Rule: nothing here may import electron; decisions only, main/index.ts acts on them.

/** The one variable a packaged app still reads: direct mode's documented way not to bundle the secret. */
export const KEPT_IN_PACKAGED = 'STYTCH_SECRET';
/** An isolated profile (tests, several dev copies side by side); also moves the single-instance lock. */
export const USER_DATA_ENV = 'PROMPTGRIMOIRE_USER_DATA_DIR';

/** Every variable of these families can steer sign-in; `STYTCH_SECRET` is the one exception. */
const STEERING_PREFIXES = ['STYTCH_', 'PROMPTGRIMOIRE_'] as const;

export type EnvironmentOverrides = 'development' | 'allowed' | 'ignored';

export interface TrustedEnvironment {
  /** The environment the configuration may read. */
  env: Record<string, string | undefined>;
  /** Names (never values) of the variables that were set and are not honoured. */
  ignored: string[];
  overrides: EnvironmentOverrides;
}

export interface TrustOptions {
  packaged: boolean;
  /** The packaged app-config's `allowEnvironmentOverrides` (support staff's test builds). */
  allowOverrides: boolean;
}

export function trustedEnvironment(env: Record<string, string | undefined>, options: TrustOptions): TrustedEnvironment {
  if (!options.packaged) return { env, ignored: [], overrides: 'development' };
  if (options.allowOverrides) return { env, ignored: [], overrides: 'allowed' };
  const kept: Record<string, string | undefined> = {};
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    const steering = name !== KEPT_IN_PACKAGED && STEERING_PREFIXES.some((prefix) => name.toUpperCase().startsWith(prefix));
    if (!steering) kept[name] = value;
    else if (value !== undefined && value !== '') ignored.push(name);
  }
  return { env: kept, ignored: ignored.sort(), overrides: 'ignored' };
}

/** The folder the app should use instead of the OS default, if one may be chosen. */
export function userDataOverride(trusted: TrustedEnvironment): string | undefined {
  const value = trusted.env[USER_DATA_ENV]?.trim();
  return value ? value : undefined;
}

/**
 * Switches that open the process to a debugger or change V8 itself. The fuse
 * `enableNodeCliInspectArguments: false` already stops Node's --inspect family; Chromium's
 * remote debugging and --js-flags have no fuse, so the app refuses them itself.
 */
const DEBUGGING_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'js-flags'] as const;

/**
 * The first debugging switch in argv, as the launcher wrote it (without any value), or null.
 * Chromium accepts `--name`, `-name` and on Windows `/name`, with any case on Windows, and
 * reads a value after `=`; all of those count.
 */
export function debuggingSwitchIn(argv: readonly string[], platform: NodeJS.Platform): string | null {
  for (const arg of argv.slice(1)) {
    const prefix = /^(--|-|\/)/.exec(arg)?.[1];
    if (prefix === undefined || (prefix === '/' && platform !== 'win32')) continue;
    const name = arg.slice(prefix.length).split('=')[0] ?? '';
    const lower = name.toLowerCase();
    if (lower.startsWith('inspect') || DEBUGGING_SWITCHES.some((candidate) => candidate === lower)) return `${prefix}${name}`;
  }
  return null;
}

/** Why a packaged app must exit at once, or null when it may start. Development runs always may. */
export function launchRefusal(argv: readonly string[], packaged: boolean, platform: NodeJS.Platform): string | null {
  if (!packaged) return null;
  const found = debuggingSwitchIn(argv, platform);
  return found === null ? null : `an installed app does not run with the debugging switch ${found}`;
}
