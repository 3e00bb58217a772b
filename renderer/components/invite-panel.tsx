// Invite someone by email, and the invites still waiting to be accepted. Shown only when
// the app's configuration enables invites. Names are optional: Stytch's invite needs only
// the address.
import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { AccountView } from '../../preload/api';
import { emailProblem, PERSON_NAME_MAX_LENGTH, timeAgo } from '../format';
import type { Account } from '../use-account';
import { useFlash } from '../use-flash';
import { Button } from './button';
import { FailureAlert } from './failure-alert';
import { Field } from './field';
import { Panel } from './panel';

type Invite = AccountView['pendingInvites'][number];

function inviteeProblem(email: string): string | null {
  return email.trim() === '' ? 'Enter the email address to invite.' : emailProblem(email);
}

export function InvitePanel({ account }: { account: Account }) {
  const { value, busy, failure, run, clearFailure } = account;
  const [email, setEmail] = useState('');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [said, say] = useFlash();
  const emailInput = useRef<HTMLInputElement>(null);
  const pendingHeading = useRef<HTMLHeadingElement>(null);
  const sending = busy === 'invite';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    const problem = inviteeProblem(email);
    setError(problem);
    if (problem) {
      emailInput.current?.focus();
      return;
    }
    const invite = { email: email.trim(), firstName: firstName.trim(), lastName: lastName.trim() };
    void run('invite', (api) => api.inviteUser(invite)).then((ok) => {
      if (!ok) return;
      setEmail('');
      setFirstName('');
      setLastName('');
      say('Invite sent.');
    });
  };

  const revoke = (address: string) => {
    setRevoking(address);
    void run('revoke', (api) => api.revokeInvite({ email: address })).then((ok) => {
      setRevoking(null);
      if (!ok) return;
      say('Invite revoked.');
      // Its row, and the focused button with it, is gone.
      pendingHeading.current?.focus();
    });
  };

  const shownFailure = failure?.op === 'invite' || failure?.op === 'revoke' ? failure : null;
  return (
    <Panel title="Invite someone">
      <form className="form" noValidate onSubmit={submit}>
        <Field
          ref={emailInput}
          label="Invitee email"
          type="email"
          autoComplete="off"
          inputMode="email"
          placeholder="name@example.com"
          value={email}
          readOnly={sending}
          error={error}
          onChange={(next) => {
            setEmail(next);
            if (error && inviteeProblem(next) === null) setError(null);
          }}
        />
        <div className="name-fields">
          <Field
            label="First name"
            autoComplete="off"
            maxLength={PERSON_NAME_MAX_LENGTH}
            value={firstName}
            readOnly={sending}
            onChange={setFirstName}
          />
          <Field
            label="Last name"
            autoComplete="off"
            maxLength={PERSON_NAME_MAX_LENGTH}
            value={lastName}
            readOnly={sending}
            onChange={setLastName}
          />
        </div>
        {shownFailure && (
          <FailureAlert
            message={shownFailure.message}
            // A timed-out invite is sent again as the form stands; a revoke is retried from its row.
            onRetry={shownFailure.op === 'invite' && shownFailure.timedOut ? () => emailInput.current?.form?.requestSubmit() : undefined}
            onDismiss={clearFailure}
          />
        )}
        <Button type="submit" variant="secondary" busy={sending} busyLabel="Sending invite…">
          Send invite
        </Button>
      </form>
      {value && (
        <>
          <h3 className="panel__subtitle" tabIndex={-1} ref={pendingHeading}>
            Pending invites
          </h3>
          {value.pendingInvites.length === 0 ? (
            <p className="panel__note">No invites are waiting.</p>
          ) : (
            <ul className="rows" data-testid="invite-list">
              {value.pendingInvites.map((invite) => (
                <InviteRow
                  key={invite.email}
                  invite={invite}
                  revoking={revoking === invite.email}
                  onRevoke={() => revoke(invite.email)}
                />
              ))}
            </ul>
          )}
        </>
      )}
      <p className="visually-hidden" role="status">
        {said}
      </p>
    </Panel>
  );
}

function InviteRow({ invite, revoking, onRevoke }: { invite: Invite; revoking: boolean; onRevoke: () => void }) {
  const emailId = useId();
  return (
    <li className="row">
      <div className="row__main">
        {/* Each row is headed by whom it invites, under "Pending invites". */}
        {invite.name ? (
          <>
            <h4 className="row__title">{invite.name}</h4>
            <p className="row__meta address-line" id={emailId}>
              {invite.email}
            </p>
          </>
        ) : (
          <h4 className="row__title address-line" id={emailId}>
            {invite.email}
          </h4>
        )}
        <p className="row__meta">
          Sent <time dateTime={invite.sentAt}>{timeAgo(invite.sentAt, Date.now())}</time>
        </p>
      </div>
      {/* Every row's button is "Revoke"; the address, as its description, says which. */}
      <Button variant="secondary" busy={revoking} busyLabel="Revoking…" describedBy={emailId} onPress={onRevoke}>
        Revoke
      </Button>
    </li>
  );
}
