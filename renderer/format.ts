// Pure helpers for the screens: input checks that catch obvious mistakes before a round
// trip, and wording for times. The main process validates everything again; these only
// spare people a wait for an error they could have seen at once.
import type * as Contract from '../preload/api';

// Values, not just types, live in the contract; importing them would pull zod into the
// page. The annotations make the compiler fail if these ever stop matching it.
export const EMAIL_MAX_LENGTH: typeof Contract.EMAIL_MAX_LENGTH = 254;
export const PASTED_LINK_MAX_LENGTH: typeof Contract.PASTED_LINK_MAX_LENGTH = 4096;
export const PERSON_NAME_MAX_LENGTH: typeof Contract.PERSON_NAME_MAX_LENGTH = 100;

/**
 * Returns a sentence saying what is wrong, or null when the address looks plausible.
 * Each sentence opens the same way, so the kind of problem is clear before the detail.
 */
export function emailProblem(raw: string): string | null {
  const email = raw.trim();
  if (email === '') return 'Enter your email address.';
  const detail = emailDetail(email);
  return detail === null ? null : `Enter a valid email address: ${detail}`;
}

function emailDetail(email: string): string | null {
  if (/\s/.test(email)) return 'it can’t contain spaces.';
  if (email.length > EMAIL_MAX_LENGTH) return `it can be at most ${EMAIL_MAX_LENGTH} characters.`;
  const at = email.indexOf('@');
  if (at === -1) return 'it needs an @, like name@example.com.';
  if (email.indexOf('@', at + 1) !== -1) return 'it has only one @.';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local === '') return 'add the part before the @, like name@example.com.';
  if (domain === '') return 'add the part after the @, like name@example.com.';
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((label) => label === '' || /^-|-$/.test(label))) {
    return 'the part after the @ should look like example.com.';
  }
  if (/[,;:<>()[\]\\"]/.test(email)) return 'it has a character an address can’t contain.';
  return null;
}

/**
 * Only what is plainly not worth a round trip. Whether text is a sign-in link is the main
 * process's call: its parser is the one that must be strict, and it answers with a notice.
 */
export function linkProblem(raw: string): string | null {
  const link = raw.trim();
  if (link === '') return 'Paste the link from the email.';
  if (link.length > PASTED_LINK_MAX_LENGTH) return 'That is too long to be a sign-in link.';
  return null;
}

/** An ISO instant as epoch milliseconds, or null when absent or unreadable. */
export function instant(iso: string | null): number | null {
  if (iso === null) return null;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : at;
}

/** Whole seconds left until an instant (epoch ms), rounded up; 0 when passed or absent. */
export function secondsLeft(at: number | null, now: number): number {
  if (at === null) return 0;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** "42 s" under a minute, "9:05" above: short enough for a button. */
export function shortDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Words for screen readers and sentences: "9 minutes 5 seconds". */
export function spokenDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts: string[] = [];
  if (minutes > 0) parts.push(`${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`);
  if (rest > 0 || minutes === 0) parts.push(`${rest} ${rest === 1 ? 'second' : 'seconds'}`);
  return parts.join(' ');
}

// Building the first Intl formatter of a page loads the locale's data, which takes tens of
// milliseconds; each formatter is made on first use, so screens that show no dates (the
// sign-in form above all) never wait for it.
function onFirstUse<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

// The system locale: it is what the person chose for dates and 12/24-hour clocks.
const UNTIL: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' };
const untilFormat = onFirstUse(() => new Intl.DateTimeFormat(undefined, UNTIL));
const untilFormatWithYear = onFirstUse(() => new Intl.DateTimeFormat(undefined, { ...UNTIL, year: 'numeric' }));

/** "Tuesday 2 December, 14:05" (in the person's locale); the year only when it differs. */
export function humanDateTime(iso: string, now: number): string | null {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return (sameYear ? untilFormat() : untilFormatWithYear()).format(at);
}

const shortFormat = onFirstUse(
  () =>
    new Intl.DateTimeFormat(undefined, {
      day: 'numeric',
      month: 'short',
      hour: 'numeric',
      minute: '2-digit',
    }),
);

/** "2 Dec, 14:05": for lists, where the long form would wrap on a narrow window. */
export function shortDateTime(iso: string): string | null {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : shortFormat().format(at);
}

const relative = onFirstUse(() => new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }));
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "5 minutes ago", "yesterday"; "just now" under a minute, so it does not tick. */
export function timeAgo(iso: string, now: number): string | null {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const elapsed = Math.max(0, now - at);
  for (const [unit, ms] of UNITS) {
    if (elapsed >= ms) return relative().format(-Math.floor(elapsed / ms), unit);
  }
  return 'just now';
}
