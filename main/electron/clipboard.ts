// The Clipboard port on Electron's clipboard. Main writes the diagnostics report and the
// device link itself, so neither passes through the page.
// Rule: Electron types only; main/index.ts passes the real clipboard in.
import type { Clipboard as ElectronClipboard } from 'electron';
import type { Clipboard, Logger } from '../ports';
import type { Expect } from './type-checks';

export type ClipboardLike = Pick<ElectronClipboard, 'writeText'>;
export type _ClipboardFits = Expect<ElectronClipboard extends ClipboardLike ? true : false>;

/**
 * The top-level clipboard is the system one (Linux's middle-click selection is a separate
 * object). Electron's write settles later; a refusal is logged here and handed back, so the
 * caller can tell the person the copy did not happen.
 */
export function createClipboard(clipboard: ClipboardLike, logger: Logger): Clipboard {
  return {
    async writeText(text) {
      try {
        await clipboard.writeText(text);
      } catch (error) {
        logger.warn('clipboard: the system refused a write', { error: error instanceof Error ? error.message : String(error) });
        throw error;
      }
    },
  };
}
