// Shown instead of the app after a render error. It depends on nothing the error may have
// broken: no view, no hooks of the app, only the bridge and the two ways on.
import { useState } from 'react';
import type { GrimoireApi } from '../../preload/api';
import { Button } from '../components/button';
import { FlashStatus } from '../components/flash-status';
import { PageFrame } from '../components/page-frame';
import { ScreenHeading } from '../components/screen-heading';
import { useFlash } from '../use-flash';

interface RecoveryScreenProps {
  api: GrimoireApi | undefined;
  reference: string | null;
  onReload: () => void;
}

export function RecoveryScreen({ api, reference, onReload }: RecoveryScreenProps) {
  const [copying, setCopying] = useState(false);
  const [said, say] = useFlash();
  const copy = () => {
    if (!api || copying) return;
    setCopying(true);
    api.copyDiagnostics().then(
      (result) => {
        setCopying(false);
        say(result.ok ? 'Diagnostics copied' : result.message);
      },
      () => {
        setCopying(false);
        say('Diagnostics could not be copied.');
      },
    );
  };
  return (
    <PageFrame>
      <div className="card">
        <section className="screen" data-testid="recovery-screen">
          <ScreenHeading>Something went wrong</ScreenHeading>
          <p className="screen__lead">
            PromptGrimoire hit a problem while showing this window. Your sign-in is safe: reload to carry on where
            you were.
          </p>
          <p className="screen__lead">
            If it happens again, copy the diagnostics into your message to support
            {reference ? (
              <>
                {' '}
                and mention <code data-testid="recovery-reference">{reference}</code>
              </>
            ) : null}
            .
          </p>
          <div className="actions">
            <Button wide onPress={onReload}>
              Reload
            </Button>
            {api && (
              <Button variant="secondary" wide busy={copying} busyLabel="Copying…" onPress={copy}>
                Copy diagnostics
              </Button>
            )}
          </div>
          <FlashStatus text={said} />
        </section>
      </div>
    </PageFrame>
  );
}
