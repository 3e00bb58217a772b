// The Clipboard port on Electron's clipboard. Main writes the diagnostics report and the
// device link itself, so neither passes through the page. A device link is written with the
// marks each OS's clipboard history and managers honour, in the same atomic write as the
// text, so no history or sync ever sees it unmarked.
// Rule: Electron types only; main/electron/app-startup.ts passes the real clipboard and ClipboardItem in.
import type { ClipboardItem, Clipboard as ElectronClipboard } from 'electron';
import type { Clipboard, Logger } from '../../common/ports';
import type { Expect } from './type-checks';

export type ClipboardLike = Pick<ElectronClipboard, 'writeText' | 'write' | 'readText' | 'clear'>;
export type _ClipboardFits = Expect<ElectronClipboard extends ClipboardLike ? true : false>;
/** `(items) => new ClipboardItem(items)` in the app. */
export type ClipboardItemMaker = (items: Record<string, string | Blob>) => ClipboardItem;

/** Electron's name for a raw, platform-specific clipboard format. */
export const rawFormat = (name: string): string => `electron application/osclipboard;format="${name}"`;

/** A DWORD 0, the value Windows reads as "no" in its clipboard-history formats. */
const windowsNo = (): Blob => new Blob([new Uint8Array(4)]);

/**
 * The marks each OS honours, beside text/plain:
 * - macOS: nspasteboard.org's ConcealedType (password managers and clipboard histories skip it);
 * - Windows: out of the Win+V history, the cloud clipboard and clipboard monitors;
 * - Linux: KDE Klipper's password-manager hint (other desktops have no such mark).
 */
export function concealedFormats(platform: NodeJS.Platform): Record<string, string | Blob> {
  if (platform === 'darwin') return { [rawFormat('org.nspasteboard.ConcealedType')]: '' };
  if (platform === 'win32') {
    return {
      [rawFormat('ExcludeClipboardContentFromMonitorProcessing')]: windowsNo(),
      [rawFormat('CanIncludeInClipboardHistory')]: windowsNo(),
      [rawFormat('CanUploadToCloudClipboard')]: windowsNo(),
    };
  }
  if (platform === 'linux') return { [rawFormat('x-kde-passwordManagerHint')]: 'secret' };
  return {};
}

export interface ClipboardOptions {
  platform: NodeJS.Platform;
  makeItem: ClipboardItemMaker;
}

/**
 * The top-level clipboard is the system one (Linux's middle-click selection is a separate
 * object). Electron's write settles later; a refusal is logged here and handed back, so the
 * caller can tell the person the copy did not happen.
 */
export function createClipboard(clipboard: ClipboardLike, logger: Logger, options: ClipboardOptions): Clipboard {
  const refusedWrite = (error: unknown): never => {
    logger.warn('clipboard: the system refused a write', { error: error instanceof Error ? error.message : String(error) });
    throw error;
  };
  return {
    async writeText(text) {
      await clipboard.writeText(text).catch(refusedWrite);
    },
    async writeSecret(text) {
      const item = options.makeItem({ 'text/plain': text, ...concealedFormats(options.platform) });
      await clipboard.write([item]).catch(refusedWrite);
    },
    readText: () => clipboard.readText(),
    clear: () => clipboard.clear(),
  };
}
