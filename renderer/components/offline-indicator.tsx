// Signed in, but the sign-in service cannot be reached. A status, not an alert: nothing is
// wrong that the person must act on; the main process keeps the session and reconnects.
import { humanDateTime } from '../format';
import { OfflineIcon } from './icons';

export function OfflineIndicator({ expiresAt }: { expiresAt: string | null }) {
  const until = expiresAt ? humanDateTime(expiresAt, Date.now()) : null;
  return (
    <p className="pill" role="status" data-testid="offline-indicator">
      <OfflineIcon />
      <span>
        Offline — you stay signed in{' '}
        {until && expiresAt ? (
          <>
            until <time dateTime={expiresAt}>{until}</time>
          </>
        ) : (
          'while your session lasts'
        )}
        ; we’ll reconnect automatically.
      </span>
    </p>
  );
}
