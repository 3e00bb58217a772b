// "Sign in on another computer": main makes a one-time link for this account and keeps it.
// The page shows only the masked preview and asks main to put the real link on the
// clipboard, so the token never enters the page.
import type { DeviceLinkView } from '../../preload/api';
import { instant, secondsLeft, shortDuration, spokenDuration } from '../format';
import { useFlash } from '../use-flash';
import { useFocusLater } from '../use-focus-later';
import { useNow } from '../use-now';
import { useRemote } from '../use-remote';
import { Button } from './button';
import { FailureAlert } from './failure-alert';
import { Panel } from './panel';
import { FlashStatus } from './flash-status';

const EXPIRED = 'This link has expired. Create a new one to sign in elsewhere.';

export function DeviceLinkPanel() {
  const { value, busy, failure, run, clearFailure } = useRemote<DeviceLinkView, 'create' | 'copy'>();
  const [copied, showCopied] = useFlash();
  // "Copy link" replaces the button that created the link; focus follows it there.
  const [copyRef, focusCopyLater] = useFocusLater<HTMLButtonElement>();
  const expiresAt = value ? instant(value.expiresAt) : null;
  const now = useNow(expiresAt);
  const left = secondsLeft(expiresAt, now);
  const expired = value !== null && left === 0;

  const create = () => {
    focusCopyLater();
    void run('create', (api) => api.createDeviceLink());
  };
  const copy = () => void run('copy', (api) => api.copyDeviceLink()).then((ok) => ok && showCopied('Copied'));

  return (
    <Panel title="Use another computer">
      <p className="panel__note">
        On the other computer, click the link, or open PromptGrimoire, enter any email and choose “Paste your
        sign-in link”. That computer did not ask for the link, so it will ask you to confirm: check that it shows
        your address and choose “Continue as …”. The link works once, for 10 minutes.
      </p>
      {failure && (
        <FailureAlert message={failure.message} onRetry={failure.op === 'create' ? create : copy} onDismiss={clearFailure} />
      )}
      {value === null ? (
        <Button variant="secondary" busy={busy === 'create'} busyLabel="Creating a link…" onPress={create}>
          Sign in on another computer
        </Button>
      ) : (
        <div className="device-link">
          <code className="device-link__value" data-testid="device-link">
            {value.maskedLink}
          </code>
          <p
            className={expired ? 'device-link__timer is-expired' : 'device-link__timer'}
            role="timer"
            data-testid="device-link-countdown"
          >
            {expired ? (
              EXPIRED
            ) : (
              <>
                <span aria-hidden="true">
                  Expires in <strong>{shortDuration(left)}</strong>
                </span>
                <span className="visually-hidden">Expires in {spokenDuration(left)}</span>
              </>
            )}
          </p>
          <div className="actions">
            <Button
              ref={copyRef}
              variant={expired ? 'secondary' : 'primary'}
              busy={busy === 'copy'}
              busyLabel="Copying…"
              unavailable={expired}
              onPress={copy}
            >
              Copy link
            </Button>
            {expired && (
              <Button busy={busy === 'create'} busyLabel="Creating a link…" onPress={create}>
                Create a new link
              </Button>
            )}
            <FlashStatus text={copied} />
          </div>
        </div>
      )}
      {/* Said once, when the link runs out; the ticking timer is not announced. */}
      <p className="visually-hidden" aria-live="polite">
        {expired ? 'The link for another computer has expired.' : ''}
      </p>
    </Panel>
  );
}
