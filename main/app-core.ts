// The main-process core as the Electron shell and the test harness see it. It owns the
// sign-in state machine; the shell only delivers deep links and relays IPC.
// Rule: nothing here may import electron.
import type { AuthView } from '../preload/api';
import type { AppConfig } from './config';
import type { CipherStatus, Clock, Logger, Store } from './ports';

export interface AppCoreDeps {
  config: AppConfig;
  cipher: CipherStatus;
  store: Store;
  logger: Logger;
  clock?: Clock;
}

export interface AppCore {
  /** Restores a stored session (instant, local) and confirms it remotely in the background. */
  start(): Promise<void>;
  /** The current renderer-safe view. */
  view(): AuthView;
  /** Called on every view change; returns the unsubscribe function. */
  onView(listener: (view: AuthView) => void): () => void;
  sendLink(email: string): Promise<AuthView>;
  resend(): Promise<AuthView>;
  /** The paste fallback: the emailed https link or the promptgrimoire:// link. */
  submitLink(link: string): Promise<AuthView>;
  startOver(): Promise<AuthView>;
  dismissNotice(): Promise<AuthView>;
  signOut(): Promise<AuthView>;
  /**
   * A URL handed over by the OS (open-url, second-instance argv, cold-start argv). Invalid
   * URLs are logged (redacted) and ignored; a link delivered twice authenticates once.
   */
  handleDeepLink(url: string): Promise<void>;
  /** Stops timers and background work. */
  dispose(): Promise<void>;
}
