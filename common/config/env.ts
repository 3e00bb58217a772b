// Reading configuration from environment variables, one style for every program: a zod
// object schema over the environment whose fields are built from the helpers below. Each
// wrong variable gives one sentence that names it and says what it must be; every wrong
// variable is reported, not just the first.
// Rule: a variable that is unset or blank counts as not given (its default applies), and no
// message repeats a value the caller marks as private.
import { z } from 'zod';
import { isLoopbackHost, LOOPBACK_HOSTS_TEXT, SIGN_UP_POLICIES, SIGN_UP_POLICY_ALIASES, type SignUpPolicy } from '../stytch/constants';

export type Env = Record<string, string | undefined>;

export type EnvResult<T> = { ok: true; vars: T } | { ok: false; errors: string[] };

export function readEnv<T>(schema: z.ZodType<T>, env: Env): EnvResult<T> {
  const parsed = schema.safeParse(env);
  return parsed.success ? { ok: true, vars: parsed.data } : { ok: false, errors: parsed.error.issues.map((issue) => issue.message) };
}

/** The trimmed text of a variable, or undefined when it is unset or blank. */
export function given(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

type Reading<T> = { value: T } | { error: string };

/** A variable that `read` turns into a value or a sentence saying what is wrong with it. */
export function envVar<T>(read: (raw: string) => Reading<T>) {
  return z
    .string()
    .optional()
    .transform((text, ctx): T | undefined => {
      const raw = text?.trim();
      if (raw === undefined || raw === '') return undefined;
      const reading = read(raw);
      if ('error' in reading) {
        ctx.addIssue({ code: 'custom', message: reading.error });
        return z.NEVER;
      }
      return reading.value;
    });
}

export function textVar() {
  return envVar((raw) => ({ value: raw }));
}

export function integerVar(name: string, min: number, max: number) {
  return envVar((raw) => {
    if (!/^\d+$/.test(raw)) return { error: `${name} must be a whole number, got "${raw}".` };
    const value = Number(raw);
    if (value < min || value > max) return { error: `${name} must be between ${min} and ${max}, got ${value}.` };
    return { value };
  });
}

const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);

/** true/false, also 1/0 and yes/no in any case: the spellings people use for a switch. */
export function booleanVar(name: string) {
  return envVar((raw) => {
    const word = raw.toLowerCase();
    if (TRUE.has(word)) return { value: true };
    if (FALSE.has(word)) return { value: false };
    return { error: `${name} must be true or false, got "${raw}".` };
  });
}

/** One of `choices`; an alias is read as the choice it names (the message lists only the choices). */
export function choiceVar<C extends string>(name: string, choices: readonly C[], aliases: Readonly<Record<string, C>> = {}) {
  return envVar((raw): Reading<C> => {
    const value = choices.find((choice) => choice === raw) ?? (Object.hasOwn(aliases, raw) ? aliases[raw] : undefined);
    return value === undefined ? { error: `${name} must be one of ${choices.join(', ')}, got "${raw}".` } : { value };
  });
}

/** 'open' or 'existing-users-only'; the older 'login-or-create' is read as 'open'. */
export function signUpPolicyVar(name: string) {
  return choiceVar<SignUpPolicy>(name, SIGN_UP_POLICIES, SIGN_UP_POLICY_ALIASES);
}

/**
 * An https origin (plain http only on loopback), returned without a trailing slash. Paths are
 * refused because routes are resolved from the host root, so a path would silently be dropped.
 */
export function originVar(name: string, example: string) {
  return envVar((raw): Reading<string> => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { error: `${name} is not a URL: "${raw}".` };
    }
    const loopback = isLoopbackHost(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
      return { error: `${name} must use https (plain http is allowed only for ${LOOPBACK_HOSTS_TEXT}), got "${raw}".` };
    }
    if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
      return { error: `${name} must be a bare origin such as ${example}, got "${raw}".` };
    }
    return { value: url.origin };
  });
}
