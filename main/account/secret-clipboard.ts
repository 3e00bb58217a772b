// A link that signs someone in stays on the clipboard no longer than it works: when it
// expires, the clipboard is cleared if it still holds that very link. Whatever the person
// copied since is theirs and is left alone.
// Rule: nothing here may import electron; the link is compared, never logged.
import type { Clipboard, Clock, Logger } from '../../common/ports';
import { schedule, type Cancel } from '../session/timers';

export interface SecretClipboardDeps {
  clipboard: Clipboard;
  clock: Clock;
  logger: Logger;
}

export interface SecretClipboard {
  /** Writes `text` marked as secret and clears it at `expiresAtMs`; rejects when the OS refuses. */
  copy(text: string, expiresAtMs: number): Promise<void>;
}

export function createSecretClipboard(deps: SecretClipboardDeps): SecretClipboard {
  const { clipboard, clock, logger } = deps;
  let pending: Cancel | null = null;

  /** Never rejects: it runs from a timer, with nobody to hand a failure to but the log. */
  const clearIfStillHeld = async (text: string): Promise<void> => {
    pending = null;
    try {
      if ((await clipboard.readText()) !== text) return;
      clipboard.clear();
      logger.info('clipboard: cleared a link that has expired');
    } catch (error) {
      logger.warn('clipboard: could not clear an expired link', { error: error instanceof Error ? error.message : String(error) });
    }
  };

  return {
    async copy(text, expiresAtMs) {
      await clipboard.writeSecret(text);
      // One link at a time: a newer copy replaces the older one's clear.
      pending?.();
      pending = schedule(expiresAtMs - clock.now(), () => void clearIfStillHeld(text));
    },
  };
}
