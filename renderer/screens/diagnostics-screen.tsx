// What support asks for when "the link didn't open the app": which app opens sign-in
// links, how the session is stored, whether the sign-in service answers, and where the
// log is. Each check shows its state by icon and by words, never by colour alone.
import { useEffect } from 'react';
import type { ReactNode } from 'react';
import type { DiagnosticsView } from '../../preload/api';
import { Button } from '../components/button';
import { FailureAlert } from '../components/failure-alert';
import { BackIcon, ToneIcon } from '../components/icons';
import { ScreenHeading } from '../components/screen-heading';
import { Spinner } from '../components/spinner';
import { useFlash } from '../use-flash';
import { useFocusLater } from '../use-focus-later';
import { useRemote } from '../use-remote';
import { FlashStatus } from '../components/flash-status';

type DiagnosticsOp = 'load' | 'copy' | 'fix' | 'reveal';

export function DiagnosticsScreen({ onBack }: { onBack: () => void }) {
  const { value, busy, failure, run, clearFailure } = useRemote<DiagnosticsView, DiagnosticsOp>();
  const [copied, showCopied] = useFlash();
  const [said, say] = useFlash();
  // "Fix" disappears once it worked; focus goes to the check it fixed.
  const [protocolRef, focusProtocolLater] = useFocusLater<HTMLDivElement>();
  const load = () => void run('load', (api) => api.getDiagnostics());
  useEffect(load, [run]);

  const copy = () => void run('copy', (api) => api.copyDiagnostics()).then((ok) => ok && showCopied('Copied'));
  const fix = () => {
    focusProtocolLater();
    void run('fix', (api) => api.fixProtocolHandler()).then((ok) => ok && say('Sign-in links checked again.'));
  };
  const reveal = () => void run('reveal', (api) => api.revealLogFile()).then((ok) => ok && say('Log file shown.'));

  return (
    <section className="screen">
      <div className="back">
        <Button variant="quiet" onPress={onBack}>
          <BackIcon />
          Back
        </Button>
      </div>
      <ScreenHeading>Diagnostics</ScreenHeading>
      <p className="screen__lead">
        If sign-in isn’t working, copy these details into your message to support. They hold no password or
        sign-in link.
      </p>
      {value === null && busy === 'load' && (
        <p className="loading">
          <Spinner />
          <span>Checking this computer…</span>
        </p>
      )}
      {failure && (
        <FailureAlert
          message={failure.message}
          onRetry={failure.op === 'load' ? load : failure.timedOut ? { copy, fix, reveal }[failure.op] : undefined}
          busy={busy === 'load'}
          onDismiss={clearFailure}
        />
      )}
      {value && (
        <>
          <dl className="facts">
            <Fact term="Version">
              <span>
                {value.appVersion} <span className="muted">({value.channel} channel)</span>
              </span>
            </Fact>
            <Fact term="Platform">{value.platform}</Fact>
            <Fact term="Sign-in links" testId="protocol-handler-status" focusRef={protocolRef}>
              <ProtocolState view={value} fixing={busy === 'fix'} onFix={fix} />
            </Fact>
            <Fact term="Session storage" testId="storage-status">
              {value.storage.encrypted ? (
                <Check good>Encrypted on this computer ({value.storage.backend})</Check>
              ) : (
                <>
                  <Check good={false}>Memory only ({value.storage.backend})</Check>
                  <p className="fact__detail">
                    This computer offers no secure storage, so your sign-in is never written to disk and you’ll
                    sign in again after quitting. To fix it, make the system keyring available, then restart the app.
                  </p>
                </>
              )}
              {value.keyringReason && <p className="fact__detail">Keyring chosen because {value.keyringReason}.</p>}
            </Fact>
            <Fact term="Network" testId="network-status">
              {value.network === 'direct' ? 'Direct' : `Through ${value.network.replace(/^through /, '')}`}
            </Fact>
            <Fact term="Sign-in service" testId="stytch-status">
              {value.stytch.reachable ? (
                <Check good>
                  Reachable{value.stytch.latencyMs !== null && ` in ${Math.round(value.stytch.latencyMs)} ms`}
                </Check>
              ) : (
                <Check good={false}>Not reachable</Check>
              )}
              <p className="fact__detail">
                {value.stytch.target}
                {value.stytch.detail && ` — ${value.stytch.detail}`}
              </p>
            </Fact>
            <Fact term="Crash reports" testId="crash-reports-status">
              {value.crashReports.enabled ? `On, sent to ${value.crashReports.server ?? 'the configured server'}` : 'Off'}
            </Fact>
            <Fact term="Updates" testId="updates-status">
              {UPDATE_MODE_WORDS[value.updates.mode]}
              {value.updates.lastCheck !== null && <p className="fact__detail">Last check: {value.updates.lastCheck}</p>}
            </Fact>
            <Fact term="Log file">
              {value.logFilePath ? (
                <>
                  <code className="path">{value.logFilePath}</code>
                  <div>
                    <Button variant="secondary" busy={busy === 'reveal'} busyLabel="Opening…" onPress={reveal}>
                      Show log file
                    </Button>
                  </div>
                </>
              ) : (
                'No log file in this run.'
              )}
            </Fact>
          </dl>
          <div className="actions">
            <Button busy={busy === 'copy'} busyLabel="Copying…" onPress={copy}>
              Copy diagnostics
            </Button>
            <FlashStatus text={copied} />
          </div>
        </>
      )}
      <p className="visually-hidden" role="status">
        {said}
      </p>
    </section>
  );
}

const UPDATE_MODE_WORDS: Record<DiagnosticsView['updates']['mode'], string> = {
  automatic: 'Automatic: downloaded in the background, installed on quit',
  notify: 'Offered: downloaded when you accept',
  off: 'Off: this installation does not look for updates',
};

interface FactProps {
  term: string;
  testId?: string;
  focusRef?: (element: HTMLDivElement | null) => void;
  children: ReactNode;
}

function Fact({ term, testId, focusRef, children }: FactProps) {
  return (
    <div className="fact" data-testid={testId} ref={focusRef} tabIndex={focusRef ? -1 : undefined}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A check's outcome: the icon shape and the words carry it, the colour only repeats it. */
function Check({ good, children }: { good: boolean; children: ReactNode }) {
  return (
    <p className={good ? 'check is-good' : 'check is-bad'}>
      <ToneIcon tone={good ? 'success' : 'warning'} />
      <span>{children}</span>
    </p>
  );
}

function ProtocolState({ view, fixing, onFix }: { view: DiagnosticsView; fixing: boolean; onFix: () => void }) {
  const { isDefault, currentHandler, canFix } = view.protocolHandler;
  if (isDefault) return <Check good>PromptGrimoire opens promptgrimoire:// links</Check>;
  return (
    <>
      <Check good={false}>
        {currentHandler ? `Opened by ${currentHandler}, not PromptGrimoire` : 'No app opens promptgrimoire:// links'}
      </Check>
      {canFix ? (
        <div>
          <Button variant="secondary" busy={fixing} busyLabel="Fixing…" onPress={onFix}>
            Fix
          </Button>
        </div>
      ) : (
        <p className="fact__detail">Until this is fixed, use “Paste your sign-in link” after requesting a link.</p>
      )}
    </>
  );
}
