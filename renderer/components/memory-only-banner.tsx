// Shown whenever the main process keeps the session in memory only, because the operating
// system offers no real encryption. A note, not an alert: it is a standing condition,
// and it must not be mistaken for the notice of the moment.
import { ToneIcon } from './icons';

// The renderer may read the user agent; nothing else about the machine is exposed to it.
const onLinux = /Linux/.test(navigator.userAgent) && !/Android/.test(navigator.userAgent);

export function MemoryOnlyBanner() {
  return (
    <aside className="banner" aria-labelledby="memory-only-title" data-testid="memory-only-banner">
      <ToneIcon tone="warning" />
      <div>
        <p className="banner__title" id="memory-only-title">
          <span className="visually-hidden">Warning: </span>
          You’ll need to sign in again next time
        </p>
        <p className="banner__text">
          This computer offers no secure storage, so PromptGrimoire keeps your sign-in only until you
          quit.{' '}
          {onLinux
            ? 'To stay signed in, install and unlock a keyring such as GNOME Keyring or KWallet, then restart the app.'
            : 'To stay signed in, make sure your system keychain is available, then restart the app.'}
        </p>
      </div>
    </aside>
  );
}
