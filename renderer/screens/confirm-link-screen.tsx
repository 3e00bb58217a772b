// A link this computer did not ask for (a link made with "Sign in on another computer", an
// invite, a link pasted from elsewhere) arrived. Anyone can make such a link for their own
// account, so the app asks before it counts: the address in full, since a lookalike address
// is the attack, and Cancel, the safe answer, holds the focus.
import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import { Button } from '../components/button';
import { ScreenHeading } from '../components/screen-heading';

interface ConfirmLinkScreenProps {
  email: string;
  /** The sign-in still pending here, which Cancel returns to. */
  pendingEmail: string | null;
  confirming: boolean;
  cancelling: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  alerts: ReactNode;
}

export function ConfirmLinkScreen(props: ConfirmLinkScreenProps) {
  const { email, pendingEmail, confirming, cancelling, onConfirm, onCancel, alerts } = props;
  const headingId = useId();
  const reasonId = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancel.current?.focus();
  }, []);

  return (
    <section className="screen" role="alertdialog" aria-labelledby={headingId} aria-describedby={reasonId}>
      <ScreenHeading id={headingId} takeFocus={false}>
        Continue as{' '}
        {/* On a line of its own, in a monospaced face: l and 1, O and 0, rn and m stay apart. */}
        <span className="confirm-link__address" data-testid="unrequested-link-email">
          {email}
          <span className="confirm-link__mark">?</span>
        </span>
      </ScreenHeading>
      <p className="screen__lead" id={reasonId} data-testid="unrequested-link-reason">
        {pendingEmail === null ? (
          <>
            This sign-in link was not requested on this computer, so continue only if you made it yourself, for
            example with “Sign in on another computer”.
          </>
        ) : (
          <>
            This sign-in link was not requested on this computer, which is still waiting for the link sent to{' '}
            <strong className="address">{pendingEmail}</strong>, so continue only if you made it yourself.
          </>
        )}
      </p>
      {alerts}
      <div className="actions">
        <Button ref={cancel} wide busy={cancelling} busyLabel="Cancelling…" onPress={onCancel}>
          Cancel
        </Button>
        <Button variant="secondary" wide busy={confirming} busyLabel="Signing you in…" onPress={onConfirm}>
          Continue as {email}
        </Button>
      </div>
    </section>
  );
}
