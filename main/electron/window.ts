// The one app window and the walls around its page: sandboxed, context-isolated, no Node,
// no navigation away, no popups, no <webview>, no permissions. The only way out of the app
// is an allowlisted https link opened in the person's own browser.
// Rule: Electron types only; main/index.ts constructs the BrowserWindow and passes it in.
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Event as ElectronEvent,
  Session,
  WebContents,
  WebContentsWillNavigateEventParams,
  WindowOpenHandlerResponse,
} from 'electron';
import type { Logger } from '../../common/ports';
import type { PlacementLimits } from '../window/bounds-policy';
import type { Expect } from './type-checks';

/** The window's first size and the least it can be resized to (main/window places it). */
export const WINDOW_SIZES: PlacementLimits = { defaultSize: { width: 520, height: 680 }, minimumSize: { width: 380, height: 520 } };

/**
 * `devTools` only for a development run: in an installed app the developer tools would let
 * anyone at the keyboard read the page's state and call the bridge by hand.
 */
export function mainWindowOptions(preloadPath: string, options: { devTools?: boolean } = {}): BrowserWindowConstructorOptions {
  return {
    ...WINDOW_SIZES.defaultSize,
    minWidth: WINDOW_SIZES.minimumSize.width,
    minHeight: WINDOW_SIZES.minimumSize.height,
    title: 'PromptGrimoire',
    // Shown on ready-to-show, so a person never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click could only navigate or open a window, both denied; this removes it outright.
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools === true,
    },
  };
}

/** Hosts whose https pages may be opened in the default browser (help, privacy, Stytch's notices). */
export const EXTERNAL_HOSTS: readonly string[] = ['promptgrimoire.com', 'stytch.com'];

/** https only, no credentials, and the host is an allowlisted one or a subdomain of it. */
export function isAllowedExternalUrl(raw: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return false;
  const host = url.hostname.toLowerCase();
  return hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

/** Only the origin is logged: a URL the page tried to reach may carry anything in its query. */
function originOf(raw: string): string {
  try {
    return new URL(raw).origin;
  } catch {
    return '(unparseable)';
  }
}

/** The events and handlers of the page's WebContents this module touches. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: ElectronEvent<WebContentsWillNavigateEventParams>) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: ElectronEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenHandlerResponse): void;
}
export type _WebContentsFitsGuardedContents = Expect<WebContents extends GuardedContents ? true : false>;

/** Permission handlers, narrowed to the arguments a deny-all handler needs. */
export interface PermissionSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}
export type _SessionFitsPermissionSession = Expect<Session extends PermissionSession ? true : false>;

export interface GuardOptions {
  /** shell.openExternal in the app. */
  openExternal: (url: string) => Promise<void>;
  logger: Logger;
}

/** Opens an allowlisted link in the browser; anything else is only logged. */
export function leaveThroughAllowlist(url: string, { openExternal, logger }: GuardOptions): void {
  if (!isAllowedExternalUrl(url)) {
    logger.warn('window: blocked a link to a host that is not allowlisted', { origin: originOf(url) });
    return;
  }
  openExternal(url).catch((error: unknown) => {
    logger.warn('window: could not open an allowlisted link in the browser', { error: String(error) });
  });
}

export function guardWebContents(contents: GuardedContents, options: GuardOptions): void {
  // The page never navigates: it is one document that talks to main over IPC. A link to an
  // allowlisted site goes to the browser instead.
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    leaveThroughAllowlist(event.url, options);
  });
  contents.setWindowOpenHandler(({ url }) => {
    leaveThroughAllowlist(url, options);
    return { action: 'deny' };
  });
  // webviewTag is off already; this also stops a guest page should that ever change.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.logger.warn('window: refused to attach a webview');
  });
}

/** Sign-in needs no camera, notifications, clipboard or anything else the web can ask for. */
export function denyAllPermissions(session: PermissionSession, logger: Logger): void {
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    logger.warn('window: denied a permission request', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}

/** What revealing and tracking the window needs from a BrowserWindow. */
export type RevealableWindow = Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'>;

export interface WindowKeeper<W extends RevealableWindow> {
  /** The open window, or null when there is none (never created, or closed). */
  readonly current: () => W | null;
  /** Creates the window if none is open. Only after `ready`. */
  readonly open: () => W;
  /** Brings the window to the front: create, restore if minimised, show, focus. Safe to pass around unbound. */
  readonly reveal: () => void;
  /** Called once the app is ready; a reveal requested earlier happens now. */
  readonly markReady: () => void;
}

/**
 * Keeps at most one window. Deep links can ask for it before `ready` (macOS open-url), when
 * no window can exist yet; that request is remembered and honoured by markReady().
 */
export function createWindowKeeper<W extends RevealableWindow>(create: () => W): WindowKeeper<W> {
  let win: W | null = null;
  let ready = false;
  let revealWhenReady = false;

  const current = (): W | null => (win !== null && !win.isDestroyed() ? win : null);
  const open = (): W => {
    const existing = current();
    if (existing !== null) return existing;
    win = create();
    return win;
  };
  const reveal = (): void => {
    if (!ready) {
      revealWhenReady = true;
      return;
    }
    const existing = current();
    // A fresh window shows itself on ready-to-show; showing it earlier flashes a blank frame.
    if (existing === null) {
      open();
      return;
    }
    if (existing.isMinimized()) existing.restore();
    existing.show();
    existing.focus();
  };
  return {
    current,
    open,
    reveal,
    markReady: () => {
      ready = true;
      if (revealWhenReady) {
        revealWhenReady = false;
        reveal();
      }
    },
  };
}
