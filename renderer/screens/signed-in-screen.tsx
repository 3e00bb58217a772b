// The account view: who is signed in and for how long, the way out, signing in on another
// computer, the account's sessions and, when enabled, invites.
import type { ReactNode } from 'react';
import type { AuthView } from '../../preload/api';
import { Button } from '../components/button';
import { DeviceLinkPanel } from '../components/device-link-panel';
import { InvitePanel } from '../components/invite-panel';
import { OfflineIndicator } from '../components/offline-indicator';
import { ScreenHeading } from '../components/screen-heading';
import { SessionsPanel } from '../components/sessions-panel';
import { humanDateTime } from '../format';
import { useAccount } from '../use-account';

interface SignedInScreenProps {
  view: AuthView;
  signingOut: boolean;
  onSignOut: () => void;
  alerts: ReactNode;
}

export function SignedInScreen({ view, signingOut, onSignOut, alerts }: SignedInScreenProps) {
  const account = useAccount();
  const now = Date.now();
  const who = view.name ?? view.email ?? '';
  const initial = who.trim().charAt(0).toUpperCase() || '?';
  const until = view.expiresAt ? humanDateTime(view.expiresAt, now) : null;
  const startedAt = account.value?.sessionStartedAt ?? null;
  const since = startedAt ? humanDateTime(startedAt, now) : null;
  return (
    <section className="screen">
      <ScreenHeading>You’re signed in</ScreenHeading>
      {view.offline && <OfflineIndicator expiresAt={view.expiresAt} />}
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
      <div className="session-times">
        {since && startedAt && (
          <p data-testid="session-started">
            Signed in here since <time dateTime={startedAt}>{since}</time>.
          </p>
        )}
        {until && view.expiresAt && (
          <p data-testid="session-expiry">
            Your session lasts until <time dateTime={view.expiresAt}>{until}</time>.
          </p>
        )}
      </div>
      {alerts}
      <div className="actions">
        <Button variant="secondary" busy={signingOut} busyLabel="Signing out…" onPress={onSignOut}>
          Sign out
        </Button>
      </div>
      <DeviceLinkPanel />
      <SessionsPanel account={account} />
      {view.features.invitesEnabled && <InvitePanel account={account} />}
    </section>
  );
}
