// A failed call of an account or diagnostics action, shown where the action lives, with
// "Try again" when running it again makes sense.
import { NoticeAlert } from './notice-alert';

interface FailureAlertProps {
  message: string;
  onRetry?: () => void;
  busy?: boolean;
  onDismiss: () => void;
}

export function FailureAlert({ message, onRetry, busy = false, onDismiss }: FailureAlertProps) {
  return (
    <NoticeAlert
      notice={{ tone: 'error', message, action: onRetry ? 'retry' : null, retryAfterSeconds: null }}
      onAction={onRetry ?? null}
      canRetry
      resendAt={null}
      busy={busy}
      onDismiss={onDismiss}
    />
  );
}
