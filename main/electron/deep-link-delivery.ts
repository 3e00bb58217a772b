// How a promptgrimoire:// link gets from the operating system into the inbox:
// - macOS fires `open-url`, possibly before `ready`, so its listener goes on first thing;
// - Windows and Linux start a second process with the link in argv, which the
//   single-instance lock turns into `second-instance` here;
// - a cold start carries the link in this process's own argv.
// Rule: Electron types only (`import type`); the real `app` is passed in by main/index.ts.
import { resolve } from 'node:path';
import type { App, Event as ElectronEvent } from 'electron';
import { findCallbackUrlInArgv, parseCallbackUrl } from '../auth/deep-link';
import { APP_SCHEME } from '../../common/stytch/constants';
import type { DeepLinkInbox } from './deep-link-inbox';
import type { Expect } from './type-checks';

export { APP_SCHEME };

type OpenUrlListener = (event: ElectronEvent, url: string) => void;
type SecondInstanceListener = (event: ElectronEvent, argv: string[], workingDirectory: string, additionalData: unknown) => void;

/**
 * The part of `app` this module touches. `on` is spelled out per event (Pick would keep
 * App's `this` return type, which only the real App can satisfy); the check below proves
 * Electron's App still fits, so a change in Electron's types fails the type-check here.
 */
export interface DeepLinkApp extends Pick<App, 'requestSingleInstanceLock' | 'quit' | 'setAsDefaultProtocolClient' | 'isPackaged'> {
  on(event: 'open-url', listener: OpenUrlListener): unknown;
  on(event: 'second-instance', listener: SecondInstanceListener): unknown;
}
export type _AppFitsDeepLinkApp = Expect<App extends DeepLinkApp ? true : false>;

/**
 * Picks the callback link out of an argv (Windows/Linux put it among the exe path, the app
 * path and Chromium flags). Some browsers append a slash to the whole URL when they hand it
 * to the OS; that slash lands inside the query, so it is dropped when that alone makes the
 * link valid. Returns the raw candidate otherwise, so the core can log why it refused it.
 */
export function linkFromArgv(argv: readonly string[]): string | null {
  const found = findCallbackUrlInArgv(argv);
  if (found === null || parseCallbackUrl(found) !== null) return found;
  const trimmed = found.trim();
  if (trimmed.endsWith('/')) {
    const withoutSlash = trimmed.slice(0, -1);
    if (parseCallbackUrl(withoutSlash) !== null) return withoutSlash;
  }
  return found;
}

export interface ProtocolClientOptions {
  /** process.defaultApp: true when running as `electron <script>` (development). */
  defaultApp: boolean;
  execPath: string;
  argv: readonly string[];
}

/**
 * Makes the OS open promptgrimoire:// links with this app. In development the executable
 * is Electron itself, so the script path must be passed too, or Windows would start a bare
 * Electron with the link (macOS and Linux ignore the extra arguments).
 */
export function registerProtocolClient(app: Pick<DeepLinkApp, 'setAsDefaultProtocolClient'>, options: ProtocolClientOptions): boolean {
  if (!options.defaultApp) return app.setAsDefaultProtocolClient(APP_SCHEME);
  const script = options.argv[1];
  if (script === undefined) return false;
  return app.setAsDefaultProtocolClient(APP_SCHEME, options.execPath, [resolve(script)]);
}

/**
 * Takes the single-instance lock. A second process (the OS handing over a link on
 * Windows/Linux) has already passed its argv to the first one by the time it is refused,
 * so it quits at once; the caller must wire nothing else when this returns false.
 */
export function claimSingleInstance(app: DeepLinkApp): boolean {
  const claimed = app.requestSingleInstanceLock();
  if (!claimed) app.quit();
  return claimed;
}

export interface DeepLinkListeners {
  inbox: DeepLinkInbox;
  /** Shows, restores and focuses the window (creating it when none is open). */
  reveal: () => void;
}

/**
 * Attaches open-url and second-instance. Must run synchronously at start-up, before
 * `ready`: an open-url emitted before the listener exists is lost for good.
 */
export function listenForDeepLinks(app: DeepLinkApp, { inbox, reveal }: DeepLinkListeners): void {
  app.on('open-url', (event, url) => {
    // Tells macOS the app handled the URL itself.
    event.preventDefault();
    inbox.deliver(linkFromArgv([url]) ?? url);
    reveal();
  });
  app.on('second-instance', (_event, argv) => {
    // A second launch without a link still means "show me the app".
    const link = linkFromArgv(argv);
    if (link !== null) inbox.deliver(link);
    reveal();
  });
}

/** A cold start: the link that launched this process, if any. */
export function deliverColdStartLink(inbox: DeepLinkInbox, argv: readonly string[]): boolean {
  const link = linkFromArgv(argv);
  if (link === null) return false;
  inbox.deliver(link);
  return true;
}
