// Asks for an email address and sends the magic link. Obvious typos are caught here, so
// a person is not sent away to wait for an email that can never arrive.
import { useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { Button } from '../components/button';
import { Field } from '../components/field';
import { ScreenHeading } from '../components/screen-heading';
import { emailProblem } from '../format';

interface SignInScreenProps {
  initialEmail: string;
  /** Sign-up is closed: unknown addresses get a notice from main, so say so up front. */
  inviteOnly: boolean;
  sending: boolean;
  onSend: (email: string) => void;
  alerts: ReactNode;
}

export function SignInScreen({ initialEmail, inviteOnly, sending, onSend, alerts }: SignInScreenProps) {
  const [email, setEmail] = useState(initialEmail);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  // No maxLength on the input: silently cutting a pasted address would hide the mistake,
  // while emailProblem says plainly that it is too long.
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    const problem = emailProblem(email);
    setError(problem);
    if (problem) {
      // Back to the field, whose description now carries the error.
      input.current?.focus();
      return;
    }
    onSend(email.trim());
  };

  return (
    <section className="screen">
      <ScreenHeading>Sign in</ScreenHeading>
      <p className="screen__lead">
        Enter your email and we’ll send you a link that signs you in. No password needed.
      </p>
      {inviteOnly && <p className="screen__note">Only invited accounts can sign in.</p>}
      {alerts}
      <form className="form" noValidate onSubmit={submit}>
        <Field
          ref={input}
          label="Email"
          type="email"
          autoComplete="email"
          inputMode="email"
          placeholder="name@example.com"
          value={email}
          readOnly={sending}
          error={error}
          onChange={(value) => {
            setEmail(value);
            // Clear a stale error as soon as it is fixed, but don't nag mid-typing.
            if (error && emailProblem(value) === null) setError(null);
          }}
        />
        <Button type="submit" wide busy={sending} busyLabel="Sending…">
          Send magic link
        </Button>
      </form>
    </section>
  );
}
