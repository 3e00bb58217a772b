// What every program agrees on about Stytch: the one callback the app is reached by, the
// session lengths Stytch and we allow, the hosts that may be spoken to over plain http, and
// the sign-up policies.
// Rule: each value is defined here once; main/, relay/ and emulator/ import it, never copy it.

/** The URL scheme the operating system routes to the app (electron-builder.yml registers it too). */
export const APP_SCHEME = 'promptgrimoire';

/** The only callback a sign-in link may return to. */
export const CALLBACK_URL = `${APP_SCHEME}://auth/callback`;

/**
 * Session lengths in minutes. `min` and `max` are Stytch's own bounds for
 * session_duration_minutes (the emulator enforces them); `cap` (90 days) is the longest we
 * grant, and a longer request is clamped to it; `default` is the seed's one week.
 */
export const SESSION_MINUTES = { min: 5, cap: 129_600, max: 527_040, default: 10_080 } as const;

/**
 * Link lifetimes in minutes: Stytch's own bounds for `…_expiration_minutes`, and the hour
 * we give login and sign-up links (a new user signs up from the same screen within minutes).
 */
export const LINK_MINUTES = { min: 5, max: 10_080, default: 60 } as const;

/** Invite links: the same Stytch bounds; the seed's one week unless configured. */
export const INVITE_MINUTES = { min: LINK_MINUTES.min, max: LINK_MINUTES.max, default: 10_080 } as const;

/** Host names (as URL.hostname spells them) that can only mean this machine. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** "a, b or c": how the loopback hosts read in a sentence. */
export const LOOPBACK_HOSTS_TEXT = `${LOOPBACK_HOSTS.slice(0, -1).join(', ')} or ${LOOPBACK_HOSTS.at(-1) ?? ''}`;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.includes(hostname.toLowerCase());
}

/**
 * 'open': anyone who asks gets a link (login_or_create); 'existing-users-only': links go only
 * to known users (send), and unknown emails need an invite.
 */
export const SIGN_UP_POLICIES = ['open', 'existing-users-only'] as const;
export type SignUpPolicy = (typeof SIGN_UP_POLICIES)[number];

/** Older names still read, so relays and app-configs already deployed keep working. */
export const SIGN_UP_POLICY_ALIASES: Readonly<Record<string, SignUpPolicy>> = { 'login-or-create': 'open' };

/** The policy a name stands for (an alias gives its current name); undefined for anything else. */
export function signUpPolicyNamed(name: string): SignUpPolicy | undefined {
  return SIGN_UP_POLICIES.find((policy) => policy === name) ?? (Object.hasOwn(SIGN_UP_POLICY_ALIASES, name) ? SIGN_UP_POLICY_ALIASES[name] : undefined);
}
