// The shell: a wordmark, a centred card, and the screen for the current AuthView status.
// The main process decides the status; this file only maps it to a screen and wires the
// buttons to the bridge.
import { useContext, useEffect, useRef, useState } from 'react';
import type { AuthView, NoticeAction } from '../preload/api';
import { MemoryOnlyBanner } from './components/memory-only-banner';
import { NoticeAlert, noticeKey } from './components/notice-alert';
import { PageFrame } from './components/page-frame';
import { StatusAnnouncer } from './components/status-announcer';
import { UpdateBanner } from './components/update-banner';
import { BridgeContext } from './bridge-context';
import { instant } from './format';
import { Button } from './components/button';
import { AuthenticatingScreen } from './screens/authenticating-screen';
import { CheckEmailScreen } from './screens/check-email-screen';
import { ConfirmLinkScreen } from './screens/confirm-link-screen';
import { DiagnosticsScreen } from './screens/diagnostics-screen';
import { RestoringScreen } from './screens/restoring-screen';
import { SignInScreen } from './screens/sign-in-screen';
import { SignedInScreen } from './screens/signed-in-screen';
import { useAuth } from './use-auth';
import type { ViewFeed } from './view-feed';

// While a resend is 'sending', the view has no link times; keep showing the last ones
// rather than making the countdown blink out.
function withLinkTimes(view: AuthView, lastLinkSent: AuthView | null): AuthView {
  if (view.status !== 'sending' || !lastLinkSent) return view;
  return {
    ...view,
    linkExpiresAt: view.linkExpiresAt ?? lastLinkSent.linkExpiresAt,
    resendAvailableAt: view.resendAvailableAt ?? lastLinkSent.resendAvailableAt,
  };
}

type Screen = 'restoring' | 'sign-in' | 'check-email' | 'authenticating' | 'confirm' | 'signed-in';

// 'sending' is a busy state of whichever screen asked for it: the sign-in form, or a
// resend from "check your email", which must not flash back to the form.
function screenFor(status: AuthView['status'] | null, previous: Screen): Screen {
  switch (status) {
    case null:
    case 'restoring':
      return 'restoring';
    case 'signed-out':
      return 'sign-in';
    case 'sending':
      return previous === 'check-email' ? 'check-email' : 'sign-in';
    case 'link-sent':
      return 'check-email';
    case 'authenticating':
      return 'authenticating';
    case 'confirming':
      return 'confirm';
    case 'signed-in':
      return 'signed-in';
  }
}

export function App({ feed }: { feed: ViewFeed }) {
  const { view, failure, pending, timedOut, canRetry, lastLinkSent, actions } = useAuth(feed);
  const previous = useRef<Screen>('restoring');
  const screen = screenFor(view?.status ?? null, previous.current);
  useEffect(() => {
    previous.current = screen;
  }, [screen]);

  // Diagnostics sits over the screen it was opened from, and gives way as soon as sign-in
  // moves on (a clicked link arrives, the session ends): what happened matters more.
  const [diagnosticsOver, setDiagnosticsOver] = useState<Screen | null>(null);
  if (diagnosticsOver !== null && diagnosticsOver !== screen) setDiagnosticsOver(null);
  const showDiagnostics = diagnosticsOver === screen;
  // Help → Diagnostics in the application menu opens it over whatever is showing.
  const api = useContext(BridgeContext);
  useEffect(() => api?.onShowDiagnostics(() => setDiagnosticsOver(previous.current)), [api]);
  const offersDiagnostics = !showDiagnostics && (screen === 'sign-in' || screen === 'check-email' || screen === 'signed-in');

  const onNoticeAction = (action: NoticeAction) => {
    if (action === 'retry') actions.retry();
    else if (action === 'resend') actions.resend();
    else if (action === 'start-over') actions.startOver();
  };

  const notice = view?.notice ?? null;
  const alerts = (
    <div className="alerts">
      {failure && (
        <NoticeAlert
          // A call that ran out of time can be run again; the restoring screen has its own button.
          notice={{ tone: 'error', message: failure, action: timedOut && screen !== 'restoring' ? 'retry' : null, retryAfterSeconds: null }}
          onAction={actions.retryTimedOut}
          canRetry
          resendAt={null}
          busy={pending !== null}
          onDismiss={actions.clearFailure}
        />
      )}
      {notice && (
        <NoticeAlert
          key={noticeKey(notice)}
          notice={notice}
          onAction={onNoticeAction}
          canRetry={canRetry}
          resendAt={instant(view?.resendAvailableAt ?? null)}
          busy={pending === 'send' || pending === 'resend' || pending === 'start-over'}
          onDismiss={actions.dismissNotice}
        />
      )}
    </div>
  );

  return (
    <PageFrame
      below={
        <>
          {offersDiagnostics && (
            <footer className="page-footer">
              <Button variant="quiet" onPress={() => setDiagnosticsOver(screen)}>
                Diagnostics
              </Button>
            </footer>
          )}
          <StatusAnnouncer view={view} />
        </>
      }
    >
      {view?.persistence === 'memory-only' && screen !== 'restoring' && <MemoryOnlyBanner />}
      <UpdateBanner />
      <div className={screen === 'restoring' ? 'card card--quiet' : 'card'}>
        {showDiagnostics ? <DiagnosticsScreen onBack={() => setDiagnosticsOver(null)} /> : renderScreen()}
      </div>
    </PageFrame>
  );

  function renderScreen() {
    switch (screen) {
      case 'restoring':
        return (
          <RestoringScreen
            alerts={alerts}
            onRetry={view === null && failure !== null ? actions.reload : null}
            busy={pending === 'load'}
          />
        );
      case 'sign-in':
        return (
          <SignInScreen
            key="sign-in"
            initialEmail={view?.email ?? view?.lastEmail ?? ''}
            inviteOnly={view?.features.signUpPolicy === 'existing-users-only'}
            sending={view?.status === 'sending' || pending === 'send'}
            onSend={actions.sendLink}
            alerts={alerts}
          />
        );
      case 'check-email':
        return view ? (
          <CheckEmailScreen
            view={withLinkTimes(view, lastLinkSent)}
            resending={view.status === 'sending' || pending === 'resend' || pending === 'send'}
            submitting={pending === 'submit'}
            startingOver={pending === 'start-over'}
            onResend={actions.resend}
            onStartOver={actions.startOver}
            onSubmitLink={actions.submitLink}
            alerts={alerts}
          />
        ) : null;
      case 'authenticating':
        return <AuthenticatingScreen alerts={alerts} />;
      case 'confirm':
        return view?.email ? (
          <ConfirmLinkScreen
            key={view.email}
            email={view.email}
            pendingEmail={view.pendingEmail}
            confirming={pending === 'confirm'}
            cancelling={pending === 'cancel'}
            onConfirm={actions.confirmLink}
            onCancel={actions.cancelLink}
            alerts={alerts}
          />
        ) : null;
      case 'signed-in':
        return view ? (
          <SignedInScreen
            view={view}
            signingOut={pending === 'sign-out'}
            onSignOut={actions.signOut}
            alerts={alerts}
          />
        ) : null;
    }
  }
}
