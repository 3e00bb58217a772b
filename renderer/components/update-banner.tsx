// The update banner above the card: an update on offer ("Download update"), on its way, or
// ready ("Restart to update"), and the answer to Help → Check for Updates. Main decides
// everything; the page only shows its UpdateView and passes on the two presses. A restart
// main refuses (a sign-in is under way) is said in the banner, in words.
// Announced politely, never focused: an update must not pull a person out of a sign-in.
import { useContext, useEffect, useState } from 'react';
import type { IpcResult, UpdateView } from '../../preload/api';
import { BridgeContext } from '../bridge-context';
import { Button } from './button';
import { CloseIcon, ToneIcon } from './icons';

type Busy = 'download' | 'restart' | null;

export function UpdateBanner() {
  const api = useContext(BridgeContext);
  const [view, setView] = useState<UpdateView | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(() => {
    if (!api) return;
    let live = true;
    const stop = api.onUpdateChanged((next) => live && setView(next));
    void api.getUpdate().then((result) => live && result.ok && setView(result.value));
    return () => {
      live = false;
      stop();
    };
  }, [api]);

  const press = (op: Exclude<Busy, null>, call: () => Promise<IpcResult<UpdateView>>) => {
    if (busy !== null) return;
    setBusy(op);
    setRefusal(null);
    void call()
      .then((result) => (result.ok ? setView(result.value) : setRefusal(result.message)))
      .finally(() => setBusy(null));
  };

  if (!api || view === null) return null;
  const notice = refusal === null ? view.notice : { tone: 'warning' as const, message: refusal };
  const dismiss = () => {
    setRefusal(null);
    if (view.notice !== null) void api.dismissUpdateNotice().then((result) => result.ok && setView(result.value));
  };

  return (
    <div className="update-area" aria-live="polite">
      {view.status !== 'idle' && view.version !== null && (
        <aside className="banner banner--update" aria-labelledby="update-title" data-testid="update-banner">
          <ToneIcon tone={view.status === 'ready' ? 'success' : 'info'} />
          <div className="banner__body">
            <p className="banner__title" id="update-title">
              {TITLES[view.status](view.version)}
            </p>
            <p className="banner__text">{TEXTS[view.status]}</p>
            {view.status === 'downloading' && (
              <progress className="update-progress" max={100} value={view.percent ?? undefined} aria-labelledby="update-title" />
            )}
          </div>
          {view.status === 'available' && (
            <Button variant="secondary" busy={busy === 'download'} busyLabel="Downloading…" onPress={() => press('download', () => api.downloadUpdate())}>
              Download update
            </Button>
          )}
          {view.status === 'ready' && (
            <Button busy={busy === 'restart'} busyLabel="Restarting…" onPress={() => press('restart', () => api.restartToUpdate())}>
              Restart to update
            </Button>
          )}
        </aside>
      )}
      {notice !== null && (
        <div className={`notice notice--${notice.tone}`} data-testid="update-notice">
          <ToneIcon tone={notice.tone} />
          <div className="notice__body">
            <p className="notice__message">{notice.message}</p>
          </div>
          <button type="button" className="notice__dismiss" aria-label="Dismiss message" onClick={dismiss}>
            <CloseIcon />
          </button>
        </div>
      )}
    </div>
  );
}

const TITLES: Record<Exclude<UpdateView['status'], 'idle'>, (version: string) => string> = {
  available: (version) => `PromptGrimoire ${version} is available`,
  downloading: (version) => `Downloading PromptGrimoire ${version}…`,
  ready: (version) => `PromptGrimoire ${version} is ready`,
};

const TEXTS: Record<Exclude<UpdateView['status'], 'idle'>, string> = {
  available: 'Download it now; you choose when to restart.',
  downloading: 'You can keep working; you choose when to restart.',
  ready: 'It installs when you quit, or restart now.',
};
