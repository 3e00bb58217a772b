// Holds deep links that arrive before the core exists (macOS fires open-url before
// `ready`; a cold-start link sits in argv) and hands them over, in order, once it does.
// Rule: every link goes through here, so there is one path from the OS to the core.
import type { AppCore } from '../app-core';

export type DeepLinkSink = Pick<AppCore, 'handleDeepLink'>;

/**
 * More than a handful of links before start-up finishes is not a person clicking; keep the
 * newest few rather than growing without bound.
 */
export const MAX_BUFFERED_LINKS = 8;

export class DeepLinkInbox {
  private readonly pending: string[] = [];
  private sink: DeepLinkSink | null = null;
  private onError: (error: unknown) => void = () => {};

  /** Delivers now if the core is attached, otherwise keeps the link for attach(). */
  deliver(url: string): void {
    if (this.sink === null) {
      this.pending.push(url);
      if (this.pending.length > MAX_BUFFERED_LINKS) this.pending.shift();
      return;
    }
    this.forward(this.sink, url);
  }

  /** Attaches the core and flushes what arrived before it; later links go straight through. */
  attach(sink: DeepLinkSink, onError: (error: unknown) => void): void {
    this.sink = sink;
    this.onError = onError;
    for (const url of this.pending.splice(0)) this.forward(sink, url);
  }

  get buffered(): number {
    return this.pending.length;
  }

  private forward(sink: DeepLinkSink, url: string): void {
    // The core logs and ignores bad links itself; a rejection here is a bug worth a log line,
    // never an unhandled rejection that takes the main process down.
    sink.handleDeepLink(url).catch((error: unknown) => this.onError(error));
  }
}
