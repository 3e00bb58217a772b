// After the link is sent: where it went, how long it works, a resend after the cooldown,
// and a paste field for when clicking the link does not bring the app forward.
import { useId, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { AuthView } from '../../preload/api';
import { Button } from '../components/button';
import { Field } from '../components/field';
import { ScreenHeading } from '../components/screen-heading';
import { instant, linkProblem, secondsLeft, shortDuration, spokenDuration } from '../format';
import { useNow } from '../use-now';

interface CheckEmailScreenProps {
  view: AuthView;
  resending: boolean;
  submitting: boolean;
  startingOver: boolean;
  onResend: () => void;
  onStartOver: () => void;
  onSubmitLink: (link: string) => void;
  alerts: ReactNode;
}

export function CheckEmailScreen(props: CheckEmailScreenProps) {
  const { view, resending, submitting, startingOver, onResend, onStartOver, onSubmitLink, alerts } = props;
  const waitId = useId();
  const linkAt = instant(view.linkExpiresAt);
  const resendAt = instant(view.resendAvailableAt);
  const now = useNow(Math.max(linkAt ?? 0, resendAt ?? 0) || null);
  const linkLeft = secondsLeft(linkAt, now);
  const expired = linkAt !== null && linkLeft === 0;
  const resendWait = resending ? 0 : secondsLeft(resendAt, now);

  const [link, setLink] = useState('');
  const [linkError, setLinkError] = useState<string | null>(null);
  const linkInput = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const problem = linkProblem(link);
    setLinkError(problem);
    if (problem) {
      linkInput.current?.focus();
      return;
    }
    onSubmitLink(link.trim());
  };

  return (
    <section className="screen">
      <ScreenHeading>Check your email</ScreenHeading>
      <p className="screen__lead">
        We sent a sign-in link to <strong className="address">{view.email ?? 'your address'}</strong>. Open
        it on this computer to sign in.
      </p>
      {linkAt !== null && (
        <p className={expired ? 'link-timer is-expired' : 'link-timer'} role="timer" data-testid="link-countdown">
          {expired ? (
            'The link has expired. Resend to get a new one.'
          ) : (
            <>
              <span aria-hidden="true">
                The link expires in <strong>{shortDuration(linkLeft)}</strong>.
              </span>
              <span className="visually-hidden">The link expires in {spokenDuration(linkLeft)}.</span>
            </>
          )}
        </p>
      )}
      {/* Said once, when the link runs out; the ticking timer above is not announced. */}
      <p className="visually-hidden" aria-live="polite">
        {expired ? 'The link has expired. Resend to get a new one.' : ''}
      </p>
      {alerts}
      <div className="actions">
        <Button
          variant={expired ? 'primary' : 'secondary'}
          busy={resending}
          busyLabel="Sending…"
          unavailable={resendWait > 0}
          describedBy={resendWait > 0 ? waitId : undefined}
          onPress={onResend}
        >
          Resend
          {/* Visible only: the accessible name stays "Resend"; the wait is its description. */}
          {resendWait > 0 && <span aria-hidden="true"> in {shortDuration(resendWait)}</span>}
        </Button>
        <Button variant="quiet" busy={startingOver} busyLabel="Starting over…" onPress={onStartOver}>
          Use a different email
        </Button>
        {resendWait > 0 && (
          <span className="visually-hidden" id={waitId}>
            You can resend in {spokenDuration(resendWait)}.
          </span>
        )}
      </div>
      <form className="form paste" noValidate onSubmit={submit}>
        <Field
          ref={linkInput}
          label="Paste your sign-in link"
          hint="Use this if clicking the link in the email doesn’t open PromptGrimoire."
          type="url"
          autoComplete="off"
          placeholder="https://…"
          value={link}
          readOnly={submitting}
          error={linkError}
          onChange={(value) => {
            setLink(value);
            if (linkError && linkProblem(value) === null) setLinkError(null);
          }}
        />
        <Button type="submit" variant="secondary" wide busy={submitting} busyLabel="Signing in…">
          Sign in with link
        </Button>
      </form>
    </section>
  );
}
