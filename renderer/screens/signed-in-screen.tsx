// Who is signed in, until when, and the way out.
import type { ReactNode } from 'react';
import type { AuthView } from '../../preload/api';
import { Button } from '../components/button';
import { ScreenHeading } from '../components/screen-heading';
import { humanDateTime } from '../format';

interface SignedInScreenProps {
  view: AuthView;
  signingOut: boolean;
  onSignOut: () => void;
  alerts: ReactNode;
}

export function SignedInScreen({ view, signingOut, onSignOut, alerts }: SignedInScreenProps) {
  const who = view.name ?? view.email ?? '';
  const initial = who.trim().charAt(0).toUpperCase() || '?';
  const until = view.expiresAt ? humanDateTime(view.expiresAt, Date.now()) : null;
  return (
    <section className="screen">
      <ScreenHeading>You’re signed in</ScreenHeading>
      <div className="identity">
        <span className="identity__avatar" aria-hidden="true">
          {initial}
        </span>
        <div className="identity__text">
          {view.name && (
            <p className="identity__name" data-testid="user-name">
              {view.name}
            </p>
          )}
          <p className="identity__email" data-testid="user-email">
            {view.email}
          </p>
        </div>
      </div>
      {until && view.expiresAt && (
        <p className="session-expiry" data-testid="session-expiry">
          Your session lasts until <time dateTime={view.expiresAt}>{until}</time>.
        </p>
      )}
      {alerts}
      <Button variant="secondary" wide busy={signingOut} busyLabel="Signing out…" onPress={onSignOut}>
        Sign out
      </Button>
    </section>
  );
}
