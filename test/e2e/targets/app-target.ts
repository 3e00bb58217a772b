// What every e2e target gives a spec: a page showing the app, and the OS-side verbs.
// The harness target and the real-Electron target both return this shape, so one spec
// file runs against both.
import type { Page } from '@playwright/test';

export interface AppTarget {
  /** The app's window (a Chromium page in the harness, the BrowserWindow in Electron). */
  readonly page: Page;
  /** Hands a URL to the app the way the operating system would. */
  deliverDeepLink(url: string): Promise<void>;
  /** What the app last put on the system clipboard. */
  readClipboard(): Promise<string>;
  /** Stops the app and starts it again on the same user data, with a fresh window. */
  restart(): Promise<void>;
  /**
   * Moves the app's clock (its main process and its window) forward, as if `ms` had passed;
   * absent where the target cannot, and a spec then waits for real.
   */
  advanceClock?(ms: number): Promise<void>;
  close(): Promise<void>;
}
