// Where this account is signed in, and the way to end every session but this one. The
// sign-out-others button is left out (not just disabled) when there are no others, so
// "Sign out" is the only sign-out button a person meets in the usual case.
import type { SessionSummary } from '../../preload/api';
import { shortDateTime, timeAgo } from '../format';
import type { Account } from '../use-account';
import { useFlash } from '../use-flash';
import { useFocusLater } from '../use-focus-later';
import { Button } from './button';
import { FailureAlert } from './failure-alert';
import { Panel } from './panel';
import { Spinner } from './spinner';

// This computer first, then the most recently active.
function ordered(sessions: SessionSummary[]): SessionSummary[] {
  return [...sessions].sort(
    (a, b) => Number(b.current) - Number(a.current) || Date.parse(b.lastActiveAt) - Date.parse(a.lastActiveAt),
  );
}

export function SessionsPanel({ account }: { account: Account }) {
  const { value, busy, failure, run, clearFailure } = account;
  const [said, say] = useFlash();
  // Once the others are gone, so is their button: focus goes to the line saying so.
  const [noteRef, focusNoteLater] = useFocusLater<HTMLParagraphElement>();
  const now = Date.now();
  const sessions = value ? ordered(value.sessions) : [];
  const others = sessions.some((session) => !session.current);
  const load = () => void run('load', (api) => api.getAccount());
  const signOutOthers = () => {
    focusNoteLater();
    void run('sign-out-others', (api) => api.signOutOtherSessions()).then((ok) => ok && say('Other sessions signed out.'));
  };
  const shownFailure = failure?.op === 'load' || failure?.op === 'sign-out-others' ? failure : null;

  return (
    <Panel title="Active sessions">
      {value === null && busy === 'load' && (
        <p className="loading">
          <Spinner />
          <span>Loading your sessions…</span>
        </p>
      )}
      {shownFailure && (
        <FailureAlert
          message={shownFailure.message}
          onRetry={shownFailure.op === 'load' ? load : signOutOthers}
          onDismiss={clearFailure}
        />
      )}
      {value && (
        <ul className="rows" data-testid="session-list">
          {sessions.map((session) => (
            <li className="row" key={session.id}>
              <div className="row__main">
                {/* A heading per session, so each can be reached from the panel's outline. */}
                <h3 className="row__title">
                  {session.current ? <span className="badge">This computer</span> : 'Another device'}
                </h3>
                <p className="row__meta">
                  Signed in <time dateTime={session.startedAt}>{shortDateTime(session.startedAt)}</time>
                  {' · '}
                  {session.current ? 'active now' : `last active ${timeAgo(session.lastActiveAt, now) ?? 'unknown'}`}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      {others && (
        <Button variant="secondary" busy={busy === 'sign-out-others'} busyLabel="Signing out others…" onPress={signOutOthers}>
          Sign out other sessions
        </Button>
      )}
      {value && !others && (
        <p className="panel__note" tabIndex={-1} ref={noteRef}>
          You’re not signed in anywhere else.
        </p>
      )}
      <p className="visually-hidden" role="status">
        {said}
      </p>
    </Panel>
  );
}
