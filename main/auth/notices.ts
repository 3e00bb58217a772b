// The one table of words people read: every failure code and flow event becomes a Notice
// with a plain sentence and the next step. Nothing else in the core writes user-facing text.
// Rule: nothing here may import electron; no message may echo a token or Stytch's raw text.
import type { Notice, NoticeCode } from '../../preload/api';
import type { CallbackRejection, PastedLinkRejection } from './deep-link';

// The codes are part of the IPC contract (the page keys on them); their words live here.
export type { NoticeCode };

type Entry = Omit<Notice, 'code' | 'retryAfterSeconds'>;

const TABLE: Readonly<Record<NoticeCode, Entry>> = {
  'invalid-email': {
    tone: 'error',
    message: 'That email address does not look right. Check it and try again.',
    action: null,
  },
  'link-invalid': {
    tone: 'error',
    message: 'This sign-in link is not valid. Request a new link and use the newest email.',
    action: 'start-over',
  },
  'link-expired-or-used': {
    tone: 'error',
    message: 'This sign-in link has expired or was already used. Request a new link to sign in.',
    action: 'start-over',
  },
  'link-replayed': {
    tone: 'info',
    message: 'This sign-in link was already used. If you are not signed in, request a new link.',
    action: 'start-over',
  },
  'link-from-elsewhere': {
    tone: 'error',
    message:
      'This link was requested from another computer or another installation of PromptGrimoire. Request a new link here and open it on this computer.',
    action: 'start-over',
  },
  // Only sending with the existing-users-only policy meets an unknown email.
  'user-not-found': {
    tone: 'error',
    message: 'There is no account for this email; ask your administrator for an invite.',
    action: 'start-over',
  },
  'already-has-account': {
    tone: 'info',
    message: 'That person already has an account. They can sign in with their email address.',
    action: null,
  },
  'rate-limited': {
    tone: 'warning',
    message: 'Too many attempts in a short time. Wait a moment, then try again.',
    action: 'retry',
  },
  misconfigured: {
    tone: 'error',
    message:
      'PromptGrimoire is not set up correctly to sign you in. Please contact support; the app log has the details.',
    action: 'contact-support',
  },
  offline: {
    tone: 'warning',
    message: 'We could not reach the sign-in service. Check your internet connection and try again.',
    action: 'retry',
  },
  'certificate-untrusted': {
    tone: 'error',
    message:
      'The connection to the sign-in service was intercepted by a certificate this computer does not trust (often a company network that inspects traffic). Ask your IT team to install their certificate on this computer, then try again.',
    action: 'retry',
  },
  'proxy-auth-required': {
    tone: 'error',
    message:
      'Your network proxy wants a password before it lets PromptGrimoire through. Sign in to the proxy (or ask your IT team), then try again.',
    action: 'retry',
  },
  timeout: {
    tone: 'warning',
    message: 'The sign-in service took too long to answer. Check your connection and try again.',
    action: 'retry',
  },
  'stytch-unavailable': {
    tone: 'warning',
    message: 'The sign-in service is having trouble right now. Try again in a few minutes.',
    action: 'retry',
  },
  'session-ended': {
    tone: 'info',
    // Stytch's answer (session_not_found) does not say by whom, so the sentence names both.
    message:
      'You were signed out because your session was ended elsewhere: you signed out on another device, or an administrator ended it. Sign in again to continue.',
    action: null,
  },
  'session-expired': {
    tone: 'info',
    message: 'Your session has expired. Sign in again to continue.',
    action: null,
  },
  // The stored session's token failed its signature or names another project: it was set
  // aside and will be revoked, so the sentence says what happened and what to do.
  'jwt-invalid': {
    tone: 'warning',
    message:
      'You were signed out because your saved sign-in failed its security check. It has been set aside and will be ended. Sign in again to continue.',
    action: null,
  },
  unexpected: {
    tone: 'error',
    message: 'Something went wrong while signing you in. Try again; if it keeps happening, contact support.',
    action: 'retry',
  },
  'link-sent': {
    tone: 'success',
    message: 'Check your email and click the sign-in link. It opens PromptGrimoire.',
    action: null,
  },
  'resend-too-soon': {
    tone: 'info',
    message: 'A link was sent a moment ago. You can send another one shortly.',
    action: null,
  },
  'no-pending-link': {
    tone: 'info',
    message: 'There is no pending sign-in to resend. Enter your email to get a link.',
    action: 'start-over',
  },
  'signed-out': {
    tone: 'info',
    message: 'You are signed out.',
    action: null,
  },
  'signed-out-idle': {
    tone: 'info',
    message:
      'You were signed out because PromptGrimoire was not used for a while, as your organisation requires. Sign in again to continue.',
    action: null,
  },
  'already-signed-in': {
    tone: 'info',
    message: 'You are already signed in. Sign out first to use another account.',
    action: null,
  },
  busy: {
    tone: 'info',
    message: 'Please wait, we are still working on your last request.',
    action: null,
  },
  'paste-empty': {
    tone: 'error',
    message: 'Paste the whole sign-in link from the email, then try again.',
    action: null,
  },
  'paste-not-a-link': {
    tone: 'error',
    message:
      'That is not a PromptGrimoire sign-in link. Copy the link behind the sign-in button in the email and paste it here.',
    action: null,
  },
  'paste-malformed': {
    tone: 'error',
    message: 'That sign-in link looks cut off or changed. Copy the whole link from the email again.',
    action: null,
  },
  'not-signed-in': {
    tone: 'info',
    message: 'You are not signed in. Sign in to see your account.',
    action: null,
  },
  'invites-disabled': {
    tone: 'info',
    message: 'Invites are turned off for this installation of PromptGrimoire. Ask your administrator to invite people.',
    action: null,
  },
  'no-device-link': {
    tone: 'info',
    message: 'There is no link for another computer yet, or it has expired. Create a new one.',
    action: null,
  },
  'clipboard-refused': {
    tone: 'warning',
    message: 'The link could not be copied to the clipboard. Try again.',
    action: 'retry',
  },
  'clipboard-unavailable': {
    tone: 'warning',
    message: 'This installation of PromptGrimoire cannot use the clipboard. Create the link again on a computer where copying works.',
    action: null,
  },
  // A link not requested on this computer (no PKCE of ours): the person was asked first.
  'link-declined': {
    tone: 'info',
    message: 'You did not continue with that link, and its sign-in was ended. Nothing changed on this computer.',
    action: null,
  },
  'confirmation-expired': {
    tone: 'info',
    message: 'The question about a sign-in link went unanswered for two minutes, so that sign-in was ended. Nothing changed on this computer.',
    action: null,
  },
  'confirmation-busy': {
    tone: 'warning',
    message: 'Another sign-in link arrived while this question was open. It was refused and its sign-in ended; answer this question first.',
    action: null,
  },
  'nothing-to-confirm': {
    tone: 'info',
    message: 'There is no sign-in link waiting for your answer any more.',
    action: null,
  },
  // A promptgrimoire:// link the OS handed over that is not a whole sign-in link (the
  // seed's "No token provided"): each says what is wrong and the one thing that helps.
  'link-incomplete': {
    tone: 'error',
    message: 'This sign-in link is incomplete: it has no token. Open the newest email and click its sign-in button again.',
    action: null,
  },
  'link-damaged': {
    tone: 'error',
    message: 'This sign-in link is damaged: its token is cut short or changed. Open the newest email and click its sign-in button again.',
    action: null,
  },
  'link-altered': {
    tone: 'error',
    message:
      'This sign-in link was changed on the way: it has parts a sign-in link never has, or has them twice, so it was not used. Open the newest email and click its sign-in button again.',
    action: null,
  },
  'link-not-sign-in': {
    tone: 'error',
    message: 'That PromptGrimoire link is not a sign-in link, so it cannot sign you in. To sign in, open the newest email and click its sign-in button.',
    action: null,
  },
  // Stytch said the address was new when the link was sent: shown once, on the first sign-in.
  welcome: {
    tone: 'success',
    message: 'Welcome to PromptGrimoire! Your new account is ready.',
    action: null,
  },
};

/** What a person reads about a pasted link that is not a sign-in link. */
export const PASTE_NOTICES: Readonly<Record<PastedLinkRejection, NoticeCode>> = {
  empty: 'paste-empty',
  'not-a-sign-in-link': 'paste-not-a-link',
  'malformed-token': 'paste-malformed',
};

/** What a person reads about a clicked promptgrimoire:// link that is not a whole sign-in link. */
export const CALLBACK_NOTICES: Readonly<Record<CallbackRejection, NoticeCode>> = {
  'no-token': 'link-incomplete',
  'damaged-token': 'link-damaged',
  altered: 'link-altered',
  'not-sign-in': 'link-not-sign-in',
};

/** Every code the table has words for: checks that must meet each notice walk this list. */
export const NOTICE_CODES = Object.keys(TABLE) as readonly NoticeCode[];

export function noticeFor(code: NoticeCode, retryAfterSeconds?: number): Notice {
  const entry = TABLE[code];
  const waitFor = code === 'rate-limited' || code === 'resend-too-soon' ? Math.max(0, Math.ceil(retryAfterSeconds ?? 0)) : null;
  const message =
    code === 'rate-limited' && waitFor !== null && waitFor > 0
      ? `Too many attempts in a short time. Wait ${describeWait(waitFor)}, then try again.`
      : entry.message;
  return { code, ...entry, message, retryAfterSeconds: waitFor };
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
