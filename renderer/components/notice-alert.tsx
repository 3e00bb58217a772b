// A notice from the main process (or a failed call) as an alert, with its next step inside
// it. The rate-limit countdown is a timer region (aria-live off), so the alert is read
// when it appears, not again every second.
import { useId, useState } from 'react';
import type { Notice, NoticeAction } from '../../preload/api';
import { secondsLeft, shortDuration, spokenDuration } from '../format';
import { useNow } from '../use-now';
import { Button } from './button';
import { CloseIcon, ToneIcon } from './icons';

const TONE_WORD: Record<Notice['tone'], string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Note',
  success: 'Done',
};

export interface NoticeHandlers {
  /** Null when the action cannot be offered (e.g. 'retry' with nothing to retry). */
  onAction: ((action: NoticeAction) => void) | null;
  canRetry: boolean;
  /** When "resend" is allowed by the send cooldown (epoch ms), if there is one. */
  resendAt: number | null;
  onDismiss: () => void;
  busy: boolean;
}

type NoticeAlertProps = { notice: Pick<Notice, 'tone' | 'message' | 'action' | 'retryAfterSeconds'> } & NoticeHandlers;

/** Remount (via key) when the notice changes, so a rate-limit countdown restarts. */
export function noticeKey(notice: Notice): string {
  return `${notice.code}|${notice.message}|${notice.retryAfterSeconds ?? ''}`;
}

export function NoticeAlert({ notice, onAction, canRetry, resendAt, onDismiss, busy }: NoticeAlertProps) {
  const timerId = useId();
  const [arrivedAt] = useState(() => Date.now());
  const retryAt = notice.retryAfterSeconds ? arrivedAt + notice.retryAfterSeconds * 1000 : null;
  const action = notice.action;
  const cooldownAt = action === 'resend' ? resendAt : null;
  const now = useNow(Math.max(retryAt ?? 0, cooldownAt ?? 0) || null);
  const waitSeconds = secondsLeft(retryAt, now);
  const label = actionLabel(action, canRetry);
  const actionWait = Math.max(waitSeconds, secondsLeft(cooldownAt, now));

  return (
    <div className={`notice notice--${notice.tone}`} role="alert">
      <ToneIcon tone={notice.tone} />
      <div className="notice__body">
        <p className="notice__message">
          <span className="visually-hidden">{TONE_WORD[notice.tone]}: </span>
          {notice.message}
        </p>
        {retryAt !== null && (
          <p className="notice__timer" id={timerId} role="timer" aria-live="off" data-testid="retry-countdown">
            {waitSeconds > 0 ? (
              <>
                <span aria-hidden="true">You can try again in {shortDuration(waitSeconds)}.</span>
                <span className="visually-hidden">You can try again in {spokenDuration(waitSeconds)}.</span>
              </>
            ) : (
              'You can try again now.'
            )}
          </p>
        )}
        {label && onAction && action && (
          <div className="notice__actions">
            <Button
              variant="secondary"
              busy={busy}
              unavailable={actionWait > 0}
              describedBy={retryAt !== null ? timerId : undefined}
              onPress={() => onAction(action)}
            >
              {label}
            </Button>
          </div>
        )}
      </div>
      <button type="button" className="notice__dismiss" aria-label="Dismiss message" onClick={onDismiss}>
        <CloseIcon />
      </button>
    </div>
  );
}

// 'contact-support' gets no button: the message itself says whom to contact.
// Names differ from the screens' own buttons ("Resend", "Use a different email") so each
// accessible name on a screen stays unique.
function actionLabel(action: NoticeAction | null, canRetry: boolean): string | null {
  switch (action) {
    case 'retry':
      return canRetry ? 'Try again' : null;
    case 'resend':
      return 'Send a new link';
    case 'start-over':
      return 'Start over';
    default:
      return null;
  }
}
