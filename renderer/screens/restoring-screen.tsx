// Shown while the main process restores a saved session. It stays quiet: the spinner and
// words fade in only if restoring takes a noticeable moment, so a fast restore shows no
// flash of anything, and never the sign-in form.
import type { ReactNode } from 'react';
import { Button } from '../components/button';
import { ScreenHeading } from '../components/screen-heading';
import { Spinner } from '../components/spinner';

interface RestoringScreenProps {
  alerts: ReactNode;
  /** Set when the first getView failed: offer to ask again. */
  onRetry: (() => void) | null;
  busy: boolean;
}

export function RestoringScreen({ alerts, onRetry, busy }: RestoringScreenProps) {
  return (
    <section className="screen screen--quiet" aria-busy={onRetry ? undefined : true}>
      <div className="splash">
        {!onRetry && <Spinner large />}
        <ScreenHeading>Signing you in…</ScreenHeading>
      </div>
      {alerts}
      {onRetry && (
        <Button wide busy={busy} busyLabel="Trying again…" onPress={onRetry}>
          Try again
        </Button>
      )}
    </section>
  );
}
