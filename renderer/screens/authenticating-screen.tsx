// The main process is checking a link (clicked, or pasted): nothing to do but wait.
import type { ReactNode } from 'react';
import { ScreenHeading } from '../components/screen-heading';
import { Spinner } from '../components/spinner';

export function AuthenticatingScreen({ alerts }: { alerts: ReactNode }) {
  return (
    <section className="screen" aria-busy="true">
      <div className="progress">
        <Spinner large />
        <ScreenHeading>Signing you in…</ScreenHeading>
        <p className="screen__lead">Checking your sign-in link. This only takes a moment.</p>
      </div>
      {alerts}
    </section>
  );
}
